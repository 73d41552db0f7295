// The audit trail as GET /v1/audit serves it to admins and compliance: the query (filters and a
// keyset cursor), the entries and the page. The desktop app asks with AuditSearchRequest (a
// number for limit) and main turns it into the query string.
import { z } from 'zod';
import { IsoTimestampString, UuidString } from '../validation/decimal-strings.js';
import { PageCursorText } from '../validation/page-cursor.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';

/** Mirrors the CHECK constraint audit_log_action_type_known (server/db/schema.ts checks it stays equal). */
export const AuditActionType = {
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
  deactivate: 'DEACTIVATE',
  reactivate: 'REACTIVATE',
  publish: 'PUBLISH',
  retract: 'RETRACT',
  import: 'IMPORT',
  export: 'EXPORT',
  login: 'LOGIN',
  logout: 'LOGOUT',
  loginFailed: 'LOGIN_FAILED',
  sessionExpired: 'SESSION_EXPIRED',
  accessDenied: 'ACCESS_DENIED',
  roleGranted: 'ROLE_GRANTED',
  roleRevoked: 'ROLE_REVOKED',
  comparisonSaved: 'COMPARISON_SAVED',
  illustrationPrinted: 'ILLUSTRATION_PRINTED',
  syncPush: 'SYNC_PUSH',
  comparisonRejected: 'COMPARISON_REJECTED',
  retentionPurge: 'RETENTION_PURGE',
} as const;
export const AuditActionTypeSchema = z.enum(AuditActionType);
export type AuditActionType = z.infer<typeof AuditActionTypeSchema>;

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

const TableName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,99}$/, 'must be a table name such as products or rate_history')
  .meta({ description: 'products, product_availability, rate_history, user_sessions, user_roles, ...' });

const filterFields = {
  userId: UuidString.optional(),
  tableName: TableName.optional(),
  recordId: UuidString.optional(),
  actionType: AuditActionTypeSchema.optional(),
  from: IsoTimestampString.optional().meta({ description: 'Inclusive lower bound on occurredAt (ISO-8601 UTC)' }),
  to: IsoTimestampString.optional().meta({ description: 'Exclusive upper bound on occurredAt (ISO-8601 UTC)' }),
};

export function fromBeforeTo(value: { from?: string | undefined; to?: string | undefined }, ctx: Pick<z.core.$RefinementCtx, 'addIssue'>): void {
  if (value.from && value.to && Date.parse(value.from) >= Date.parse(value.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
}

/** GET /v1/audit query parameters (all text on the wire); unrefined, see AuditQuery. */
export const AuditQueryFields = z.strictObject({
  ...filterFields,
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(AUDIT_PAGE_MAX, `must be at most ${AUDIT_PAGE_MAX}`))
    .optional(),
  cursor: PageCursorText.optional(),
});

export const AuditQuery = AuditQueryFields.superRefine(fromBeforeTo);
export type AuditQuery = z.infer<typeof AuditQuery>;
export type AuditQueryInput = z.input<typeof AuditQuery>;

/** The desktop's audit search: the same filters, with limit as a number. */
export const AuditSearchRequest = z
  .strictObject({
    ...filterFields,
    limit: wholeNumberBetween(1, AUDIT_PAGE_MAX).optional(),
    cursor: PageCursorText.optional(),
  })
  .superRefine(fromBeforeTo);
export type AuditSearchRequest = z.input<typeof AuditSearchRequest>;

export const AuditEntry = z.object({
  auditId: UuidString,
  occurredAt: z.string().meta({ description: 'ISO-8601 UTC with microseconds' }),
  userId: UuidString.nullable(),
  userEmail: z.string().nullable(),
  actionType: AuditActionTypeSchema,
  tableName: z.string().nullable(),
  recordId: UuidString.nullable(),
  oldValues: z.unknown().meta({ description: 'The values before the change (JSON), or null' }),
  newValues: z.unknown().meta({ description: 'The values after the change (JSON), or null' }),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  sessionId: UuidString.nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next (older) page; null on the last page' }),
});
export type AuditPage = z.infer<typeof AuditPage>;
