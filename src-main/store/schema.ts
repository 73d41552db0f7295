// Kysely types of the desktop cache (SQLite). Column names are the camelCase twins of the SQL
// columns (CamelCasePlugin). Conventions, enforced by CHECKs in the migrations:
// - money is TEXT with exactly 2 decimals ("100000.00"), rates and percents TEXT with exactly 4
//   ("4.5000"); the text is the source of truth. Where the app filters or sorts on an amount or a
//   rate, a STORED generated INTEGER twin (cents, ten-thousandths of a percent) makes the
//   comparison exact. Nothing is REAL.
// - booleans are INTEGER 0/1; dates 'YYYY-MM-DD'; timestamps ISO-8601 UTC text.
// - change versions are INTEGER (SQLite integers are 64-bit, as PostgreSQL's bigint). They are
//   written as decimal strings and must be read back with CAST(... AS TEXT): better-sqlite3 would
//   return a JS number, which is inexact past 2^53.
import type { ColumnType, GeneratedAlways, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { UploadStatus } from '../../src-shared/sync/status.js';
import type { CatalogTermsCacheTables } from './catalog-terms-schema.js';

/** A change_version column: written as a decimal string, read only through CAST(... AS TEXT). */
type VersionColumn = ColumnType<string, string, string>;

export interface ProductsTable {
  /** Stable rowid alias: the FTS index refers to it (VACUUM may renumber implicit rowids). */
  productKey: GeneratedAlways<number>;
  productId: string;
  cusip: string;
  productName: string;
  productType: string;
  issuerName: string;
  description: string;
  minimumInvestment: string;
  minimumInvestmentCents: GeneratedAlways<number>;
  maximumInvestment: string | null;
  maximumInvestmentCents: GeneratedAlways<number | null>;
  /**
   * Not the rate in force (docs/database.md, "products.base_rate"): the catalog reads and orders
   * by rate_history as of the business date (catalog-queries.ts).
   */
  baseRate: string;
  /** baseRate in ten-thousandths of a percent: "4.5000" -> 45000. No query orders by it any more. */
  baseRateUnits: GeneratedAlways<number>;
  bonusRate: string;
  bonusYears: number;
  termYears: number;
  guaranteedMinimumRate: string;
  compounding: string;
  /** JSON array of percent strings. */
  surrenderSchedule: string;
  freeWithdrawalPercent: string;
  returnOfPremium: number;
  returnOfPremiumPercentage: string | null;
  termsAndConditions: string | null;
  /** Percent text, 1.0000 to 3.0000 (migration 20261203200100). */
  nonforfeitureRate: string;
  /** 0/1: a brokered CD. */
  brokered: number;
  /** A bank CD's penalty in months of interest; null otherwise. */
  earlyWithdrawalPenaltyMonths: number | null;
  /** Whole years, null = no limit (migration 20261204100200). */
  minimumIssueAge: number | null;
  maximumIssueAge: number | null;
  /** 0/1: the product has a market value adjustment. */
  mvaApplies: number;
  /** Percent text, 4 places; the floor is 0 or negative. */
  mvaSpread: string | null;
  mvaReferenceIndex: string | null;
  mvaFactorFloor: string | null;
  mvaFactorCap: string | null;
  /** Client migration 20261204100300. */
  mvaReferenceRate: string | null;
  carrierId: string | null;
  isActive: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  changeVersion: VersionColumn;
}

export interface ProductAvailabilityTable {
  availabilityId: string;
  productId: string;
  startDate: string;
  endDate: string | null;
  isActive: number;
  createdAt: string;
  createdBy: string;
  changeVersion: VersionColumn;
}

export interface RateHistoryTable {
  rateHistoryId: string;
  productId: string;
  baseRate: string;
  bonusRate: string;
  effectiveDate: string;
  endDate: string | null;
  isActive: number;
  createdAt: string;
  createdBy: string;
  changeVersion: VersionColumn;
}

export interface SavedComparisonsTable {
  comparisonId: string;
  /** When the rep produced it, laptop clock, ISO-8601 UTC with milliseconds. */
  createdAt: string;
  asOfDate: string;
  investmentAmount: string;
  horizonYears: number;
  clientReference: string | null;
  /** JSON object: exactly what was shown and what will be uploaded. */
  payload: string;
  /** Set when the server's copy comes back; null until then. */
  serverChangeVersion: ColumnType<string | null, string | null, string | null>;
  /** 1 for a historical view, generated from payload.historical (migration 20261203100100). */
  historical: GeneratedAlways<number>;
  /** The rep it belongs to (the ID token's subject); null: saved before owners, held (migration 20261204100000). */
  ownerSubject: string | null;
}

/** An upload's progress, kept alike by the outbox and the record event queue. */
interface UploadProgressColumns<Status extends string> {
  status: Status;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  rejectedReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxTable extends UploadProgressColumns<UploadStatus> {
  /** Rowid alias: upload order is creation order. */
  outboxId: GeneratedAlways<number>;
  comparisonId: string;
  /** The same owner as its comparison's: only that rep's runs upload it (migration 20261204100000). */
  ownerSubject: string | null;
}

/** Record events queued for upload (migration 20261204100100, record-event-queue.ts). */
export interface RecordEventQueueTable extends UploadProgressColumns<'pending' | 'applied' | 'rejected'> {
  eventId: string;
  /** The token subject of the user the event happened to; only that user's runs upload it. */
  ownerSubject: string;
  kind: string;
  /** The printed comparison of an ILLUSTRATION_PRINTED event; null otherwise. */
  comparisonId: string | null;
  /** JSON of the RecordEvent as uploaded. */
  payload: string;
}

export interface SyncStateTable {
  key: string;
  value: string;
  updatedAt: string;
}

export interface ClientDatabase extends CatalogTermsCacheTables {
  products: ProductsTable;
  productAvailability: ProductAvailabilityTable;
  rateHistory: RateHistoryTable;
  savedComparisons: SavedComparisonsTable;
  outbox: OutboxTable;
  syncState: SyncStateTable;
  recordEventQueue: RecordEventQueueTable;
}

/** A connection or a transaction: repositories accept either, so callers choose the transaction. */
export type ClientDb = Kysely<ClientDatabase> | Transaction<ClientDatabase>;

export type ProductRow = Selectable<ProductsTable>;
export type NewProductRow = Insertable<ProductsTable>;
export type AvailabilityRow = Selectable<ProductAvailabilityTable>;
export type NewAvailabilityRow = Insertable<ProductAvailabilityTable>;
export type RateRow = Selectable<RateHistoryTable>;
export type NewRateRow = Insertable<RateHistoryTable>;
export type SavedComparisonRow = Selectable<SavedComparisonsTable>;
export type OutboxRow = Selectable<OutboxTable>;
