// A sign-out is audited (SIGN_OUT on the server): it is queued as a SIGNED_OUT record event for the
// user signing out, then sent at once while their tokens may still work. Never holds the sign-out
// up for long and never stops it: what cannot go now (offline, or a session that has already
// ended and needs a new sign-in) stays queued for that user and uploads with their next sync run,
// that is, when they next sign in on this laptop. Then the server is asked to end the session
// itself (endServerSession): after the event, which may already have ended it, so the event is not
// refused as coming from an ended session and left queued for the next sign-in.
import { randomUUID } from 'node:crypto';
import { RecordEventKind } from '../../src-shared/records/record-events.js';
import type { SessionUser } from '../auth/token-vault.js';
import { enqueueRecordEvent } from '../store/record-event-queue.js';
import type { ClientDb } from '../store/schema.js';

/** How long a sign-out waits for its audit entry to reach the server before leaving it queued. */
export const SIGN_OUT_FLUSH_MS = 5_000;

export interface SignOutRecorderOptions {
  db: ClientDb;
  /** Sends the signing-out user's pending record events (DesktopSync.flushRecordEvents). */
  flush: () => Promise<unknown>;
  now?: () => Date;
  flushTimeoutMs?: number;
  /** Ends the server session of the rep's token (src-main/auth/end-server-session.ts); bounded by its own timeout. */
  endServerSession?: () => Promise<unknown>;
}

/** The session's beforeSignOut hook. */
export function createSignOutRecorder(options: SignOutRecorderOptions): (user: SessionUser) => Promise<void> {
  const now = options.now ?? (() => new Date());
  return async (user) => {
    const at = now();
    await enqueueRecordEvent(options.db, user.subject, { kind: RecordEventKind.signedOut, eventId: randomUUID(), occurredAt: at.toISOString() }, at);
    await settleWithin(options.flush(), options.flushTimeoutMs ?? SIGN_OUT_FLUSH_MS);
    if (options.endServerSession) await settleWithin(options.endServerSession(), options.flushTimeoutMs ?? SIGN_OUT_FLUSH_MS);
  };
}

async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work.then(() => undefined, () => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
