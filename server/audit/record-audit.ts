// The audit trail of every write: who (user and session), when, from where (IP, user agent), the
// request it came from, and the values before and after. Always called with the transaction of the
// change itself, so a change without its audit row (or an audit row for a change that rolled back)
// cannot exist.
import type { Transaction } from 'kysely';
import type { AuditActionType, Database, JsonObject, NewAuditLogRow } from '../db/schema.js';

/** Who is acting and from where; built once per request (see auditContextOf in routes). */
export interface AuditContext {
  /** users.user_id, or null for the system. */
  userId: string | null;
  sessionId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  /** The server's own request id (request.id). */
  requestId: string | null;
  /** The caller's x-request-id (clientRequestIdOf), kept apart: anyone can send any id. */
  clientRequestId?: string | null;
}

export interface NewAuditEntry {
  action: AuditActionType;
  tableName: string | null;
  recordId: string | null;
  oldValues?: JsonObject | null;
  newValues?: JsonObject | null;
}

/** Longest user agent kept; anything longer is a fingerprinting attempt or garbage. */
const MAX_USER_AGENT_LENGTH = 512;
/** Rows per INSERT, so an import of thousands of rates stays within PostgreSQL's parameter limit. */
const BATCH_SIZE = 1_000;

function toRow(context: AuditContext, entry: NewAuditEntry): NewAuditLogRow {
  return {
    userId: context.userId,
    sessionId: context.sessionId,
    ipAddress: context.ipAddress,
    userAgent: context.userAgent === null ? null : context.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
    requestId: context.requestId,
    clientRequestId: context.clientRequestId ?? null,
    actionType: entry.action,
    tableName: entry.tableName,
    recordId: entry.recordId,
    // JSON text: node-postgres would turn a top-level array into a PostgreSQL array literal.
    oldValues: entry.oldValues ? JSON.stringify(entry.oldValues) : null,
    newValues: entry.newValues ? JSON.stringify(entry.newValues) : null,
  };
}

/** Appends audit rows inside `trx`; all of them get the transaction's timestamp (now()). */
export async function recordAudit(trx: Transaction<Database>, context: AuditContext, entries: NewAuditEntry | readonly NewAuditEntry[]): Promise<void> {
  const list: readonly NewAuditEntry[] = 'action' in entries ? [entries] : entries;
  for (let start = 0; start < list.length; start += BATCH_SIZE) {
    const rows = list.slice(start, start + BATCH_SIZE).map((entry) => toRow(context, entry));
    await trx.insertInto('auditLog').values(rows).execute();
  }
}
