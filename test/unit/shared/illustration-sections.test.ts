// The illustration sections of a comparison (issue 13): the hypothetical MVA scenarios of an MVA
// MYGA, the historical periods of each chosen FIA strategy, and withdrawals flowing into the
// projection. Figures checked independently with Python's decimal module (docs/projection-rules.md).
import { describe, expect, it } from 'vitest';
import { compareProducts, type ComparisonRequestInput } from '../../../src-shared/comparison.js';
import { CAP_STRATEGY_ID, FIXED_STRATEGY_ID, PARTICIPATION_STRATEGY_ID, fiaCandidate, fiaIndexLevels, mvaCandidate } from '../../support/illustration-fixtures.js';
import { CD_PRODUCT_ID, availability, oneYearCd, rate } from '../../support/catalog-fixtures.js';
import { validationIssues } from '../../support/validation-issues.js';

const base = { premium: '100000', years: 5, startDate: '2026-11-24', asOfDate: '2026-11-24' } as const;
const compare = (input: Partial<ComparisonRequestInput>) => compareProducts({ ...base, products: [mvaCandidate()], ...input });

describe('the MVA section of an MVA MYGA', () => {
  it('shows the surrender value in the chosen year under a rise and a fall of the reference rate (worked example)', () => {
    const [column] = compare({ mvaScenario: { year: 2, shiftPct: '1' } }).products;
    expect(column?.mva).toMatchObject({ kind: 'scenarios', year: 2, monthsRemaining: 36, referenceRateAtIssue: '4.0000', spread: '0.5000', shiftPct: '1.0000' });
    if (column?.mva?.kind !== 'scenarios') throw new Error('no scenarios');
    const { rise, fall } = column.mva;
    expect([rise.accountValue, rise.freeAmount, rise.excessAmount, rise.surrenderCharge]).toEqual(['110247.50', '10550.00', '99697.50', '5981.85']);
    expect([rise.mvaFactor, rise.mvaAdjustment, rise.floorApplied, rise.surrenderValue]).toEqual(['-0.042050', '-4192.32', false, '100073.33']);
    expect([fall.mvaFactor, fall.mvaAdjustment, fall.floorApplied, fall.surrenderValue]).toEqual(['0.014563', '1451.88', false, '105717.53']);
    expect(rise.label).toBe('Hypothetical: reference rate up 1.00 percentage point, to 5.00%');
    expect([rise.hypothetical, fall.hypothetical]).toEqual([true, true]);
    expect(column.mva.worstCase).toMatchObject({ maxDecreasePct: null, maxIncreasePct: null });
    expect(column.mva.worstCase.text).toContain('has no floor');
    expect(column.mva.worstCase.text).toContain('factor -0.042050 in the hypothetical rise, -$4,192.32');
  });

  it('keeps the return-of-premium floor: a 2-point rise leaves the premium', () => {
    const [column] = compare({ mvaScenario: { year: 2, shiftPct: '2' } }).products;
    if (column?.mva?.kind !== 'scenarios') throw new Error('no scenarios');
    expect([column.mva.rise.mvaAdjustment, column.mva.rise.valueBeforeFloor, column.mva.rise.floorApplied, column.mva.rise.surrenderValue]).toEqual([
      '-6857.43',
      '97408.22',
      true,
      '100000.00',
    ]);
    expect(column.mva.fall.surrenderValue).toBe('108706.98');
  });

  it('defaults to year 1 and one point, and states the floor of a product that has one', () => {
    const [column] = compareProducts({ ...base, products: [mvaCandidate({ returnOfPremium: false, returnOfPremiumPercentage: null, mvaFactorFloor: '-5.0000' })] }).products;
    if (column?.mva?.kind !== 'scenarios') throw new Error('no scenarios');
    // 48 months left, 10% of the premium free, 7% charge on 95,500.00; nonforfeiture floor 88,375.00.
    expect([column.mva.year, column.mva.rise.excessAmount, column.mva.rise.surrenderCharge, column.mva.rise.floorAmount]).toEqual([1, '95500.00', '6685.00', '88375.00']);
    expect(column.mva.rise).toMatchObject({ mvaFactor: '-0.050000', mvaLimitedBy: 'max-decrease', mvaAdjustment: '-4775.00', surrenderValue: '94040.00' });
    expect([column.mva.fall.mvaFactor, column.mva.fall.mvaAdjustment, column.mva.fall.surrenderValue]).toEqual(['0.019464', '1858.83', '100673.83']);
    expect(column.mva.worstCase.text).toMatch(/^At worst the market value adjustment reduces the amount withdrawn above the free amount by 5\.00% \(its floor\)\./);
  });

  it('says why without the reference rate at issue, instead of figures', () => {
    const [column] = compare({ products: [mvaCandidate({ mvaReferenceRate: null })] }).products;
    expect(column?.mva).toMatchObject({ kind: 'not-shown', reason: expect.stringContaining("does not hold this product's reference rate at issue") });
  });

  it('applies to the free amount left after the year\'s withdrawal and to the value after it', () => {
    const result = compare({ withdrawals: { amount: '5000', startYear: 2 }, mvaScenario: { year: 2, shiftPct: '1' } });
    const [column] = result.products;
    expect(column?.projection?.rows[1]).toMatchObject({ withdrawal: '5000.00', freeWithdrawalAmount: '10550.00', withdrawalCharge: '0.00', accountValue: '105022.50' });
    if (column?.mva?.kind !== 'scenarios') throw new Error('no scenarios');
    expect(column.mva.rise).toMatchObject({ freeAmount: '5550.00', excessAmount: '99472.50', surrenderCharge: '5968.35', mvaAdjustment: '-4182.86' });
    // Return of premium on the premium less the withdrawal: 95,000.00 is above 94,871.29.
    expect([column.mva.rise.valueBeforeFloor, column.mva.rise.surrenderValue, column.mva.fall.surrenderValue]).toEqual(['94871.29', '95000.00', '100502.76']);
    expect(result).toMatchObject({ withdrawals: { amount: '5000', startYear: 2 }, mvaScenario: { year: 2, shiftPct: '1.0000' } });
  });

  it('has no MVA section for a product without an MVA, and a plain comparison keeps its shape', () => {
    const result = compare({ products: [mvaCandidate({ mvaApplies: false, mvaSpread: null, mvaReferenceIndex: null, mvaReferenceRate: null })] });
    expect(result.products[0]?.mva).toBeUndefined();
    expect(Object.keys(result)).toEqual(['rulesVersion', 'premium', 'years', 'startDate', 'asOfDate', 'products']);
  });
});

