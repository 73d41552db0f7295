// Display formatting. Amounts and rates arrive as decimal strings and are formatted with exact
// decimal arithmetic (src-shared/decimal.ts); nothing shown to a client passes through a float.
import { Decimal, formatDollars, isPlainDecimal } from '../src-shared/decimal.js';

const DASH = '—';

/** "105500.00" -> "$105,500.00"; anything that is not a plain decimal shows as a dash. */
export function formatMoneyText(value: string | null | undefined): string {
  if (value === null || value === undefined || !isPlainDecimal(value)) return DASH;
  return formatDollars(value);
}

/**
 * A percent string ("4.5000") for people: at least 2 decimals, up to 4 when they matter
 * ("4.50%", "4.125%"). Trailing zeros beyond 2 places are noise in a client meeting.
 */
export function formatPercentText(value: string | null | undefined): string {
  if (value === null || value === undefined || !isPlainDecimal(value)) return DASH;
  const fixed = new Decimal(value).toFixed(4);
  const trimmed = fixed.replace(/(\.\d{2}\d*?)0+$/, '$1');
  return `${trimmed}%`;
}

/** "2026-03-01" -> "Mar 1, 2026" without time-zone drift (a business date has no zone). */
export function formatBusinessDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return value;
  const [, year, month, day] = match;
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[Number(month) - 1] ?? month} ${Number(day)}, ${year}`;
}

/** How long ago a timestamp was, in words ("just now", "5 minutes ago", "3 days ago"). */
export function formatAgo(isoTimestamp: string, now: Date): string {
  const then = Date.parse(isoTimestamp);
  if (Number.isNaN(then)) return isoTimestamp;
  const minutes = Math.floor((now.getTime() - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

export function formatYears(count: number): string {
  return `${count} year${count === 1 ? '' : 's'}`;
}

/** The laptop's calendar date as YYYY-MM-DD (local, not UTC: a rep's "today"). */
export function localBusinessDate(now: Date): string {
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
