// Uploads the outbox: every comparison the run's rep saved here, in batches, until none is due
// (other reps' entries wait for their own sign-in). An upload ends
// applied (the server has it; confirmed when a pull brings its copy back), rejected (kept, with
// the server's reason) or pending again with a backoff; nothing is ever dropped.
import { nextAttemptAt } from '../../src-shared/sync/backoff.js';
import { MAX_PUSH_COMPARISONS, SavedComparison } from '../../src-shared/sync/protocol.js';
import { fromZodError } from '../../src-shared/errors.js';
import { classifyFailure, FailureKind } from '../http/classify-failure.js';
import { syncFailureText } from '../http/failure-wording.js';
import { RequestRefusedError } from '../http/server-errors.js';
import { markApplied, markRejected, markUploading, nextUploadBatch, scheduleRetry, type UploadItem } from '../store/outbox.js';
import { serverVersionOf } from '../store/saved-comparisons.js';
import type { SyncRunContext } from './run-context.js';

export interface UploadContext extends Pick<SyncRunContext, 'db' | 'api' | 'now' | 'ownerSubject'> {
  /** A draw in [0, 1) for the backoff jitter. */
  random: () => number;
}

export interface UploadCounts {
  uploaded: number;
  rejected: number;
}

/** A date after every scheduled retry (ISO text compares correctly up to year 9999). */
const EVERYTHING_DUE = new Date('9999-12-31T23:59:59.999Z');

/**
 * Sends every due comparison. The backoff spares a struggling server from automatic retries;
 * with `ignoreBackoff` (the rep asked, or the network has just come back) every pending comparison
 * is tried at once. A failure that stops the upload is thrown after the batch is scheduled again.
 */
export async function uploadOutbox(context: UploadContext, ignoreBackoff: boolean): Promise<UploadCounts> {
  const counts = { uploaded: 0, rejected: 0 };
  const seen = new Set<number>();
  for (;;) {
    const dueBy = ignoreBackoff ? EVERYTHING_DUE : context.now();
    const batch = (await nextUploadBatch(context.db, context.ownerSubject, dueBy, MAX_PUSH_COMPARISONS)).filter((item) => !seen.has(item.outboxId));
    if (batch.length === 0) return counts;
    for (const item of batch) seen.add(item.outboxId);
    const done = await pushItems(context, batch);
    counts.uploaded += done.uploaded;
    counts.rejected += done.rejected;
  }
}

/** Back to pending, due after the backoff (or the server's Retry-After); at once when only a sign-in is missing. */
async function retryLater(context: UploadContext, items: readonly UploadItem[], error: unknown): Promise<void> {
  const at = context.now();
  const failure = classifyFailure(error);
  const retryAfterMs = failure.kind === FailureKind.serverTrouble ? failure.retryAfterMs : undefined;
  // Waiting for sign-in (or for the app's update) is not the server's fault: due again as soon as
  // the rep is back (or updated), with no backoff earned meanwhile.
  const waitsForSignIn = failure.kind === FailureKind.needsSignIn || failure.kind === FailureKind.updateRequired;
  for (const item of items) {
    const due = waitsForSignIn
      ? at
      : nextAttemptAt(at, { attempt: item.attempts + 1, random: context.random(), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    // The rep reads lastError next to the comparison ("Waiting to upload (last try: ...)"): words, not the request line.
    await scheduleRetry(context.db, item.comparisonId, syncFailureText(failure), due, at);
  }
}

/** The server's reason for refusing a comparison, as it reaches the rep: its problem detail, without the request line. */
function refusedReason(error: RequestRefusedError): string {
  return error.problem.detail.trim() === '' ? `Refused by the server (HTTP ${error.status}).` : error.problem.detail;
}

async function pushItems(context: UploadContext, items: readonly UploadItem[]): Promise<UploadCounts> {
  const { db, api, now } = context;
  let uploaded = 0;
  let rejected = 0;
  const sendable: { item: UploadItem; comparison: SavedComparison }[] = [];
  for (const item of items) {
    const parsed = SavedComparison.safeParse(item.payload);
    if (parsed.success) {
      sendable.push({ item, comparison: parsed.data });
    } else {
      // The server would refuse it the same way; keep it, visibly, with the reason.
      await markRejected(db, item.comparisonId, `Cannot be uploaded: ${fromZodError(parsed.error).message}`, now());
      rejected += 1;
    }
  }
  if (sendable.length === 0) return { uploaded, rejected };
  await markUploading(db, sendable.map(({ item }) => item.comparisonId), now());
  let response;
  try {
    response = await api.push({ comparisons: sendable.map(({ comparison }) => comparison) });
  } catch (error) {
    if (error instanceof RequestRefusedError && sendable.length > 1) {
      // One bad comparison refuses the whole request: send them one by one to find it.
      for (const { item } of sendable) await scheduleRetry(db, item.comparisonId, refusedReason(error), now(), now());
      for (const { item } of sendable) {
        const one = await pushItems(context, [item]);
        uploaded += one.uploaded;
        rejected += one.rejected;
      }
      return { uploaded, rejected };
    }
    if (error instanceof RequestRefusedError) {
      await markRejected(db, sendable[0]?.item.comparisonId ?? '', refusedReason(error), now());
      return { uploaded, rejected: rejected + 1 };
    }
    await retryLater(context, sendable.map(({ item }) => item), error);
    throw error;
  }
  for (const result of response.results) {
    const id = result.comparisonId.toLowerCase();
    if (result.status === 'rejected') {
      await markRejected(db, id, result.reason ?? 'Rejected by the server.', now());
      rejected += 1;
      continue;
    }
    // applied or duplicate (an earlier upload whose answer was lost): the server has it. It stays
    // "uploading" until a pull brings the server's copy back (the ADR's write checkpoint), unless
    // that already happened.
    uploaded += 1;
    const version = await serverVersionOf(db, id);
    if (version !== null) await markApplied(db, [id], version, now());
  }
  return { uploaded, rejected };
}
