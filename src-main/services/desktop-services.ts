// Everything behind the DesktopApi, merged from one handler factory per feature (the features of
// src-shared/desktop-api/). No Electron here: the Electron main process registers these handlers
// on ipcMain and the development web host serves them over HTTP, so both hosts answer the
// renderer identically. Typed as the full DesktopHandlers table, so a method of the contract
// without a handler is a type error.
import type { Kysely } from 'kysely';
import type { AppInfo } from '../../src-shared/desktop-api/index.js';
import { businessCalendar, DEFAULT_BUSINESS_TIME_ZONE, type BusinessCalendar } from '../../src-shared/time/business-calendar.js';
import type { AdminApi } from '../admin/admin-api-client.js';
import type { ComplianceApi } from '../admin/compliance-api-client.js';
import type { DesktopHandlers } from '../ipc/desktop-call.js';
import type { DesktopEventSources } from '../ipc/desktop-events.js';
import type { SettingsStore } from '../settings/settings.js';
import type { ClientDatabase } from '../store/schema.js';
import { createAdminHandlers } from './admin-services.js';
import { quoteGuard } from '../sync/cache-validity.js';
import { createCatalogHandlers } from './catalog-services.js';
import { createClientContextHolder } from './client-context-holder.js';
import { createComparisonHandlers } from './comparison-services.js';
import { createComplianceHandlers } from './compliance-services.js';
import { createIllustrationHandlers, type IllustrationPrinter } from './illustration-services.js';
import { createPrepareOfflineHandlers } from './prepare-offline.js';
import { createSessionHandlers, sessionEventSources, type AuthLike } from './session-services.js';
import { createSettingsHandlers, type SettingsServicesOptions } from './settings-services.js';
import { createSyncStatusHandlers, syncStatusEventSources, type SyncEngineLike } from './sync-status-services.js';
import { createUpdateHandlers } from './update-services.js';
import type { UpdateService } from '../update/update-service.js';

export interface DesktopServicesOptions {
  appInfo: AppInfo;
  store: { db: Kysely<ClientDatabase> };
  auth: AuthLike;
  /** null until a sync engine is wired in: sync-status then reports "unavailable". */
  sync: SyncEngineLike | null;
  settings: SettingsStore;
  /** null where nothing can print (a host without a PDF renderer). */
  printer?: IllustrationPrinter | null;
  /** The server's admin and audit routes (src-main/admin/admin-api-client.ts); null or absent: admin calls answer offline. */
  admin?: AdminApi | null;
  /** The server's compliance routes (src-main/admin/compliance-api-client.ts); null or absent: the console answers offline. */
  compliance?: ComplianceApi | null;
  now?: () => Date;
  /**
   * The one "today" of every service: the business date in the server's business time zone
   * (compose.ts builds it from the zone kept with the cache). Default: `now` in `timeZone`.
   */
  calendar?: BusinessCalendar;
  /** Without a calendar: the business time zone; default America/New_York (never this computer's zone). */
  timeZone?: string;
  /** Told the business time zone each /v1/me answer states (compose.ts: the calendar learns it). */
  onBusinessTimeZone?: (zone: string | undefined) => Promise<void>;
  newComparisonId?: () => string;
  confirmConnectionChange: SettingsServicesOptions['confirmConnectionChange'];
  /** The app's updater (src-main/update); null or absent: updates are reported unsupported. */
  updates?: UpdateService | null;
}

/** The handlers, and the events for the host to push to the renderer (each returns its unsubscribe). */
export type DesktopServices = { handlers: DesktopHandlers } & DesktopEventSources;

export function createDesktopServices(options: DesktopServicesOptions): DesktopServices {
  const { auth, sync, settings } = options;
  const db = options.store.db;
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? DEFAULT_BUSINESS_TIME_ZONE;
  const calendar = options.calendar ?? businessCalendar({ now, timeZone: () => timeZone });
  const today = () => calendar.today();
  // One client context for the catalog and the saved record, kept while the rep works with that client.
  const clientContext = createClientContextHolder(auth);
  // Past the firm's offline policy the catalog, Compare and current-view prints say "connect to refresh" (issue 14).
  const assertQuotable = quoteGuard(db);

  const handlers: DesktopHandlers = {
    appInfo: () => ({ name: options.appInfo.name, version: options.appInfo.version }),
    // The renderer's "today" (forms' defaults, the historical-view label) comes from here, never from its own clock.
    businessDate: () => ({ date: calendar.today(), timeZone: calendar.timeZone() }),
    ...createCatalogHandlers({ db, today, clientContext, assertQuotable }),
    ...createComparisonHandlers({ db, sync, now, today, appVersion: options.appInfo.version, currentOwner: () => currentOwnerOf(auth), clientContext, assertQuotable, ...(options.newComparisonId ? { newComparisonId: options.newComparisonId } : {}) }),
    ...createSyncStatusHandlers({ db, sync, currentOwner: () => currentOwnerOf(auth) }),
    ...createPrepareOfflineHandlers({ sync, today }),
    ...createSessionHandlers({ auth, sync }),
    ...createSettingsHandlers({ settings, confirmConnectionChange: options.confirmConnectionChange }),
    ...createIllustrationHandlers({ db, printer: options.printer ?? null, today, now, sync, currentOwner: () => currentOwnerOf(auth), assertQuotable }),
    ...createComplianceHandlers({ api: options.compliance ?? null, printer: options.printer ?? null, timeZone: () => calendar.timeZone() }),
    ...createUpdateHandlers({ updates: options.updates ?? null }),
    ...createAdminHandlers({ db, auth, api: options.admin ?? null, sync, now, ...(options.onBusinessTimeZone ? { onBusinessTimeZone: options.onBusinessTimeZone } : {}) }),
  };

  return { handlers, ...syncStatusEventSources(sync), ...sessionEventSources(auth) };
}

/** The subject the laptop's records are filed under (AuthSession.currentUser); null: nobody. */
function currentOwnerOf(auth: AuthLike): string | null {
  return auth.currentUser()?.subject ?? null;
}
