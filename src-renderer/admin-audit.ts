// The audit log viewer's logic: filters as typed -> the audit search the host sends, and an entry's
// old and new values side by side with the changed fields marked. Pure, so it is unit tested.
import { AuditActionTypeSchema, type AuditActionType, type AuditEntry } from '../src-shared/admin/audit.js';
import { isIsoDate, addDays } from '../src-shared/dates.js';
import { UuidString } from '../src-shared/validation/decimal-strings.js';
import type { FieldErrors } from './admin-product-form.js';

/** The filter form; dates are calendar days on the admin's laptop, `to` included. */
export interface AuditFilters {
  userId: string;
  tableName: string;
  recordId: string;
  actionType: AuditActionType | '';
  fromDate: string;
  toDate: string;
}

export const emptyAuditFilters: AuditFilters = { userId: '', tableName: '', recordId: '', actionType: '', fromDate: '', toDate: '' };

export const AUDIT_PAGE_SIZE = 50;

/** The tables admins and compliance look at most; the filter also takes any other table name. */
export const auditTables = ['products', 'product_availability', 'rate_history', 'saved_comparisons', 'user_sessions', 'user_roles'] as const;

export const auditActionTypes: readonly AuditActionType[] = AuditActionTypeSchema.options;

export interface AuditSearch {
  userId?: string;
  tableName?: string;
  recordId?: string;
  actionType?: AuditActionType;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** Midnight at the start of a calendar day on this laptop, as an ISO-8601 UTC instant. */
export function localMidnight(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map((part) => Number.parseInt(part, 10));
  return new Date(year, month - 1, day).toISOString();
}

export type AuditSearchCheck = { ok: true; search: AuditSearch } | { ok: false; errors: FieldErrors };

/**
 * Filters -> search. Blank filters are left out; the "to" day is included, so the exclusive bound
 * sent is the next midnight. `toInstant` turns a calendar day into the instant it starts.
 */
export function auditSearchFrom(filters: AuditFilters, cursor: string | null, toInstant: (date: string) => string = localMidnight): AuditSearchCheck {
  const errors: FieldErrors = {};
  const search: AuditSearch = { limit: AUDIT_PAGE_SIZE };
  const userId = filters.userId.trim();
  if (userId !== '') {
    if (UuidString.safeParse(userId).success) search.userId = userId;
    else errors.userId = ['must be a user id (a UUID); choose "Only this user" on an entry to fill it in'];
  }
  const tableName = filters.tableName.trim();
  if (tableName !== '') {
    if (/^[a-z_][a-z0-9_]{0,99}$/.test(tableName)) search.tableName = tableName;
    else errors.tableName = ['must be a table name such as products or rate_history'];
  }
  const recordId = filters.recordId.trim();
  if (recordId !== '') {
    if (UuidString.safeParse(recordId).success) search.recordId = recordId;
    else errors.recordId = ['must be a record id (a UUID such as a product id)'];
  }
  if (filters.actionType !== '') search.actionType = filters.actionType;
  const fromOk = filters.fromDate === '' || isIsoDate(filters.fromDate);
  const toOk = filters.toDate === '' || isIsoDate(filters.toDate);
  if (!fromOk) errors.fromDate = ['must be a date'];
  if (!toOk) errors.toDate = ['must be a date'];
  if (fromOk && filters.fromDate !== '') search.from = toInstant(filters.fromDate);
  if (toOk && filters.toDate !== '') search.to = toInstant(addDays(filters.toDate, 1));
  if (fromOk && toOk && filters.fromDate !== '' && filters.toDate !== '' && filters.toDate < filters.fromDate) {
    errors.toDate = ['must be on or after the "from" date'];
  }
  if (cursor !== null) search.cursor = cursor;
  return Object.keys(errors).length === 0 ? { ok: true, search } : { ok: false, errors };
}

export interface ValueRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored value as text: strings as they are (decimal strings stay exact), the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Old and new values field by field (fields in the order they first appear), each marked when it
 * differs. A creation has no old values and a deletion no new ones: every field counts as changed.
 * Values that are not objects show as one row named "value".
 */
export function compareValues(oldValues: unknown, newValues: unknown): ValueRow[] {
  const before = isRecord(oldValues) ? oldValues : oldValues === null || oldValues === undefined ? {} : { value: oldValues };
  const after = isRecord(newValues) ? newValues : newValues === null || newValues === undefined ? {} : { value: newValues };
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => {
    const beforeText = valueText(before[field]);
    const afterText = valueText(after[field]);
    return {
      field,
      before: beforeText,
      after: afterText,
      changed: JSON.stringify(before[field]) !== JSON.stringify(after[field]),
    };
  });
}

/** One line for the collapsed entry: "PUBLISH rate_history by admin@ratedesk.test". */
export function entrySummary(entry: Pick<AuditEntry, 'actionType' | 'tableName' | 'userEmail' | 'userId'>): string {
  const who = entry.userEmail ?? entry.userId ?? 'system';
  return `${entry.actionType}${entry.tableName === null ? '' : ` ${entry.tableName}`} by ${who}`;
}

