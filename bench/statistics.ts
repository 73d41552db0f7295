// The arithmetic of the report, kept apart so it is unit-tested (test/unit/bench/report.test.ts).
// These are measurements (milliseconds, bytes, rates), not money: binary floating point is right here.

/** Nearest-rank percentile (p in (0, 100]) of unsorted samples: a value that was actually observed. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** value / ceiling; null when the ceiling is not a positive finite number (nothing to compare with). */
export function ratio(value: number, ceiling: number): number | null {
  if (!Number.isFinite(value) || !Number.isFinite(ceiling) || ceiling <= 0) return null;
  return value / ceiling;
}

/** Events per second, from a count and the milliseconds they took. */
export function perSecond(count: number, ms: number): number {
  if (ms <= 0) throw new RangeError('a rate needs a positive duration');
  return (count * 1000) / ms;
}
