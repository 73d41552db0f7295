// Database rows -> the catalog shapes of src-shared/catalog.ts that the API returns and the audit
// log records. NUMERIC columns already come back as exact decimal strings with the column's scale
// ("4.5000", "100000.00"), so values pass through unchanged.
import type { AvailabilityWindow, Product, ProductInput, RateHistoryEntry } from '../../src-shared/catalog.js';
import type { NewAuditEntry } from '../audit/record-audit.js';
import type { JsonObject, ProductAvailabilityRow, ProductRow, RateHistoryRow } from '../db/schema.js';

/**
 * server/db/schema.ts declares defaulted timestamps as Generated<Timestamp>, which Kysely types as
 * the nested ColumnType rather than its select type; at run time they are ISO strings.
 */
export function timestamp(value: unknown): string {
  return String(value);
}

export function productFromRow(row: ProductRow): Product {
  return {
    productId: row.productId,
    cusip: row.cusip,
    productName: row.productName,
    productType: row.productType,
    issuerName: row.issuerName,
    carrierId: row.carrierId,
    description: row.description,
    minimumInvestment: row.minimumInvestment,
    maximumInvestment: row.maximumInvestment,
    baseRate: row.baseRate,
    bonusRate: row.bonusRate,
    bonusYears: row.bonusYears,
    termYears: row.termYears,
    guaranteedMinimumRate: row.guaranteedMinimumRate,
    compounding: row.compounding,
    surrenderSchedule: row.surrenderSchedule,
    freeWithdrawalPercent: row.freeWithdrawalPercent,
    returnOfPremium: row.returnOfPremium,
    returnOfPremiumPercentage: row.returnOfPremiumPercentage,
    termsAndConditions: row.termsAndConditions,
    nonforfeitureRate: row.nonforfeitureRate,
    brokered: row.brokered,
    earlyWithdrawalPenaltyMonths: row.earlyWithdrawalPenaltyMonths,
    minimumIssueAge: row.minimumIssueAge,
    maximumIssueAge: row.maximumIssueAge,
    mvaApplies: row.mvaApplies,
    mvaSpread: row.mvaSpread,
    mvaReferenceIndex: row.mvaReferenceIndex,
    mvaFactorFloor: row.mvaFactorFloor,
    mvaFactorCap: row.mvaFactorCap,
    mvaReferenceRate: row.mvaReferenceRate,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    updatedAt: timestamp(row.updatedAt),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The editable fields of a stored product, i.e. what PATCH merges a partial change into. */
export function productInputFromRow(row: ProductRow): ProductInput {
  const { productId: _id, isActive: _active, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...input } = productFromRow(row);
  return input;
}

export function availabilityFromRow(row: ProductAvailabilityRow): AvailabilityWindow {
  return {
    availabilityId: row.availabilityId,
    productId: row.productId,
    startDate: row.startDate,
    endDate: row.endDate,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    createdBy: row.createdBy,
  };
}

export function rateFromRow(row: RateHistoryRow): RateHistoryEntry {
  return {
    rateHistoryId: row.rateHistoryId,
    productId: row.productId,
    baseRate: row.baseRate,
    bonusRate: row.bonusRate,
    effectiveDate: row.effectiveDate,
    endDate: row.endDate,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    createdBy: row.createdBy,
  };
}

/** A catalog object as an audit-log JSON value. */
export function auditValues(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** The fields an edit changes, with their old and new values. */
export interface FieldChanges {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * The fields of `next` whose value differs from `stored`, or null when none does. Compared as JSON,
 * so a list that is equal element by element (a surrender schedule) counts as unchanged.
 */
export function changedFields<T extends object>(stored: T, next: T): FieldChanges | null {
  const keys = (Object.keys(next) as (keyof T & string)[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(stored[key]));
  if (keys.length === 0) return null;
  return { before: Object.fromEntries(keys.map((key) => [key, stored[key]])), after: Object.fromEntries(keys.map((key) => [key, next[key]])) };
}

/** The audit entry of an edit in place: only the changed fields, old and new. */
export function updateAudit(tableName: string, recordId: string, changes: FieldChanges): NewAuditEntry {
  return { action: 'UPDATE', tableName, recordId, oldValues: auditValues(changes.before), newValues: auditValues(changes.after) };
}
