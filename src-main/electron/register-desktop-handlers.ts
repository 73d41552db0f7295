import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelOf, desktopMethodNames, type DesktopMethod } from '../../src-shared/desktop-api/index.js';
import { runDesktopCall, type DesktopHandlers, type DesktopSender } from '../ipc/desktop-call.js';

// Registers every method of the DesktopApi contract table on its channel. Taking the full
// DesktopHandlers map (rather than one ipcMain.handle call per feature) makes a method without a
// handler a type error.
export function registerDesktopHandlers(handlers: DesktopHandlers, trustedOrigin: string): void {
  for (const method of desktopMethodNames) {
    registerMethod(method, handlers, trustedOrigin);
  }
}

function registerMethod<M extends DesktopMethod>(method: M, handlers: DesktopHandlers, trustedOrigin: string): void {
  const handler = handlers[method];
  ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => runDesktopCall(method, handler, senderOf(event), args, trustedOrigin));
}

function senderOf(event: IpcMainInvokeEvent): DesktopSender {
  const frame = event.senderFrame;
  // Only a frame that is the top frame of one of our BrowserWindows counts as the main frame;
  // webContents without a window (none exist today) are treated like subframes.
  const inWindow = BrowserWindow.fromWebContents(event.sender) !== null;
  return {
    frameUrl: frame?.url ?? null,
    isMainFrame: inWindow && frame !== null && frame.parent === null,
  };
}
