// Exact scaled-integer arithmetic for the projection's hot path: an amount is a BigInt count of
// units of 10^-places (cents for money, 10^-4 for a percent rate). decimal.js is exact too, but
// allocates an object and renormalizes digits on every operation; a projection does thousands of
// them. Pure; no floating point. Rounding is half-up (half away from zero), as in decimal.ts.

const POWERS: bigint[] = [1n];

/** 10^exponent as a BigInt (cached: the same few are used over and over). */
export function pow10(exponent: number): bigint {
  for (let k = POWERS.length; k <= exponent; k += 1) POWERS.push((POWERS[k - 1] as bigint) * 10n);
  return POWERS[exponent] as bigint;
}

/**
 * A validated plain decimal string ("4.5", "100000.00", "-0.25") as units of 10^-places. The
 * caller's schema has already limited the decimals to `places`; more would be a programming error.
 */
export function parseScaled(text: string, places: number): bigint {
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  const decimals = point < 0 ? '' : text.slice(point + 1);
  if (decimals.length > places) throw new RangeError(`${JSON.stringify(text)} has more than ${places} decimals`);
  return BigInt(whole + decimals.padEnd(places, '0'));
}

/** Units of 10^-places as a string with exactly `places` decimals ("105500.00"); never "-0.00". */
export function formatScaled(value: bigint, places: number): string {
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString();
  if (digits.length <= places) digits = digits.padStart(places + 1, '0');
  const cut = digits.length - places;
  const text = digits.slice(0, cut) + '.' + digits.slice(cut);
  return negative ? '-' + text : text;
}

/** numerator / denominator (denominator > 0) rounded half-up to an integer, ties away from zero. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator - quotient * denominator) * 2n;
  if (twiceRemainder >= denominator) return quotient + 1n;
  if (-twiceRemainder >= denominator) return quotient - 1n;
  return quotient;
}

/**
 * `value` rounded half-up to `digits` significant digits (the scale stays). decimal.js rounds
 * every operation's result so; the projection needs it where a product can pass 60 digits (a
 * daily-compounding factor), to round exactly as the decimal.js engine did before it.
 */
export function roundSignificant(value: bigint, digits: number): bigint {
  const magnitude = value < 0n ? -value : value;
  const excess = magnitude.toString().length - digits;
  if (excess <= 0) return value;
  const unit = pow10(excess);
  return divideHalfUp(value, unit) * unit;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a >= b ? a : b;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a <= b ? a : b;
}
