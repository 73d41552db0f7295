// Every answer states the server's real clock (issue 14), so a desktop can measure how far off the
// laptop's clock is: successes, refusals before any route (401, 404), bad input and a 304 alike.
// The app's business clock is pinned years back here: the header must not follow it.
import { describe, expect, it } from 'vitest';
import { ServerHeader } from '../../../../src-shared/sync/client-report.js';
import type { PullResponse } from '../../../../src-shared/sync/protocol.js';
import { useApiHarness, type ApiHarness, type ApiResponse } from '../../../support/api.js';

let api: ApiHarness;

useApiHarness(
  (started) => {
    api = started;
  },
  { app: { clock: () => new Date('2020-06-01T12:00:00.000Z') } },
);

function expectServerTime(response: ApiResponse, before: number): void {
  const stated = response.headers[ServerHeader.serverTime];
  expect(stated, `${response.status} ${response.body}`).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const at = Date.parse(String(stated));
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(Date.now());
}

describe('the server-time header', () => {
  it('is on successes, refusals, bad input and not-found answers, on the real clock', async () => {
    const before = Date.now();
    const answers = [
      await api.call(api.tokens.rep, 'GET', '/v1/me'),
      await api.call(api.tokens.badSignature, 'GET', '/v1/me'),
      await api.call(undefined, 'GET', '/v1/sync/checksums'),
      await api.call(api.tokens.rep, 'GET', '/v1/no-such-route'),
      await api.call(api.tokens.rep, 'POST', '/v1/sync/push', '{"comparisons": [', { 'content-type': 'application/json' }),
      await api.call(api.tokens.rep, 'GET', '/v1/sync/pull?limit=zero'),
      await api.call(undefined, 'GET', '/healthz'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 401, 404, 400, 400, 200]);
    for (const answer of answers) expectServerTime(answer, before);
  });

  it('is on a 304', async () => {
    const first = await api.call(api.tokens.rep, 'GET', '/v1/sync/pull');
    expect(first.status, first.body).toBe(200);
    const cursor = encodeURIComponent((first.json as PullResponse).cursor);
    const again = await api.call(api.tokens.rep, 'GET', `/v1/sync/pull?cursor=${cursor}`);
    const before = Date.now();
    const notModified = await api.call(api.tokens.rep, 'GET', `/v1/sync/pull?cursor=${cursor}`, undefined, { 'if-none-match': String(again.headers.etag) });
    expect(notModified.status).toBe(304);
    expectServerTime(notModified, before);
  });
});
