// The PostgreSQL schema as Kysely sees it through CamelCasePlugin: camelCase keys here, snake_case in
// the database. Value types follow the per-pool parsers of ./database.ts: NUMERIC, BIGINT and UUID
// are strings, DATE is 'YYYY-MM-DD', TIMESTAMPTZ is an ISO-8601 UTC string.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import { AuditActionTypeSchema, type AuditActionType } from '../../src-shared/admin/audit.js';
import type { CatalogTermsTables } from './catalog-terms-schema.js';
import type { FleetTables } from './fleet-schema.js';

/** Decimal string exactly as stored, e.g. "4.5000" or "100000.00". Never a JS number. */
export type DecimalString = string;
/** Business date, 'YYYY-MM-DD' (no time zone). */
export type DateString = string;
/** Instant as ISO-8601 UTC, e.g. "2026-11-24T01:50:00.123Z"; a Date is accepted on write. */
export type Timestamp = ColumnType<string, string | Date, string | Date>;
export type NullableTimestamp = ColumnType<string | null, string | Date | null, string | Date | null>;
/** A timestamp with a database default: optional on insert. (DefaultedTimestamp would nest ColumnTypes.) */
export type DefaultedTimestamp = ColumnType<string, string | Date | undefined, string | Date>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
// node-postgres turns a JS array parameter into a PostgreSQL array literal, not JSON, so columns that
// may hold a JSON array take JSON text on write.
type JsonObjectColumn = ColumnType<JsonObject, JsonObject | string, JsonObject | string>;
type JsonTextColumn = ColumnType<JsonValue, string, string>;

/** Set by the stamp_change_version() trigger; never written by the application. */
type ChangeStamp = ColumnType<string, never, never>;

export const productTypes = ['MYGA', 'FIA', 'CD'] as const;
export type ProductType = (typeof productTypes)[number];
export const compoundingMethods = ['annual', 'daily', 'simple'] as const;
export type Compounding = (typeof compoundingMethods)[number];
export const roleNames = ['sales_rep', 'admin', 'compliance'] as const;
export type RoleName = (typeof roleNames)[number];
/** The shared list (src-shared/admin/audit.ts); the CHECK constraint audit_log_action_type_known mirrors it. */
export const auditActionTypes = AuditActionTypeSchema.options;
export type { AuditActionType };

/** Tables whose rows carry change_version / change_tx and reach clients through sync. */
export const syncedTables = [
  'products',
  'product_availability',
  'rate_history',
  'product_comparisons',
  'product_comparison_items',
  'carriers',
  'product_state_approvals',
  'fia_strategies',
  'fia_strategy_rates',
  'index_levels',
] as const;
export type SyncedTable = (typeof syncedTables)[number];

export interface UsersTable {
  userId: Generated<string>;
  oktaUserId: string;
  email: string;
  firstName: Generated<string>;
  lastName: Generated<string>;
  isActive: Generated<boolean>;
  lastLogin: NullableTimestamp;
  /** RateDesk's own revocation (migration 20261205000200): all three set, or none. */
  accessRevokedAt: NullableTimestamp;
  accessRevokedBy: string | null;
  accessRevokeReason: string | null;
  createdAt: DefaultedTimestamp;
  /** Maintained by a trigger on UPDATE. */
  updatedAt: DefaultedTimestamp;
}

export interface UserRolesTable {
  userRoleId: Generated<string>;
  userId: string;
  roleName: RoleName;
  oktaGroupName: string | null;
  assignedAt: DefaultedTimestamp;
  assignedBy: string;
  /** Set instead of deleting the row when the Okta group is removed; cleared on re-grant. */
  revokedAt: NullableTimestamp;
  revokedBy: string | null;
}

export interface UserSessionsTable {
  sessionId: Generated<string>;
  userId: string;
  oktaSessionId: string | null;
  /** SHA-256 of the token, 64 lowercase hex characters. Never the token. */
  jwtTokenHash: string;
  ipAddress: string | null;
  userAgent: string | null;
  loginTime: DefaultedTimestamp;
  lastActivity: DefaultedTimestamp;
  logoutTime: NullableTimestamp;
  expiresAt: Timestamp;
  isActive: Generated<boolean>;
}

