// The laptop-clock estimate from the server's time header: the middle of the round trip, slow
// answers ignored, jitter not re-announced, the last estimate kept for the next start.
import { describe, expect, it } from 'vitest';
import { createMemoryKeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { createClockCheck } from '../../../../src-main/sync/clock-check.js';
import { ServerHeader } from '../../../../src-shared/sync/client-report.js';

const SERVER_NOW = Date.parse('2026-12-01T04:55:00.000Z');
const answer = (serverTime: string | null) => ({ headers: new Headers(serverTime === null ? {} : { [ServerHeader.serverTime]: serverTime }) });

function laptopAt(ms: number) {
  let now = ms;
  return { clock: () => new Date(now), move: (by: number) => (now += by) };
}

describe('the clock check', () => {
  it('measures the laptop against the middle of the round trip and corrects business time by it', () => {
    // Answer stamped at SERVER_NOW, read 400 ms after sending on a laptop 7 minutes fast.
    const laptop = laptopAt(SERVER_NOW + 7 * 60_000 + 200);
    const check = createClockCheck({ store: createMemoryKeyValueStore(), laptopClock: laptop.clock });
    expect(check.skewMs()).toBeUndefined();
    check.observe(answer(new Date(SERVER_NOW).toISOString()), { roundTripMs: 400 });
    expect(check.skewMs()).toBe(7 * 60_000);
    expect(check.correctedNow().toISOString()).toBe('2026-12-01T04:55:00.200Z');
  });

  it('ignores slow answers and answers without a readable server time', () => {
    const check = createClockCheck({ store: createMemoryKeyValueStore(), laptopClock: laptopAt(SERVER_NOW + 3_600_000).clock });
    check.observe(answer(new Date(SERVER_NOW).toISOString()), { roundTripMs: 15_000 });
    check.observe(answer(null), { roundTripMs: 10 });
    check.observe(answer('yesterday'), { roundTripMs: 10 });
    expect(check.skewMs()).toBeUndefined();
  });

  it('announces and stores a new estimate, not jitter, and starts from the stored one', () => {
    const store = createMemoryKeyValueStore();
    const laptop = laptopAt(SERVER_NOW - 5 * 60_000);
    const check = createClockCheck({ store, laptopClock: laptop.clock });
    const announced: number[] = [];
    check.onChange((skew) => announced.push(skew));
    check.observe(answer(new Date(SERVER_NOW).toISOString()), { roundTripMs: 0 });
    laptop.move(1_000);
    check.observe(answer(new Date(SERVER_NOW + 1_300).toISOString()), { roundTripMs: 0 });
    expect(announced).toEqual([-5 * 60_000]);

    const restarted = createClockCheck({ store, laptopClock: laptop.clock });
    expect(restarted.skewMs()).toBe(-5 * 60_000);
  });
});
