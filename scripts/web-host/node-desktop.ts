// The app composed in plain Node for the web host (src-main/compose.ts, which the Electron main
// process calls too). Only the host pieces differ: JSON files instead of electron-store, a key
// file instead of safeStorage (file-key-cipher.ts), the sign-in page handed to the browser
// instead of shell.openExternal, headless Chromium instead of printToPDF, and the network state
// told by the e2e harness instead of polled.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { composeApp } from '../../src-main/compose.js';
import type { DesktopServices } from '../../src-main/services/desktop-services.js';
import { createJsonFileStore } from '../../src-main/settings/json-file-store.js';
import { SYNC_INTERVAL_MS } from '../../src-main/sync/desktop-sync.js';
import { startSyncThread } from '../../src-main/sync/worker/thread-transport.js';
import type { AppInfo } from '../../src-shared/desktop-api/index.js';
import { isProductionEnv } from '../../src-shared/time/clock.js';
import { chromiumPdfPrinterFor } from './chromium-pdf-printer.js';
import { openFileKeyCipher } from './file-key-cipher.js';

export interface NodeDesktop {
  services: DesktopServices;
  /** Calls `listener` with each sign-in page the session wants opened; returns the unsubscribe. */
  onOpenExternal(listener: (url: string) => void): () => void;
  /** Tells the sync engine the network went or came back (Electron polls for it instead). */
  networkChanged(online: boolean): void;
  close(): Promise<void>;
}

export interface NodeDesktopOptions {
  /** Folder for the cache, the settings, the sealed tokens and their key. */
  dataDir: string;
  appInfo: AppInfo;
  env: Readonly<Record<string, string | undefined>>;
  /** Background sync interval; 0 turns it off (tests sync on demand). */
  syncIntervalMs?: number;
  /** The laptop's clock as the app reads it (tests set it wrong); default the real one. */
  laptopClock?: () => Date;
}

export async function openNodeDesktop(options: NodeDesktopOptions): Promise<NodeDesktop> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const openListeners = new Set<(url: string) => void>();
  const networkListeners = new Set<(online: boolean) => void>();
  const app = await composeApp({
    appInfo: options.appInfo,
    settingsStore: createJsonFileStore(join(options.dataDir, 'settings.json')),
    env: options.env,
    // RATEDESK_CLOCK (tests and demos) is honoured here, as by the server, unless production mode is on.
    production: isProductionEnv(options.env),
    tokenStore: createJsonFileStore(join(options.dataDir, 'session.json')),
    cipher: openFileKeyCipher(join(options.dataDir, 'session.key')),
    cacheFolder: options.dataDir,
    openExternal: (url) => {
      // Also in the log: a browser that blocked the sign-in tab leaves the developer this link.
      console.log(`[web-host] sign-in page: ${url}`);
      for (const listener of openListeners) listener(url);
      return Promise.resolve();
    },
    // Headless Chromium into a downloads folder (a browser tab has no save dialog); null without a Chromium.
    printer: chromiumPdfPrinterFor(options.env, options.dataDir),
    // No dialog outside the page can ask the rep here, and the page alone must not be able to
    // send tokens elsewhere; connection settings come from the environment in development anyway.
    confirmConnectionChange: (changes) => {
      console.warn(`[web-host] refused a change of ${changes.map((change) => change.key).join(', ')}; set it in the environment instead`);
      return Promise.resolve(false);
    },
    // The sync and its SQLite writes in a worker thread, as the app runs them in a utilityProcess.
    startSyncWorker: startSyncThread,
    watchNetwork: (onChange) => {
      networkListeners.add(onChange);
      return () => networkListeners.delete(onChange);
    },
    ...(options.laptopClock === undefined ? {} : { laptopClock: options.laptopClock }),
  });
  app.start({ syncIntervalMs: options.syncIntervalMs ?? SYNC_INTERVAL_MS });

  return {
    services: app.services,
    onOpenExternal(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    networkChanged(online) {
      for (const listener of networkListeners) listener(online);
    },
    close: () => app.close(),
  };
}
