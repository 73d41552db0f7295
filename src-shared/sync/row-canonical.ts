// The canonical text of a synced row: the one string both the server (SQL functions
// sync_canonical_<table> in migrations/20261124001300_sync_checksums.ts) and the desktop app build
// for a row, so each side can hash its copy and compare sums (see ./checksum.ts). A mismatch means a
// row is missing, extra, stale or corrupted on the client.
//
// The form, version 1:
// - the fields of the table in the fixed order of the FIELDS lists below, joined by U+001F;
// - null is the two characters \N;
// - text: a backslash is doubled and U+001F written as \s (so no value can forge a separator or \N);
// - UUIDs lowercase; booleans t / f; whole numbers in decimal; numeric values exactly as PostgreSQL
//   prints NUMERIC(8,4) / NUMERIC(15,2) and as the API serves them ("4.5000", "100000.00");
// - dates YYYY-MM-DD; a numeric array like PostgreSQL's text form, "{7.0000,6.0000}" or "{}";
// - left out: timestamps (their text depends on session settings) and JSON documents (PostgreSQL's
//   jsonb text differs from JSON.stringify); changeVersion is in, so a stale copy never matches.
//
// Pure: no Node, no DOM. Hashing needs MD5, which the host supplies (node:crypto on both sides).
import { isBrokeredCd, nonforfeitureRateOf } from '../catalog.js';
import { issueAgeAndMvaTermsOf } from '../catalog/issue-ages-and-mva.js';
import type { SyncedAvailability, SyncedComparison, SyncedComparisonItem, SyncedProduct, SyncedRate } from './protocol.js';
import type { SyncedCarrier, SyncedIndexLevel, SyncedStateApproval, SyncedStrategy, SyncedStrategyRate } from './protocol.js';

export const CANONICAL_FORM_VERSION = 1;

const SEPARATOR = '\u001f';
const NULL_MARK = '\\N';

function text(value: string | null): string {
  return value === null ? NULL_MARK : value.replaceAll('\\', '\\\\').replaceAll(SEPARATOR, '\\s');
}

function plain(value: string | number | null): string {
  return value === null ? NULL_MARK : String(value);
}

function uuid(value: string | null): string {
  return value === null ? NULL_MARK : value.toLowerCase();
}

function bool(value: boolean): string {
  return value ? 't' : 'f';
}

function numericArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

function join(fields: readonly string[]): string {
  return fields.join(SEPARATOR);
}

export type CanonicalProduct = Pick<
  SyncedProduct,
  | 'productId'
  | 'cusip'
  | 'productName'
  | 'productType'
  | 'issuerName'
  | 'description'
  | 'minimumInvestment'
  | 'maximumInvestment'
  | 'baseRate'
  | 'bonusRate'
  | 'bonusYears'
  | 'termYears'
  | 'guaranteedMinimumRate'
  | 'compounding'
  | 'surrenderSchedule'
  | 'freeWithdrawalPercent'
  | 'returnOfPremium'
  | 'returnOfPremiumPercentage'
  | 'termsAndConditions'
  | 'nonforfeitureRate'
  | 'brokered'
  | 'earlyWithdrawalPenaltyMonths'
  | 'minimumIssueAge'
  | 'maximumIssueAge'
  | 'mvaApplies'
  | 'mvaSpread'
  | 'mvaReferenceIndex'
  | 'mvaFactorFloor'
  | 'mvaFactorCap'
  | 'mvaReferenceRate'
  | 'carrierId'
  | 'isActive'
  | 'createdBy'
  | 'updatedBy'
  | 'changeVersion'
>;

export function canonicalProduct(row: CanonicalProduct): string {
  const terms = issueAgeAndMvaTermsOf(row);
  return join([
    uuid(row.productId),
    text(row.cusip),
    text(row.productName),
    text(row.productType),
    text(row.issuerName),
    text(row.description),
    plain(row.minimumInvestment),
    plain(row.maximumInvestment),
    plain(row.baseRate),
    plain(row.bonusRate),
    plain(row.bonusYears),
    plain(row.termYears),
    plain(row.guaranteedMinimumRate),
    text(row.compounding),
    numericArray(row.surrenderSchedule),
    plain(row.freeWithdrawalPercent),
    bool(row.returnOfPremium),
    plain(row.returnOfPremiumPercentage),
    text(row.termsAndConditions),
    // Added by migrations/20261203200000_product_cd_terms_and_nonforfeiture. Every stored row has
    // them; an object without them (older snapshots) is written with the catalog's defaults.
    plain(nonforfeitureRateOf(row)),
    bool(row.brokered ?? isBrokeredCd(row)),
    plain(row.earlyWithdrawalPenaltyMonths ?? null),
    // Added by migrations/20261204000700_product_issue_ages_and_mva; absent = no limits, no MVA.
    plain(terms.minimumIssueAge),
    plain(terms.maximumIssueAge),
    bool(terms.mvaApplies),
    plain(terms.mvaSpread),
    text(terms.mvaReferenceIndex),
    plain(terms.mvaFactorFloor),
    plain(terms.mvaFactorCap),
    // Added by migrations/20261204001300_catalog_terms_sync (issue 13); absent (an older server's
    // row) = none, as the columns' null.
    plain(terms.mvaReferenceRate),
    uuid(row.carrierId ?? null),
    bool(row.isActive),
    text(row.createdBy),
    text(row.updatedBy),
    plain(row.changeVersion),
  ]);
}

