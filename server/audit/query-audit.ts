// The audit query behind GET /v1/audit: newest first, filtered by user, table, record, action and
// time range, paged with a keyset cursor on (occurred_at, audit_id). Keyset paging stays exact
// while rows are being appended (an OFFSET would shift) and uses the (occurred_at) and
// (table_name, record_id, occurred_at) indexes; the time range also prunes monthly partitions.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  AuditActionType as SharedAuditActionType,
  AuditEntry,
  AuditPage,
  AuditQueryFields,
  fromBeforeTo,
} from '../../src-shared/admin/audit.js';
import { auditActionTypes, type AuditActionType, type Database } from '../db/schema.js';

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

// The wire schemas are shared with the desktop audit screen (src-shared/admin/audit.ts). Only the
// server can decode a cursor, so its query schema swaps the shared shape check for the decoding.
export const AuditQuery = AuditQueryFields.extend({
  cursor: z
    .string()
    .refine((value) => decodeAuditCursor(value) !== null, 'is not a cursor from a previous page (use nextCursor as given)')
    .optional(),
}).superRefine(fromBeforeTo);
export type AuditQuery = z.infer<typeof AuditQuery>;

export { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, AuditEntry, AuditPage };

// The shared list of action types must stay the database's (server/db/schema.ts mirrors the CHECK
// constraint): each direction is a type error when one list gains a value the other lacks.
auditActionTypes satisfies readonly SharedAuditActionType[];
Object.values(SharedAuditActionType) satisfies readonly AuditActionType[];

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
