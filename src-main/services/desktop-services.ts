// Everything behind the DesktopApi channels, as plain functions over the local store, the sign-in
// session, the sync engine and the settings. No Electron here: the Electron main process registers
// these handlers on ipcMain, and the UI's development web host serves the same handlers over
// HTTP, so both hosts answer the renderer identically.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { Product } from '../../src-shared/catalog.js';
import { Comparison, compareProducts, type ComparisonCandidate } from '../../src-shared/comparison.js';
import { businessDate } from '../../src-shared/dates.js';
import {
  SettingKeys,
  SyncState,
  desktopChannels,
  type AppInfo,
  type AuthState,
  type ComparisonSummaryView,
  type IllustrationPdfResult,
  type SavedComparisonView,
  type SettingsView,
  type SyncStatus,
} from '../../src-shared/desktop-api.js';
import { ValidationError, parseOrThrow } from '../../src-shared/errors.js';
import { SavedComparisonItem } from '../../src-shared/sync/protocol.js';
import { isAvailableOn, rateInForce, scheduledRateChanges } from '../../src-shared/rates/as-of.js';
import { z } from 'zod';
import type { AdminApi } from '../admin/admin-api-client.js';
import { OfflineError, SignInError, SignInErrorCode } from '../auth/auth-errors.js';
import type { AuthSession } from '../auth/session.js';
import type { DesktopHandlers } from '../ipc/desktop-call.js';
import { SettingsPatchSchema, type SettingsStore } from '../settings/settings.js';
import { loadProductDetail, listProducts, type ProductDetail } from '../store/catalog-repository.js';
import { searchProducts } from '../store/catalog-search.js';
import {
  getComparison,
  listComparisons,
  pendingUploadCount,
  saveComparison,
  type SavedComparisonSummary,
} from '../store/comparison-repository.js';
import { OutboxStatus, type ClientDatabase } from '../store/schema.js';
import { buildComparisonRecord } from './comparison-record.js';
import { illustrationHtml } from './illustration-html.js';
import { createAdminHandlers } from './admin-services.js';
import { authStateView, signOutView } from './session-view.js';

/** What the services need from the sync engine (src-main/sync), whichever shape it settles on. */
export interface SyncEngineLike {
  runNow(reason: string): Promise<unknown>;
  /** Re-reads the status from the store (after the cache was cleared) and publishes it. */
  refresh?(): Promise<unknown>;
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
}

export type AuthLike = Pick<AuthSession, 'state' | 'onStateChange' | 'signIn' | 'signOut'>;

/** Renders HTML to a PDF and lets the rep choose where to save it (Electron: print/illustration-pdf.ts). */
export interface IllustrationPrinter {
  savePdf(request: { html: string; suggestedFileName: string }): Promise<IllustrationPdfResult>;
}

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
  /**
   * Asks the rep, outside the renderer, to confirm a new sign-in or server address (tokens will
   * be sent there). A renderer that was tricked or taken over could otherwise point the app at a
   * server that collects tokens. Electron: a native dialog; false keeps the old values.
   */
  confirmConnectionChange: (changes: readonly ConnectionChange[]) => Promise<boolean>;
}

export interface ConnectionChange {
  key: (typeof RESTART_KEYS)[number];
  from: string;
  to: string;
}

export interface DesktopServices {
  handlers: DesktopHandlers;
  /** Sync status changes, for the host to push to the renderer; returns the unsubscribe. */
  onSyncStatus(listener: (status: SyncStatus) => void): () => void;
  onAuthState(listener: (state: AuthState) => void): () => void;
}

export const SYNC_UNAVAILABLE = 'Sync is not available in this window.';
const DEFAULT_PDF_NAME = 'RateDesk illustration.pdf';
// Changing these means another identity provider or server: the open session and sync engine
// were built for the old values, so the change waits for a restart.
const RESTART_KEYS = ['oktaIssuer', 'oktaClientId', 'serverUrl'] as const;