export interface ProductsTable extends SyncedCatalogRow {
  productId: Generated<string>;
  /** 9 characters with a valid check digit (enforced by the database). */
  cusip: string;
  productName: string;
  productType: ProductType;
  issuerName: string;
  description: Generated<string>;
  minimumInvestment: DecimalString;
  maximumInvestment: DecimalString | null;
  /**
   * The first rate (on create), then the last rate published for immediate effect: NOT the rate in
   * force, which comes from rate_history as of the business date (docs/database.md, "products.base_rate").
   */
  baseRate: DecimalString;
  bonusRate: Generated<DecimalString>;
  bonusYears: Generated<number>;
  termYears: number;
  guaranteedMinimumRate: DecimalString;
  compounding: Compounding;
  /** Surrender charge percent per contract year (index 0 = year 1). */
  surrenderSchedule: Generated<DecimalString[]>;
  freeWithdrawalPercent: Generated<DecimalString>;
  returnOfPremium: Generated<boolean>;
  returnOfPremiumPercentage: DecimalString | null;
  termsAndConditions: string | null;
  /** NAIC Model 805 nonforfeiture rate, 1 to 3 (migration 20261203200000). */
  nonforfeitureRate: Generated<DecimalString>;
  /** A brokered CD; only CDs. */
  brokered: Generated<boolean>;
  /** A bank CD's penalty in months of interest; null for every other product. */
  earlyWithdrawalPenaltyMonths: number | null;
  /** Issue ages in whole years, null = no limit (migration 20261204000700). */
  minimumIssueAge: number | null;
  maximumIssueAge: number | null;
  /** Market value adjustment: spread and reference index exactly when it applies; floor <= 0 <= cap. */
  mvaApplies: Generated<boolean>;
  mvaSpread: DecimalString | null;
  mvaReferenceIndex: string | null;
  mvaFactorFloor: DecimalString | null;
  mvaFactorCap: DecimalString | null;
  /** i of the MVA formula for a contract issued now; only with an MVA (migration 20261204001200). */
  mvaReferenceRate: DecimalString | null;
  /** The issuing carrier (migration 20261204000800); null for products entered before carriers. */
  carrierId: string | null;
  updatedAt: DefaultedTimestamp;
  updatedBy: string;
}

/** What every synced catalog table has: the active flag, who made the row, and its sync stamps. */
interface SyncedCatalogRow {
  /** false: deactivated (a product, a window) or retracted (a rate). */
  isActive: Generated<boolean>;
  createdAt: DefaultedTimestamp;
  createdBy: string;
  changeVersion: ChangeStamp;
  changeTx: ChangeStamp;
}

export interface ProductAvailabilityTable extends SyncedCatalogRow {
  availabilityId: Generated<string>;
  productId: string;
  startDate: DateString;
  /** Inclusive; null = open ended. */
  endDate: DateString | null;
}

export interface RateHistoryTable extends SyncedCatalogRow {
  rateHistoryId: Generated<string>;
  productId: string;
  baseRate: DecimalString;
  bonusRate: Generated<DecimalString>;
  effectiveDate: DateString;
  /** Inclusive; null = until further notice. Active periods of one product never overlap. */
  endDate: DateString | null;
}

export interface ProductComparisonsTable {
  /** Generated by the client, so a retried upload is idempotent. */
  comparisonId: string;
  userId: string;
  sessionId: string | null;
  /** Laptop clock: when the rep showed it. */
  comparisonDate: Timestamp;
  /** Server clock. */
  receivedAt: DefaultedTimestamp;
  investmentAmount: DecimalString;
  horizonYears: number;
  asOfDate: DateString;
  inputs: JsonObjectColumn;
  results: JsonTextColumn;
  engineVersion: string;
  /** How the rep labels the client (never an SSN; migration 20261124001200_comparison_sync). */
  clientReference: string | null;
  /** A historical view: rates as of another day than the business date it was saved on (migration 20261203100100). */
  historical: Generated<boolean>;
  // The record's completeness fields (migration 20261204000200); null in records stored before it.
  appVersion: string | null;
  catalogCursor: string | null;
  preparedOn: DateString | null;
  /** The disclosure texts shown, in reading order: a JSON array of strings (JSON text on write). */
  disclosures: ColumnType<JsonValue | null, string | null, string | null>;
  /** SHA-256 of the UTF-8 of JSON.stringify(disclosure texts), 64 lowercase hex characters. */
  disclosuresSha256: string | null;
  bestInterest: ColumnType<JsonObject | null, JsonObject | string | null, JsonObject | string | null>;
  changeVersion: ChangeStamp;
  changeTx: ChangeStamp;
}

/** A comparison upload the server refused, one row per refusal (migration 20261204000300). */
export interface ComparisonUploadRejectionsTable {
  rejectionId: Generated<string>;
  comparisonId: string;
  userId: string;
  receivedAt: DefaultedTimestamp;
  reason: string;
  comparisonDate: NullableTimestamp;
  asOfDate: DateString | null;
  clientReference: string | null;
  investmentAmount: DecimalString | null;
  productIds: ColumnType<string[], string[] | undefined, never>;
}

