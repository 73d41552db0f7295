// Date-only arithmetic on 'YYYY-MM-DD' business dates.
//
// Rate effective dates, availability windows and anniversaries are calendar dates, not instants:
// "effective 2026-12-01" means the whole of that day in the firm's business time zone, whatever
// zone the laptop is in. Converting them to local Date objects is how off-by-one-day bugs start,
// so everything here works on UTC epoch days and the strings themselves. Because the format is
// fixed-width with 4-digit years, comparing two valid dates as strings orders them correctly.

const MS_PER_DAY = 86_400_000;
const DASH = 45;
const ZERO_CODE = 48;

/** The number written by `count` ASCII digits from `start`, or -1 when one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - ZERO_CODE;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** YYYY-MM-DD read by hand: it runs for every date of every record validated, where the regex and its captures showed in profiles. */
function parts(date: string): DateParts | null {
  if (date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) return null;
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 2);
  const day = digitsAt(date, 8, 2);
  if (year < 0 || month < 0 || day < 0) return null;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function requireParts(date: string): DateParts {
  const result = parts(date);
  if (!result) throw new RangeError(`not a calendar date in YYYY-MM-DD form: ${JSON.stringify(date)}`);
  return result;
}

/** True for 'YYYY-MM-DD' strings naming a real calendar date (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  return parts(value) !== null;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: string): number {
  const { year, month, day } = requireParts(date);
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const utc = new Date(Date.UTC(2000, 0, 1));
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): string {
  if (!Number.isSafeInteger(epochDay)) throw new RangeError(`not a whole day number: ${epochDay}`);
  const utc = new Date(epochDay * MS_PER_DAY);
  const year = utc.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError(`date out of range (years 0001-9999): day ${epochDay}`);
  return formatParts({ year, month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

function formatParts({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** -1, 0 or 1. Valid dates compare correctly as strings; this also rejects invalid ones. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  requireParts(a);
  requireParts(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Same month and day `years` later; Feb 29 falls back to Feb 28 in a non-leap year. */
export function addYears(date: string, years: number): string {
  if (!Number.isSafeInteger(years)) throw new RangeError(`years must be a whole number, got ${years}`);
  const { year, month, day } = requireParts(date);
  const target = year + years;
  if (target < 1 || target > 9999) throw new RangeError(`date out of range (years 0001-9999): ${date} + ${years} years`);
  return formatParts({ year: target, month, day: Math.min(day, daysInMonth(target, month)) });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * The business date of an instant in a time zone, e.g. businessDate(now, 'America/New_York').
 * The clock is a parameter so callers (and tests) decide what "now" is.
 */
export function businessDate(instant: Date, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const field = (type: 'year' | 'month' | 'day'): number => Number(formatted.find((part) => part.type === type)?.value);
  return formatParts({ year: field('year'), month: field('month'), day: field('day') });
}

/**
 * The calendar date of `now` in this computer's time zone, 'YYYY-MM-DD'. Not the business date: the
 * app's "today" is the date in the business time zone (time/business-calendar.ts), which a laptop
 * in Tokyo or Honolulu does not share at every hour. Kept for showing that difference in tests.
 */
export function localBusinessDate(now: Date): string {
  return formatParts({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
