import { z } from 'zod';
import { AuditPage, AuditSearchRequest } from './admin/audit.js';
import {
  AdminAccessView,
  AdminCreateAvailabilityRequest,
  AdminDeactivateAvailabilityRequest,
  AdminImportRateSheetRequest,
  AdminImportRateSheetResult,
  AdminPublishRateRequest,
  AdminRetractRateRequest,
  AdminSetProductActiveRequest,
  AdminUpdateAvailabilityRequest,
  AdminUpdateProductRequest,
} from './admin/console-requests.js';
import { ProductCreateBody } from './admin/product-edit.js';
import { RateChange, RetractResult } from './admin/rate-publish.js';
import { AvailabilityWindow, MAX_TERM_YEARS, Product, ProductTypeSchema, RateHistoryEntry } from './catalog.js';
import { Comparison, MAX_COMPARED_PRODUCTS } from './comparison.js';
import { desktopChannels, desktopEvents, type DesktopChannel, type DesktopEvent } from './desktop-channels.js';
import { typeMessage } from './errors.js';
import { MAX_CLIENT_REFERENCE_LENGTH, SavedComparisonItem } from './sync/protocol.js';
import { SyncState, SyncStatus } from './sync/status.js';
import { IsoDateString, IsoTimestampString, MoneyString, PositiveMoneyString, UuidString } from './validation/decimal-strings.js';

// The one contract between the renderer and the Electron main process. The preload object and
// any other host (a browser development host, test doubles) implement `DesktopApi`; main
// registers one handler per channel in `desktopContract`, so adding a channel without a handler
// or a preload function is a type error.
//
// Results that describe the session or the machine are strict objects: a handler that returned
// an extra field (a token picked up by a spread, say) fails its contract check in main instead of
// handing that field to the renderer.

export { desktopChannels, desktopEvents, type DesktopChannel, type DesktopEvent };

export const appInfoSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const desktopErrorCodes = {
  // The caller is not the RateDesk window (another frame, another origin), or the signed-in
  // user's roles do not allow the call (the server answered 403).
  forbidden: 'forbidden',
  // Bad arguments or input the domain refuses; the message names the field and the reason, and
  // `issues` carries each one for the form field it belongs to.
  invalidRequest: 'invalid-request',
  // The handler failed; details stay in the main-process log.
  internal: 'internal',
  // An online-only call (the admin console) could not reach the server, or the server is down
  // for the moment; nothing was changed.
  offline: 'offline',
  // The sign-in expired or was ended: the message asks the user to sign in again.
  needsSignIn: 'needs-sign-in',
  // The server refused the change because it clashes with stored data (a CUSIP in use, a rate
  // date before the latest published one, overlapping windows); the message is the server's.
  conflict: 'conflict',
  // The product, window or rate is not (or no longer) on the server.
  notFound: 'not-found',
} as const;
export type DesktopErrorCode = (typeof desktopErrorCodes)[keyof typeof desktopErrorCodes];

export const DesktopErrorIssue = z.object({
  /**
   * The field of the request, dotted: "maximumInvestment", "effectiveDate", "surrenderSchedule.2".
   * For the update calls the path names the field of the product or window being edited
   * ("maximumInvestment", not "patch.maximumInvestment"); "" means the request as a whole.
   */
  path: z.string(),
  message: z.string(),
});
export type DesktopErrorIssue = z.infer<typeof DesktopErrorIssue>;

export const desktopErrorSchema = z.object({
  code: z.enum(desktopErrorCodes),
  message: z.string().min(1),
  /** For invalid-request (and conflicts that name a field): each field and reason. */
  issues: z.array(DesktopErrorIssue).optional(),
});
export type DesktopError = z.infer<typeof desktopErrorSchema>;

// Errors thrown across IPC lose their type and gain a noisy prefix, so every call resolves to a
// result the renderer can switch on instead of rejecting.
export type DesktopResult<T> = { ok: true; value: T } | { ok: false; error: DesktopError };

