import { app, BrowserWindow, net, screen, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { isProductionEnv } from '../../src-shared/time/clock.js';
import { composeApp, type ComposedApp } from '../compose.js';
import { startAutoUpdate } from './auto-update.js';
import { forwardDesktopEvents, sendDesktopEvent } from '../ipc/desktop-events.js';
import { rendererLocation } from '../security/app-origin.js';
import type { SettingsStore } from '../settings/settings.js';
import { SYNC_INTERVAL_MS } from '../sync/desktop-sync.js';
import { restoreBounds, trackWindowBounds } from '../window-state.js';
import { appInfo } from './app-info.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { confirmConnectionChange } from './confirm-connection-change.js';
import { openElectronKeyValueStore } from './electron-store.js';
import { denyAllPermissions, hardenAllWebContents } from './harden-web-contents.js';
import { createIllustrationPrinter } from './illustration-pdf.js';
import { createMainWindow } from './main-window.js';
import { registerDesktopHandlers } from './register-desktop-handlers.js';
import { safeStorageCipher } from './safe-storage-cipher.js';
import { startSyncUtilityProcess } from './sync-utility-process.js';
import { userCacheLocation } from './user-cache.js';
import { bundledEndpoints } from '../settings/build-endpoints.js';

// Entry of the Electron main process (electron.vite.config.ts): the Electron host pieces handed to
// composeApp, then IPC, events and the window. The bundle lives in out/main/, next to
// out/preload/ and out/renderer/ (inside app.asar when packaged).
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../renderer/', import.meta.url));

// electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app always serves its own files.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const renderer = rendererLocation(devServerUrl);
const isDevelopment = devServerUrl !== undefined && devServerUrl !== '';

// Same numbers as main-window.ts (its defaults and minimums).
const DEFAULT_SIZE = { width: 1280, height: 820 };
const MINIMUM_SIZE = { width: 960, height: 640 };
// Electron has no online/offline event in main; a cheap poll tells the engine when the network returns.
const NETWORK_POLL_MS = 15_000;

let mainWindow: BrowserWindow | null = null;
let composed: ComposedApp | null = null;

function openMainWindow(settings: SettingsStore): void {
  const window = createMainWindow({ preloadPath, entryUrl: renderer.entryUrl });
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
  const bounds = restoreBounds(settings.get().windowBounds, { workAreas, defaultSize: DEFAULT_SIZE, minimumSize: MINIMUM_SIZE });
  if (bounds.x !== undefined && bounds.y !== undefined) {
    window.setBounds({ x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height });
  } else {
    window.setSize(bounds.width, bounds.height);
    window.center();
  }
  trackWindowBounds(window, (next) => {
    try {
      settings.update({ windowBounds: next });
    } catch (error) {
      console.warn('[window] could not remember the window position', error);
    }
  });

  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
}

function watchNetwork(onChange: (online: boolean) => void): () => void {
  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now !== online) onChange(now);
    online = now;
  }, NETWORK_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  if (!isDevelopment) serveRenderer(rendererRoot);

  const desktop = await composeApp({
    appInfo: appInfo(),
    settingsStore: openElectronKeyValueStore('settings'),
    env: process.env,
    // A packaged app is production: RATEDESK_CLOCK (tests and demos) is ignored there.
    production: app.isPackaged || isProductionEnv(process.env),
    // Endpoints from the build (https), never from OKTA_ISSUER/RATEDESK_SERVER_URL, once packaged.
    packaged: app.isPackaged ? { buildEndpoints: bundledEndpoints() } : undefined,
    // A file of its own: settings can be shown, exported or reset without touching the sign-in.
    tokenStore: openElectronKeyValueStore('session'),
    cipher: safeStorageCipher,
    ...userCacheLocation(),
    openExternal: (url) => shell.openExternal(url),
    printer: createIllustrationPrinter(() => mainWindow),
    confirmConnectionChange: (changes) => confirmConnectionChange(mainWindow, changes),
    watchNetwork,
    // The sync engine and its SQLite writes off the UI thread, in a utilityProcess.
    startSyncWorker: startSyncUtilityProcess,
    // Checked at start and daily; installed only on the rep's say-so.
    startUpdates: (installation) => startAutoUpdate({ deviceId: installation.deviceId }),
  });
  composed = desktop;
  registerDesktopHandlers(desktop.services.handlers, renderer.origin);
  forwardDesktopEvents(desktop.services, (event, payload) => sendDesktopEvent(mainWindow?.webContents ?? null, event, payload));

  openMainWindow(desktop.settings);
  desktop.start({ syncIntervalMs: SYNC_INTERVAL_MS });

  // macOS keeps the app alive without windows and reopens one from the dock.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow(desktop.settings);
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
  // Close the cache before exiting so SQLite checkpoints its WAL into the file; quitting resumes
  // once that is done (the second will-quit finds nothing open and lets it through).
  app.on('will-quit', (event) => {
    const open = composed;
    if (open === null) return;
    composed = null;
    event.preventDefault();
    open
      .close()
      .catch((error: unknown) => console.error('[store] could not close the cache cleanly', error))
      .finally(() => app.quit());
  });

  start().catch((error: unknown) => {
    console.error('[main] RateDesk failed to start', error);
    app.exit(1);
  });
}
