import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { desktopChannels, type DesktopChannel } from '../../src-shared/desktop-api.js';
import { runDesktopCall, type DesktopHandlers, type DesktopSender } from './desktop-call.js';

// Registers every channel of the DesktopApi contract. Taking the full DesktopHandlers map (rather
// than one ipcMain.handle call per feature) makes a channel without a handler a type error.
export function registerDesktopHandlers(handlers: DesktopHandlers, trustedOrigin: string): void {
  for (const channel of Object.values(desktopChannels)) {
    registerChannel(channel, handlers, trustedOrigin);
  }
}

function registerChannel<C extends DesktopChannel>(channel: C, handlers: DesktopHandlers, trustedOrigin: string): void {
  const handler = handlers[channel];
  ipcMain.handle(channel, (event, ...args: unknown[]) => runDesktopCall(channel, handler, senderOf(event), args, trustedOrigin));
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
