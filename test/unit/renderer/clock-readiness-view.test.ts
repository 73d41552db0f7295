// The status bar's clock warning and the "Prepare for offline" answer, in the rep's words.
import { describe, expect, it } from 'vitest';
import { describeClockSkew, describeReadiness } from '../../../src-renderer/sync-view.js';

describe('the clock warning', () => {
  it('says nothing within two minutes, then how far fast or slow', () => {
    expect(describeClockSkew({})).toBeNull();
    expect(describeClockSkew({ clockSkewMs: 119_000 })).toBeNull();
    expect(describeClockSkew({ clockSkewMs: -120_000 })).toBeNull();
    expect(describeClockSkew({ clockSkewMs: 7 * 60_000 + 4_000 })).toBe("This laptop's clock is 7 minutes fast; RateDesk uses the server's time for business dates.");
    expect(describeClockSkew({ clockSkewMs: -3 * 60_000 })).toBe("This laptop's clock is 3 minutes slow; RateDesk uses the server's time for business dates.");
    expect(describeClockSkew({ clockSkewMs: -5 * 3_600_000 })).toBe("This laptop's clock is about 5 hours slow; RateDesk uses the server's time for business dates.");
  });
});

describe('the offline readiness', () => {
  it('reads "ready" with the rates date, or lists what is missing', () => {
    expect(describeReadiness({ ready: true, ratesAsOf: '2026-12-03', lastSyncAt: '2026-12-03T23:00:00.000Z', cacheValidUntil: '2027-01-02T23:00:00.000Z', pendingUploads: 0 })).toEqual({
      ready: true,
      lines: [expect.stringMatching(/^Ready: rates as of Dec 3, 2026, cache valid until Jan [23], 2027, /)],
    });
    expect(describeReadiness({ ready: false, missing: ['Sign in again so RateDesk can sync.'] })).toEqual({ ready: false, lines: ['Sign in again so RateDesk can sync.'] });
  });
});
