// The app's services, built once from what the host supplies. Both hosts call this: the Electron
// main process (electron/main.ts: electron-store files, safeStorage, the system browser,
// printToPDF) and the development web host (scripts/web-host/node-desktop.ts: JSON files, a key
// file, a browser tab, headless Chromium). Everything else (the settings rules, the SQLite cache,
// the sign-in session, the sync engine, the admin client, the handlers) is the same code in both.
import { join } from 'node:path';
import type { AppInfo } from '../src-shared/desktop-api/index.js';
import { createAdminApiClient, desktopUserAgent } from './admin/admin-api-client.js';
import type { SecretCipher } from './auth/secret-cipher.js';
import { openAuthSession, type AuthSession } from './auth/session.js';
import { TokenVault } from './auth/token-vault.js';
import { isAllowedExternalUrl } from './security/external-links.js';
import { clearLocalCache } from './services/clear-local-cache.js';
import { createDesktopServices, type DesktopServices } from './services/desktop-services.js';
import type { IllustrationPrinter } from './services/illustration-services.js';
import type { ConnectionChange } from './services/settings-services.js';
import type { KeyValueStore } from './settings/key-value-store.js';
import { createSettingsStore, type SettingsStore } from './settings/settings.js';
import { pendingUploadCount, resetInterruptedUploads } from './store/outbox.js';
import { openOrRebuild, type OpenedClientStore } from './store/rebuild-cache.js';
import { createDesktopSync, type DesktopSync } from './sync/desktop-sync.js';

export const CACHE_FILE_NAME = 'ratedesk-cache.sqlite';

/** What differs between hosts; everything here is handed in, nothing is looked up. */
export interface HostPieces {
  appInfo: AppInfo;
  /** Where the settings are kept (an electron-store file, a JSON file). */
  settingsStore: KeyValueStore;
  /** Environment overrides of the settings (the development stack fixes its addresses). */
  env: Readonly<Record<string, string | undefined>>;
  /** Where the sealed tokens are kept, apart from the settings so those can be reset alone. */
  tokenStore: KeyValueStore;
  /** Seals the tokens; when it has no OS-protected key the tokens stay in memory only. */
  cipher: SecretCipher;
  /** The folder of the SQLite cache, and the better-sqlite3 build this process can load. */
  cacheFolder: string;
  nativeBinding?: string | undefined;
  /** Shows a sign-in page in a browser; only ever given an https (or loopback http) URL. */
  openExternal(url: string): Promise<void>;
  /** null where nothing can print. */
  printer: IllustrationPrinter | null;
  /** Asks the rep outside the renderer to confirm a new sign-in or server address. */
  confirmConnectionChange(changes: readonly ConnectionChange[]): Promise<boolean>;
  /** Calls `onChange` when the network goes or comes back; returns the function that stops watching. */
  watchNetwork?(onChange: (online: boolean) => void): () => void;
}

export interface ComposedApp {
  settings: SettingsStore;
  store: OpenedClientStore;
  auth: AuthSession;
  sync: DesktopSync;
  services: DesktopServices;
  /** Starts syncing every `syncIntervalMs` (0: only on demand) and watching the network. */
  start(options: { syncIntervalMs: number }): void;
  /** Stops syncing and closes the cache (SQLite checkpoints its WAL into the file). */
  close(): Promise<void>;
}

export async function composeApp(host: HostPieces): Promise<ComposedApp> {
  const settings = createSettingsStore(host.settingsStore, { env: host.env });
  const store = await openOrRebuild({ file: join(host.cacheFolder, CACHE_FILE_NAME), nativeBinding: host.nativeBinding });
  if (store.report.rebuilt) console.warn('[store] the local cache was rebuilt', store.report);
  const db = store.handle.db;
  await resetInterruptedUploads(db);

  const auth = await openAuthSession({
    issuer: settings.get().oktaIssuer,
    clientId: settings.get().oktaClientId,
    vault: new TokenVault(host.tokenStore, host.cipher),
    openExternal: (url) => {
      // Settings already refuse plain http off loopback; this is the same rule at the last step.
      if (!isAllowedExternalUrl(url, { allowLoopbackHttp: true })) return Promise.reject(new Error('refusing to open a sign-in page that is not https'));
      return host.openExternal(url);
    },
    pendingUploads: () => pendingUploadCount(db),
    clearCache: () => clearLocalCache(db),
  });

  const userAgent = desktopUserAgent(host.appInfo.version);
  const sync = createDesktopSync({
    db,
    catalogBulk: store.handle.catalogBulk,
    serverUrl: settings.get().serverUrl,
    auth,
    stalenessWarningDays: settings.get().stalenessWarningDays,
    userAgent,
  });
  const admin = createAdminApiClient({
    baseUrl: settings.get().serverUrl,
    getAccessToken: () => auth.getAccessToken(),
    reportRejectedToken: (token) => auth.reportRejectedToken(token),
    userAgent,
  });
  const services = createDesktopServices({
    appInfo: host.appInfo,
    store: store.handle,
    auth,
    sync,
    admin,
    settings,
    printer: host.printer,
    confirmConnectionChange: (changes) => host.confirmConnectionChange(changes),
  });

  let stopWatching: (() => void) | null = null;
  return {
    settings,
    store,
    auth,
    sync,
    services,
    start({ syncIntervalMs }) {
      if (syncIntervalMs > 0) sync.engine.start({ intervalMs: syncIntervalMs });
      stopWatching = host.watchNetwork?.((online) => sync.engine.networkChanged(online)) ?? null;
    },
    async close() {
      stopWatching?.();
      stopWatching = null;
      sync.engine.stop();
      await store.handle.close();
    },
  };
}
