// Record events from the laptop (src-shared/records/record-events.ts): an illustration printed from a
// saved comparison, and a sign-out. Each applied event is one record_events row and one audit_log
// row, written in one transaction with the rest of the request's events; a rejected event writes
// nothing and never blocks the others. eventId makes a retried upload idempotent: the first upload
// wins and a repeat answers "duplicate", which the laptop treats like "applied".
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  RecordEventKind,
  RecordEventStatus,
  type IllustrationPrintedEvent,
  type RecordEvent,
  type RecordEventsResponse,
} from '../../src-shared/records/record-events.js';
import { can, Permission, type Role } from '../../src-shared/roles.js';
import { recordAudit, type AuditContext, type NewAuditEntry } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';

export interface RecordEventsArgs {
  userId: string;
  /** The sign-in the request came with; a SIGNED_OUT event ends it (see endSession). */
  sessionId: string | null;
  roles: readonly Role[];
  events: readonly RecordEvent[];
  audit: Omit<AuditContext, 'userId' | 'sessionId'>;
}

type Result = RecordEventsResponse['results'][number];

/**
 * Reasons as the laptop sees them. notOnServerYet is "not yet", not "never": the laptop keeps the
 * event and sends it again once the comparison has uploaded (src-main/sync/upload-record-events.ts
 * recognises "is not on the server yet"; docs/records.md). Every other rejection is final.
 */
export const RecordEventReason = {
  notOnServerYet: (comparisonId: string) =>
    `comparison ${comparisonId} is not on the server yet: send this event again after the comparison has uploaded`,
  otherOwner: (comparisonId: string) => `comparison ${comparisonId} belongs to another user; only its own rep's prints are recorded`,
  cannotPrint: 'printing an illustration needs the comparisons:write permission (sales reps)',
  alreadyStored: 'already stored: the first upload of an event is kept (this copy was not applied)',
  repeatedInBatch: 'appears earlier in this upload; the first copy was used',
  idTaken: 'eventId is already used by another user’s event; give the event a new id',
} as const;

/**
 * A sign-out ends the request's session only when it happened during that session (not before its
 * first request, by the laptop clock: no slack there, or a sign-out queued offline and uploaded
 * with the rep's next sign-in within the slack would end the new one) and was sent promptly (the
 * slack covers laptop clocks a little off). A laptop clock behind the server's can then leave a
 * session open that did end; the LOGOUT audit row is written either way and says which.
 */
const SIGN_OUT_SLACK_MS = 5 * 60_000;

interface Applied {
  event: RecordEvent;
  eventId: string;
}

/** What a print records, the same in its record_events row and its audit row. */
function printedCopy(event: IllustrationPrintedEvent) {
  return {
    comparisonId: event.comparisonId.toLowerCase(),
    pdfSha256: event.pdfSha256,
    pageCount: event.pageCount,
    copyNumber: event.copyNumber,
    reprint: event.reprint,
    printedOn: event.printedOn,
    historical: event.historical,
  };
}

function rowOf(args: RecordEventsArgs, event: RecordEvent, eventId: string) {
  const base = { eventId, userId: args.userId, sessionId: args.sessionId, kind: event.kind, occurredAt: event.occurredAt };
  if (event.kind === RecordEventKind.signedOut) return base;
  return { ...base, ...printedCopy(event) };
}

/** Marks the caller's session ended when the sign-out belongs to it; returns whether it did. */
async function endSession(trx: Transaction<Database>, args: RecordEventsArgs, occurredAt: string): Promise<boolean> {
  if (args.sessionId === null) return false;
  const slack = `${SIGN_OUT_SLACK_MS} milliseconds`;
  const ended = await trx
    .updateTable('userSessions')
    .set({ logoutTime: sql`greatest(now(), login_time)`, isActive: false })
    .where('sessionId', '=', args.sessionId)
    .where('userId', '=', args.userId)
    .where('isActive', '=', true)
    .where(sql<boolean>`login_time <= ${occurredAt}::timestamptz`)
    .where(sql<boolean>`${occurredAt}::timestamptz >= now() - ${slack}::interval`)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows) > 0;
}