export function desktopResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: desktopErrorSchema }),
  ]);
}

// ---- catalog ----------------------------------------------------------------------------------

export const MAX_SEARCH_TEXT_LENGTH = 200;

export const CatalogSearchRequest = z.strictObject({
  text: z.string({ error: typeMessage('text') }).max(MAX_SEARCH_TEXT_LENGTH, `must be at most ${MAX_SEARCH_TEXT_LENGTH} characters`),
  limit: z.int({ error: typeMessage('a whole number') }).min(1, 'must be between 1 and 500').max(500, 'must be between 1 and 500').default(50),
});
export type CatalogSearchRequest = z.input<typeof CatalogSearchRequest>;

export const CatalogSort = { rate: 'rate', term: 'term', name: 'name' } as const;

export const CatalogListRequest = z.strictObject({
  productType: ProductTypeSchema.optional(),
  issuerName: z.string({ error: typeMessage('text') }).max(255, 'must be at most 255 characters').optional(),
  termYears: z
    .int({ error: typeMessage('a whole number of years') })
    .min(1, `must be between 1 and ${MAX_TERM_YEARS}`)
    .max(MAX_TERM_YEARS, `must be between 1 and ${MAX_TERM_YEARS}`)
    .optional(),
  /** Only products a client with this premium may buy (minimum <= premium <= maximum). */
  fitsPremium: MoneyString.optional(),
  includeInactive: z.boolean({ error: typeMessage('true or false') }).default(false),
  /** rate: highest base rate first; term: shortest first; name: alphabetical. */
  sort: z.enum(CatalogSort).default('rate'),
  limit: z.int({ error: typeMessage('a whole number') }).min(1, 'must be between 1 and 10000').max(10_000, 'must be between 1 and 10000').default(500),
  offset: z.int({ error: typeMessage('a whole number') }).min(0, 'must not be negative').default(0),
});
export type CatalogListRequest = z.input<typeof CatalogListRequest>;

export const ProductDetailRequest = z.strictObject({
  productId: UuidString,
  /** The business date whose rates and availability apply; today (laptop clock) when left out. */
  asOfDate: IsoDateString.optional(),
});
export type ProductDetailRequest = z.input<typeof ProductDetailRequest>;

export const ProductDetailView = z.strictObject({
  asOfDate: IsoDateString,
  product: Product,
  availability: z.array(AvailabilityWindow),
  /** Every publication, retracted ones included (isActive false), by effective date. */
  rates: z.array(RateHistoryEntry),
  /** The publication that applies on asOfDate; null when none does. */
  rateInForce: RateHistoryEntry.nullable(),
  availableOnDate: z.boolean(),
  /** Publications taking effect after asOfDate, soonest first. */
  scheduledChanges: z.array(RateHistoryEntry),
});
export type ProductDetailView = z.infer<typeof ProductDetailView>;

// ---- comparisons ------------------------------------------------------------------------------

export const CompareRequest = z.strictObject({
  premium: PositiveMoneyString,
  years: z
    .int({ error: typeMessage('a whole number of years') })
    .min(1, 'must be between 1 and 50')
    .max(50, 'must be between 1 and 50'),
  startDate: IsoDateString,
  asOfDate: IsoDateString,
  productIds: z
    .array(UuidString, { error: typeMessage('a list of product ids') })
    .min(1, 'must contain at least 1 product')
    .max(MAX_COMPARED_PRODUCTS, `must contain at most ${MAX_COMPARED_PRODUCTS} products`),
});
export type CompareRequest = z.input<typeof CompareRequest>;

export const ComparisonSaveRequest = z.strictObject({
  /** The comparison exactly as the compare channel returned it and the rep was shown it. */
  comparison: Comparison,
  /** The client's name or a CRM reference; never a Social Security number (checked in main). */
  clientReference: z
    .string({ error: typeMessage('text') })
    .max(MAX_CLIENT_REFERENCE_LENGTH, `must be at most ${MAX_CLIENT_REFERENCE_LENGTH} characters`)
    .nullable()
    .default(null),
});
export type ComparisonSaveRequest = z.input<typeof ComparisonSaveRequest>;

