// FIA crediting: what each strategy would have credited over a known index history, and the three
// historical periods NAIC Model 245 asks an FIA illustration to show. Expected figures were
// computed by hand (the 3-year history) or with a separate Python decimal script (the 25-year
// history) under the documented rules: index return and credited rate rounded half-up to 4
// decimals of a percent, value rounded half-up to cents each year.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src-shared/decimal.js';
import { creditOverYears, creditedRatePct, parseCreditingStrategy, type CreditingStrategyInput } from '../../../src-shared/fia-crediting.js';
import { historicalPeriods, indexReturns, type IndexHistoryInput } from '../../../src-shared/fia-index-history.js';
import { validationIssues as issuesOf } from '../../support/validation-issues.js';


const history = (levels: [number, string][], indexName = 'Demo Index'): IndexHistoryInput => ({
  indexName,
  source: 'Synthetic test data',
  levels: levels.map(([year, level]) => ({ date: `${year}-12-31`, level })),
});

// Three calendar years: +15%, -5%, +6% (1000.00 -> 1150.00 -> 1092.50 -> 1158.05).
const short = history([
  [2022, '1000.00'],
  [2023, '1150.00'],
  [2024, '1092.50'],
  [2025, '1158.05'],
]);

describe('crediting one strategy over a known index history', () => {
  const returns = indexReturns(short);
  const credit = (strategy: CreditingStrategyInput) => creditOverYears(strategy, '100000', returns);

  it('computes calendar-year index returns from year-end levels', () => {
    expect(returns).toEqual([
      { year: 2023, indexReturn: '15.0000' },
      { year: 2024, indexReturn: '-5.0000' },
      { year: 2025, indexReturn: '6.0000' },
    ]);
  });

  it('caps the gain and credits 0 in the negative year', () => {
    // 10% (capped), 0% (index -5%), 6%: 110,000.00 -> 110,000.00 -> 116,600.00
    const capped = credit({ method: 'cap', capRate: '10' });
    expect(capped.years.map((year) => [year.creditedRate, year.interestCredited, year.value])).toEqual([
      ['10.0000', '10000.00', '110000.00'],
      ['0.0000', '0.00', '110000.00'],
      ['6.0000', '6600.00', '116600.00'],
    ]);
    expect(capped).toMatchObject({ firstYear: 2023, lastYear: 2025, endingValue: '116600.00' });
  });

  it('applies a participation rate, with and without a cap', () => {
    // 85% of 15% = 12.75%, 0%, 85% of 6% = 5.10%: 112,750.00 -> 112,750.00 -> 118,500.25
    expect(credit({ method: 'participation', participationRate: '85' }).years.map((year) => [year.creditedRate, year.value])).toEqual([
      ['12.7500', '112750.00'],
      ['0.0000', '112750.00'],
      ['5.1000', '118500.25'],
    ]);
    // Capped at 8%: 8%, 0%, 5.10%: 108,000.00 -> 108,000.00 -> 113,508.00
    expect(credit({ method: 'participation', participationRate: '85', capRate: '8' }).endingValue).toBe('113508.00');
  });

  it('subtracts a spread, never crediting below 0', () => {
    // 15 - 2 = 13%, max(-5 - 2, 0) = 0%, 6 - 2 = 4%: 113,000.00 -> 113,000.00 -> 117,520.00
    expect(credit({ method: 'spread', spreadRate: '2' }).years.map((year) => [year.creditedRate, year.value])).toEqual([
      ['13.0000', '113000.00'],
      ['0.0000', '113000.00'],
      ['4.0000', '117520.00'],
    ]);
  });

  it('credits a fixed account its declared rate whatever the index does', () => {
    // 3.25% a year: 103,250.00 -> 106,605.625 -> 106,605.63 -> 110,070.312... -> 110,070.31
    expect(credit({ method: 'fixed', declaredRate: '3.25' }).years.map((year) => [year.creditedRate, year.value])).toEqual([
      ['3.2500', '103250.00'],
      ['3.2500', '106605.63'],
      ['3.2500', '110070.31'],
    ]);
  });

  it('credits at least the guaranteed minimum rate', () => {
    // Cap 10%, minimum 1%: 10%, 1% (not 0), 6%: 110,000.00 -> 111,100.00 -> 117,766.00
    expect(credit({ method: 'cap', capRate: '10', guaranteedMinimumRate: '1' }).years.map((year) => year.creditedRate)).toEqual(['10.0000', '1.0000', '6.0000']);
    expect(credit({ method: 'cap', capRate: '10', guaranteedMinimumRate: '1' }).endingValue).toBe('117766.00');
  });

  it('rounds the credited rate half-up to 4 decimals of a percent', () => {
    // 33.33% of 12.3457% = 4.11482181% -> 4.1148%
    const strategy = parseCreditingStrategy({ method: 'participation', participationRate: '33.33' });
    expect(creditedRatePct(strategy, new Decimal('12.3457')).toString()).toBe('4.1148');
  });
});

