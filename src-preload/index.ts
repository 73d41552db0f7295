import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi } from '../src-shared/desktop-api.js';
import { desktopChannels } from '../src-shared/desktop-channels.js';

// The renderer is sandboxed and context-isolated: it sees only these named functions, never
// ipcRenderer, so it can reach no channel that main has not declared in the DesktopApi contract.
// Main validates every call; this file stays free of logic.
const api = {
  appInfo: () => ipcRenderer.invoke(desktopChannels.appInfo),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('ratedesk', api);
