// The record event queue: events about the compliance record that happened on this laptop (an
// illustration printed, a sign-out), each for the user it happened to, waiting to be uploaded by
// that user's sync run (src-main/sync/upload-record-events.ts). An event moves pending -> applied
// (the server has it, or already had it) or -> rejected with the server's reason; nothing is ever
// deleted, so the printed events are also this laptop's print history of a comparison.
import { RecordEvent, RecordEventKind, IllustrationPrintedEvent } from '../../src-shared/records/record-events.js';
import { instantText } from './column-values.js';
import type { ClientDb } from './schema.js';
import { appliedProgress, rejectedProgress } from './upload-progress.js';

export const RecordEventState = { pending: 'pending', applied: 'applied', rejected: 'rejected' } as const;
export type RecordEventState = (typeof RecordEventState)[keyof typeof RecordEventState];

/** Queues an event for its owner; call it in the transaction that records what happened, if any. */
export async function enqueueRecordEvent(db: ClientDb, ownerSubject: string, event: RecordEvent, now: Date): Promise<void> {
  if (ownerSubject.trim() === '') throw new Error('a record event needs its owner (the signed-in user)');
  const parsed = RecordEvent.parse(event);
  const at = instantText(now);
  await db
    .insertInto('recordEventQueue')
    .values({
      eventId: parsed.eventId.toLowerCase(),
      ownerSubject,
      kind: parsed.kind,
      comparisonId: parsed.kind === RecordEventKind.illustrationPrinted ? parsed.comparisonId.toLowerCase() : null,
      payload: JSON.stringify(parsed),
      status: RecordEventState.pending,
      attempts: 0,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}

export interface QueuedRecordEvent {
  eventId: string;
  attempts: number;
  event: RecordEvent;
}

/** The owner's pending events due at `dueBy` (all of them when null), oldest first. */
export async function pendingRecordEvents(db: ClientDb, ownerSubject: string, dueBy: Date | null, limit: number): Promise<QueuedRecordEvent[]> {
  let query = db
    .selectFrom('recordEventQueue')
    .select(['eventId', 'attempts', 'payload'])
    .where('ownerSubject', '=', ownerSubject)
    .where('status', '=', RecordEventState.pending);
  if (dueBy !== null) {
    const due = instantText(dueBy);
    query = query.where((eb) => eb.or([eb('nextAttemptAt', 'is', null), eb('nextAttemptAt', '<=', due)]));
  }
  const rows = await query.orderBy('createdAt').orderBy('eventId').limit(Math.max(1, Math.trunc(limit))).execute();
  return rows.map((row) => ({ eventId: row.eventId, attempts: row.attempts, event: RecordEvent.parse(JSON.parse(row.payload)) }));
}

export async function markRecordEventApplied(db: ClientDb, eventId: string, now: Date): Promise<void> {
  await db
    .updateTable('recordEventQueue')
    .set(appliedProgress(now))
    .where('eventId', '=', eventId.toLowerCase())
    .execute();
}

export async function markRecordEventRejected(db: ClientDb, eventId: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('recordEventQueue')
    .set(rejectedProgress(reason, now))
    .where('eventId', '=', eventId.toLowerCase())
    .execute();
}

/** Still pending, tried once more, not before `nextAttemptAt`. */
export async function scheduleRecordEventRetry(db: ClientDb, eventId: string, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('recordEventQueue')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error, nextAttemptAt: instantText(nextAttemptAt), updatedAt: instantText(now) }))
    .where('eventId', '=', eventId.toLowerCase())
    .where('status', '=', RecordEventState.pending)
    .execute();
}

export async function pendingRecordEventCount(db: ClientDb, ownerSubject: string): Promise<number> {
  const row = await db
    .selectFrom('recordEventQueue')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ownerSubject', '=', ownerSubject)
    .where('status', '=', RecordEventState.pending)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface PrintedCopy extends IllustrationPrintedEvent {
  uploadStatus: RecordEventState;
}

/** Every copy of a comparison's illustration printed on this laptop, first copy first. */
export async function printHistory(db: ClientDb, comparisonId: string): Promise<PrintedCopy[]> {
  const rows = await db
    .selectFrom('recordEventQueue')
    .select(['payload', 'status'])
    .where('comparisonId', '=', comparisonId.toLowerCase())
    .where('kind', '=', RecordEventKind.illustrationPrinted)
    .orderBy('createdAt')
    .orderBy('eventId')
    .execute();
  return rows
    .map((row) => ({ ...IllustrationPrintedEvent.parse(JSON.parse(row.payload)), uploadStatus: row.status }))
    .sort((a, b) => a.copyNumber - b.copyNumber);
}