// A synthetic 25-year history (levels at the end of 2000..2025): five +30% years 2001-2005, which
// lie outside the 20-year lookback, then years shaped like a broad equity index, including
// 2008 (-38.49%), 2018, 2022 and 2025 negative.
const LEVELS: [number, string][] = [
  [2000, '1000.00'], [2001, '1300.00'], [2002, '1690.00'], [2003, '2197.00'], [2004, '2856.10'], [2005, '3712.93'],
  [2006, '4218.63'], [2007, '4367.55'], [2008, '2686.48'], [2009, '3316.46'], [2010, '3740.30'], [2011, '3740.30'],
  [2012, '4241.87'], [2013, '5497.46'], [2014, '6123.62'], [2015, '6078.92'], [2016, '6658.85'], [2017, '7952.00'],
  [2018, '7455.80'], [2019, '9609.04'], [2020, '11171.47'], [2021, '14175.48'], [2022, '11419.77'], [2023, '14186.78'],
  [2024, '14470.52'], [2025, '13746.99'],
];
const demo = history(LEVELS);
const periodsOf = (strategy: CreditingStrategyInput, input: Partial<Parameters<typeof historicalPeriods>[0]> = {}) =>
  historicalPeriods({ strategy, premium: '100000', history: demo, ...input });
const summary = (period: { firstYear: number; lastYear: number; endingValue: string }) => [period.firstYear, period.lastYear, period.endingValue];

describe('historicalPeriods: most recent 10 years, best and worst 10-year periods of the last 20', () => {
  it('credits a 10% cap over the most recent 10 calendar years, year by year', () => {
    const result = periodsOf({ method: 'cap', capRate: '10' });
    if (result.kind !== 'periods') throw new Error(result.kind);
    expect(result.mostRecent.years.map((year) => [year.year, year.indexReturn, year.creditedRate, year.value])).toEqual([
      [2016, '9.5400', '9.5400', '109540.00'],
      [2017, '19.4200', '10.0000', '120494.00'],
      [2018, '-6.2399', '0.0000', '120494.00'],
      [2019, '28.8801', '10.0000', '132543.40'],
      [2020, '16.2600', '10.0000', '145797.74'],
      [2021, '26.8900', '10.0000', '160377.51'],
      [2022, '-19.4400', '0.0000', '160377.51'],
      [2023, '24.2300', '10.0000', '176415.26'],
      [2024, '2.0000', '2.0000', '179943.57'],
      [2025, '-5.0000', '0.0000', '179943.57'],
    ]);
    expect(result).toMatchObject({ indexName: 'Demo Index', source: 'Synthetic test data', lookback: { firstYear: 2006, lastYear: 2025, years: 20 } });
    expect(result.mostRecent).toMatchObject({ period: 'most-recent', guaranteed: false });
  });

  it('ranks periods by what the strategy credits, the most recent winning a tie', () => {
    const result = periodsOf({ method: 'cap', capRate: '10' });
    if (result.kind !== 'periods') throw new Error(result.kind);
    expect(summary(result.best)).toEqual([2012, 2021, '213462.47']);
    // 2015-2024 and 2016-2025 both end at 179,943.57; the raw index's worst decade is 2007-2016,
    // but under a 10% cap the client would have had more then (182,642.90).
    expect(summary(result.worst)).toEqual([2016, 2025, '179943.57']);
    expect([result.best.period, result.worst.period, result.best.guaranteed]).toEqual(['best', 'worst', false]);
  });

  it('leaves the years before the 20-year lookback out of the best period', () => {
    // A period including the +30% years 2001-2005 would beat 2012-2021 by far.
    const result = periodsOf({ method: 'spread', spreadRate: '3' });
    if (result.kind !== 'periods') throw new Error(result.kind);
    expect([summary(result.mostRecent), summary(result.best), summary(result.worst)]).toEqual([
      [2016, 2025, '265595.24'],
      [2012, 2021, '331925.62'],
      [2007, 2016, '214570.04'],
    ]);
  });

  it('gives the participation strategy its own best and worst periods', () => {
    const result = periodsOf({ method: 'participation', participationRate: '50', capRate: '12' });
    if (result.kind !== 'periods') throw new Error(result.kind);
    expect(result.mostRecent.years.slice(0, 4).map((year) => [year.creditedRate, year.value])).toEqual([
      ['4.7700', '104770.00'],
      ['9.7100', '114943.17'],
      ['0.0000', '114943.17'],
      ['12.0000', '128736.35'],
    ]);
    expect([summary(result.mostRecent), summary(result.best), summary(result.worst)]).toEqual([
      [2016, 2025, '176361.92'],
      [2012, 2021, '196934.88'],
      [2007, 2016, '160082.63'],
    ]);
  });

  it('shows the same, most recent, period three times for a fixed account', () => {
    // 3.25% for 10 years: 137,689.45 whatever the period.
    const result = periodsOf({ method: 'fixed', declaredRate: '3.25' });
    if (result.kind !== 'periods') throw new Error(result.kind);
    expect([summary(result.mostRecent), summary(result.best), summary(result.worst)]).toEqual([
      [2016, 2025, '137689.45'],
      [2016, 2025, '137689.45'],
      [2016, 2025, '137689.45'],
    ]);
  });

  it('stops at the last complete year of the illustration date, and says when the history is older', () => {
    const through2024 = periodsOf({ method: 'cap', capRate: '10' }, { throughYear: 2024 });
    if (through2024.kind !== 'periods') throw new Error(through2024.kind);
    expect(through2024.lookback).toEqual({ firstYear: 2005, lastYear: 2024, years: 20 });
    expect([summary(through2024.mostRecent), summary(through2024.best), summary(through2024.worst)]).toEqual([
      [2015, 2024, '179943.57'],
      [2012, 2021, '213462.47'],
      [2015, 2024, '179943.57'],
    ]);
    expect(periodsOf({ method: 'cap', capRate: '10' }, { throughYear: 2026 })).toEqual({
      kind: 'history-out-of-date',
      indexName: 'Demo Index',
      source: 'Synthetic test data',
      lastYear: 2025,
      throughYear: 2026,
    });
  });

  it('says there is not enough history instead of guessing with fewer than 10 annual returns', () => {
    const nine = history(LEVELS.slice(-10), 'New Index');
    expect(historicalPeriods({ strategy: { method: 'cap', capRate: '10' }, premium: '100000', history: nine })).toEqual({
      kind: 'not-enough-history',
      indexName: 'New Index',
      source: 'Synthetic test data',
      annualReturns: 9,
      required: 10,
    });
    // Exactly 10 returns: one period, shown as most recent, best and worst alike.
    const ten = historicalPeriods({ strategy: { method: 'cap', capRate: '10' }, premium: '100000', history: history(LEVELS.slice(-11)) });
    if (ten.kind !== 'periods') throw new Error(ten.kind);
    expect([ten.lookback, summary(ten.best), summary(ten.worst)]).toEqual([{ firstYear: 2016, lastYear: 2025, years: 10 }, [2016, 2025, '179943.57'], [2016, 2025, '179943.57']]);
  });
});