export const ComparisonSaveResult = z.strictObject({ comparisonId: UuidString });
export type ComparisonSaveResult = z.infer<typeof ComparisonSaveResult>;

export const ComparisonListRequest = z.strictObject({
  limit: z.int({ error: typeMessage('a whole number') }).min(1, 'must be between 1 and 1000').max(1000, 'must be between 1 and 1000').default(200),
  offset: z.int({ error: typeMessage('a whole number') }).min(0, 'must not be negative').default(0),
});
export type ComparisonListRequest = z.input<typeof ComparisonListRequest>;

export const UploadStatus = { pending: 'pending', uploading: 'uploading', applied: 'applied', rejected: 'rejected' } as const;

export const UploadStateView = z.strictObject({
  status: z.enum(UploadStatus),
  attempts: z.int().min(0),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The server's reason, shown next to a rejected comparison. */
  rejectedReason: z.string().nullable(),
});
export type UploadStateView = z.infer<typeof UploadStateView>;

export const ComparisonSummaryView = z.strictObject({
  comparisonId: UuidString,
  createdAt: z.string(),
  asOfDate: IsoDateString,
  investmentAmount: z.string(),
  horizonYears: z.int(),
  clientReference: z.string().nullable(),
  serverChangeVersion: z.string().nullable(),
  /** null for a comparison saved on another computer (it came from the server). */
  upload: UploadStateView.nullable(),
});
export type ComparisonSummaryView = z.infer<typeof ComparisonSummaryView>;

export const ComparisonGetRequest = z.strictObject({ comparisonId: UuidString });
export type ComparisonGetRequest = z.input<typeof ComparisonGetRequest>;

export const SavedComparisonView = ComparisonSummaryView.extend({
  /** What the rep was shown, from the stored record (never recomputed); null when it is in a format this version cannot show. */
  shown: Comparison.nullable(),
  /** Per product column: the exact rates used and the product as it was then. */
  items: z.array(SavedComparisonItem),
});
export type SavedComparisonView = z.infer<typeof SavedComparisonView>;

// ---- sync -------------------------------------------------------------------------------------

// The sync engine's own status schema (src-shared/sync/status.ts) is the contract's.
export { SyncState, SyncStatus };

// ---- auth (never a token) ---------------------------------------------------------------------

export const SessionUserView = z.strictObject({
  subject: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  groups: z.array(z.string()),
});
export type SessionUserView = z.infer<typeof SessionUserView>;

export const AuthState = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('signed-out') }),
  z.strictObject({
    status: z.literal('signed-in'),
    user: SessionUserView,
    accessTokenExpiresAt: IsoTimestampString,
    tokenPersistence: z.enum(['encrypted', 'memory-only']),
    offline: z.boolean(),
  }),
  z.strictObject({
    status: z.literal('needs-sign-in'),
    reason: z.string(),
    message: z.string(),
    user: SessionUserView.optional(),
  }),
]);
export type AuthState = z.infer<typeof AuthState>;

export const AuthSignInResult = z.strictObject({
  state: AuthState,
  /** Why signing in did not complete (cancelled, timed out, refused); null on success. */
  failure: z.string().nullable(),
});
export type AuthSignInResult = z.infer<typeof AuthSignInResult>;

export const AuthSignOutRequest = z.strictObject({
  /** Also delete the local cache (catalog, saved comparisons, pending uploads). */
  clearCache: z.boolean({ error: typeMessage('true or false') }).default(false),
  /** The rep saw the pending-upload warning and still wants the cache gone. */
  confirmed: z.boolean({ error: typeMessage('true or false') }).default(false),
});
export type AuthSignOutRequest = z.input<typeof AuthSignOutRequest>;

