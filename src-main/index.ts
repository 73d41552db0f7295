import { app, BrowserWindow, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { desktopChannels } from '../src-shared/desktop-api.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { appInfo } from './ipc/app-info.js';
import { registerDesktopHandlers } from './ipc/register-desktop-handlers.js';
import { createMainWindow } from './main-window.js';
import { rendererLocation } from './security/app-origin.js';
import { denyAllPermissions, hardenAllWebContents } from './security/harden-web-contents.js';

// Entry of the Electron main process: wiring only. The bundle lives in out/main/, next to
// out/preload/ and out/renderer/ (inside app.asar when packaged).
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../renderer/', import.meta.url));

// electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app always serves its own files.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const renderer = rendererLocation(devServerUrl);
const isDevelopment = devServerUrl !== undefined && devServerUrl !== '';

let mainWindow: BrowserWindow | null = null;

function openMainWindow(): void {
  mainWindow = createMainWindow({ preloadPath, entryUrl: renderer.entryUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  if (!isDevelopment) serveRenderer(rendererRoot);
  registerDesktopHandlers({ [desktopChannels.appInfo]: appInfo }, renderer.origin);
  openMainWindow();

  // macOS keeps the app alive without windows and reopens one from the dock.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

// A second instance would open a second SQLite cache writer; focus the first window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Both must happen before 'ready'.
  registerAppScheme();
  app.enableSandbox();
  hardenAllWebContents(renderer.origin, { allowLoopbackHttp: isDevelopment });

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  start().catch((error: unknown) => {
    console.error('[main] RateDesk failed to start', error);
    app.exit(1);
  });
}
