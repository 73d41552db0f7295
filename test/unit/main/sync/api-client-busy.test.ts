// A busy server (429 with Retry-After: server/sync/admission-gate.ts) delays a laptop's read instead
// of failing its sync run: the client waits at least Retry-After, with jitter, and asks again; it
// gives up on a wait longer than its bound and after its last attempt.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerUnavailableError, createSyncApiClient } from '../../../../src-main/sync/api-client.js';
import { encodeCursor } from '../../../../src-shared/sync/cursor.js';

const EPOCH = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';
const empty = { count: 0, checksum: '0' };
const REPORT = { epoch: EPOCH, cursor: encodeCursor({ epoch: EPOCH, version: '42' }), tables: { products: empty, availability: empty, rates: empty, comparisons: empty } };

/** What the server answers next: a Retry-After in seconds (a 429), or null for the report. */
let script: (string | null)[] = [];
let requests = 0;
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((_request, response) => {
    requests += 1;
    const retryAfter = script.shift() ?? null;
    if (retryAfter === null) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(REPORT));
      return;
    }
    response.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': retryAfter });
    response.end(JSON.stringify({ type: 'https://ratedesk.example/problems/rate-limited', title: 'Server busy', status: 429, detail: 'Server busy' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function busyClient(waits: number[], random: number) {
  return createSyncApiClient({
    baseUrl,
    getAccessToken: async () => 'token-1',
    reportRejectedToken: () => undefined,
    busyRetry: { attempts: 3, maxWaitMs: 10_000, random: () => random, sleep: async (ms) => void waits.push(ms) },
  });
}

describe('sync API client, server busy', () => {
  it('waits Retry-After plus jitter after each 429 and gets the answer', async () => {
    script = ['2', '1', null];
    requests = 0;
    const waits: number[] = [];
    const report = await busyClient(waits, 0.5).checksums();
    expect(report.cursor).toBe(REPORT.cursor);
    expect(requests).toBe(3);
    expect(waits).toEqual([3_000, 1_500]);
  });

  it('gives up after its last attempt, and at once on a Retry-After beyond its bound', async () => {
    script = ['1', '1', '1', null];
    requests = 0;
    const waits: number[] = [];
    await expect(busyClient(waits, 0).pull({ cursor: null, limit: 10 })).rejects.toBeInstanceOf(ServerUnavailableError);
    expect(requests).toBe(3);
    expect(waits).toEqual([1_000, 1_000]);

    script = ['60', null];
    requests = 0;
    waits.length = 0;
    await expect(busyClient(waits, 0).checksums()).rejects.toMatchObject({ status: 429, retryAfterMs: 60_000 });
    expect(requests).toBe(1);
    expect(waits).toEqual([]);
  });
});
