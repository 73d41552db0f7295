// How money, percents, durations and dates read for people: the one place the screens, the printed
// illustration and the engine's warning texts take their wording of a figure from. Amounts and
// rates arrive as decimal strings and are formatted with exact decimal arithmetic; nothing shown
// to a client passes through a float. Pure (Intl only, present in every runtime), so it runs the
// same in the renderer, main and the server.
import { Decimal, formatMoney, isPlainDecimal, parseDecimal, ROUND_HALF_UP } from '../decimal.js';

/** What a missing or malformed figure shows as: never a bogus number. */
export const DASH = '—';

/** Money for people to read: "$1,234,567.80" (half-up to cents). Throws on a string that is not a plain decimal. */
export function formatDollars(value: Decimal | string): string {
  const text = formatMoney(typeof value === 'string' ? parseDecimal(value) : value);
  const negative = text.startsWith('-');
  const [whole = '', cents = ''] = (negative ? text.slice(1) : text).split('.');
  return `${negative ? '-' : ''}$${groupThousands(whole)}.${cents}`;
}

/** "105500.00" -> "$105,500.00"; anything that is not a plain decimal shows as a dash. */
export function formatMoneyText(value: string | null | undefined): string {
  if (value === null || value === undefined || !isPlainDecimal(value)) return DASH;
  return formatDollars(value);
}

/** Whole dollars for chart axes ("$105,000"); the tables carry the exact figures. */
export function formatWholeDollars(value: Decimal | string | number): string {
  const rounded = new Decimal(value).toDecimalPlaces(0, ROUND_HALF_UP);
  return formatDollars(rounded).replace(/\.00$/, '');
}

/**
 * A rate, yield or percentage ("4.5000") for people, on screen and in the PDF alike: at least 2
 * decimals, up to the 4 a published rate can have when they matter ("4.50%", "4.125%"). Trailing
 * zeros beyond 2 places are noise in a client meeting.
 */
export function formatPercentText(value: string | null | undefined): string {
  if (value === null || value === undefined || !isPlainDecimal(value)) return DASH;
  const fixed = new Decimal(value).toFixed(4, ROUND_HALF_UP);
  const trimmed = fixed.replace(/(\.\d{2}\d*?)0+$/, '$1');
  return `${trimmed}%`;
}

/**
 * A computed yield (effective annual yield, APY) for people, on screen and in the PDF alike: always
 * 2 decimals, half-up ("7.2996" -> "7.30%"). A yield is derived, not published, so the engine's
 * 4 decimals would claim a precision no client decision rests on, and Regulation DD states APY to
 * 2 decimals; one rule for every yield keeps a CD's APY and an annuity's yield side by side comparable.
 */
export function formatYieldText(value: string | null | undefined): string {
  if (value === null || value === undefined || !isPlainDecimal(value)) return DASH;
  return `${new Decimal(value).toFixed(2, ROUND_HALF_UP)}%`;
}

/** "1 year", "5 years". */
export function formatYears(count: number): string {
  return `${count} year${count === 1 ? '' : 's'}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "2026-03-01" -> "Mar 1, 2026" without time-zone drift (a business date has no zone). */
export function formatBusinessDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return value;
  const [, year, month, day] = match;
  return `${MONTHS[Number(month) - 1] ?? month} ${Number(day)}, ${year}`;
}

/**
 * An instant ("2026-11-24T15:04:05.123456Z", microseconds allowed) as a date and time of day in
 * this computer's zone, to the second: "Nov 24, 2026, 10:04:05 AM". Unreadable text is shown as is.
 */
export function formatTimestamp(isoTimestamp: string): string {
  const instant = new Date(isoTimestamp.replace(/(\.\d{3})\d+Z$/, '$1Z'));
  if (Number.isNaN(instant.getTime())) return isoTimestamp;
  return instant.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });
}

/**
 * The short reference people find a saved comparison by ("RD-1A2B3C4D", the first 8 hex digits of
 * its id), printed on the illustration and shown with the saved record: a client or a compliance
 * reviewer never reads a UUID. Hex digits only, so it is also safe inside CSS strings.
 */
export function recordReference(id: string): string {
  return `RD-${id.replace(/[^0-9a-f]/gi, '').slice(0, 8).toUpperCase()}`;
}

/** How long ago a timestamp was, in words ("just now", "5 minutes ago", "3 days ago"). */
export function formatAgo(isoTimestamp: string, now: Date): string {
  const then = Date.parse(isoTimestamp);
  if (Number.isNaN(then)) return isoTimestamp;
  const minutes = Math.floor((now.getTime() - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return ago(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return ago(hours, 'hour');
  return ago(Math.floor(hours / 24), 'day');
}

function ago(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An amount as people type it, read back: "$100,000.50" -> "100000.50"; null when it is not a non-negative amount. */
export function premiumFromInput(text: string): string | null {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (cleaned === '' || !isPlainDecimal(cleaned) || cleaned.startsWith('-')) return null;
  return cleaned;
}