function auditEntry(event: RecordEvent, eventId: string, sessionId: string | null, sessionEnded: boolean): NewAuditEntry {
  if (event.kind === RecordEventKind.signedOut) {
    return {
      action: 'LOGOUT',
      tableName: 'user_sessions',
      recordId: sessionId,
      newValues: { eventId, occurredAt: event.occurredAt, sessionEnded },
    };
  }
  return {
    action: 'ILLUSTRATION_PRINTED',
    tableName: 'product_comparisons',
    recordId: event.comparisonId.toLowerCase(),
    newValues: { eventId, ...printedCopy(event) },
  };
}

/** Applies the caller's events; see the module comment. */
export async function recordEvents(db: Kysely<Database>, args: RecordEventsArgs): Promise<RecordEventsResponse> {
  const userId = args.userId.toLowerCase();
  const ids = args.events.map((event) => event.eventId.toLowerCase());
  const comparisonIds = [
    ...new Set(args.events.flatMap((event) => (event.kind === RecordEventKind.illustrationPrinted ? [event.comparisonId.toLowerCase()] : []))),
  ];

  return db.transaction().execute(async (trx) => {
    const [existing, comparisons] = await Promise.all([
      trx.selectFrom('recordEvents').select(['eventId', 'userId']).where('eventId', 'in', ids).execute(),
      comparisonIds.length === 0
        ? Promise.resolve([])
        : trx.selectFrom('productComparisons').select(['comparisonId', 'userId']).where('comparisonId', 'in', comparisonIds).execute(),
    ]);
    const eventOwners = new Map(existing.map((row) => [row.eventId, row.userId]));
    const comparisonOwners = new Map(comparisons.map((row) => [row.comparisonId, row.userId]));
    const mayPrint = can(args.roles, Permission.comparisonsWrite);

    const results: Result[] = args.events.map((event) => ({ eventId: event.eventId, status: RecordEventStatus.applied }));
    const settle = (index: number, status: Result['status'], reason: string) => {
      results[index] = { eventId: args.events[index]?.eventId ?? '', status, reason };
    };
    const pending: (Applied & { index: number })[] = [];
    const seen = new Set<string>();
    args.events.forEach((event, index) => {
      const eventId = ids[index] ?? '';
      if (seen.has(eventId)) return settle(index, RecordEventStatus.duplicate, RecordEventReason.repeatedInBatch);
      seen.add(eventId);
      const owner = eventOwners.get(eventId);
      if (owner !== undefined) {
        return owner === userId
          ? settle(index, RecordEventStatus.duplicate, RecordEventReason.alreadyStored)
          : settle(index, RecordEventStatus.rejected, RecordEventReason.idTaken);
      }
      if (event.kind === RecordEventKind.illustrationPrinted) {
        if (!mayPrint) return settle(index, RecordEventStatus.rejected, RecordEventReason.cannotPrint);
        const comparisonOwner = comparisonOwners.get(event.comparisonId.toLowerCase());
        if (comparisonOwner === undefined) return settle(index, RecordEventStatus.rejected, RecordEventReason.notOnServerYet(event.comparisonId));
        if (comparisonOwner !== userId) return settle(index, RecordEventStatus.rejected, RecordEventReason.otherOwner(event.comparisonId));
      }
      pending.push({ index, event, eventId });
    });
    if (pending.length === 0) return { results };

    // ON CONFLICT: a concurrent upload of the same event that committed after the read above is a
    // duplicate, not an error (the insert waits for it, then skips the row).
    const inserted = await trx
      .insertInto('recordEvents')
      .values(pending.map(({ event, eventId }) => rowOf({ ...args, userId }, event, eventId)))
      .onConflict((conflict) => conflict.column('eventId').doNothing())
      .returning('eventId')
      .execute();
    const stored = new Set(inserted.map((row) => row.eventId));

    const entries: NewAuditEntry[] = [];
    for (const { index, event, eventId } of pending) {
      if (!stored.has(eventId)) {
        settle(index, RecordEventStatus.duplicate, RecordEventReason.alreadyStored);
        continue;
      }
      const sessionEnded = event.kind === RecordEventKind.signedOut ? await endSession(trx, { ...args, userId }, event.occurredAt) : false;
      entries.push(auditEntry(event, eventId, args.sessionId, sessionEnded));
    }
    await recordAudit(trx, { ...args.audit, userId, sessionId: args.sessionId }, entries);
    return { results };
  });
}
