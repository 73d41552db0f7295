// Index history (year-end levels, as admins publish them) and the historical periods an FIA
// illustration shows. Pure; docs/projection-rules.md "FIA crediting strategies and historical
// periods" has the rules and a worked example.
//
// NAIC Annuity Disclosure Model Regulation (#245, §6 as revised in 2011, adopted by the states,
// e.g. Iowa 191-15.66) requires the non-guaranteed values of a fixed indexed annuity to be
// illustrated over three periods of index history, using the current caps, participation rates
// and spreads: the most recent continuous 10 calendar years; the continuous 10-calendar-year
// period out of the last 20 that produces the least index value growth; and the one that produces
// the most. An index with fewer than 10 calendar years of history may not be illustrated.
// Actuarial Guideline XLIX / XLIX-A, which the issue also names, applies to indexed *life*
// policies under the Life Insurance Illustrations Model Regulation (#582), not to annuities.
//
// Decisions where the text leaves room (docs say so too):
// - "Calendar year": a level is the index at the end of a calendar year (a December date, the last
//   trading day), and the return of year Y runs from the level at the end of Y-1 to the end of Y.
// - "Least/most index value growth" is measured by what the strategy credits: the ending value of
//   the premium over the period. With a cap or a floor, the raw index's best decade need not be the
//   client's best decade; the illustration ranks what the client would have had. Ties go to the
//   most recent period.
// - Between 10 and 19 years of returns, the best and worst are chosen among the periods there are,
//   and the result says how many years the lookback covered.
import { z } from 'zod';
import { Decimal, formatRate, isPlainDecimal } from './decimal.js';
import { parseOrThrow } from './errors.js';
import { IsoDateString, PositiveMoneyString } from './validation/decimal-strings.js';
import {
  CreditingStrategy,
  creditValidated,
  indexReturnPct,
  type AnnualIndexReturn,
  type CreditedPeriod,
  type CreditingStrategyInput,
} from './fia-crediting.js';

/** Years in each illustrated period, and the fewest annual returns an index needs to be shown. */
export const PERIOD_YEARS = 10;
/** How far back the best and worst periods are looked for. */
export const LOOKBACK_YEARS = 20;
const MAX_LEVELS = 200;
const LEVEL_PLACES = 6;

const IndexLevelString = z
  .string()
  .refine((value) => isPlainDecimal(value) && (value.split('.')[1]?.length ?? 0) <= LEVEL_PLACES, 'must be a decimal number with at most 6 decimals, e.g. "4769.83"')
  .refine((value) => !isPlainDecimal(value) || new Decimal(value).greaterThan(0), 'must be greater than 0');

export const IndexLevel = z.object({ date: IsoDateString, level: IndexLevelString });

export const IndexHistory = z
  .object({
    indexName: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
    /** Where the levels come from, shown with every historical figure. */
    source: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
    levels: z.array(IndexLevel).min(1, 'must have at least one year-end level').max(MAX_LEVELS, `must have at most ${MAX_LEVELS} levels`),
  })
  .superRefine((history, ctx) => {
    history.levels.forEach((entry, index) => {
      const [year, month] = entry.date.split('-').map(Number);
      if (month !== 12) {
        ctx.addIssue({ code: 'custom', path: ['levels', index, 'date'], message: 'must be a year-end date (in December)' });
        return;
      }
      const previous = history.levels[index - 1];
      const previousYear = previous === undefined ? undefined : Number(previous.date.slice(0, 4));
      if (previousYear !== undefined && year !== previousYear + 1) {
        ctx.addIssue({ code: 'custom', path: ['levels', index, 'date'], message: `must be in ${previousYear + 1}, the year after the previous level (one level per year, in order, no gaps)` });
      }
    });
  });
export type IndexHistoryInput = z.input<typeof IndexHistory>;

/** The calendar-year returns of a history: one fewer than its levels. */
export function indexReturns(historyInput: IndexHistoryInput): AnnualIndexReturn[] {
  return returnsOf(parseOrThrow(IndexHistory, historyInput, ['history']));
}

