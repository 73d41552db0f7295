// Exact decimal arithmetic for money and rates. Binary floating point cannot represent 0.1 or
// 4.5%, and a one-cent drift in a client illustration is a compliance finding, so every amount
// and rate travels as a decimal string and is computed with this clone of decimal.js.
//
// The clone (not the global Decimal) keeps our configuration from leaking into, or being changed
// by, other code that imports decimal.js. 60 significant digits is far beyond what 50 years of
// compounding a DECIMAL(15,2) amount needs, so intermediate results are effectively exact and the
// only rounding that matters is the explicit one below.
import DecimalJs from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = DecimalJs;

export const ROUND_HALF_UP = DecimalJs.ROUND_HALF_UP;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** True for plain decimal strings such as "100000", "4.5000" or "-0.25" (no exponent, no spaces). */
export function isPlainDecimal(value: string): boolean {
  return PLAIN_DECIMAL.test(value);
}

/**
 * Parses a plain decimal string. Exponents, spaces, "Infinity" and "NaN" are refused because
 * decimal.js would accept them and they never come from a DECIMAL column or a sane form field.
 */
export function parseDecimal(value: string): Decimal {
  if (!isPlainDecimal(value)) {
    throw new RangeError(`not a plain decimal number: ${JSON.stringify(value)}`);
  }
  return new Decimal(value);
}

/** Rounds to whole cents, half-up (0.005 -> 0.01, -0.005 -> -0.01). */
export function roundMoney(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, ROUND_HALF_UP);
}

/** Money as a string with exactly 2 decimals, half-up: "105500.00". */
export function formatMoney(value: Decimal): string {
  return fixed(value, 2);
}

/** A rate or percent as a string with exactly 4 decimals, half-up: "4.5000" (DECIMAL(8,4)). */
export function formatRate(value: Decimal): string {
  return fixed(value, 4);
}

/** A percent with exactly 2 decimals, half-up, as Regulation DD discloses an APY: "5.39". */
export function formatPercent2(value: Decimal): string {
  return fixed(value, 2);
}

/** Normalizes a decimal string to exactly 2 places ("100000" -> "100000.00"). */
export function normalizeMoney(value: string): string {
  return formatMoney(parseDecimal(value));
}

/** Normalizes a decimal string to exactly 4 places ("4.5" -> "4.5000"). */
export function normalizeRate(value: string): string {
  return formatRate(parseDecimal(value));
}

export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.greaterThanOrEqualTo(b) ? a : b;
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lessThanOrEqualTo(b) ? a : b;
}

function fixed(value: Decimal, places: number): string {
  const text = value.toFixed(places, ROUND_HALF_UP);
  // A tiny negative that rounds to zero would otherwise print as "-0.00".
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
