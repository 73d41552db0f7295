// The audit query behind GET /v1/audit: newest first, filtered by user, table, record, action and
// time range, paged with a keyset cursor on (occurred_at, audit_id). Keyset paging stays exact
// while rows are being appended (an OFFSET would shift) and uses the (occurred_at) and
// (table_name, record_id, occurred_at) indexes; the time range also prunes monthly partitions.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { auditActionTypes, type Database } from '../db/schema.js';
import { IsoTimestampString, UuidString } from '../../src-shared/validation/decimal-strings.js';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

// occurred_at has microseconds; the cursor keeps all of them (the API's millisecond timestamps
// would make rows of the same millisecond skip or repeat across pages).
const CURSOR_SHAPE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

interface AuditCursor {
  occurredAt: string;
  auditId: string;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.occurredAt}|${cursor.auditId}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(text: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const match = CURSOR_SHAPE.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match?.[1] && match[2] ? { occurredAt: match[1], auditId: match[2] } : null;
}

const TableName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,99}$/, 'must be a table name such as products or rate_history')
  .meta({ description: 'products, product_availability, rate_history, user_sessions, user_roles, ...' });

export const AuditQuery = z
  .strictObject({
    userId: UuidString.optional(),
    tableName: TableName.optional(),
    recordId: UuidString.optional(),
    actionType: z.enum(auditActionTypes).optional(),
    from: IsoTimestampString.optional().meta({ description: 'Inclusive lower bound on occurredAt (ISO-8601 UTC)' }),
    to: IsoTimestampString.optional().meta({ description: 'Exclusive upper bound on occurredAt (ISO-8601 UTC)' }),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(1, 'must be at least 1').max(AUDIT_PAGE_MAX, `must be at most ${AUDIT_PAGE_MAX}`))
      .optional(),
    cursor: z
      .string()
      .refine((value) => decodeAuditCursor(value) !== null, 'is not a cursor from a previous page (use nextCursor as given)')
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && Date.parse(value.from) >= Date.parse(value.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    }
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  auditId: UuidString,
  occurredAt: z.string().meta({ description: 'ISO-8601 UTC with microseconds' }),
  userId: UuidString.nullable(),
  userEmail: z.string().nullable(),
  actionType: z.enum(auditActionTypes),
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

export async function queryAuditLog(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? AUDIT_PAGE_DEFAULT;
  let select = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.userId', 'a.userId')
    .select([
      'a.auditId',
      sql<string>`to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('occurredAt'),
      'a.userId',
      'u.email as userEmail',
      'a.actionType',
      'a.tableName',
      'a.recordId',
      'a.oldValues',
      'a.newValues',
      sql<string | null>`host(a.ip_address)`.as('ipAddress'),
      'a.userAgent',
      'a.sessionId',
      'a.requestId',
    ]);
  if (query.userId) select = select.where('a.userId', '=', query.userId);
  if (query.tableName) select = select.where('a.tableName', '=', query.tableName);
  if (query.recordId) select = select.where('a.recordId', '=', query.recordId);
  if (query.actionType) select = select.where('a.actionType', '=', query.actionType);
  if (query.from) select = select.where(sql<boolean>`a.occurred_at >= ${query.from}::timestamptz`);
  if (query.to) select = select.where(sql<boolean>`a.occurred_at < ${query.to}::timestamptz`);
  const cursor = query.cursor ? decodeAuditCursor(query.cursor) : null;
  if (cursor) {
    select = select.where(sql<boolean>`(a.occurred_at, a.audit_id) < (${cursor.occurredAt}::timestamptz, ${cursor.auditId}::uuid)`);
  }
  const rows = await select.orderBy('a.occurredAt', 'desc').orderBy('a.auditId', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({ ...row, oldValues: row.oldValues ?? null, newValues: row.newValues ?? null })),
    nextCursor: rows.length > limit && last ? encodeAuditCursor({ occurredAt: last.occurredAt, auditId: last.auditId }) : null,
  };
}
