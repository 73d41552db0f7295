// The historical-period section of a compared fixed indexed annuity (issue 13; NAIC Model 245 §6):
// for each chosen crediting strategy, at the rate in force on the as-of date, what the premium would
// have become over the most recent 10 calendar years of the index's history and over the best and
// worst 10-year periods of the last 20 (fia-index-history.ts historicalPeriods), each non-guaranteed
// and named with its years and the index's source; or why it cannot be shown. The guaranteed values
// are the projection's, unchanged. No withdrawal is taken in these periods: they illustrate the
// strategy's crediting, not the client's plan.
import { z } from 'zod';
import { strategyForCrediting, strategyRateInForce, strategyRateLabel, type FiaStrategy, type FiaStrategyRate } from '../catalog/fia-strategies.js';
import { indexHistoryOf, type IndexLevelRow } from '../catalog/index-levels.js';
import { formatBusinessDate } from '../format/display.js';
import { historicalPeriods, PERIOD_YEARS } from '../fia-index-history.js';

const CreditedYear = z.object({ year: z.int(), indexReturn: z.string(), creditedRate: z.string(), interestCredited: z.string(), value: z.string() });
const Period = z.object({
  period: z.enum(['most-recent', 'best', 'worst']),
  guaranteed: z.literal(false),
  firstYear: z.int(),
  lastYear: z.int(),
  years: z.array(CreditedYear),
  endingValue: z.string(),
});
export type IllustratedPeriod = z.infer<typeof Period>;

const StrategyHistory = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('periods'),
    source: z.string(),
    lookback: z.object({ firstYear: z.int(), lastYear: z.int(), years: z.int() }),
    mostRecent: Period,
    best: Period,
    worst: Period,
  }),
  /** No figures: the message says why (too little or out-of-date history, no rate, a fixed account). */
  z.object({ kind: z.enum(['not-enough-history', 'history-out-of-date', 'no-history', 'no-rate', 'fixed-account']), source: z.string().nullable(), message: z.string() }),
]);

export const FiaStrategyIllustration = z.object({
  strategyId: z.string(),
  strategyCode: z.string(),
  strategyName: z.string(),
  indexName: z.string().nullable(),
  creditingMethod: z.string(),
  /** "Cap 8.50%" as in force on the as-of date; null without a rate in force. */
  rateLabel: z.string().nullable(),
  rateEffectiveDate: z.string().nullable(),
  strategyRateId: z.string().nullable(),
  /** Always false: index history says nothing certain about the future. */
  guaranteed: z.literal(false),
  history: StrategyHistory,
});
export type FiaStrategyIllustration = z.infer<typeof FiaStrategyIllustration>;

export const FiaSection = z.object({ strategies: z.array(FiaStrategyIllustration) });
export type FiaSection = z.infer<typeof FiaSection>;

export interface FiaSectionInput {
  premium: string;
  asOfDate: string;
  /** The product's strategies (all rows; retired ones are skipped). */
  strategies: readonly FiaStrategy[];
  strategyRates: readonly FiaStrategyRate[];
  indexLevels: readonly IndexLevelRow[];
  /** The chosen strategies among all products; undefined: every active one. */
  strategyIds: readonly string[] | undefined;
}

/** The section of one FIA column: its chosen strategies in display order. */
export function fiaSectionOf(input: FiaSectionInput): FiaSection {
  const chosen = input.strategyIds === undefined ? null : new Set(input.strategyIds.map((id) => id.toLowerCase()));
  const strategies = input.strategies
    .filter((strategy) => strategy.isActive && (chosen === null || chosen.has(strategy.strategyId.toLowerCase())))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.strategyCode.localeCompare(b.strategyCode));
  return { strategies: strategies.map((strategy) => illustrateStrategy(strategy, input)) };
}

function illustrateStrategy(strategy: FiaStrategy, input: FiaSectionInput): FiaStrategyIllustration {
  const rate = strategyRateInForce(input.strategyRates, strategy.strategyId, input.asOfDate);
  const base = {
    strategyId: strategy.strategyId,
    strategyCode: strategy.strategyCode,
    strategyName: strategy.strategyName,
    indexName: strategy.indexName,
    creditingMethod: strategy.creditingMethod,
    rateLabel: rate === null ? null : strategyRateLabel(strategy.creditingMethod, rate.rate),
    rateEffectiveDate: rate?.effectiveDate ?? null,
    strategyRateId: rate?.strategyRateId ?? null,
    guaranteed: false as const,
  };
  const noFigures = (kind: 'not-enough-history' | 'history-out-of-date' | 'no-history' | 'no-rate' | 'fixed-account', message: string, source: string | null = null) => ({
    ...base,
    history: { kind, source, message },
  });
  if (rate === null) return noFigures('no-rate', `No ${strategy.strategyName} rate is in force on ${formatBusinessDate(input.asOfDate)}, so its historical values cannot be shown.`);
  if (strategy.creditingMethod === 'fixed' || strategy.indexName === null) {
    return noFigures('fixed-account', `A fixed account credits its declared rate (${base.rateLabel ?? ''}), not an index: it has no index history to illustrate.`);
  }
  const history = indexHistoryOf(input.indexLevels, strategy.indexName, input.asOfDate);
  if (history === null) return noFigures('no-history', `The catalog holds no history of ${strategy.indexName}, so values from index history cannot be shown.`);
  const throughYear = Number(input.asOfDate.slice(0, 4)) - 1;
  const result = historicalPeriods({ strategy: strategyForCrediting(strategy, rate.rate), premium: input.premium, history, throughYear });
  switch (result.kind) {
    case 'not-enough-history':
      return noFigures(
        'not-enough-history',
        `${result.indexName} has ${result.annualReturns} calendar ${result.annualReturns === 1 ? 'year' : 'years'} of history; at least ${PERIOD_YEARS} are needed to illustrate it, so no historical values are shown.`,
        result.source,
      );
    case 'history-out-of-date':
      return noFigures(
        'history-out-of-date',
        `The history of ${result.indexName} ends in ${result.lastYear}, before ${result.throughYear}, the last complete calendar year: no historical values are shown until it is brought up to date.`,
        result.source,
      );
    case 'periods':
      return {
        ...base,
        history: { kind: 'periods', source: result.source, lookback: result.lookback, mostRecent: result.mostRecent, best: result.best, worst: result.worst },
      };
  }
}

/** "Most recent 10 years (2016–2025)" and the like, for the screen and the PDF. */
export function periodTitle(period: IllustratedPeriod): string {
  const name = { 'most-recent': 'Most recent 10 years', best: 'Best 10-year period of the last 20', worst: 'Worst 10-year period of the last 20' }[period.period];
  return `${name} (${period.firstYear}–${period.lastYear})`;
}
