// The client's half of the catalog snapshot routes (server/routes/sync-snapshot.ts): what the
// server offers, and its bytes from an offset (Range, with If-Range naming the SHA-256 so a
// different file comes whole instead of being spliced onto the half kept on disk).
import { SnapshotInfo } from '../../src-shared/sync/snapshot.js';
import { validateAnswer, type AuthorizedAnswer, type AuthorizedRequestInit } from '../http/authorized-request.js';

export interface SnapshotBytes {
  /** True: the body continues the bytes already held (206); false: it is the whole file. */
  partial: boolean;
  body: ReadableStream<Uint8Array>;
}

export interface SnapshotApi {
  snapshotInfo(): Promise<SnapshotInfo>;
  /** `from` > 0 asks for the rest of the file after the bytes already held. */
  snapshotBytes(url: string, args: { from: number; sha256: string }): Promise<SnapshotBytes>;
}

export function createSnapshotApi(send: (path: string, init: AuthorizedRequestInit) => Promise<AuthorizedAnswer>): SnapshotApi {
  return {
    async snapshotInfo() {
      const { json } = await send('/v1/sync/snapshot', { method: 'GET' });
      return validateAnswer(SnapshotInfo, await json(), 'snapshot');
    },
    async snapshotBytes(url, { from, sha256 }) {
      // identity: the file is gzip already; a re-encoded answer would not be the bytes the hash names.
      const headers: Record<string, string> = { accept: 'application/gzip', 'accept-encoding': 'identity' };
      if (from > 0) {
        headers.range = `bytes=${from}-`;
        headers['if-range'] = `"${sha256}"`;
      }
      const { response } = await send(url, { method: 'GET', headers });
      if (response.body === null) throw new Error(`GET ${url}: the answer has no body`);
      return { partial: response.status === 206, body: response.body };
    },
  };
}
