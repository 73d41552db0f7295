// Conversions between domain values and the cache's column encodings (schema.ts). Writes
// normalize exact decimal text to the fixed number of places the CHECKs require; a value that is
// not a plain decimal is refused with the field named, before SQLite sees it.
import { normalizeMoney, normalizeRate } from '../../src-shared/decimal.js';
import { ValidationError } from '../../src-shared/errors.js';
import { VERSION_PATTERN } from '../../src-shared/sync/cursor.js';

function refuse(path: string, message: string): never {
  throw new ValidationError([{ path, message }]);
}

// Values already in the stored form, which normalizing would return unchanged. Synced rows arrive
// like this (the server prints NUMERIC(15,2) / NUMERIC(8,4)), so a sync skips the decimal parse
// that a typed value such as "100000" or "4.5" needs.
const STORED_MONEY = /^(?:0|[1-9][0-9]*)\.[0-9]{2}$/;
const STORED_RATE = /^(?:0|[1-9][0-9]*)\.[0-9]{4}$/;

/** `value` in its stored form (as is when it already is); refused, naming `expected`, when it is no plain decimal. */
function decimalText(value: string, path: string, stored: RegExp, normalize: (text: string) => string, expected: string): string {
  if (typeof value === 'string' && stored.test(value)) return value;
  try {
    return normalize(value);
  } catch {
    return refuse(path, `must be ${expected}, got ${JSON.stringify(value)}`);
  }
}

/** Money with exactly 2 decimals ("100000" -> "100000.00"). */
export function moneyText(value: string, path: string): string {
  return decimalText(value, path, STORED_MONEY, normalizeMoney, 'a plain decimal amount such as "100000.00"');
}

/** A rate or percent with exactly 4 decimals ("4.5" -> "4.5000"). */
export function rateText(value: string, path: string): string {
  return decimalText(value, path, STORED_RATE, normalizeRate, 'a plain decimal percent such as "4.5000"');
}

/** A change version as the decimal string SQLite converts losslessly to a 64-bit INTEGER. */
export function versionText(value: string, path: string): string {
  if (typeof value !== 'string' || !VERSION_PATTERN.test(value)) {
    return refuse(path, `must be a change version (digits only), got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Whole cents of a money string, exact (at most 15 digits, within 2^53). */
export function moneyCents(value: string, path: string): number {
  return Number(moneyText(value, path).replace('.', ''));
}

export function flag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function isSet(value: number): boolean {
  return value === 1;
}

/** Timestamps the app writes: ISO-8601 UTC with milliseconds, so text order is time order. */
export function instantText(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new RangeError('not a valid date/time');
  return value.toISOString();
}
