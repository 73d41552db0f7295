// The app's services, built once from what the host supplies. Both hosts call this: the Electron
// main process (electron/main.ts: electron-store files, safeStorage, the system browser,
// printToPDF) and the development web host (scripts/web-host/node-desktop.ts: JSON files, a key
// file, a browser tab, headless Chromium). Everything else (the settings rules, the SQLite cache,
// the sign-in session, the sync engine, the admin client, the handlers) is the same code in both.
import { join } from 'node:path';
import type { AppInfo } from '../src-shared/desktop-api/index.js';
import { CLOCK_VARIABLE, clockSetting } from '../src-shared/time/clock.js';
import { createAdminApiClient, desktopUserAgent } from './admin/admin-api-client.js';
import { createComplianceApiClient } from './admin/compliance-api-client.js';
import type { SecretCipher } from './auth/secret-cipher.js';
import { createLastUserMemory } from './auth/last-user.js';
import { openAuthSession, type AuthSession } from './auth/session.js';
import { TokenVault } from './auth/token-vault.js';
import { isAllowedExternalUrl } from './security/external-links.js';
import { clearLocalCache } from './services/clear-local-cache.js';
import { createDesktopServices, type DesktopServices } from './services/desktop-services.js';
import type { IllustrationPrinter } from './services/illustration-services.js';
import type { ConnectionChange } from './services/settings-services.js';
import type { KeyValueStore } from './settings/key-value-store.js';
import { installationOf } from './settings/installation.js';
import type { Installation } from './http/authorized-request.js';
import type { UpdateService } from './update/update-service.js';
import { wipeClientCache } from './store/wipe-cache.js';
import type { BuildEndpoints } from './settings/build-endpoints.js';
import { createSettingsStore, type SettingsStore } from './settings/settings.js';
import { pendingUploadCount, resetInterruptedUploads } from './store/outbox.js';
import { openOrRebuild, type OpenedClientStore } from './store/rebuild-cache.js';
import { assignUnownedComparisons, heldComparisonCount } from './store/saved-comparisons.js';
import { openBusinessCalendar, type DesktopBusinessCalendar } from './sync/business-time-zone.js';
import { createClockCheck, withClockSkew } from './sync/clock-check.js';
import type { DesktopSync } from './sync/desktop-sync.js';
import { createSignOutRecorder } from './sync/record-sign-out.js';
import { endServerSession } from './auth/end-server-session.js';
import { adoptUnownedSyncState } from './sync/sync-owner.js';
import { hostDesktopSync } from './sync/worker/sync-host.js';
import type { MessageTransport } from './sync/worker/transport.js';

export const CACHE_FILE_NAME = 'ratedesk-cache.sqlite';

/** What differs between hosts; everything here is handed in, nothing is looked up. */
export interface HostPieces {
  appInfo: AppInfo;
  /** Where the settings are kept (an electron-store file, a JSON file). */
  settingsStore: KeyValueStore;
  /** Environment overrides of the settings (the development stack fixes its addresses), and RATEDESK_CLOCK. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * A packaged app or production mode (NODE_ENV/RATEDESK_ENV=production): RATEDESK_CLOCK is then
   * ignored, with a warning, never honoured (a rep's laptop must not quote another day's rates).
   */
  production?: boolean;
  /** A packaged app: endpoints from its build configuration (https), no environment overrides. */
  packaged?: { buildEndpoints: BuildEndpoints | null } | undefined;
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
  /** The laptop's own clock (tests set it wrong); default the real one. Business dates correct it by the server's time. */
  laptopClock?: () => Date;
  /** Starts the sync worker (a utilityProcess, a worker thread); without it the sync runs in this process. */
  startSyncWorker?: () => MessageTransport;
  /** Starts the app's updater for this installation (Electron only); absent or null: updates are unsupported here. */
  startUpdates?: (installation: Installation) => UpdateService | null;
}

export interface ComposedApp {
  settings: SettingsStore;
  store: OpenedClientStore;
  auth: AuthSession;
  sync: DesktopSync;
  services: DesktopServices;
  /** The one "today": the business date in the server's business time zone, on the app's clock. */
  calendar: DesktopBusinessCalendar;
  /** Starts syncing every `syncIntervalMs` (0: only on demand) and watching the network. */
  start(options: { syncIntervalMs: number }): void;
  /** Stops syncing and closes the cache (SQLite checkpoints its WAL into the file). */
  close(): Promise<void>;
}

