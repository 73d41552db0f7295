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

/**
 * What each audited table holds, in the words admins and compliance use: the screen names records
 * by these, never by table name (issue 11); the table name stays in an entry's technical details.
 */
export const AUDIT_RECORD_KINDS: Readonly<Record<string, string>> = {
  products: 'Product',
  product_availability: 'Sale window',
  rate_history: 'Rate',
  product_comparisons: 'Saved comparison',
  saved_comparisons: 'Saved comparison',
  user_sessions: 'Sign-in session',
  user_roles: 'User role',
};

/** The record kinds the filter offers: [table, label]. */
export const auditTables: ReadonlyArray<readonly [table: string, label: string]> = [
  ['products', 'Product'],
  ['product_availability', 'Sale window'],
  ['rate_history', 'Rate'],
  ['product_comparisons', 'Saved comparison'],
  ['user_sessions', 'Sign-in session'],
  ['user_roles', 'User role'],
];

/** A table as people name its records; an unknown table is "Other record". */
export function recordKindLabel(tableName: string | null): string | null {
  if (tableName === null) return null;
  return AUDIT_RECORD_KINDS[tableName] ?? 'Other record';
}

/** What happened, in words; the action codes are the database's. */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditActionType, string>> = {
  CREATE: 'Created',
  UPDATE: 'Changed',
  DELETE: 'Deleted',
  DEACTIVATE: 'Deactivated',
  REACTIVATE: 'Reactivated',
  PUBLISH: 'Published',
  RETRACT: 'Retracted',
  IMPORT: 'Imported',
  EXPORT: 'Exported',
  LOGIN: 'Signed in',
  LOGOUT: 'Signed out',
  LOGIN_FAILED: 'Sign-in failed',
  SESSION_EXPIRED: 'Session expired',
  ACCESS_DENIED: 'Access denied',
  ROLE_GRANTED: 'Role granted',
  ROLE_REVOKED: 'Role revoked',
  COMPARISON_SAVED: 'Comparison saved',
  ILLUSTRATION_PRINTED: 'Illustration printed',
  SYNC_PUSH: 'Comparisons uploaded',
  COMPARISON_REJECTED: 'Comparison upload refused',
  RETENTION_PURGE: 'Expired records removed',
};

// Actions whose words already name the record: "Comparison saved", not "Comparison saved saved comparison".
const SELF_NAMING: ReadonlySet<AuditActionType> = new Set<AuditActionType>([
  'LOGIN',
  'LOGOUT',
  'LOGIN_FAILED',
  'SESSION_EXPIRED',
  'ACCESS_DENIED',
  'ROLE_GRANTED',
  'ROLE_REVOKED',
  'COMPARISON_SAVED',
  'ILLUSTRATION_PRINTED',
  'SYNC_PUSH',
  'COMPARISON_REJECTED',
  'RETENTION_PURGE',
]);

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
    else errors.userId = ['must be a user id; choose "Only this user" on an entry to fill it in'];
  }
  const tableName = filters.tableName.trim();
  if (tableName !== '') {
    if (/^[a-z_][a-z0-9_]{0,99}$/.test(tableName)) search.tableName = tableName;
    else errors.tableName = ['choose a kind of record from the list'];
  }
  const recordId = filters.recordId.trim();
  if (recordId !== '') {
    if (UuidString.safeParse(recordId).success) search.recordId = recordId;
    else errors.recordId = ['must be a record id, such as a product id; choose "Only this record" on an entry to fill it in'];
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
  /** The record ids a counted list stands for, for the details toggle; absent for other values. */
  beforeIds?: string[];
  afterIds?: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids of a list of record ids (e.g. a saved comparison's productIds); null for any other value. */
export function idList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.every((item) => typeof item === 'string' && UUID.test(item)) ? value.map(String) : null;
}

/**
 * A stored value as text: strings as they are (decimal strings stay exact), a list of record ids
 * counted ("3 records": the ids are behind the row's details toggle), the rest as JSON.
 */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  const ids = idList(value);
  if (ids !== null) return `${ids.length} record${ids.length === 1 ? '' : 's'}`;
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
    const beforeIds = idList(before[field]);
    const afterIds = idList(after[field]);
    return {
      field,
      before: valueText(before[field]),
      after: valueText(after[field]),
      changed: JSON.stringify(before[field]) !== JSON.stringify(after[field]),
      ...(beforeIds === null ? {} : { beforeIds }),
      ...(afterIds === null ? {} : { afterIds }),
    };
  });
}

/** One line for the collapsed entry: "Rate published by admin@ratedesk.test", "Signed in by rep@ratedesk.test". */
export function entrySummary(entry: Pick<AuditEntry, 'actionType' | 'tableName' | 'userEmail' | 'userId'>): string {
  // A user without an email is named as a user, not by id: the id is one click away ("Only this user").
  const who = entry.userEmail ?? (entry.userId === null ? 'RateDesk (system)' : 'a user without an email address');
  const kind = SELF_NAMING.has(entry.actionType) ? null : recordKindLabel(entry.tableName);
  const verb = AUDIT_ACTION_LABELS[entry.actionType];
  return `${kind === null ? verb : `${kind} ${verb.toLowerCase()}`} by ${who}`;
}

