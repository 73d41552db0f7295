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

/** Base URL, the session's token functions, timeout (default 60 s: a first page of a big catalog is a few MB), User-Agent. */
export type SyncApiClientOptions = AuthorizedRequestOptions;

export { retryAfterMs };

export function createSyncApiClient(options: SyncApiClientOptions): SyncApi {
  const request = createAuthorizedRequest(options);

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
      const { response, json } = await send(`/v1/sync/pull?${query.toString()}`, { method: 'GET', headers });
      if (response.status === 304) return { kind: 'not-modified' };
      return { kind: 'page', page: validateAnswer(PullResponse, await json(), 'pull'), etag: response.headers.get('etag') };
    },
    async push(body) {
      const { json } = await send('/v1/sync/push', { method: 'POST', body: JSON.stringify(body) });
      return validateAnswer(PushResponse, await json(), 'push');
    },
    async checksums() {
      const { json } = await send('/v1/sync/checksums', { method: 'GET' });
      return validateAnswer(ChecksumReport, await json(), 'checksums');
    },
  };
}
