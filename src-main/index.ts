import { app, BrowserWindow, net, screen, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { desktopEvents } from '../src-shared/desktop-api.js';
import { createAdminApiClient, desktopUserAgent } from './admin/admin-api-client.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { openDesktopAuthSession } from './auth/electron-auth.js';
import { appInfo } from './ipc/app-info.js';
import { confirmConnectionChange } from './ipc/confirm-connection-change.js';
import { sendDesktopEvent } from './ipc/desktop-events.js';
import { registerDesktopHandlers } from './ipc/register-desktop-handlers.js';
import { createMainWindow } from './main-window.js';
import { createIllustrationPrinter } from './print/illustration-pdf.js';
import { rendererLocation } from './security/app-origin.js';
import { denyAllPermissions, hardenAllWebContents } from './security/harden-web-contents.js';
import { clearLocalCache } from './services/clear-local-cache.js';
import { createDesktopServices } from './services/desktop-services.js';
import { openElectronSettings } from './settings/electron-settings.js';
import type { SettingsStore } from './settings/settings.js';
import { pendingUploadCount } from './store/comparison-repository.js';
import { openUserStore } from './store/open-user-store.js';
import type { OpenedClientStore } from './store/rebuild-cache.js';
import { restoreBounds, trackWindowBounds } from './window-state.js';
import { createDesktopSync, SYNC_INTERVAL_MS, type DesktopSync } from './sync/desktop-sync.js';

// Entry of the Electron main process: wiring only. The bundle lives in out/main/, next to
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

let mainWindow: BrowserWindow | null = null;
let openStore: OpenedClientStore | null = null;

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

let openSync: DesktopSync | null = null;

/** Electron has no online/offline event in main; a cheap poll tells the engine when the network returns. */
function watchNetwork(sync: DesktopSync): void {
  let online = net.isOnline();
  setInterval(() => {
    const now = net.isOnline();
    if (now !== online) sync.engine.networkChanged(now);
    online = now;
  }, 15_000).unref();
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  if (!isDevelopment) serveRenderer(rendererRoot);

  const settings = openElectronSettings();
  const store = await openUserStore();
  openStore = store;
  const db = store.handle.db;
  const auth = await openDesktopAuthSession({
    settings: settings.get(),
    pendingUploads: () => pendingUploadCount(db),
    clearCache: () => clearLocalCache(db),
  });
  const info = appInfo();
  const userAgent = desktopUserAgent(info.version);
  const sync = createDesktopSync({
    db,
    catalogBulk: store.handle.catalogBulk,
    serverUrl: settings.get().serverUrl,
    auth,
    stalenessWarningDays: settings.get().stalenessWarningDays,
    userAgent,
  });
  openSync = sync;
  const admin = createAdminApiClient({
    baseUrl: settings.get().serverUrl,
    getAccessToken: () => auth.getAccessToken(),
    reportRejectedToken: (token) => auth.reportRejectedToken(token),
    userAgent,
  });
  const services = createDesktopServices({
    appInfo: info,
    store: store.handle,
    auth,
    sync,
    admin,
    settings,
    printer: createIllustrationPrinter(() => mainWindow),
    confirmConnectionChange: (changes) => confirmConnectionChange(mainWindow, changes),
  });
  registerDesktopHandlers(services.handlers, renderer.origin);
  services.onSyncStatus((status) => sendDesktopEvent(mainWindow?.webContents ?? null, desktopEvents.syncStatus, status));
  services.onAuthState((state) => sendDesktopEvent(mainWindow?.webContents ?? null, desktopEvents.authState, state));

  openMainWindow(settings);
  sync.engine.start({ intervalMs: SYNC_INTERVAL_MS });
  watchNetwork(sync);

  // macOS keeps the app alive without windows and reopens one from the dock.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow(settings);
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
  // once that is done (the second will-quit finds no store and lets it through).
  app.on('will-quit', (event) => {
    const store = openStore;
    if (store === null) return;
    openStore = null;
    openSync?.engine.stop();
    openSync = null;
    event.preventDefault();
    store.handle
      .close()
      .catch((error: unknown) => console.error('[store] could not close the cache cleanly', error))
      .finally(() => app.quit());
  });

  start().catch((error: unknown) => {
    console.error('[main] RateDesk failed to start', error);
    app.exit(1);
  });
}
