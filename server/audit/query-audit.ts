// The audit query behind GET /v1/audit: newest first, filtered by user, table, record, action and
// time range, paged with a keyset cursor on (occurred_at, audit_id). Keyset paging stays exact
// while rows are being appended (an OFFSET would shift) and uses the (occurred_at) and
// (table_name, record_id, occurred_at) indexes; the time range also prunes monthly partitions.
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
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
import { decodeKeysetCursor, encodeKeysetCursor, KeysetCursorParam } from '../http/keyset-cursor.js';

// The wire schemas are shared with the desktop audit screen (src-shared/admin/audit.ts).
export const AuditQuery = AuditQueryFields.extend({ cursor: KeysetCursorParam }).superRefine(fromBeforeTo);
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
  const cursor = query.cursor ? decodeKeysetCursor(query.cursor) : null;
  if (cursor) {
    select = select.where(sql<boolean>`(a.occurred_at, a.audit_id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await select.orderBy('a.occurredAt', 'desc').orderBy('a.auditId', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({ ...row, oldValues: row.oldValues ?? null, newValues: row.newValues ?? null })),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.occurredAt, id: last.auditId }) : null,
  };
}
