// What a run does when the server says an admin revoked this device or rep (403 access-revoked,
// issue 14). The uploads ran before the pull that was refused, and the server keeps accepting them
// from a revoked caller; whatever is still unsent gets one more try. Only when nothing remains
// unsent (comparisons the server refused are records of the refusal, not unsent) is the laptop
// wiped: the cache, unrecoverably, and the sign-in. Otherwise nothing is deleted and the next
// contact tries again: another rep's comparisons on a shared laptop upload when they sign in.
//
// "Unsent" is an outbox entry still pending: an entry the server acknowledged stays "uploading"
// until a pull brings it back (upload.ts), which a revoked laptop never gets to do, and one left
// uploading by a crash is made pending again at start-up (resetInterruptedUploads).
import type { Kysely } from 'kysely';
import { SyncState, UploadStatus } from '../../src-shared/sync/status.js';
import { AccessRevokedError } from '../http/server-errors.js';
import { RecordEventState } from '../store/record-event-queue.js';
import type { ClientDatabase } from '../store/schema.js';
import { RunStopped } from './run-status.js';
import { uploadOutbox, type UploadContext } from './upload.js';

export interface Revocation {
  scope: 'device' | 'user';
  /** The admin's reason, as the server stated it. */
  reason: string;
}

export interface RevocationContext {
  db: Kysely<ClientDatabase>;
  upload: UploadContext;
  /** The record events' upload of the run (engine afterUpload). */
  afterUpload: (() => Promise<unknown>) | undefined;
  /** Deletes the cache and the sign-in; called only when nothing is left unsent. */
  wipe: (revocation: Revocation) => Promise<void>;
}

/** Comparisons not yet on the server (any rep's, held ones included) and record events not yet sent. */
export async function unsentCount(db: Kysely<ClientDatabase>): Promise<{ comparisons: number; recordEvents: number }> {
  const comparisons = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', UploadStatus.pending)
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('recordEventQueue')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', RecordEventState.pending)
    .executeTakeFirstOrThrow();
  return { comparisons: Number(comparisons.count), recordEvents: Number(events.count) };
}

function whose(revocation: Revocation): string {
  return revocation.scope === 'device' ? 'this laptop' : 'your user';
}

/**
 * The error a run stops with: for a revocation, after the last uploads and (when nothing is left
 * unsent) the wipe, a RunStopped in state revoked carrying the revocation; any other error as it is.
 */
export async function settleRevocation(error: unknown, context: RevocationContext): Promise<unknown> {
  if (!(error instanceof AccessRevokedError)) return error;
  const revocation: Revocation = { scope: error.scope, reason: error.reason };
  const said = `An administrator revoked RateDesk access for ${whose(revocation)}: ${revocation.reason}.`;
  let unsent = await unsentCount(context.db);
  if (unsent.comparisons + unsent.recordEvents > 0) {
    // One more try, every pending item at once; a failure leaves them pending, never lost.
    await uploadOutbox(context.upload, true).catch(() => undefined);
    await context.afterUpload?.().catch(() => undefined);
    unsent = await unsentCount(context.db);
  }
  if (unsent.comparisons + unsent.recordEvents > 0) {
    const waiting = `${unsent.comparisons} comparison(s) and ${unsent.recordEvents} print or sign-out record(s)`;
    return new RunStopped(SyncState.revoked, `${said} ${waiting} saved here still have to reach the server; RateDesk keeps them and clears this laptop once they have.`, error.message, revocation);
  }
  await context.wipe(revocation);
  return new RunStopped(SyncState.revoked, `${said} Everything saved here reached the server; the rates, saved comparisons and sign-in were removed from this laptop.`, error.message, revocation);
}
