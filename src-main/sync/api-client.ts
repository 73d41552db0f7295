// The desktop app's HTTP client for the sync API (server/routes/sync.ts). Every answer is validated
// with the wire schemas of src-shared/sync/protocol.ts, and every failure becomes one of the typed
// errors of src-main/http/authorized-request.ts (plus ResyncRequiredError below), so the engine
// decides by class (retry later, resync, ask for sign-in) and never by parsing messages.
import { ClientHeader } from '../../src-shared/sync/client-report.js';
import { PullResponse, PushResponse, ChecksumReport, type PushRequestInput } from '../../src-shared/sync/protocol.js';
import {
  createAuthorizedRequest,
  retryAfterMs,
  validateAnswer,
  type AuthorizedAnswer,
  type AuthorizedRequestInit,
  type AuthorizedRequestOptions,
} from '../http/authorized-request.js';
import { BadResponseError, ForbiddenError, RequestRefusedError, ServerApiError, ServerUnavailableError } from '../http/server-errors.js';
import type { PullReport } from './pull-report.js';
import { createSnapshotApi, type SnapshotApi } from './snapshot-api.js';

// The error classes are shared with the admin client (src-main/http/server-errors.ts).
export { BadResponseError, ForbiddenError, RequestRefusedError, ServerUnavailableError };

/** 409 resync-required: a new server epoch, or a cursor ahead of the server (a restore). */
export class ResyncRequiredError extends ServerApiError {
  constructor(message: string) {
    super('resync-required', message);
    this.name = 'ResyncRequiredError';
  }
}

export type PullAnswer = { kind: 'page'; page: PullResponse; etag: string | null } | { kind: 'not-modified' };

export interface SyncApi {
  /** `report`: the copy's state for the server's delivery receipt (pull-report.ts). */
  pull(args: { cursor: string | null; limit: number; etag?: string | null; report?: PullReport | undefined }): Promise<PullAnswer>;
  push(body: PushRequestInput): Promise<PushResponse>;
  checksums(): Promise<ChecksumReport>;
  /** The catalog snapshot (issue 15); absent: every full download pulls pages. */
  snapshotInfo?: SnapshotApi['snapshotInfo'];
  snapshotBytes?: SnapshotApi['snapshotBytes'];
}

/**
 * Base URL, the session's token functions, timeout (default 60 s: a first page of a big catalog is a few MB), User-Agent;
 * and how a read answered "busy" (429) is retried.
 */
export type SyncApiClientOptions = AuthorizedRequestOptions & {
  busyRetry?: BusyRetryOptions;
};

/**
 * A server with more pulls than its pool can serve says when to come back (429, Retry-After:
 * server/sync/admission-gate.ts). A read waits that long, plus up to as long again at random so a
 * refused fleet does not return in the same second, and asks again, so the run goes on instead of
 * failing until the next timer. Longer waits, and a busy answer after the last attempt, end the run.
 */
export interface BusyRetryOptions {
  /** Default 5. */
  attempts?: number;
  /** A Retry-After above this is not waited for (default 30 s). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export { retryAfterMs };

export function createSyncApiClient(options: SyncApiClientOptions): SyncApi {
  const request = createAuthorizedRequest(options);
  const busy = options.busyRetry ?? {};
  const sleep = busy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** `read` again after each busy answer, as that answer's Retry-After says (BusyRetryOptions). */
  async function readWhenServed<T>(read: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await read();
      } catch (error) {
        const waitMs = error instanceof ServerUnavailableError && error.status === 429 ? error.retryAfterMs : undefined;
        if (waitMs === undefined || waitMs > (busy.maxWaitMs ?? 30_000) || attempt >= (busy.attempts ?? 5)) throw error;
        await sleep(waitMs * (1 + (busy.random ?? Math.random)()));
      }
    }
  }

  async function send(path: string, init: AuthorizedRequestInit): Promise<AuthorizedAnswer> {
    try {
      return await request(path, init);
    } catch (error) {
      if (error instanceof RequestRefusedError && error.status === 409 && error.problem.code === 'resync-required') {
        throw new ResyncRequiredError(error.message);
      }
      throw error;
    }
  }

  return {
    ...createSnapshotApi(send),
    async pull({ cursor, limit, etag, report }) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      const headers: Record<string, string> = etag ? { 'if-none-match': etag } : {};
      if (report !== undefined) {
        headers[ClientHeader.pendingUploads] = String(report.pendingUploads);
        headers[ClientHeader.rejectedUploads] = String(report.rejectedUploads);
        headers[ClientHeader.checksums] = report.checksums;
      }
      const { response, json } = await readWhenServed(() => send(`/v1/sync/pull?${query.toString()}`, { method: 'GET', headers }));
      if (response.status === 304) return { kind: 'not-modified' };
      return { kind: 'page', page: validateAnswer(PullResponse, await json(), 'pull'), etag: response.headers.get('etag') };
    },
    async push(body) {
      const { json } = await send('/v1/sync/push', { method: 'POST', body: JSON.stringify(body) });
      return validateAnswer(PushResponse, await json(), 'push');
    },
    async checksums() {
      const { json } = await readWhenServed(() => send('/v1/sync/checksums', { method: 'GET' }));
      return validateAnswer(ChecksumReport, await json(), 'checksums');
    },
  };
}
