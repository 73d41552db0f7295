// The clock for tests and demos (RATEDESK_CLOCK): an ISO instant from which time runs on, so a demo
// or an end-to-end test can stand on the day a rate changes (at 00:30 UTC, say) while timers,
// token lifetimes and "synced 2 minutes ago" still move as they do in real life. A frozen clock
// would stop those; a shifted one keeps them.
//
// Never honoured in production: a server or a packaged app on a shifted clock would illustrate the
// wrong day's rates to real clients. Each host decides what "production" means and what to do (the
// server refuses to start; the desktop ignores it and says so), with the words of clockSetting().

import { isIsoDate } from '../dates.js';

/** Production mode, as the server and the desktop read it (one parser: src-shared/runtime-mode.ts). */
export { isProductionEnv } from '../runtime-mode.js';

/** The environment variable that sets it. */
export const CLOCK_VARIABLE = 'RATEDESK_CLOCK';

// An instant, not a date: a UTC "Z" or an explicit offset is required, so the same text means the
// same moment on every machine (a local time would shift with the laptop's zone, which is exactly
// what the business-date tests vary).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant `text` names, or null when it is not an ISO-8601 instant with a zone. */
export function parseInstant(text: string): Date | null {
  // isIsoDate as well: Date would read 2026-02-30 as March 2.
  if (!ISO_INSTANT.test(text) || !isIsoDate(text.slice(0, 10))) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A clock that reads `start` now and runs on at the pace of `realNow` (milliseconds since the epoch). */
export function clockFrom(start: Date, realNow: () => number = Date.now): () => Date {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}

export type ClockSetting =
  /** Not set: the real clock. */
  | { kind: 'real' }
  | { kind: 'shifted'; start: Date; clock: () => Date; notice: string }
  /** Set where it must not be (production) or not an instant: `problem` says which, in one sentence. */
  | { kind: 'refused'; problem: string };

/**
 * Reads a RATEDESK_CLOCK value. Blank counts as not set (as in .env files). In production mode any
 * value is refused, whatever it holds.
 */
export function clockSetting(raw: string | undefined, options: { production: boolean; realNow?: () => number }): ClockSetting {
  const value = raw?.trim() ?? '';
  if (value === '') return { kind: 'real' };
  if (options.production) {
    return { kind: 'refused', problem: `${CLOCK_VARIABLE} is for tests and demos and is never honoured in production mode; unset it` };
  }
  const start = parseInstant(value);
  if (start === null) {
    return { kind: 'refused', problem: `${CLOCK_VARIABLE} must be an ISO-8601 instant with a zone, such as 2026-12-01T00:30:00Z (got ${JSON.stringify(value)})` };
  }
  return {
    kind: 'shifted',
    start,
    clock: clockFrom(start, options.realNow),
    notice: `${CLOCK_VARIABLE}: the clock starts at ${start.toISOString()} and runs on from there (tests and demos only)`,
  };
}