function returnsOf(history: z.output<typeof IndexHistory>): AnnualIndexReturn[] {
  return history.levels.slice(1).map((entry, index) => ({
    year: Number(entry.date.slice(0, 4)),
    indexReturn: formatRate(indexReturnPct(new Decimal(history.levels[index]?.level ?? entry.level), new Decimal(entry.level))),
  }));
}

export type PeriodKind = 'most-recent' | 'best' | 'worst';

export interface HistoricalPeriod extends CreditedPeriod {
  period: PeriodKind;
  /** Always false: index history says nothing certain about the future. */
  guaranteed: false;
}

export type HistoricalPeriods =
  | {
      kind: 'periods';
      indexName: string;
      source: string;
      /** The years the best and worst were chosen from (up to the last 20). */
      lookback: { firstYear: number; lastYear: number; years: number };
      mostRecent: HistoricalPeriod;
      best: HistoricalPeriod;
      worst: HistoricalPeriod;
    }
  | { kind: 'not-enough-history'; indexName: string; source: string; annualReturns: number; required: number }
  | { kind: 'history-out-of-date'; indexName: string; source: string; lastYear: number; throughYear: number };

export const HistoricalPeriodsRequest = z.object({
  strategy: CreditingStrategy,
  premium: PositiveMoneyString,
  history: IndexHistory,
  /**
   * The last complete calendar year as of the illustration date. Later levels are ignored; a
   * history that stops before it gives 'history-out-of-date' instead of an older "most recent".
   */
  throughYear: z.int().min(1900).max(9999).optional(),
});
export type HistoricalPeriodsRequestInput = {
  strategy: CreditingStrategyInput;
  premium: string;
  history: IndexHistoryInput;
  throughYear?: number;
};

/**
 * The values a strategy would have credited over the most recent 10 calendar years and the best
 * and worst 10-year periods of the last 20, or why they cannot be shown. Throws ValidationError
 * (naming the field) on bad input.
 */
export function historicalPeriods(input: HistoricalPeriodsRequestInput): HistoricalPeriods {
  const request = parseOrThrow(HistoricalPeriodsRequest, input);
  const { indexName, source } = request.history;
  let returns = returnsOf(request.history);
  if (request.throughYear !== undefined) {
    const through = request.throughYear;
    const lastYear = Number(request.history.levels.at(-1)?.date.slice(0, 4));
    if (lastYear < through) return { kind: 'history-out-of-date', indexName, source, lastYear, throughYear: through };
    returns = returns.filter((entry) => entry.year <= through);
  }
  if (returns.length < PERIOD_YEARS) return { kind: 'not-enough-history', indexName, source, annualReturns: returns.length, required: PERIOD_YEARS };

  const lookback = returns.slice(-LOOKBACK_YEARS);
  const premium = new Decimal(request.premium);
  const candidates = Array.from({ length: lookback.length - PERIOD_YEARS + 1 }, (_, start) =>
    creditValidated(request.strategy, premium, lookback.slice(start, start + PERIOD_YEARS)),
  );
  const [oldest] = candidates;
  const mostRecent = candidates.at(-1);
  if (oldest === undefined || mostRecent === undefined) throw new RangeError('no 10-year period in a lookback of at least 10 years');
  let best = oldest;
  let worst = oldest;
  for (const candidate of candidates) {
    // Oldest to newest, and "or equal": a tie goes to the most recent period.
    if (new Decimal(candidate.endingValue).greaterThanOrEqualTo(best.endingValue)) best = candidate;
    if (new Decimal(candidate.endingValue).lessThanOrEqualTo(worst.endingValue)) worst = candidate;
  }
  const label = (period: CreditedPeriod, kind: PeriodKind): HistoricalPeriod => ({ ...period, period: kind, guaranteed: false });
  return {
    kind: 'periods',
    indexName,
    source,
    lookback: { firstYear: lookback[0]?.year ?? mostRecent.firstYear, lastYear: mostRecent.lastYear, years: lookback.length },
    mostRecent: label(mostRecent, 'most-recent'),
    best: label(best, 'best'),
    worst: label(worst, 'worst'),
  };
}
