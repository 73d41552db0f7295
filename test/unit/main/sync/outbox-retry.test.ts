// The outbox under server errors: a real SQLite cache and a local HTTP server that answers the
// upload with 503 + Retry-After, then 500. The comparison is never dropped, is retried with
// exponential backoff (never sooner than Retry-After), and the engine reports the error.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncApiClient } from '../../../../src-main/sync/api-client.js';
import { createSyncEngine } from '../../../../src-main/sync/engine.js';
import { saveComparison } from '../../../../src-main/store/saved-comparisons.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { md5Hex } from '../../../../server/sync/row-hash.js';
import { migratedDatabase, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

let respond: (response: ServerResponse) => void = (response) => response.end();
const requests: string[] = [];
let server: Server;
let baseUrl = '';
let folder: TempFolder;
let handle: ClientDatabaseHandle;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    respond(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  folder = tempFolder();
  handle = await migratedDatabase(folder.file('cache.sqlite'));
});

afterAll(async () => {
  await handle?.close();
  folder?.remove();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function unavailable(status: number, retryAfter?: string): (response: ServerResponse) => void {
  return (response) => {
    response.writeHead(status, { 'content-type': 'application/problem+json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
    response.end(JSON.stringify({ type: 'https://ratedesk.example/problems/service-unavailable', title: 'Unavailable', status, detail: 'Database unavailable.' }));
  };
}

const comparisonId = '20000000-0000-4000-8000-000000000001';
const productId = '30000000-0000-4000-8000-000000000001';

function outbox(): { status: string; attempts: number; nextAttemptAt: string; lastError: string } {
  return handle.sqlite.prepare('SELECT status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError FROM outbox WHERE comparison_id = ?').get(comparisonId) as { status: string; attempts: number; nextAttemptAt: string; lastError: string };
}

describe('outbox retries', () => {
  it('keeps the comparison, backs off exponentially and honours Retry-After', async () => {
    await saveComparison(handle.db, {
      ownerSubject: '00u-rep-1',
      comparisonId,
      createdAt: '2026-11-24T15:04:05.000Z',
      asOfDate: '2026-11-24',
      investmentAmount: '100000.00',
      horizonYears: 5,
      payload: {
        comparisonId,
        comparisonDate: '2026-11-24T15:04:05.000Z',
        asOfDate: '2026-11-24',
        investmentAmount: '100000.00',
        horizonYears: 5,
        inputs: {},
        results: {},
        engineVersion: 'projection-rules-1',
        items: [{ position: 1, productId, rateHistoryId: null, baseRate: '4.5000', bonusRate: '0.0000', productSnapshot: {} }],
      },
    });
    let clock = new Date('2026-11-24T16:00:00.000Z');
    const engine = createSyncEngine({
      db: handle.db,
      api: createSyncApiClient({ baseUrl, getAccessToken: async () => 'token', reportRejectedToken: () => undefined }),
      md5Hex,
      ownerSubject: () => '00u-rep-1',
      now: () => clock,
      random: () => 0,
    });

    respond = unavailable(503, '120');
    const first = await engine.runNow('start');
    expect(first.status).toMatchObject({ state: 'error', pendingUploads: 1 });
    expect(first.status.reason).toContain('Database unavailable.');
    // The backoff says 2.5 s (5 s, no jitter drawn); the server asked for 120 s.
    expect(outbox()).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2026-11-24T16:02:00.000Z' });
    expect(outbox().lastError).toContain('Database unavailable.');

    clock = new Date('2026-11-24T16:01:00.000Z');
    requests.length = 0;
    await engine.runNow('timer');
    // Not due yet: the run pulls (and fails the same way) but does not upload.
    expect(requests).not.toContain('POST /v1/sync/push');

    clock = new Date('2026-11-24T16:02:00.000Z');
    respond = unavailable(500);
    requests.length = 0;
    const second = await engine.runNow('timer');
    expect(requests).toEqual(['POST /v1/sync/push']);
    expect(second.status).toMatchObject({ state: 'error', pendingUploads: 1 });
    // Attempt 2: 10 s, half of it fixed.
    expect(outbox()).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: '2026-11-24T16:02:05.000Z' });
  });
});
