// Everything behind the DesktopApi, merged from one handler factory per feature (the features of
// src-shared/desktop-api/). No Electron here: the Electron main process registers these handlers
// on ipcMain and the development web host serves them over HTTP, so both hosts answer the
// renderer identically. Typed as the full DesktopHandlers table, so a method of the contract
// without a handler is a type error.
import type { Kysely } from 'kysely';
import { businessDate } from '../../src-shared/dates.js';
import type { AppInfo } from '../../src-shared/desktop-api/index.js';
import type { AdminApi } from '../admin/admin-api-client.js';
import type { DesktopHandlers } from '../ipc/desktop-call.js';
import type { DesktopEventSources } from '../ipc/desktop-events.js';
import type { SettingsStore } from '../settings/settings.js';
import type { ClientDatabase } from '../store/schema.js';
import { createAdminHandlers } from './admin-services.js';
import { createCatalogHandlers } from './catalog-services.js';
import { createComparisonHandlers } from './comparison-services.js';
import { createIllustrationHandlers, type IllustrationPrinter } from './illustration-services.js';
import { createSessionHandlers, sessionEventSources, type AuthLike } from './session-services.js';
import { createSettingsHandlers, type SettingsServicesOptions } from './settings-services.js';
import { createSyncStatusHandlers, syncStatusEventSources, type SyncEngineLike } from './sync-status-services.js';

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
  now?: () => Date;
  /** Decides "today" for rates and availability; default: this computer's zone. */
  timeZone?: string;
  newComparisonId?: () => string;
  confirmConnectionChange: SettingsServicesOptions['confirmConnectionChange'];
}

/** The handlers, and the events for the host to push to the renderer (each returns its unsubscribe). */
export type DesktopServices = { handlers: DesktopHandlers } & DesktopEventSources;

export function createDesktopServices(options: DesktopServicesOptions): DesktopServices {
  const { auth, sync, settings } = options;
  const db = options.store.db;
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  const handlers: DesktopHandlers = {
    appInfo: () => ({ name: options.appInfo.name, version: options.appInfo.version }),
    ...createCatalogHandlers({ db, today: () => businessDate(now(), timeZone) }),
    ...createComparisonHandlers({ db, sync, now, ...(options.newComparisonId ? { newComparisonId: options.newComparisonId } : {}) }),
    ...createSyncStatusHandlers({ db, sync }),
    ...createSessionHandlers({ auth, sync }),
    ...createSettingsHandlers({ settings, confirmConnectionChange: options.confirmConnectionChange }),
    ...createIllustrationHandlers({ db, printer: options.printer ?? null }),
    ...createAdminHandlers({ db, auth, api: options.admin ?? null, sync, now }),
  };

  return { handlers, ...syncStatusEventSources(sync), ...sessionEventSources(auth) };
}
