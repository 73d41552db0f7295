import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextAttemptAt, retryDelayMs } from '../../../../src-shared/sync/backoff.js';

describe('retryDelayMs', () => {
  it('doubles from 5 s, with up to half of each delay random', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs({ attempt, random: 0 }))).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs({ attempt, random: 0.999_999 }))).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('stops growing at 15 minutes, even after very many failures', () => {
    expect(retryDelayMs({ attempt: 20, random: 0.999_999 })).toBe(DEFAULT_BACKOFF.maxMs);
    expect(retryDelayMs({ attempt: 10_000, random: 0 })).toBe(DEFAULT_BACKOFF.maxMs / 2);
  });

  it('always lies between half and all of the capped exponential delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const cap = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** Math.min(attempt - 1, 40));
        const delay = retryDelayMs({ attempt, random });
        expect(delay).toBeGreaterThanOrEqual(cap / 2);
        expect(delay).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it("never retries before the server's Retry-After", () => {
    expect(retryDelayMs({ attempt: 1, random: 0, retryAfterMs: 120_000 })).toBe(120_000);
    expect(retryDelayMs({ attempt: 5, random: 0, retryAfterMs: 1_000 })).toBe(40_000);
  });

  it('refuses nonsense', () => {
    expect(() => retryDelayMs({ attempt: 0, random: 0.5 })).toThrow(/attempt/);
    expect(() => retryDelayMs({ attempt: 1, random: 1 })).toThrow(/random/);
  });

  it('dates the next attempt from now', () => {
    expect(nextAttemptAt(new Date('2026-11-24T15:00:00.000Z'), { attempt: 3, random: 0 }).toISOString()).toBe('2026-11-24T15:00:10.000Z');
  });
});
