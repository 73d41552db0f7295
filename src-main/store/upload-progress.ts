// How the outbox and the record event queue mark an upload's progress: the same columns mean the
// same in both queues (schema.ts UploadProgressColumns), so the same rule writes them.
import { instantText } from './column-values.js';

/** The server took it: nothing more to try, no error left to show. */
export function appliedProgress(now: Date) {
  return { status: 'applied' as const, nextAttemptAt: null, lastError: null, updatedAt: instantText(now) };
}

/** The server refused it for good: it stays listed with the reason, never tried again. */
export function rejectedProgress(reason: string, now: Date) {
  const rejectedReason = reason.trim() === '' ? 'Rejected by the server (no reason given).' : reason;
  return { status: 'rejected' as const, rejectedReason, nextAttemptAt: null, updatedAt: instantText(now) };
}
