// The Electron shell (src-main/electron/) checked in Node. `electron` below is a STAND-IN, not
// Electron: the Electron binary cannot run on this test machine (no display, no download), so the
// module is replaced with objects that record what the shell asks of it. What is checked is the
// shell's side of the bargain: the options it creates the window with, the policy it serves, the
// navigation and window-opening it refuses, the IPC channels it registers and the senders it
// refuses, and where the tokens go without safeStorage. That Electron honours those options is
// the real-binary smoke test's job (npm run test:electron, test/e2e/electron-smoke.spec.ts).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenVault, TOKEN_VAULT_KEY, type StoredTokens } from '../../../../src-main/auth/token-vault.js';
import type { DesktopHandlers } from '../../../../src-main/ipc/desktop-call.js';
import { createMemoryKeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { channelOf, desktopMethodNames } from '../../../../src-shared/desktop-api/index.js';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const appListeners = new Map<string, Listener[]>();
  const windows: Array<{ options: Record<string, unknown>; loaded: string[] }> = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  let protocolHandler: ((request: Request) => Promise<Response>) | null = null;
  const safeStorage = {
    available: false,
    backend: 'gnome_libsecret',
    isAsyncEncryptionAvailable: async () => safeStorage.available,
    getSelectedStorageBackend: () => safeStorage.backend,
    encryptStringAsync: async (text: string) => Buffer.from(text, 'utf8').reverse(),
    decryptStringAsync: async (bytes: Buffer) => ({ result: Buffer.from(bytes).reverse().toString('utf8'), shouldReEncrypt: false }),
  };
  class BrowserWindow {
    static windowForContents = true;
    static fromWebContents(): BrowserWindow | null {
      return BrowserWindow.windowForContents ? new BrowserWindow({}, false) : null;
    }
    readonly record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>, track = true) {
      this.record = { options, loaded: [] };
      if (track) windows.push(this.record);
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    appListeners,
    windows,
    ipcHandlers,
    safeStorage,
    BrowserWindow,
    protocolHandler: () => protocolHandler,
    module: {
      app: {
        on: (name: string, listener: Listener) => appListeners.set(name, [...(appListeners.get(name) ?? []), listener]),
      },
      BrowserWindow,
      ipcMain: { handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => ipcHandlers.set(channel, handler) },
      shell: { openExternal: vi.fn(async () => undefined) },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(),
        handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
          protocolHandler = handler;
        },
      },
      net: { fetch: async () => new Response('<!doctype html><title>RateDesk</title>', { status: 200 }) },
      safeStorage,
    },
  };
});

vi.mock('electron', () => electron.module);

const { createMainWindow } = await import('../../../../src-main/electron/main-window.js');
const { serveRenderer } = await import('../../../../src-main/electron/app-protocol.js');
const { denyAllPermissions, hardenAllWebContents } = await import('../../../../src-main/electron/harden-web-contents.js');
const { registerDesktopHandlers } = await import('../../../../src-main/electron/register-desktop-handlers.js');
const { safeStorageCipher } = await import('../../../../src-main/electron/safe-storage-cipher.js');

const ORIGIN = 'app://ratedesk';

afterEach(() => {
  vi.clearAllMocks();
});

describe('the main window', () => {
  it('is created sandboxed and context-isolated, without Node, with web security on', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', entryUrl: `${ORIGIN}/index.html` });
    const created = electron.windows.at(-1);
    expect(created?.options['webPreferences']).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(created?.loaded).toEqual([`${ORIGIN}/index.html`]);
  });
});