export function createDesktopServices(options: DesktopServicesOptions): DesktopServices {
  const { store, auth, sync, settings } = options;
  const db = store.db;
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const newComparisonId = options.newComparisonId ?? randomUUID;
  const printer = options.printer ?? null;
  const settingsAtStart = settings.get();

  const today = (): string => businessDate(now(), timeZone);

  async function syncStatus(): Promise<SyncStatus> {
    if (sync !== null) return sync.status();
    // A host without an engine (the development web host, or before one is wired) cannot reach
    // the server, which is what "offline" tells the UI; the outbox counts are still real.
    return {
      state: SyncState.offline,
      reason: SYNC_UNAVAILABLE,
      lastSuccessfulSyncAt: null,
      pendingUploads: await pendingUploadCount(db),
      rejectedUploads: await rejectedUploadCount(db),
      cacheAgeDays: null,
      stale: true,
    };
  }

  function settingsView(): SettingsView {
    const current = settings.get();
    return {
      settings: {
        oktaIssuer: current.oktaIssuer,
        oktaClientId: current.oktaClientId,
        serverUrl: current.serverUrl,
        stalenessWarningDays: current.stalenessWarningDays,
      },
      overriddenByEnvironment: settings.overriddenByEnvironment.filter(isSettingKey),
      restartRequired: RESTART_KEYS.some((key) => current[key] !== settingsAtStart[key]),
    };
  }

  async function candidates(productIds: readonly string[]): Promise<ComparisonCandidate[]> {
    const details = await Promise.all(productIds.map((productId) => loadProductDetail(db, productId)));
    const missing = details.flatMap((detail, index) =>
      detail === null ? [{ path: `productIds.${index}`, message: 'is not in the local catalog (sync, or choose another product)' }] : [],
    );
    if (missing.length > 0) throw new ValidationError(missing);
    return details.filter((detail): detail is ProductDetail => detail !== null);
  }

  async function compare(request: CompareInputs): Promise<{ comparison: Comparison; products: Product[] }> {
    const products = await candidates(request.productIds);
    const comparison = compareProducts({
      premium: request.premium,
      years: request.years,
      startDate: request.startDate,
      asOfDate: request.asOfDate,
      products,
    });
    // Through the schema so the value has exactly the shape that crosses the boundary.
    return { comparison: Comparison.parse(comparison), products: products.map((candidate) => candidate.product) };
  }

  async function savedView(comparisonId: string): Promise<SavedComparisonView | null> {
    const saved = await getComparison(db, comparisonId);
    if (saved === null) return null;
    const shown = Comparison.safeParse(saved.payload['results']);
    const items = z.array(SavedComparisonItem).safeParse(saved.payload['items']);
    return {
      ...summaryView(saved),
      shown: shown.success ? shown.data : null,
      items: items.success ? items.data : [],
    };
  }

  const handlers: DesktopHandlers = {
    [desktopChannels.appInfo]: () => ({ name: options.appInfo.name, version: options.appInfo.version }),

    [desktopChannels.catalogSearch]: ({ text, limit }) => searchProducts(db, text, { limit }),

    [desktopChannels.catalogList]: (request) => listProducts(db, request),

    [desktopChannels.productDetail]: async ({ productId, asOfDate }) => {
      const detail = await loadProductDetail(db, productId);
      if (detail === null) return null;
      const day = asOfDate ?? today();
      return {
        asOfDate: day,
        product: detail.product,
        availability: detail.availability,
        rates: detail.rates,
        rateInForce: rateInForce(detail.rates, day),
        availableOnDate: isAvailableOn(detail.product, detail.availability, day),
        scheduledChanges: scheduledRateChanges(detail.rates, day),
      };
    },

    [desktopChannels.compare]: async (request) => (await compare(request)).comparison,

    [desktopChannels.comparisonSave]: async ({ comparison: shown, clientReference }) => {
      // The record must be what the catalog on this laptop produces, not whatever the renderer
      // claims: recompute and refuse a comparison that no longer matches (a sync changed a rate
      // after it was shown), so a saved record is always one the rep could really have shown.
      const { comparison, products } = await compare({
        premium: shown.premium,
        years: shown.years,
        startDate: shown.startDate,
        asOfDate: shown.asOfDate,
        productIds: shown.products.map((column) => column.productId),
      });
      if (!isDeepStrictEqual(comparison, shown)) {
        throw new ValidationError([
          { path: 'comparison', message: 'no longer matches the local catalog (rates were updated since it was shown); compare again, then save' },
        ]);
      }
      const savedAt = now();
      const record = buildComparisonRecord({ comparisonId: newComparisonId(), savedAt, comparison, products, clientReference });
      await saveComparison(
        db,
        {
          comparisonId: record.comparisonId,
          createdAt: record.comparisonDate,
          asOfDate: record.asOfDate,
          investmentAmount: record.investmentAmount,
          horizonYears: record.horizonYears,
          clientReference: record.clientReference ?? null,
          payload: record,
        },
        savedAt,
      );
      // Upload at once when online (offline, the run just reports it and the outbox waits); the
      // save itself never waits for the network.
      if (sync) void sync.runNow('saved').catch(() => undefined);
      return { comparisonId: record.comparisonId };
    },

    [desktopChannels.comparisonList]: async ({ limit, offset }) => (await listComparisons(db, { limit, offset })).map(summaryView),

    [desktopChannels.comparisonGet]: ({ comparisonId }) => savedView(comparisonId),

    [desktopChannels.syncStatus]: () => syncStatus(),

    [desktopChannels.syncNow]: async () => {
      if (sync !== null) await sync.runNow('manual');
      return syncStatus();
    },

    [desktopChannels.authState]: () => authStateView(auth.state),

    [desktopChannels.authSignIn]: async () => {
      try {
        await auth.signIn();
        return { state: authStateView(auth.state), failure: null };
      } catch (error) {
        console.warn('[auth] sign-in did not complete', error);
        return { state: authStateView(auth.state), failure: signInFailure(error) };
      }
    },

    [desktopChannels.authSignOut]: async ({ clearCache, confirmed }) => {
      const result = signOutView(await auth.signOut({ clearCache, confirmed }));
      // The engine's status is kept in memory: once the cache is gone it must say "never synced"
      // (and offer Sync now) instead of the previous user's "synced just now".
      if (!result.needsConfirmation && result.cacheCleared) await sync?.refresh?.();
      return result;
    },

    [desktopChannels.settingsGet]: () => settingsView(),

    [desktopChannels.settingsUpdate]: async (patch) => {
      // Checked in full first: no confirmation dialog for a value that would be refused anyway.
      const checked = parseOrThrow(SettingsPatchSchema, patch);
      const current = settings.get();
      const changes = RESTART_KEYS.flatMap((key) => {
        const next = checked[key];
        return next !== undefined && next !== current[key] ? [{ key, from: current[key], to: next }] : [];
      });
      if (changes.length > 0 && !(await options.confirmConnectionChange(changes))) {
        throw new ValidationError(changes.map((change) => ({ path: change.key, message: 'was not changed: the change was not confirmed' })));
      }
      settings.update(checked);
      return settingsView();
    },

    ...createAdminHandlers({ db, auth, api: options.admin ?? null, sync, now }),

    [desktopChannels.illustrationPdf]: async (request) => {
      if (printer === null) throw new Error('this host cannot print illustrations');
      const suggestedFileName = request.suggestedFileName ?? DEFAULT_PDF_NAME;
      if ('html' in request) return printer.savePdf({ html: request.html, suggestedFileName });
      const saved = await savedView(request.comparisonId);
      if (saved === null) throw new ValidationError([{ path: 'comparisonId', message: 'is not a comparison saved on this computer' }]);
      const html = illustrationHtml(saved);
      if (html === null) throw new ValidationError([{ path: 'comparisonId', message: 'was saved in a format this version cannot print' }]);
      return printer.savePdf({ html, suggestedFileName });
    },
  };

  return {
    handlers,
    onSyncStatus: (listener) => (sync === null ? () => undefined : sync.onStatus(listener)),
    onAuthState: (listener) => auth.onStateChange((state) => listener(authStateView(state))),
  };
}

