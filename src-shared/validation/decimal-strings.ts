// zod schemas for the strings that cross every boundary: amounts, rates, percents, dates, ids.
// They validate but do not rewrite ("4.5" stays "4.5"): normalizing is the job of whoever stores
// or displays the value (see decimal.ts), and keeping schemas transform-free lets the server turn
// them into JSON Schema for its OpenAPI document.
import { z } from 'zod';
import { parseScaled } from '../fixed-point.js';
import { isIsoDate } from '../dates.js';
import { typeMessage } from '../errors.js';

interface DecimalStringRules {
  maxIntegerDigits: number;
  maxDecimals: number;
  /** Inclusive lower bound, unless `minExclusive`. */
  min: string;
  minExclusive?: boolean;
  /** Inclusive upper bound. */
  max?: string;
  /** Words for the bounds message, e.g. "between 0 and 25". */
  rangeText?: string;
}

const DECIMAL_SHAPE = /^(-?)(\d+)(?:\.(\d+))?$/;

// Exact comparisons on scaled integers: a Decimal per bound and per value made validation the
// largest cost of a comparison (issue 15, docs/performance.md).
const scaledBounds = new WeakMap<DecimalStringRules, { places: number; min: bigint; max: bigint | null }>();

function scaledBoundsOf(rules: DecimalStringRules): { places: number; min: bigint; max: bigint | null } {
  let bounds = scaledBounds.get(rules);
  if (bounds === undefined) {
    const decimalsOf = (text: string) => (text.includes('.') ? text.length - 1 - text.indexOf('.') : 0);
    const places = Math.max(rules.maxDecimals, decimalsOf(rules.min), decimalsOf(rules.max ?? '0'));
    bounds = { places, min: parseScaled(rules.min, places), max: rules.max === undefined ? null : parseScaled(rules.max, places) };
    scaledBounds.set(rules, bounds);
  }
  return bounds;
}

/** The reason `value` breaks `rules`, or null when it is fine. */
function decimalStringProblem(value: string, rules: DecimalStringRules): string | null {
  const match = DECIMAL_SHAPE.exec(value);
  // Only a value of the wrong shape can be empty or contain spaces: those get their own words.
  if (!match) {
    if (value === '') return 'must not be empty';
    if (/\s/.test(value)) return 'must not contain spaces';
    return 'must be a plain decimal number such as "1234.56" (digits, optional point, no exponent or separators)';
  }
  const [, sign = '', integerDigits = '', decimals = ''] = match;
  if (decimals.length > rules.maxDecimals) {
    return rules.maxDecimals === 0 ? 'must be a whole number' : `must have at most ${rules.maxDecimals} decimal places`;
  }
  const bounds = scaledBoundsOf(rules);
  const amount = parseScaled(value, bounds.places);
  if (sign === '-' && bounds.min >= 0n) return rules.rangeText ? `must be ${rules.rangeText}` : 'must not be negative';
  if (rules.minExclusive ? amount <= bounds.min : amount < bounds.min) {
    return rules.rangeText ? `must be ${rules.rangeText}` : `must be greater than ${rules.minExclusive ? '' : 'or equal to '}${rules.min}`;
  }
  if (bounds.max !== null && amount > bounds.max) {
    return rules.rangeText ? `must be ${rules.rangeText}` : `must be at most ${rules.max}`;
  }
  if (integerDigits.replace(/^0+(?=\d)/, '').length > rules.maxIntegerDigits) {
    return `must have at most ${rules.maxIntegerDigits} digits before the decimal point`;
  }
  return null;
}

function decimalString(rules: DecimalStringRules, description: string) {
  return z
    .string({ error: typeMessage('a decimal number written as a string, e.g. "1234.56"') })
    .superRefine((value, ctx) => {
      const problem = decimalStringProblem(value, rules);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ description });
}

/** Non-negative money, DECIMAL(15,2): up to 13 integer digits and 2 decimals ("100000", "99.5", "0.01"). */
export const MoneyString = decimalString(
  { maxIntegerDigits: 13, maxDecimals: 2, min: '0' },
  'Amount in dollars as a decimal string with at most 2 decimals, e.g. "100000.00"',
);

/** Money strictly greater than zero (a premium, a minimum investment). */
export const PositiveMoneyString = decimalString(
  { maxIntegerDigits: 13, maxDecimals: 2, min: '0', minExclusive: true, rangeText: 'greater than 0' },
  'Amount in dollars greater than 0, as a decimal string with at most 2 decimals',
);

/** A percent with at most 4 decimals between `min` and `max`, described for the OpenAPI document. */
function percentBetween(min: string, max: string, what: string, example: string) {
  const maxIntegerDigits = Math.max(min.replace('-', '').length, max.replace('-', '').length);
  return decimalString(
    { maxIntegerDigits, maxDecimals: 4, min, max, rangeText: `between ${min} and ${max} (percent)` },
    `${what} in percent (${min} to ${max}) as a decimal string with at most 4 decimals, e.g. "${example}"`,
  );
}

/** An interest rate in percent, 0..25 with at most 4 decimals ("4.5000" means 4.5% a year). */
export const RateString = percentBetween('0', '25', 'Interest rate', '4.5000');

/** A market value adjustment's spread in percent, 0..5, at most 4 decimals ("0.2500"). */
export const MvaSpreadString = percentBetween('0', '5', 'MVA spread', '0.2500');

/** The lowest an MVA factor may go, in percent, -100..0 ("-10.0000": never more than 10% off). */
export const MvaFloorString = percentBetween('-100', '0', 'Floor on the MVA factor', '-10.0000');

/** The highest an MVA factor may go, in percent, 0..100. */
export const MvaCapString = percentBetween('0', '100', 'Cap on the MVA factor', '10.0000');

/** A strategy rate of a fixed indexed annuity in percent, 0..1000 (a participation rate can pass 100), at most 4 decimals. */
export const StrategyRateString = percentBetween('0', '1000', 'Crediting strategy rate (cap, participation, spread or declared rate)', '8.5000');

/** A year-end index level: positive, up to 10 integer digits and 4 decimals ("4769.8300"). */
export const IndexLevelValueString = decimalString(
  { maxIntegerDigits: 10, maxDecimals: 4, min: '0', minExclusive: true, rangeText: 'greater than 0' },
  'Index level as a decimal string with at most 4 decimals, e.g. "4769.8300"',
);

/** A percentage 0..100 with at most 4 decimals (surrender charges, free withdrawal, return of premium). */
export const PercentString = percentBetween('0', '100', 'Percentage', '7.0000');

/** A calendar date 'YYYY-MM-DD' (a business date: no time, no zone). */
export const IsoDateString = z
  .string({ error: typeMessage('a date written as YYYY-MM-DD') })
  .superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date written as YYYY-MM-DD' });
    } else if (!isIsoDate(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a real calendar date' });
    }
  })
  .meta({ description: 'Calendar date YYYY-MM-DD', format: 'date' });

/** An instant in UTC, ISO-8601 with a 'Z' suffix, e.g. "2026-11-24T15:04:05.000Z". */
export const IsoTimestampString = z.iso.datetime({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be an ISO-8601 UTC timestamp such as "2026-11-24T15:04:05.000Z"') });

/**
 * Any well-formed UUID (8-4-4-4-12 hex digits, either case), as PostgreSQL's uuid type accepts.
 * Deliberately not limited to RFC 9562 versions: ids come from the database and from fixtures.
 */
export const UuidString = z.guid({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a UUID such as "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b"') });
