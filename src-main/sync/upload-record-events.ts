// Uploads the record event queue (src-main/store/record-event-queue.ts): the run's rep's pending
// events, oldest first, to POST /v1/records/events, after the comparisons (a printed event names a
// comparison the server must already hold). Each event ends applied (applied or duplicate: the
// server has it), rejected with the server's reason, or stays pending: after a network or server
// failure (with a backoff), and when the server does not hold its comparison yet (the comparison's
// own upload is still on its way). Best-effort: it never throws, so it cannot stop a sync run.
import { nextAttemptAt } from '../../src-shared/sync/backoff.js';
import { MAX_RECORD_EVENTS, RecordEventsResponse, RecordEventStatus, type RecordEventsRequest } from '../../src-shared/records/record-events.js';
import { classifyFailure, FailureKind } from '../http/classify-failure.js';
import { syncFailureText } from '../http/failure-wording.js';
import { createAuthorizedRequest, validateAnswer, type AuthorizedRequestOptions } from '../http/authorized-request.js';
import { RequestRefusedError } from '../http/server-errors.js';
import {
  markRecordEventApplied,
  markRecordEventRejected,
  pendingRecordEvents,
  scheduleRecordEventRetry,
  type QueuedRecordEvent,
} from '../store/record-event-queue.js';
import type { SyncRunContext } from './run-context.js';

export const RECORD_EVENTS_PATH = '/v1/records/events';

export interface RecordEventsApi {
  send(body: RecordEventsRequest): Promise<RecordEventsResponse>;
}

export function createRecordEventsApi(options: AuthorizedRequestOptions): RecordEventsApi {
  const request = createAuthorizedRequest(options);
  return {
    async send(body) {
      const { json } = await request(RECORD_EVENTS_PATH, { method: 'POST', body: JSON.stringify(body) });
      return validateAnswer(RecordEventsResponse, await json(), 'record events');
    },
  };
}

export interface RecordEventUploadContext extends Pick<SyncRunContext, 'db' | 'now' | 'ownerSubject'> {
  api: RecordEventsApi;
  /** A draw in [0, 1) for the backoff jitter; default Math.random. */
  random?: () => number;
  /** true: every pending event now, whatever its backoff (the rep is waiting: a manual sync, sign-out). */
  ignoreBackoff?: boolean;
}

export interface RecordEventCounts {
  applied: number;
  rejected: number;
  /** Still pending after this upload (failure, or its comparison not on the server yet). */
  waiting: number;
}

/**
 * The server's rejection means "not yet", not "never": it does not hold the comparison the event
 * is about (its upload is still queued or was refused); the event waits for a later run.
 */
export function waitsForComparison(reason: string | undefined): boolean {
  return reason !== undefined && /not (yet )?(on|in|known to|saved on) the server|comparison[^.]*(not found|unknown|does not exist|not yet)|no such comparison/i.test(reason);
}

const WAITING_FOR_COMPARISON = 'Waiting for its comparison to reach the server.';

export async function uploadRecordEvents(context: RecordEventUploadContext): Promise<RecordEventCounts> {
  const counts: RecordEventCounts = { applied: 0, rejected: 0, waiting: 0 };
  const random = context.random ?? Math.random;
  const seen = new Set<string>();
  for (;;) {
    const due = context.ignoreBackoff === true ? null : context.now();
    const batch = (await pendingRecordEvents(context.db, context.ownerSubject, due, MAX_RECORD_EVENTS)).filter((item) => !seen.has(item.eventId));
    if (batch.length === 0) return counts;
    for (const item of batch) seen.add(item.eventId);
    let response: RecordEventsResponse;
    try {
      response = await context.api.send({ events: batch.map((item) => item.event) });
    } catch (error) {
      if (error instanceof RequestRefusedError && batch.length > 1) {
        // One bad event refuses the whole request: each alone, to find it.
        for (const item of batch) addCounts(counts, await sendOne(context, item, random));
        continue;
      }
      if (error instanceof RequestRefusedError) {
        addCounts(counts, await settle(context, batch[0] as QueuedRecordEvent, RecordEventStatus.rejected, error.problem.detail, random));
        continue;
      }
      await retryLater(context, batch, error, random);
      counts.waiting += batch.length;
      return counts;
    }
    const results = new Map(response.results.map((result) => [result.eventId.toLowerCase(), result]));
    for (const item of batch) {
      const result = results.get(item.eventId.toLowerCase());
      // Not answered for: tried again next run.
      if (result === undefined) {
        await scheduleRecordEventRetry(context.db, item.eventId, 'The server did not answer for this event.', context.now(), context.now());
        counts.waiting += 1;
        continue;
      }
      addCounts(counts, await settle(context, item, result.status, result.reason, random));
    }
  }
}

function addCounts(total: RecordEventCounts, one: RecordEventCounts): void {
  total.applied += one.applied;
  total.rejected += one.rejected;
  total.waiting += one.waiting;
}

async function sendOne(context: RecordEventUploadContext, item: QueuedRecordEvent, random: () => number): Promise<RecordEventCounts> {
  try {
    const response = await context.api.send({ events: [item.event] });
    const result = response.results.find((candidate) => candidate.eventId.toLowerCase() === item.eventId.toLowerCase());
    return settle(context, item, result?.status ?? RecordEventStatus.rejected, result?.reason, random);
  } catch (error) {
    if (error instanceof RequestRefusedError) return settle(context, item, RecordEventStatus.rejected, error.problem.detail, random);
    await retryLater(context, [item], error, random);
    return { applied: 0, rejected: 0, waiting: 1 };
  }
}

async function settle(
  context: RecordEventUploadContext,
  item: QueuedRecordEvent,
  status: (typeof RecordEventStatus)[keyof typeof RecordEventStatus],
  reason: string | undefined,
  random: () => number,
): Promise<RecordEventCounts> {
  const at = context.now();
  if (status !== RecordEventStatus.rejected) {
    await markRecordEventApplied(context.db, item.eventId, at);
    return { applied: 1, rejected: 0, waiting: 0 };
  }
  if (waitsForComparison(reason)) {
    await scheduleRecordEventRetry(context.db, item.eventId, WAITING_FOR_COMPARISON, nextAttemptAt(at, { attempt: item.attempts + 1, random: random() }), at);
    return { applied: 0, rejected: 0, waiting: 1 };
  }
  await markRecordEventRejected(context.db, item.eventId, reason ?? 'Rejected by the server.', at);
  return { applied: 0, rejected: 1, waiting: 0 };
}

async function retryLater(context: RecordEventUploadContext, items: readonly QueuedRecordEvent[], error: unknown, random: () => number): Promise<void> {
  const at = context.now();
  const failure = classifyFailure(error);
  const retryAfterMs = failure.kind === FailureKind.serverTrouble ? failure.retryAfterMs : undefined;
  for (const item of items) {
    const due =
      failure.kind === FailureKind.needsSignIn ? at : nextAttemptAt(at, { attempt: item.attempts + 1, random: random(), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    await scheduleRecordEventRetry(context.db, item.eventId, syncFailureText(failure), due, at);
  }
}
