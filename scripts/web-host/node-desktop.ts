// What src-main/index.ts composes inside Electron, composed in plain Node for the web host: the
// settings file, the SQLite cache, the sign-in session, the sync engine and the desktop services.
// Only the Electron-bound pieces differ: a JSON file instead of electron-store, a key file instead
// of safeStorage (file-key-cipher.ts), and the sign-in page handed to the browser instead of
// shell.openExternal.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openAuthSession } from '../../src-main/auth/session.js';
import { TokenVault } from '../../src-main/auth/token-vault.js';
import { createAdminApiClient, desktopUserAgent } from '../../src-main/admin/admin-api-client.js';
import { isAllowedExternalUrl } from '../../src-main/security/external-links.js';
import { clearLocalCache } from '../../src-main/services/clear-local-cache.js';
import { createDesktopServices, type DesktopServices } from '../../src-main/services/desktop-services.js';
import { createJsonFileStore } from '../../src-main/settings/json-file-store.js';
import { createSettingsStore } from '../../src-main/settings/settings.js';
import { pendingUploadCount, resetInterruptedUploads } from '../../src-main/store/comparison-repository.js';
import { openOrRebuild } from '../../src-main/store/rebuild-cache.js';
import { createDesktopSync, SYNC_INTERVAL_MS } from '../../src-main/sync/desktop-sync.js';
import type { AppInfo } from '../../src-shared/desktop-api.js';
import { chromiumPdfPrinterFor } from './chromium-pdf-printer.js';
import { openFileKeyCipher } from './file-key-cipher.js';

// Same name as the app's (src-main/store/open-user-store.ts, which imports Electron).
const CACHE_FILE_NAME = 'ratedesk-cache.sqlite';

export interface NodeDesktop {
  services: DesktopServices;
  /** Calls `listener` with each sign-in page the session wants opened; returns the unsubscribe. */
  onOpenExternal(listener: (url: string) => void): () => void;
  /** Tells the sync engine the network went or came back (Electron: src-main/index.ts watchNetwork). */
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
}

export async function openNodeDesktop(options: NodeDesktopOptions): Promise<NodeDesktop> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const settings = createSettingsStore(createJsonFileStore(join(options.dataDir, 'settings.json')), { env: options.env });
  const store = await openOrRebuild({ file: join(options.dataDir, CACHE_FILE_NAME) });
  if (store.report.rebuilt) console.warn('[web-host] the local cache was rebuilt', store.report);
  const db = store.handle.db;
  await resetInterruptedUploads(db);

  const openListeners = new Set<(url: string) => void>();
  const vault = new TokenVault(createJsonFileStore(join(options.dataDir, 'session.json')), openFileKeyCipher(join(options.dataDir, 'session.key')));
  const auth = await openAuthSession({
    issuer: settings.get().oktaIssuer,
    clientId: settings.get().oktaClientId,
    vault,
    openExternal: (url) => {
      if (!isAllowedExternalUrl(url, { allowLoopbackHttp: true })) return Promise.reject(new Error('refusing to open a sign-in page that is not https'));
      // Also in the log: a browser that blocked the sign-in tab leaves the developer this link.
      console.log(`[web-host] sign-in page: ${url}`);
      for (const listener of openListeners) listener(url);
      return Promise.resolve();
    },
    pendingUploads: () => pendingUploadCount(db),
    clearCache: () => clearLocalCache(db),
  });
  const userAgent = desktopUserAgent(options.appInfo.version);
  const sync = createDesktopSync({
    db,
    catalogBulk: store.handle.catalogBulk,
    serverUrl: settings.get().serverUrl,
    auth,
    stalenessWarningDays: settings.get().stalenessWarningDays,
    userAgent,
  });
  const services = createDesktopServices({
    appInfo: options.appInfo,
    store: store.handle,
    auth,
    sync,
    admin: createAdminApiClient({
      baseUrl: settings.get().serverUrl,
      getAccessToken: () => auth.getAccessToken(),
      reportRejectedToken: (token) => auth.reportRejectedToken(token),
      userAgent,
    }),
    settings,
    // Headless Chromium into a downloads folder (a browser tab has no save dialog); null without a Chromium.
    printer: chromiumPdfPrinterFor(options.env, options.dataDir),
    // No dialog outside the page can ask the rep here, and the page alone must not be able to
    // send tokens elsewhere; connection settings come from the environment in development anyway.
    confirmConnectionChange: (changes) => {
      console.warn(`[web-host] refused a change of ${changes.map((change) => change.key).join(', ')}; set it in the environment instead`);
      return Promise.resolve(false);
    },
  });
  const intervalMs = options.syncIntervalMs ?? SYNC_INTERVAL_MS;
  if (intervalMs > 0) sync.engine.start({ intervalMs });

  return {
    services,
    onOpenExternal(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    networkChanged: (online) => sync.engine.networkChanged(online),
    async close() {
      sync.engine.stop();
      await store.handle.close();
    },
  };
}