interface CompareInputs {
  premium: string;
  years: number;
  startDate: string;
  asOfDate: string;
  productIds: readonly string[];
}

async function rejectedUploadCount(db: Kysely<ClientDatabase>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', OutboxStatus.rejected)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function summaryView(summary: SavedComparisonSummary): ComparisonSummaryView {
  return {
    comparisonId: summary.comparisonId,
    createdAt: summary.createdAt,
    asOfDate: summary.asOfDate,
    investmentAmount: summary.investmentAmount,
    horizonYears: summary.horizonYears,
    clientReference: summary.clientReference,
    serverChangeVersion: summary.serverChangeVersion,
    upload:
      summary.upload === null
        ? null
        : {
            status: summary.upload.status,
            attempts: summary.upload.attempts,
            nextAttemptAt: summary.upload.nextAttemptAt,
            lastError: summary.upload.lastError,
            rejectedReason: summary.upload.rejectedReason,
          },
  };
}

function isSettingKey(key: string): key is (typeof SettingKeys)[number] {
  return (SettingKeys as readonly string[]).includes(key);
}

const SIGN_IN_FAILURES: Readonly<Record<SignInErrorCode, string>> = {
  [SignInErrorCode.denied]: 'The sign-in page refused the sign-in (cancelled, or this account is not assigned to RateDesk).',
  [SignInErrorCode.mismatch]: 'The sign-in answer did not belong to this request. Try again.',
  [SignInErrorCode.timedOut]: 'Signing in took too long. Try again.',
  [SignInErrorCode.cancelled]: 'Signing in was cancelled.',
  [SignInErrorCode.exchangeFailed]: 'The identity provider did not complete the sign-in. Try again; if it keeps failing, tell your administrator.',
  [SignInErrorCode.unreachable]: 'The sign-in server cannot be reached. Check the network connection and try again.',
};

function signInFailure(error: unknown): string {
  if (error instanceof SignInError) return SIGN_IN_FAILURES[error.code];
  if (error instanceof OfflineError) return SIGN_IN_FAILURES[SignInErrorCode.unreachable];
  return 'Signing in did not complete. Try again; if it keeps failing, check the sign-in settings.';
}
