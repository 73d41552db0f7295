// Crediting strategies of a fixed indexed annuity (FIA), and the values an index history would
// have credited. Pure; docs/projection-rules.md "FIA crediting strategies and historical periods".
//
// Every index strategy here is annual point-to-point: the index return of a year is
// level at its end / level at its start - 1 (shared reference domain-notes.md §3.9). Then:
//   cap             credited = min(max(r, 0), cap)
//   participation   credited = max(r, 0) x participation, then min(., cap) when there is a cap
//   spread          credited = max(r - spread, 0)
//   fixed account   credited = the declared rate (no index)
// and never below the strategy's guaranteed minimum (normally 0): a negative index year credits
// the minimum, never a loss. Rates are annual percents.
//
// Rounding: the index return and the credited rate are rounded half-up to 4 decimals of a percent
// (the precision of every rate in the catalog, DECIMAL(8,4)), and the value is rounded half-up to
// cents each year, compounding on the rounded value as the projection does. So every printed rate
// reproduces the printed values: value_t = round(value_{t-1} x (1 + credited_t / 100)).
import { z } from 'zod';
import { Decimal, HUNDRED, ONE, ZERO, formatMoney, formatRate, isPlainDecimal, maxDecimal, minDecimal, roundMoney } from './decimal.js';
import { parseOrThrow } from './errors.js';
import { PercentString, PositiveMoneyString, RateString } from './validation/decimal-strings.js';

export const CREDITING_METHODS = ['cap', 'participation', 'spread', 'fixed'] as const;
export type CreditingMethod = (typeof CREDITING_METHODS)[number];

const RATE_PLACES = 4;

/** A participation rate in percent, above 0 and at most 500, with at most 4 decimals. */
const ParticipationString = z
  .string()
  .refine((value) => isPlainDecimal(value) && (value.split('.')[1]?.length ?? 0) <= RATE_PLACES, 'must be a percent with at most 4 decimals, e.g. "85.00"')
  .refine((value) => !isPlainDecimal(value) || (new Decimal(value).greaterThan(0) && new Decimal(value).lessThanOrEqualTo(500)), 'must be above 0 and at most 500 (percent)');

const guaranteedMinimum = { guaranteedMinimumRate: RateString.default('0') };

const CapStrategy = z.object({ method: z.literal('cap'), capRate: PercentString, ...guaranteedMinimum });
const ParticipationStrategy = z.object({
  method: z.literal('participation'),
  participationRate: ParticipationString,
  capRate: PercentString.optional(),
  ...guaranteedMinimum,
});
const SpreadStrategy = z.object({ method: z.literal('spread'), spreadRate: RateString, ...guaranteedMinimum });
const FixedAccount = z.object({ method: z.literal('fixed'), declaredRate: RateString, ...guaranteedMinimum });

export const CreditingStrategy = z
  .discriminatedUnion('method', [CapStrategy, ParticipationStrategy, SpreadStrategy, FixedAccount], {
    error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${CREDITING_METHODS.map((m) => JSON.stringify(m)).join(', ')}` : undefined),
  })
  .superRefine((strategy, ctx) => {
    const minimum = new Decimal(strategy.guaranteedMinimumRate);
    const cap = 'capRate' in strategy && strategy.capRate !== undefined ? strategy.capRate : null;
    if (cap !== null && minimum.greaterThan(cap)) {
      ctx.addIssue({ code: 'custom', path: ['guaranteedMinimumRate'], message: 'must not be above the cap rate' });
    }
    if (strategy.method === 'fixed' && minimum.greaterThan(strategy.declaredRate)) {
      ctx.addIssue({ code: 'custom', path: ['declaredRate'], message: 'must be at least the guaranteed minimum rate' });
    }
  });
export type CreditingStrategyInput = z.input<typeof CreditingStrategy>;
export type CreditingStrategy = z.output<typeof CreditingStrategy>;

/** Validates a strategy; throws ValidationError naming the field. */
export function parseCreditingStrategy(input: unknown, prefix: readonly PropertyKey[] = []): CreditingStrategy {
  return parseOrThrow(CreditingStrategy, input, prefix);
}

/** An index return in percent from two levels, rounded half-up to 4 decimals. */
export function indexReturnPct(startLevel: Decimal, endLevel: Decimal): Decimal {
  return endLevel.div(startLevel).minus(ONE).times(HUNDRED).toDecimalPlaces(RATE_PLACES, Decimal.ROUND_HALF_UP);
}

/** The rate a strategy credits for a year with this index return (percent, 4 decimals). */
export function creditedRatePct(strategy: CreditingStrategy, indexReturn: Decimal): Decimal {
  const gain = maxDecimal(ZERO, indexReturn);
  let credited: Decimal;
  switch (strategy.method) {
    case 'cap':
      credited = minDecimal(gain, new Decimal(strategy.capRate));
      break;
    case 'participation': {
      const participated = gain.times(strategy.participationRate).div(HUNDRED);
      credited = strategy.capRate === undefined ? participated : minDecimal(participated, new Decimal(strategy.capRate));
      break;
    }
    case 'spread':
      credited = maxDecimal(ZERO, indexReturn.minus(strategy.spreadRate));
      break;
    case 'fixed':
      credited = new Decimal(strategy.declaredRate);
      break;
  }
  return maxDecimal(credited, new Decimal(strategy.guaranteedMinimumRate)).toDecimalPlaces(RATE_PLACES, Decimal.ROUND_HALF_UP);
}

/** One calendar year's index return (percent, 4 decimals). */
export interface AnnualIndexReturn {
  year: number;
  indexReturn: string;
}

export interface CreditedYear {
  year: number;
  indexReturn: string;
  creditedRate: string;
  interestCredited: string;
  /** The value at the end of the year, after crediting. */
  value: string;
}

export interface CreditedPeriod {
  firstYear: number;
  lastYear: number;
  years: CreditedYear[];
  endingValue: string;
}

/**
 * Credits `premium` over consecutive calendar years of index returns, year by year. Returns must
 * be consecutive and non-empty (indexReturns in fia-index-history.ts produces them so).
 */
export function creditOverYears(strategyInput: CreditingStrategyInput, premium: string, returns: readonly AnnualIndexReturn[]): CreditedPeriod {
  const strategy = parseCreditingStrategy(strategyInput, ['strategy']);
  const start = parseOrThrow(PositiveMoneyString, premium, ['premium']);
  return creditValidated(strategy, new Decimal(start), returns);
}

/** creditOverYears for input already validated (the history module calls it once per period). */
export function creditValidated(strategy: CreditingStrategy, premium: Decimal, returns: readonly AnnualIndexReturn[]): CreditedPeriod {
  const first = returns[0];
  const last = returns.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('creditValidated needs at least one year of index returns');
  returns.forEach((entry, index) => {
    if (entry.year !== first.year + index) throw new RangeError(`index returns are not consecutive at ${entry.year}`);
  });
  let value = roundMoney(premium);
  const years = returns.map((entry): CreditedYear => {
    const indexReturn = new Decimal(entry.indexReturn);
    const rate = creditedRatePct(strategy, indexReturn);
    const next = roundMoney(value.times(ONE.plus(rate.div(HUNDRED))));
    const credited = next.minus(value);
    value = next;
    return { year: entry.year, indexReturn: formatRate(indexReturn), creditedRate: formatRate(rate), interestCredited: formatMoney(credited), value: formatMoney(next) };
  });
  return { firstYear: first.year, lastYear: last.year, years, endingValue: formatMoney(value) };
}