export type CanonicalAvailability = Pick<
  SyncedAvailability,
  'availabilityId' | 'productId' | 'startDate' | 'endDate' | 'isActive' | 'createdBy' | 'changeVersion'
>;

export function canonicalAvailability(row: CanonicalAvailability): string {
  return join([
    uuid(row.availabilityId),
    uuid(row.productId),
    plain(row.startDate),
    plain(row.endDate),
    bool(row.isActive),
    text(row.createdBy),
    plain(row.changeVersion),
  ]);
}

export type CanonicalRate = Pick<
  SyncedRate,
  'rateHistoryId' | 'productId' | 'baseRate' | 'bonusRate' | 'effectiveDate' | 'endDate' | 'isActive' | 'createdBy' | 'changeVersion'
>;

export function canonicalRate(row: CanonicalRate): string {
  return join([
    uuid(row.rateHistoryId),
    uuid(row.productId),
    plain(row.baseRate),
    plain(row.bonusRate),
    plain(row.effectiveDate),
    plain(row.endDate),
    bool(row.isActive),
    text(row.createdBy),
    plain(row.changeVersion),
  ]);
}

export type CanonicalComparison = Pick<
  SyncedComparison,
  'comparisonId' | 'investmentAmount' | 'horizonYears' | 'asOfDate' | 'clientReference' | 'engineVersion' | 'changeVersion' | 'historical'
>;

/**
 * The comparison row itself; its items are hashed separately (canonicalComparisonItem). `historical`
 * (migration 20261203100100) is appended only when true, so every other row keeps the text it had
 * before the field existed and clients that predate it still verify their copies.
 */
export function canonicalComparison(row: CanonicalComparison): string {
  return join([
    uuid(row.comparisonId),
    plain(row.investmentAmount),
    plain(row.horizonYears),
    plain(row.asOfDate),
    text(row.clientReference),
    text(row.engineVersion),
    plain(row.changeVersion),
    ...(row.historical === true ? [bool(true)] : []),
  ]);
}

export type CanonicalComparisonItem = Pick<
  SyncedComparisonItem,
  'position' | 'productId' | 'rateHistoryId' | 'baseRate' | 'bonusRate' | 'changeVersion'
>;

/** An item of comparison `comparisonId` (the wire nests items, so the id comes from the parent). */
export function canonicalComparisonItem(comparisonId: string, row: CanonicalComparisonItem): string {
  return join([
    uuid(comparisonId),
    plain(row.position),
    uuid(row.productId),
    uuid(row.rateHistoryId),
    plain(row.baseRate),
    plain(row.bonusRate),
    plain(row.changeVersion),
  ]);
}

// ---- issue 13's catalog records (migrations/20261204001300_catalog_terms_sync) ------------------
// Each form is its fields in order with how each is written; timestamps are left out as above.

type FieldForm = 'uuid' | 'text' | 'plain' | 'bool';
const WRITE: Record<FieldForm, (value: never) => string> = { uuid, text, plain, bool };

function canonicalForm<T>(fields: ReadonlyArray<readonly [keyof T & string, FieldForm]>): (row: T) => string {
  return (row) => join(fields.map(([field, form]) => (WRITE[form] as (value: unknown) => string)(row[field])));
}

const CREATED = [['isActive', 'bool'], ['createdBy', 'text']] as const;
const UPDATED = [...CREATED, ['updatedBy', 'text'], ['changeVersion', 'plain']] as const;
const CREATED_ONLY = [...CREATED, ['changeVersion', 'plain']] as const;
type WithoutTimestamps<T> = Omit<T, 'createdAt' | 'updatedAt'>;

export type CanonicalCarrier = WithoutTimestamps<SyncedCarrier>;
export const canonicalCarrier = canonicalForm<CanonicalCarrier>([
  ['carrierId', 'uuid'], ['carrierName', 'text'], ['naicCode', 'text'], ['amBestRating', 'text'], ['amBestOutlook', 'text'], ['ratingAsOf', 'plain'],
  ...UPDATED,
]);

export type CanonicalStateApproval = WithoutTimestamps<SyncedStateApproval>;
export const canonicalStateApproval = canonicalForm<CanonicalStateApproval>([
  ['approvalId', 'uuid'], ['productId', 'uuid'], ['stateCode', 'text'], ['approvedFrom', 'plain'], ['approvedUntil', 'plain'],
  ...UPDATED,
]);

export type CanonicalStrategy = WithoutTimestamps<SyncedStrategy>;
export const canonicalStrategy = canonicalForm<CanonicalStrategy>([
  ['strategyId', 'uuid'], ['productId', 'uuid'], ['strategyCode', 'text'], ['strategyName', 'text'], ['indexName', 'text'],
  ['creditingMethod', 'text'], ['guaranteedRate', 'plain'], ['floorRate', 'plain'], ['sortOrder', 'plain'],
  ...UPDATED,
]);

export type CanonicalStrategyRate = WithoutTimestamps<SyncedStrategyRate>;
export const canonicalStrategyRate = canonicalForm<CanonicalStrategyRate>([
  ['strategyRateId', 'uuid'], ['strategyId', 'uuid'], ['rate', 'plain'], ['effectiveDate', 'plain'], ['endDate', 'plain'], ...CREATED_ONLY,
]);

export type CanonicalIndexLevel = WithoutTimestamps<SyncedIndexLevel>;
export const canonicalIndexLevel = canonicalForm<CanonicalIndexLevel>([
  ['indexLevelId', 'uuid'], ['indexName', 'text'], ['levelDate', 'plain'], ['level', 'plain'], ['source', 'text'], ...CREATED_ONLY,
]);