export const AuthSignOutResult = z.discriminatedUnion('needsConfirmation', [
  /** Nothing was done: clearing the cache would drop uploads that have not reached the server. */
  z.strictObject({ needsConfirmation: z.literal(true), pendingUploads: z.int().positive() }),
  z.strictObject({ needsConfirmation: z.literal(false), revoked: z.boolean(), cacheCleared: z.boolean() }),
]);
export type AuthSignOutResult = z.infer<typeof AuthSignOutResult>;

// ---- settings ---------------------------------------------------------------------------------

export const SettingKeys = ['oktaIssuer', 'oktaClientId', 'serverUrl', 'stalenessWarningDays'] as const;

export const SettingsValues = z.strictObject({
  oktaIssuer: z.string(),
  oktaClientId: z.string(),
  serverUrl: z.string(),
  stalenessWarningDays: z.int(),
});

export const SettingsView = z.strictObject({
  settings: SettingsValues,
  /** Fixed by the environment (development stack); the settings screen shows them locked. */
  overriddenByEnvironment: z.array(z.enum(SettingKeys)),
  /** A sign-in or server setting changed: it takes effect when RateDesk restarts. */
  restartRequired: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

// Shapes only; main checks URLs, ranges and the https rule with the settings store's own schema.
export const SettingsUpdateRequest = z.strictObject({
  oktaIssuer: z.string({ error: typeMessage('text') }).optional(),
  oktaClientId: z.string({ error: typeMessage('text') }).optional(),
  serverUrl: z.string({ error: typeMessage('text') }).optional(),
  stalenessWarningDays: z.int({ error: typeMessage('a whole number of days') }).optional(),
});
export type SettingsUpdateRequest = z.input<typeof SettingsUpdateRequest>;

// ---- illustration -----------------------------------------------------------------------------

export const MAX_ILLUSTRATION_HTML_LENGTH = 2_000_000;

export const IllustrationPdfRequest = z.union([
  z.strictObject({
    /** A complete HTML document; printed without scripts or network access. */
    html: z
      .string({ error: typeMessage('text') })
      .min(1, 'must not be empty')
      .max(MAX_ILLUSTRATION_HTML_LENGTH, `must be at most ${MAX_ILLUSTRATION_HTML_LENGTH} characters`),
    suggestedFileName: z.string().max(120).optional(),
  }),
  z.strictObject({ comparisonId: UuidString, suggestedFileName: z.string().max(120).optional() }),
]);
export type IllustrationPdfRequest = z.input<typeof IllustrationPdfRequest>;

export const IllustrationPdfResult = z.strictObject({
  /** False when the rep cancelled the save dialog. */
  saved: z.boolean(),
  filePath: z.string().nullable(),
});
export type IllustrationPdfResult = z.infer<typeof IllustrationPdfResult>;

// ---- admin console (online only) -------------------------------------------------------------

export {
  AdminAccessView,
  AdminCreateAvailabilityRequest,
  AdminDeactivateAvailabilityRequest,
  AdminImportRateSheetRequest,
  AdminImportRateSheetResult,
  AdminPublishRateRequest,
  AdminRetractRateRequest,
  AdminSetProductActiveRequest,
  AdminUpdateAvailabilityRequest,
  AdminUpdateProductRequest,
  AuditPage,
  AuditSearchRequest,
  ProductCreateBody,
  RateChange,
  RetractResult,
};
export type { AuditEntry } from './admin/audit.js';
export type { RateSheetBadRowView } from './admin/console-requests.js';
export type { RateSheetResult } from './admin/rate-sheet.js';

// ---- the contract -----------------------------------------------------------------------------

// Per channel: the arguments the renderer may send (validated in main, the renderer is not
// trusted) and the value main answers with (checked before it leaves main).
export const desktopContract = {
  [desktopChannels.appInfo]: { args: z.tuple([]), result: appInfoSchema },
  [desktopChannels.catalogSearch]: { args: z.tuple([CatalogSearchRequest]), result: z.array(Product) },
  [desktopChannels.catalogList]: { args: z.tuple([CatalogListRequest]), result: z.array(Product) },
  /** null: no such product in the local catalog. */
  [desktopChannels.productDetail]: { args: z.tuple([ProductDetailRequest]), result: ProductDetailView.nullable() },
  [desktopChannels.compare]: { args: z.tuple([CompareRequest]), result: Comparison },
  [desktopChannels.comparisonSave]: { args: z.tuple([ComparisonSaveRequest]), result: ComparisonSaveResult },
  [desktopChannels.comparisonList]: { args: z.tuple([ComparisonListRequest]), result: z.array(ComparisonSummaryView) },
  /** null: no comparison with that id on this computer. */
  [desktopChannels.comparisonGet]: { args: z.tuple([ComparisonGetRequest]), result: SavedComparisonView.nullable() },
  [desktopChannels.syncStatus]: { args: z.tuple([]), result: SyncStatus },
  [desktopChannels.syncNow]: { args: z.tuple([]), result: SyncStatus },
  [desktopChannels.authState]: { args: z.tuple([]), result: AuthState },
  [desktopChannels.authSignIn]: { args: z.tuple([]), result: AuthSignInResult },
  [desktopChannels.authSignOut]: { args: z.tuple([AuthSignOutRequest]), result: AuthSignOutResult },
  [desktopChannels.settingsGet]: { args: z.tuple([]), result: SettingsView },
  [desktopChannels.settingsUpdate]: { args: z.tuple([SettingsUpdateRequest]), result: SettingsView },
  [desktopChannels.illustrationPdf]: { args: z.tuple([IllustrationPdfRequest]), result: IllustrationPdfResult },
  [desktopChannels.adminAccess]: { args: z.tuple([]), result: AdminAccessView },
  [desktopChannels.adminProductCreate]: { args: z.tuple([ProductCreateBody]), result: Product },
  [desktopChannels.adminProductUpdate]: { args: z.tuple([AdminUpdateProductRequest]), result: Product },
  [desktopChannels.adminProductSetActive]: { args: z.tuple([AdminSetProductActiveRequest]), result: Product },
  [desktopChannels.adminAvailabilityCreate]: { args: z.tuple([AdminCreateAvailabilityRequest]), result: AvailabilityWindow },
  [desktopChannels.adminAvailabilityUpdate]: { args: z.tuple([AdminUpdateAvailabilityRequest]), result: AvailabilityWindow },
  [desktopChannels.adminAvailabilityDeactivate]: { args: z.tuple([AdminDeactivateAvailabilityRequest]), result: AvailabilityWindow },
  [desktopChannels.adminRatePublish]: { args: z.tuple([AdminPublishRateRequest]), result: RateChange },
  [desktopChannels.adminRateRetract]: { args: z.tuple([AdminRetractRateRequest]), result: RetractResult },
  [desktopChannels.adminRateSheetImport]: { args: z.tuple([AdminImportRateSheetRequest]), result: AdminImportRateSheetResult },
  [desktopChannels.auditQuery]: { args: z.tuple([AuditSearchRequest]), result: AuditPage },
} as const satisfies Record<DesktopChannel, { args: z.ZodType<readonly unknown[]>; result: z.ZodType }>;

/** What each main-to-renderer event carries; main checks it before sending. */
export const desktopEventContract = {
  [desktopEvents.syncStatus]: SyncStatus,
  [desktopEvents.authState]: AuthState,
} as const satisfies Record<DesktopEvent, z.ZodType>;

export type DesktopArgs<C extends DesktopChannel> = z.infer<(typeof desktopContract)[C]['args']>;
export type DesktopArgsInput<C extends DesktopChannel> = z.input<(typeof desktopContract)[C]['args']>;
export type DesktopValue<C extends DesktopChannel> = z.infer<(typeof desktopContract)[C]['result']>;
export type DesktopEventValue<E extends DesktopEvent> = z.infer<(typeof desktopEventContract)[E]>;

type DesktopCall<C extends DesktopChannel> = (...args: DesktopArgsInput<C>) => Promise<DesktopResult<DesktopValue<C>>>;
type Unsubscribe = () => void;

export interface DesktopApi {
  appInfo: DesktopCall<typeof desktopChannels.appInfo>;
  catalogSearch: DesktopCall<typeof desktopChannels.catalogSearch>;
  catalogList: DesktopCall<typeof desktopChannels.catalogList>;
  productDetail: DesktopCall<typeof desktopChannels.productDetail>;
  compare: DesktopCall<typeof desktopChannels.compare>;
  saveComparison: DesktopCall<typeof desktopChannels.comparisonSave>;
  listComparisons: DesktopCall<typeof desktopChannels.comparisonList>;
  getComparison: DesktopCall<typeof desktopChannels.comparisonGet>;
  syncStatus: DesktopCall<typeof desktopChannels.syncStatus>;
  syncNow: DesktopCall<typeof desktopChannels.syncNow>;
  authState: DesktopCall<typeof desktopChannels.authState>;
  signIn: DesktopCall<typeof desktopChannels.authSignIn>;
  signOut: DesktopCall<typeof desktopChannels.authSignOut>;
  getSettings: DesktopCall<typeof desktopChannels.settingsGet>;
  updateSettings: DesktopCall<typeof desktopChannels.settingsUpdate>;
  saveIllustrationPdf: DesktopCall<typeof desktopChannels.illustrationPdf>;
  // Admin console: online only. Each call goes to the server with the session's token; failures
  // are offline / needs-sign-in / forbidden / conflict / not-found / invalid-request (with issues).
  /** The signed-in user's roles as the server states them; offline, the ones remembered on this computer. */
  adminAccess: DesktopCall<typeof desktopChannels.adminAccess>;
  adminCreateProduct: DesktopCall<typeof desktopChannels.adminProductCreate>;
  adminUpdateProduct: DesktopCall<typeof desktopChannels.adminProductUpdate>;
  adminSetProductActive: DesktopCall<typeof desktopChannels.adminProductSetActive>;
  adminCreateAvailability: DesktopCall<typeof desktopChannels.adminAvailabilityCreate>;
  adminUpdateAvailability: DesktopCall<typeof desktopChannels.adminAvailabilityUpdate>;
  adminDeactivateAvailability: DesktopCall<typeof desktopChannels.adminAvailabilityDeactivate>;
  adminPublishRate: DesktopCall<typeof desktopChannels.adminRatePublish>;
  adminRetractRate: DesktopCall<typeof desktopChannels.adminRateRetract>;
  /** A sheet with bad rows resolves ok with outcome 'invalid' and every bad row; nothing is written then. */
  adminImportRateSheet: DesktopCall<typeof desktopChannels.adminRateSheetImport>;
  auditQuery: DesktopCall<typeof desktopChannels.auditQuery>;
  /** Calls `listener` with every sync status change; returns the function that stops it. */
  onSyncStatus(listener: (status: SyncStatus) => void): Unsubscribe;
  onAuthState(listener: (state: AuthState) => void): Unsubscribe;
}

/** The function names `window.ratedesk` exposes, for hosts and tests that check the surface. */
export const desktopApiFunctionNames = [
  'appInfo', 'catalogSearch', 'catalogList', 'productDetail', 'compare', 'saveComparison', 'listComparisons',
  'getComparison', 'syncStatus', 'syncNow', 'authState', 'signIn', 'signOut', 'getSettings', 'updateSettings',
  'saveIllustrationPdf', 'adminAccess', 'adminCreateProduct', 'adminUpdateProduct', 'adminSetProductActive',
  'adminCreateAvailability', 'adminUpdateAvailability', 'adminDeactivateAvailability', 'adminPublishRate', 'adminRetractRate',
  'adminImportRateSheet', 'auditQuery', 'onSyncStatus', 'onAuthState',
] as const satisfies ReadonlyArray<keyof DesktopApi>;