describe('the FIA section', () => {
  const fia = (input: Partial<ComparisonRequestInput> = {}) =>
    compareProducts({ ...base, years: 7, products: [fiaCandidate()], indexLevels: fiaIndexLevels, ...input }).products[0]?.fia?.strategies ?? [];

  it('credits each strategy at its rate in force over the three periods, non-guaranteed, with the index source', () => {
    const [cap] = fia();
    expect(cap).toMatchObject({ strategyId: CAP_STRATEGY_ID, rateLabel: 'Cap 10.00%', rateEffectiveDate: '2026-01-01', guaranteed: false, indexName: 'Demo Index (synthetic)' });
    if (cap?.history.kind !== 'periods') throw new Error('no periods');
    expect(cap.history.source).toBe('Synthetic demo data');
    const summary = (period: { firstYear: number; lastYear: number; endingValue: string; guaranteed: boolean }) => [period.firstYear, period.lastYear, period.endingValue, period.guaranteed];
    expect([summary(cap.history.mostRecent), summary(cap.history.best), summary(cap.history.worst)]).toEqual([
      [2016, 2025, '179943.57', false],
      [2012, 2021, '213462.47', false],
      [2016, 2025, '179943.57', false],
    ]);
  });

  it('says so for an index with too little history, and for a fixed account', () => {
    const [, young, fixed] = fia();
    expect(young).toMatchObject({ strategyId: PARTICIPATION_STRATEGY_ID, rateLabel: 'Participation 50.00%' });
    expect(young?.history).toEqual({
      kind: 'not-enough-history',
      source: 'Young Index Co. year-end closes',
      message: 'Young Index has 5 calendar years of history; at least 10 are needed to illustrate it, so no historical values are shown.',
    });
    expect(fixed?.history.kind).toBe('fixed-account');
  });

  it('illustrates only the chosen strategies, and refuses one of no compared product', () => {
    expect(fia({ strategyIds: [FIXED_STRATEGY_ID] }).map((strategy) => strategy.strategyId)).toEqual([FIXED_STRATEGY_ID]);
    expect(validationIssues(() => fia({ strategyIds: ['5a1b2c3d-4e5f-4a6b-8c7d-0000000000ff'] }))).toEqual([
      { path: 'strategyIds.0', message: 'is not a crediting strategy of a compared product' },
    ]);
  });

  it('keeps the guaranteed values of the projection', () => {
    const [column] = compareProducts({ ...base, years: 7, products: [fiaCandidate()], indexLevels: fiaIndexLevels }).products;
    expect(column?.projection?.rows[0]).toMatchObject({ guaranteedRate: '1.0000', guaranteedAccountValue: '101000.00' });
  });
});

describe('withdrawals in a comparison', () => {
  it('are refused past the horizon, and a CD column is projected without them, with a warning', () => {
    expect(validationIssues(() => compare({ withdrawals: { percent: '5', startYear: 6 }, mvaScenario: { year: 6, shiftPct: '1' } }))).toEqual([
      { path: 'withdrawals.startYear', message: 'must be at most the projection years (5)' },
      { path: 'mvaScenario.year', message: 'must be at most the projection years (5)' },
    ]);
    const cd = {
      product: oneYearCd(),
      rates: [rate({ productId: CD_PRODUCT_ID, effectiveDate: '2026-06-01', baseRate: '5.0000', bonusRate: '0.0000' })],
      availability: [availability({ productId: CD_PRODUCT_ID, startDate: '2026-06-01' })],
    };
    const [myga, bank] = compare({ products: [mvaCandidate(), cd], withdrawals: { percent: '5', startYear: 2 } }).products;
    expect(myga?.projection?.rows[1]?.withdrawal).toBe('5275.00');
    expect(bank?.projection?.withdrawals).toBeUndefined();
    expect(bank?.warnings.map((warning) => warning.code)).toContain('WITHDRAWALS_NOT_ILLUSTRATED');
  });
});
