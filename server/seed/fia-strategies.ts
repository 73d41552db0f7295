// The demo catalog's FIA crediting strategies (issue 13): each FIA offers two or three of annual
// point-to-point with a cap, with a participation rate, with a spread, and a fixed account, on the
// synthetic Demo Index, each with a contract guarantee and current rates published and dated like
// the product's base rates (the carrier's rate sheet changes them together): the older history as
// one period, then the periods of the last two sheets, the one in force on the business date and
// any future-dated ones. Every published rate keeps its guarantee (the database refuses one that
// does not: fia_strategy_rates_keep_guarantee).
import type { Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import type { CreditingMethod, FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import { DEMO_INDEX_NAME } from '../../src-shared/catalog/index-levels.js';
import { toEpochDay } from '../../src-shared/dates.js';
import type { Dice } from './dice.js';
import { ADMINS, rateText, timestamp } from './seed-values.js';

interface Design {
  code: string;
  name: string;
  /** Guaranteed rate and the first published rate, in ten-thousandths of a percent. */
  guaranteed: number;
  current: number;
  /** One rate-sheet step, and the bounds a rate stays within (guarantee side first). */
  step: number;
  bound: number;
}

/** Market-like terms: caps 6-11% (guaranteed 1-3%), participation 30-60% (10-25%), spreads 1.5-4% (at most 5-8%), fixed 2.5-4.5%. */
function design(method: CreditingMethod, dice: Dice): Design {
  const ptp = `Annual point-to-point with`;
  switch (method) {
    case 'cap':
      return { code: 'DEMO-CAP-1Y', name: `${ptp} cap, ${DEMO_INDEX_NAME}`, guaranteed: dice.int(4, 12) * 2_500, current: dice.int(24, 44) * 2_500, step: 2_500, bound: 120_000 };
    case 'participation':
      return { code: 'DEMO-PAR-1Y', name: `${ptp} participation rate, ${DEMO_INDEX_NAME}`, guaranteed: dice.int(2, 5) * 50_000, current: dice.int(6, 12) * 50_000, step: 50_000, bound: 700_000 };
    case 'spread':
      return { code: 'DEMO-SPR-1Y', name: `${ptp} spread, ${DEMO_INDEX_NAME}`, guaranteed: dice.int(10, 16) * 5_000, current: dice.int(6, 16) * 2_500, step: 2_500, bound: 5_000 };
    case 'fixed':
      return { code: 'FIXED', name: 'Fixed account (declared rate)', guaranteed: dice.pick([5_000, 10_000]), current: dice.int(50, 90) * 500, step: 1_000, bound: 60_000 };
  }
}

function methodsOf(dice: Dice): CreditingMethod[] {
  const index: CreditingMethod[] = ['cap', 'participation', 'spread'];
  // A deterministic shuffle, then two or three strategies, most with the fixed account.
  for (let i = index.length - 1; i > 0; i -= 1) {
    const j = dice.int(0, i);
    [index[i], index[j]] = [index[j] as CreditingMethod, index[i] as CreditingMethod];
  }
  const count = dice.chance(50) ? 2 : 3;
  return dice.chance(70) ? [...index.slice(0, count - 1), 'fixed'] : index.slice(0, count);
}

/** The next published rate: a step up or down, never past the guarantee (or the far bound). */
function nextRate(method: CreditingMethod, d: Design, previous: number, dice: Dice): number {
  const moved = previous + dice.int(-2, 2) * d.step;
  if (method === 'spread') return Math.min(d.guaranteed, Math.max(d.bound, moved));
  return Math.max(d.guaranteed, Math.min(d.bound, moved));
}

/** [effective, end] periods: all before the last three sheets as one, then those up to today, then future ones. */
function periodsOf(rates: readonly RateHistoryEntry[], today: string): { effectiveDate: string; endDate: string | null }[] {
  let current = 0;
  rates.forEach((entry, index) => {
    if (entry.effectiveDate <= today) current = index;
  });
  const starts = [0, ...[current - 1, current].filter((index) => index > 0), ...rates.slice(current + 1).map((_, offset) => current + 1 + offset)];
  const unique = [...new Set(starts)];
  return unique.map((index, position) => {
    const next = unique[position + 1];
    return { effectiveDate: rates[index]?.effectiveDate ?? today, endDate: next === undefined ? null : (rates[next - 1]?.endDate ?? null) };
  });
}

export function demoFiaStrategies(
  product: Product,
  rates: readonly RateHistoryEntry[],
  dice: Dice,
  today: string,
): { strategies: FiaStrategy[]; strategyRates: FiaStrategyRate[] } {
  if (product.productType !== 'FIA') return { strategies: [], strategyRates: [] };
  const strategies: FiaStrategy[] = [];
  const strategyRates: FiaStrategyRate[] = [];
  const periods = periodsOf(rates, today);
  const todayDay = toEpochDay(today);
  methodsOf(dice).forEach((method, sortOrder) => {
    const d = design(method, dice);
    const strategyId = dice.uuid();
    strategies.push({
      strategyId,
      productId: product.productId,
      strategyCode: d.code,
      strategyName: d.name,
      indexName: method === 'fixed' ? null : DEMO_INDEX_NAME,
      creditingMethod: method,
      guaranteedRate: rateText(d.guaranteed),
      floorRate: '0.0000',
      sortOrder,
      isActive: true,
      createdAt: product.createdAt,
      updatedAt: product.createdAt,
      createdBy: product.createdBy,
      updatedBy: product.createdBy,
    });
    let rate = method === 'spread' ? Math.min(d.current, d.guaranteed) : Math.max(d.current, d.guaranteed);
    periods.forEach((period, index) => {
      if (index > 0) rate = nextRate(method, d, rate, dice);
      strategyRates.push({
        strategyRateId: dice.uuid(),
        strategyId,
        rate: rateText(rate),
        effectiveDate: period.effectiveDate,
        endDate: period.endDate,
        isActive: true,
        createdAt: timestamp(Math.min(toEpochDay(period.effectiveDate) - dice.int(1, 14), todayDay), dice.int(0, 239)),
        createdBy: dice.pick(ADMINS),
      });
    });
  });
  return { strategies, strategyRates };
}