describe('the content security policy', () => {
  it('is sent with every file the app scheme serves (frame-ancestors works only as a header)', async () => {
    serveRenderer('/app/out/renderer');
    const handler = electron.protocolHandler();
    if (handler === null) throw new Error('serveRenderer registered no handler');
    const page = await handler(new Request(`${ORIGIN}/index.html`));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect((await handler(new Request(`${ORIGIN}/index.html`, { method: 'POST' }))).status).toBe(405);
  });

  it('is in the page itself: scripts and styles from the app only, no inline code, no plug-ins', () => {
    const html = readFileSync(new URL('../../../../src-renderer/index.html', import.meta.url), 'utf8');
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('navigation and new windows', () => {
  type Handler = (...args: unknown[]) => unknown;
  let contents: { listeners: Map<string, Handler>; windowOpen: Handler | null };

  beforeEach(() => {
    hardenAllWebContents(ORIGIN, {});
    const created = electron.appListeners.get('web-contents-created')?.at(-1);
    contents = { listeners: new Map(), windowOpen: null };
    const target = {
      on: (name: string, listener: Handler) => contents.listeners.set(name, listener),
      setWindowOpenHandler: (handler: Handler) => {
        contents.windowOpen = handler;
      },
    };
    created?.({}, target);
  });

  function navigate(eventName: string, url: string): boolean {
    const event = { preventDefault: vi.fn() };
    contents.listeners.get(eventName)?.(event, url);
    return event.preventDefault.mock.calls.length > 0;
  }

  it('keeps the window on the app origin and sends web links to the system browser', () => {
    expect(navigate('will-navigate', `${ORIGIN}/index.html#/compare`)).toBe(false);
    expect(navigate('will-navigate', 'https://www.example.com/rates')).toBe(true);
    expect(electron.module.shell.openExternal).toHaveBeenCalledWith('https://www.example.com/rates');
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example.com/')).toBe(true);
    expect(navigate('will-redirect', `${ORIGIN}/index.html`)).toBe(false);
    expect(navigate('will-attach-webview', 'https://evil.example.com/')).toBe(true);
    expect(electron.module.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('never opens a new Electron window', () => {
    expect(contents.windowOpen?.({ url: 'https://www.example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen?.({ url: `${ORIGIN}/index.html` })).toEqual({ action: 'deny' });
    expect(contents.windowOpen?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electron.module.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies every permission request and check', () => {
    const set: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: () => boolean;
    } = {};
    const session = {
      setPermissionRequestHandler: (handler: typeof set.request) => (set.request = handler),
      setPermissionCheckHandler: (handler: typeof set.check) => (set.check = handler),
    };
    denyAllPermissions(session as unknown as Parameters<typeof denyAllPermissions>[0]);
    const callback = vi.fn();
    set.request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(set.check?.()).toBe(false);
  });
});

describe('IPC registration', () => {
  const appInfo = vi.fn(() => ({ name: 'RateDesk', version: '0.1.0' }));
  // Only app-info is called below; the other handlers are never looked up.
  const handlers = { appInfo } as Partial<DesktopHandlers> as DesktopHandlers;
  const invoke = (url: string | null, options: { parent?: unknown; inWindow?: boolean } = {}) => {
    electron.BrowserWindow.windowForContents = options.inWindow ?? true;
    const handler = electron.ipcHandlers.get('app-info');
    if (handler === undefined) throw new Error('app-info was not registered');
    return handler({ sender: {}, senderFrame: url === null ? null : { url, parent: options.parent ?? null } });
  };

  beforeEach(() => {
    electron.ipcHandlers.clear();
    registerDesktopHandlers(handlers, ORIGIN);
  });

  it('registers one channel per method of the contract table, and nothing else', () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(desktopMethodNames.map(channelOf).sort());
  });

  it('answers the main frame of the app window', async () => {
    await expect(invoke(`${ORIGIN}/index.html`)).resolves.toEqual({ ok: true, value: { name: 'RateDesk', version: '0.1.0' } });
  });

  it.each([
    ['another origin', 'https://evil.example.com/', {}],
    ['a subframe of the app page', `${ORIGIN}/index.html`, { parent: {} }],
    ['web contents outside any window', `${ORIGIN}/index.html`, { inWindow: false }],
    ['a frame that is gone', null, {}],
  ] as const)('refuses %s without running the handler', async (_label, url, options) => {
    appInfo.mockClear();
    await expect(invoke(url, options)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(appInfo).not.toHaveBeenCalled();
  });
});

describe('tokens without safeStorage', () => {
  const tokens: StoredTokens = {
    issuer: 'https://example.okta.com/oauth2/default',
    clientId: 'ratedesk-desktop',
    accessToken: 'access-token-SECRET',
    refreshToken: 'refresh-token-SECRET',
    accessTokenExpiresAt: 1_900_000_000,
    scopes: ['openid', 'offline_access'],
    user: { subject: '00u-rep', groups: ['ratedesk-reps'] },
  };
  const platform = Object.getOwnPropertyDescriptor(process, 'platform');

  afterEach(() => {
    if (platform !== undefined) Object.defineProperty(process, 'platform', platform);
    electron.safeStorage.available = false;
    electron.safeStorage.backend = 'gnome_libsecret';
  });

  async function saveWith(available: boolean, backend: string) {
    electron.safeStorage.available = available;
    electron.safeStorage.backend = backend;
    const store = createMemoryKeyValueStore();
    const vault = new TokenVault(store, safeStorageCipher, { warn: () => undefined });
    return { persistence: await vault.save(tokens), stored: store.get(TOKEN_VAULT_KEY), vault };
  }

  it('keeps them in memory only when the OS offers no encryption', async () => {
    const { persistence, stored, vault } = await saveWith(false, 'gnome_libsecret');
    expect(persistence).toBe('memory-only');
    expect(stored).toBeUndefined();
    expect(await vault.load()).toEqual(tokens);
  });

  it('keeps them in memory only on Linux without a keyring (safeStorage would use a hard-coded key)', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux' });
    const { persistence, stored } = await saveWith(true, 'basic_text');
    expect(persistence).toBe('memory-only');
    expect(stored).toBeUndefined();
  });

  it('stores them sealed when safeStorage can encrypt', async () => {
    const { persistence, stored } = await saveWith(true, 'gnome_libsecret');
    expect(persistence).toBe('encrypted');
    expect(JSON.stringify(stored)).not.toContain(tokens.accessToken);
  });
});