describe('bad strategies and histories are refused with the field and the reason', () => {
  it('checks the strategy', () => {
    expect(issuesOf(() => parseCreditingStrategy({ method: 'monthly-sum' }))).toEqual([{ path: 'method', message: 'must be one of "cap", "participation", "spread", "fixed"' }]);
    expect(issuesOf(() => parseCreditingStrategy({ method: 'cap', capRate: '3', guaranteedMinimumRate: '4' }))).toEqual([
      { path: 'guaranteedMinimumRate', message: 'must not be above the cap rate' },
    ]);
    expect(issuesOf(() => parseCreditingStrategy({ method: 'participation', participationRate: '0' }))).toEqual([
      { path: 'participationRate', message: 'must be above 0 and at most 500 (percent)' },
    ]);
    expect(issuesOf(() => parseCreditingStrategy({ method: 'fixed', declaredRate: '1', guaranteedMinimumRate: '2' }))).toEqual([
      { path: 'declaredRate', message: 'must be at least the guaranteed minimum rate' },
    ]);
  });

  it('checks the history: year-end dates, one a year, no gaps, positive levels', () => {
    const bad = {
      indexName: 'Demo Index',
      source: 'Synthetic test data',
      levels: [
        { date: '2020-12-31', level: '100' },
        { date: '2021-06-30', level: '101' },
        { date: '2023-12-29', level: '0' },
      ],
    };
    expect(issuesOf(() => indexReturns(bad))).toEqual([
      { path: 'history.levels.2.level', message: 'must be greater than 0' },
      { path: 'history.levels.1.date', message: 'must be a year-end date (in December)' },
      { path: 'history.levels.2.date', message: 'must be in 2022, the year after the previous level (one level per year, in order, no gaps)' },
    ]);
  });
});
