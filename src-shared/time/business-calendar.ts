// "Today" as the business knows it: the date in the server's business time zone
// (RATEDESK_BUSINESS_TIME_ZONE, America/New_York), never the laptop's. Rate effective dates and
// availability windows flip at midnight there, so a laptop in Tokyo at 00:30 UTC on Dec 1 (already
// Dec 1 locally) and one in Honolulu at 05:30 UTC (still Nov 30 locally) must both say what New
// York says. The laptop's own zone is for showing times of day only.
import { businessDate } from '../dates.js';

/** The zone the business uses when the server has not (yet) stated one: the server's own default. */
export const DEFAULT_BUSINESS_TIME_ZONE = 'America/New_York';

/** True for a zone this runtime knows (IANA names such as America/New_York). */
export function isTimeZone(value: string): boolean {
  if (value.trim() === '' || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export interface BusinessCalendar {
  /** The clock (real, or RATEDESK_CLOCK's in tests and demos). */
  now(): Date;
  /** The business time zone in force. */
  timeZone(): string;
  /** The business date now, 'YYYY-MM-DD'. */
  today(): string;
}

/** A calendar over a clock and a zone that may change (the desktop learns it from the server). */
export function businessCalendar(options: { now: () => Date; timeZone: () => string }): BusinessCalendar {
  return {
    now: options.now,
    timeZone: options.timeZone,
    today: () => businessDate(options.now(), options.timeZone()),
  };
}
