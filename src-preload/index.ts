import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridgeNames } from '../src-shared/desktop-api/channels.js';

// The renderer is sandboxed and context-isolated: it sees only these named functions, never
// ipcRenderer, so it can reach no channel that main has not declared in the DesktopApi contract.
// Main validates every call; this file stays free of logic.
//
// The names come from the contract table (src-shared/desktop-api/index.ts), written into this
// bundle at build time by electron.vite.config.ts: a sandboxed preload bundles what it imports,
// and the table's schemas would bring the whole schema library along.
declare const RATEDESK_DESKTOP_BRIDGE: DesktopBridgeNames;

// The listener gets the payload only, not the IpcRendererEvent (whose `sender` is ipcRenderer).
// Main checks each payload against the contract before sending it.
function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const bridge = RATEDESK_DESKTOP_BRIDGE;
const api: Record<string, unknown> = {};
for (const [name, channel] of bridge.calls) {
  api[name] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
}
for (const [name, channel] of bridge.events) {
  api[name] = (listener: (payload: unknown) => void) => subscribe(channel, listener);
}

contextBridge.exposeInMainWorld('ratedesk', api);