export interface ProductComparisonItemsTable {
  comparisonId: string;
  /** 1..4 */
  position: number;
  productId: string;
  rateHistoryId: string | null;
  baseRate: DecimalString;
  bonusRate: DecimalString;
  productSnapshot: JsonObjectColumn;
  changeVersion: ChangeStamp;
  changeTx: ChangeStamp;
}

/** Record events uploaded by the laptop (migration 20261204000400): prints and sign-outs. Insert only. */
export interface RecordEventsTable {
  /** Generated on the laptop, so a retried upload is idempotent. */
  eventId: string;
  userId: string;
  sessionId: string | null;
  kind: 'ILLUSTRATION_PRINTED' | 'SIGNED_OUT';
  /** Laptop clock. */
  occurredAt: Timestamp;
  /** Server clock. */
  receivedAt: DefaultedTimestamp;
  // Set for ILLUSTRATION_PRINTED only (CHECK constraints); null for SIGNED_OUT.
  comparisonId: string | null;
  pdfSha256: string | null;
  pageCount: number | null;
  copyNumber: number | null;
  reprint: boolean | null;
  printedOn: DateString | null;
  historical: boolean | null;
}

export interface AuditLogTable {
  auditId: Generated<string>;
  occurredAt: DefaultedTimestamp;
  userId: string | null;
  actionType: AuditActionType;
  tableName: string | null;
  recordId: string | null;
  oldValues: ColumnType<JsonValue | null, JsonObject | string | null, never>;
  newValues: ColumnType<JsonValue | null, JsonObject | string | null, never>;
  ipAddress: string | null;
  userAgent: string | null;
  sessionId: string | null;
  /** The server's own id of the request. */
  requestId: string | null;
  /** The caller's x-request-id, when short and plain (migration 20261205000400). */
  clientRequestId: string | null;
}

/** One row: the identity of this database's sync history (migration 20261124001100_sync_epoch). */
export interface SyncEpochTable {
  singleton: Generated<boolean>;
  epoch: Generated<string>;
  rotatedAt: DefaultedTimestamp;
}

/** Per synced table and scope: row count and checksum, kept by triggers (20261124001300_sync_checksums). */
export interface SyncTableStatsTable {
  tableName: string;
  scope: string;
  rowCount: ColumnType<string, never, never>;
  checksum: ColumnType<DecimalString, never, never>;
}

export interface Database extends CatalogTermsTables, FleetTables {
  users: UsersTable;
  userRoles: UserRolesTable;
  userSessions: UserSessionsTable;
  products: ProductsTable;
  productAvailability: ProductAvailabilityTable;
  rateHistory: RateHistoryTable;
  productComparisons: ProductComparisonsTable;
  productComparisonItems: ProductComparisonItemsTable;
  comparisonUploadRejections: ComparisonUploadRejectionsTable;
  recordEvents: RecordEventsTable;
  auditLog: AuditLogTable;
  syncEpoch: SyncEpochTable;
  syncTableStats: SyncTableStatsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type UserRole = Selectable<UserRolesTable>;
export type NewUserRole = Insertable<UserRolesTable>;
export type UserRoleUpdate = Updateable<UserRolesTable>;
export type UserSession = Selectable<UserSessionsTable>;
export type NewUserSession = Insertable<UserSessionsTable>;
export type UserSessionUpdate = Updateable<UserSessionsTable>;
export type ProductRow = Selectable<ProductsTable>;
export type NewProductRow = Insertable<ProductsTable>;
export type ProductRowUpdate = Updateable<ProductsTable>;
export type ProductAvailabilityRow = Selectable<ProductAvailabilityTable>;
export type NewProductAvailabilityRow = Insertable<ProductAvailabilityTable>;
export type ProductAvailabilityRowUpdate = Updateable<ProductAvailabilityTable>;
export type RateHistoryRow = Selectable<RateHistoryTable>;
export type NewRateHistoryRow = Insertable<RateHistoryTable>;
export type RateHistoryRowUpdate = Updateable<RateHistoryTable>;
export type ProductComparisonRow = Selectable<ProductComparisonsTable>;
export type NewProductComparisonRow = Insertable<ProductComparisonsTable>;
export type ProductComparisonItemRow = Selectable<ProductComparisonItemsTable>;
export type NewProductComparisonItemRow = Insertable<ProductComparisonItemsTable>;
export type ComparisonUploadRejectionRow = Selectable<ComparisonUploadRejectionsTable>;
export type RecordEventRow = Selectable<RecordEventsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
