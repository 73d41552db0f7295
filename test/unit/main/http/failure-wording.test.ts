// What reps and compliance read when something fails (issue 11): no HTTP verbs, paths, channel
// names or UUIDs in the sentence; the technical message stays available as the detail.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { desktopMethodNames, channelOf } from '../../../../src-shared/desktop-api/index.js';
import { ValidationError } from '../../../../src-shared/errors.js';
import { NeedsSignInError, NeedsSignInReason, OfflineError, OfflineReason } from '../../../../src-main/auth/auth-errors.js';
import { classifyFailure } from '../../../../src-main/http/classify-failure.js';
import { syncFailureText, withoutRequestLine, wordSyncFailure } from '../../../../src-main/http/failure-wording.js';
import { BadResponseError, ForbiddenError, RequestRefusedError, ServerUnavailableError } from '../../../../src-main/http/server-errors.js';
import { dispatchDesktopCall, runDesktopCall, type DesktopSender } from '../../../../src-main/ipc/desktop-call.js';
import { RunStopped, stoppedBy } from '../../../../src-main/sync/run-status.js';
import { SyncState } from '../../../../src-shared/sync/status.js';

const PUSH = 'POST /v1/sync/push';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CHANNELS = desktopMethodNames.map((method) => channelOf(method)).filter((channel) => channel.includes('-'));

/** What must never be in a sentence a rep reads. */
function expectReadable(text: string): void {
  expect(text).not.toContain('/v1/');
  expect(text).not.toMatch(/\b(GET|POST|PUT|PATCH|DELETE) \//);
  expect(text).not.toMatch(UUID);
  for (const channel of CHANNELS) expect(text).not.toContain(`${channel}:`);
}

const failures: Array<[string, Error]> = [
  ['a cut connection', new OfflineError(OfflineReason.unreachable, `${PUSH}: the server could not be reached (fetch failed: other side closed)`)],
  ['an ended sign-in', new NeedsSignInError(NeedsSignInReason.tokenRefused, `${PUSH}: the server refused the sign-in`)],
  ['a 403', new ForbiddenError(`${PUSH}: Forbidden`)],
  ['a 503', new ServerUnavailableError(`${PUSH}: Database unavailable.`, 503, 120_000)],
  ['a 429', new ServerUnavailableError(`${PUSH}: Too many requests`, 429, undefined)],
  ['a 500', new ServerUnavailableError(`${PUSH}: Internal error (request 1f0c)`, 500, undefined)],
  ['an unreadable answer', new BadResponseError(`GET /v1/sync/pull: the answer is not JSON`)],
  ['a refusal', new RequestRefusedError(`${PUSH}: comparisons.0.asOfDate: must not be in the future`, 400)],
  ['a bug', new Error(`SQLITE_BUSY: database is locked (comparison 8f3a1c2e-4b5d-4e6f-8a7b-9c0d1e2f3a4b)`)],
];

describe('sync and upload failures in words', () => {
  it.each(failures)('%s: a sentence without the request, with the request as the detail', (_label, error) => {
    const worded = wordSyncFailure(error);
    expectReadable(worded.text);
    expect(worded.detail).toBe(error.message);
    const stopped = stoppedBy(error);
    expectReadable(stopped.reason ?? "");
    expect(stopped.reason).toBeDefined();
    expect(stopped.detail).toBe(error.message);
  });

  it("keeps the server's own words, without the request line", () => {
    expect(syncFailureText(classifyFailure(failures[3]?.[1]))).toBe('The server is unavailable right now; RateDesk tries again shortly. Database unavailable.');
    expect(syncFailureText(classifyFailure(failures[0]?.[1]))).toMatch(/could not be reached/);
    expect(withoutRequestLine(`${PUSH}: Database unavailable.`)).toBe('Database unavailable.');
    expect(withoutRequestLine('Database unavailable.')).toBe('Database unavailable.');
  });

  it('keeps the state a failure stops the run in', () => {
    expect(stoppedBy(failures[0]?.[1]).state).toBe(SyncState.offline);
    expect(stoppedBy(failures[1]?.[1]).state).toBe(SyncState.needsSignIn);
    expect(stoppedBy(failures[3]?.[1]).state).toBe(SyncState.error);
    expect(stoppedBy(new RunStopped(SyncState.error, 'Differs.', 'Differing tables: products'))).toEqual({ state: 'error', reason: 'Differs.', detail: 'Differing tables: products' });
  });
});

describe('desktop call failures in words', () => {
  const window: DesktopSender = { frameUrl: 'app://ratedesk/index.html', isMainFrame: true };
  const origin = 'app://ratedesk';
  afterEach(() => vi.restoreAllMocks());

  it('never names the channel: refused frame, bad arguments, refused input, a bug, an unknown channel', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const results = [
      await runDesktopCall('productDetail', () => null, { ...window, isMainFrame: false }, [{ productId: 'x', asOfDate: '2026-12-03' }], origin),
      await runDesktopCall('productDetail', () => null, window, ['not an object'], origin),
      await runDesktopCall('productDetail', () => {
        throw new ValidationError([{ path: 'asOfDate', message: 'must be a date' }]);
      }, window, [{ productId: '8f3a1c2e-4b5d-4e6f-8a7b-9c0d1e2f3a4b', asOfDate: '2026-12-03' }], origin),
      await runDesktopCall('productDetail', () => {
        throw new Error('boom');
      }, window, [{ productId: '8f3a1c2e-4b5d-4e6f-8a7b-9c0d1e2f3a4b', asOfDate: '2026-12-03' }], origin),
      await dispatchDesktopCall({} as never, 'no-such-channel', window, [], origin),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expectReadable(result.error.message);
      expect(result.error.message).not.toContain('product-detail');
      expect(result.error.message).not.toContain('no-such-channel');
    }
  });
});