export async function composeApp(host: HostPieces): Promise<ComposedApp> {
  const settings = createSettingsStore(host.settingsStore, { env: host.env, ...(host.packaged ? { packaged: host.packaged } : {}) });
  const store = await openOrRebuild({ file: join(host.cacheFolder, CACHE_FILE_NAME), nativeBinding: host.nativeBinding });
  if (store.report.rebuilt) console.warn('[store] the local cache was rebuilt', store.report);
  const db = store.handle.db;
  await resetInterruptedUploads(db);
  const clockCheck = createClockCheck({ store: host.settingsStore, ...(host.laptopClock === undefined ? {} : { laptopClock: host.laptopClock }) });
  const now = appClock(host, clockCheck.correctedNow);
  const calendar = await openBusinessCalendar({ db, now });

  const auth = await openAuthSession({
    issuer: settings.get().oktaIssuer,
    clientId: settings.get().oktaClientId,
    vault: new TokenVault(host.tokenStore, host.cipher),
    // In the settings store, not the vault: it must outlive the sign-out that clears the vault.
    lastUser: createLastUserMemory(host.settingsStore),
    openExternal: (url) => {
      // Settings already refuse plain http off loopback; this is the same rule at the last step.
      if (!isAllowedExternalUrl(url, { allowLoopbackHttp: true })) return Promise.reject(new Error('refusing to open a sign-in page that is not https'));
      return host.openExternal(url);
    },
    pendingUploads: (ownerSubject) => pendingUploadCount(db, ownerSubject),
    clearCache: (ownerSubject) => clearLocalCache(db, ownerSubject),
    // Audited: queued for the rep (it uploads with their next run if it cannot go now), and tried
    // at once while their tokens still work, never holding the sign-out up for long.
    beforeSignOut: createSignOutRecorder({
      db,
      flush: () => sync.flushRecordEvents(),
      // Then the server ends the session of the token, before the identity provider revokes it.
      endServerSession: async () =>
        endServerSession({ baseUrl: settings.get().serverUrl, accessToken: await auth.getAccessToken(), installation, userAgent }),
    }),
  });
  await fileUnownedComparisons(db, auth);

  const userAgent = desktopUserAgent(host.appInfo.version);
  const installation = installationOf(host.settingsStore, host.appInfo.version);
  // In a worker when the host starts one (issue 14: sync off the UI thread); its option functions
  // are called back here by name (src-main/sync/worker/remote-options.ts).
  const syncHost = { startWorker: host.startSyncWorker, cache: { file: store.handle.file, nativeBinding: host.nativeBinding }, watchMirrored: (changed: () => void) => auth.onStateChange(changed) };
  const hostedSync = await hostDesktopSync(syncHost, {
    installation,
    observeResponse: clockCheck.observe,
    db,
    catalogBulk: store.handle.catalogBulk,
    serverUrl: settings.get().serverUrl,
    auth,
    stalenessWarningDays: settings.get().stalenessWarningDays,
    userAgent,
    // The real clock: backoff, "last synced" and staleness are about real time, which the status
    // bar measures them against; RATEDESK_CLOCK moves business dates only.
    onBusinessTimeZone: (zone) => calendar.learn(zone),
    snapshotFolder: host.cacheFolder,
    // Revoked (issue 14), with nothing left unsent: the cache file (and its copies), then the sign-in.
    wipe: async () => {
      await wipeClientCache({ db, file: store.handle.file });
      await auth.forgetOnThisDevice();
    },
  });
  const sync = withClockSkew(hostedSync, clockCheck);
  // The admin and compliance consoles call with the signed-in user's token, like the sync.
  const consoleRequests = {
    baseUrl: settings.get().serverUrl,
    getAccessToken: () => auth.getAccessToken(),
    reportRejectedToken: (token: string) => auth.reportRejectedToken(token),
    userAgent,
    installation,
    observeResponse: clockCheck.observe,
  };
  const admin = createAdminApiClient(consoleRequests);
  const compliance = createComplianceApiClient(consoleRequests);
  const services = createDesktopServices({
    appInfo: host.appInfo,
    store: store.handle,
    auth,
    sync,
    admin,
    compliance,
    settings,
    printer: host.printer,
    now,
    calendar,
    onBusinessTimeZone: (zone) => calendar.learn(zone),
    confirmConnectionChange: (changes) => host.confirmConnectionChange(changes),
    updates: host.startUpdates?.(installation) ?? null,
  });

  let stopWatching: (() => void) | null = null;
  return {
    settings,
    store,
    auth,
    sync,
    services,
    calendar,
    start({ syncIntervalMs }) {
      if (syncIntervalMs > 0) sync.engine.start({ intervalMs: syncIntervalMs });
      stopWatching = host.watchNetwork?.((online) => sync.engine.networkChanged(online)) ?? null;
    },
    async close() {
      stopWatching?.();
      stopWatching = null;
      sync.engine.stop();
      await hostedSync.close();
      await store.handle.close();
    },
  };
}

/**
 * A cache from before comparisons had owners: its comparisons (and the sync position) are given
 * to the user of the stored session, the rep who saved them. Without a stored session they stay
 * held, shown and uploaded to no one, and the sync status says how many.
 */
export async function fileUnownedComparisons(db: ComposedApp['store']['handle']['db'], auth: Pick<AuthSession, 'currentUser'>): Promise<void> {
  const user = auth.currentUser();
  if (user === null) {
    const held = await heldComparisonCount(db);
    if (held > 0) console.warn(`[store] ${held} saved comparison(s) from before owners are held: no stored session names their rep, so they are listed and uploaded for no one`);
    return;
  }
  const assigned = await assignUnownedComparisons(db, user.subject);
  await adoptUnownedSyncState(db, user.subject, new Date());
  if (assigned > 0) console.warn(`[store] ${assigned} saved comparison(s) from before owners filed under the stored session's user`);
}

/**
 * The app's clock: the laptop's corrected by the server's time (clock-check.ts), or RATEDESK_CLOCK's
 * (tests and demos: an instant from which time runs on, never corrected, so a test stands exactly
 * where it says). The business date and what a save stamps run on it; sign-in and sync keep the
 * real clock (token lifetimes, backoff and "last synced" are real time).
 */
function appClock(host: HostPieces, corrected: () => Date): () => Date {
  const setting = clockSetting(host.env[CLOCK_VARIABLE], { production: host.production === true });
  if (setting.kind === 'refused') {
    // Ignored rather than fatal: a stray variable must not keep a rep's app from starting.
    console.warn(`[clock] ignored: ${setting.problem}`);
    return corrected;
  }
  if (setting.kind === 'real') return corrected;
  console.warn(`[clock] ${setting.notice}`);
  return setting.clock;
}
