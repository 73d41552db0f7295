// The preload (src-preload/index.ts) run in Node against a STAND-IN for the `electron` module: the
// Electron binary cannot run on this test machine. The build writes the contract table's names
// into the preload (electron.vite.config.ts, `define`); here the same names are set as the global
// the build would replace, and the test checks what the preload hands to the page.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { channelOf, desktopApiFunctionNames, desktopBridgeNames } from '../../../src-shared/desktop-api/index.js';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    module: {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() },
    },
  };
});

vi.mock('electron', () => electron.module);
vi.stubGlobal('RATEDESK_DESKTOP_BRIDGE', desktopBridgeNames());
await import('../../../src-preload/index.js');
const api = electron.exposed.get('ratedesk') as Record<string, (...args: unknown[]) => unknown>;

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('the preload', () => {
  it('exposes exactly the DesktopApi functions, and nothing of ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['ratedesk']);
    expect(Object.keys(api).sort()).toEqual([...desktopApiFunctionNames].sort());
    for (const name of Object.keys(api)) expect(typeof api[name]).toBe('function');
  });

  it("invokes each method on its channel with the renderer's arguments", async () => {
    await api['saveComparison']?.({ comparison: 'as shown', clientReference: null });
    expect(electron.module.ipcRenderer.invoke).toHaveBeenLastCalledWith('save-comparison', { comparison: 'as shown', clientReference: null });
    await api['appInfo']?.();
    expect(electron.module.ipcRenderer.invoke).toHaveBeenLastCalledWith('app-info');
  });

  it('hands an event listener the payload only, and unsubscribes it', () => {
    const listener = vi.fn();
    const stop = api['onSyncStatus']?.(listener) as () => void;
    const [channel, forward] = electron.module.ipcRenderer.on.mock.lastCall as unknown as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe(channelOf('onSyncStatus'));
    forward({ sender: 'ipcRenderer itself' }, { state: 'idle' });
    expect(listener).toHaveBeenCalledWith({ state: 'idle' });
    stop();
    expect(electron.module.ipcRenderer.removeListener).toHaveBeenCalledWith(channel, forward);
  });

  it('gets those names from the contract table when it is built', async () => {
    const config = (await import('../../../electron.vite.config.js')).default as { preload?: { define?: Record<string, string> } };
    expect(JSON.parse(config.preload?.define?.['RATEDESK_DESKTOP_BRIDGE'] ?? 'null')).toEqual(desktopBridgeNames());
  });
});
