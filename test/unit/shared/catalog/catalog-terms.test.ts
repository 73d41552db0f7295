// The catalog records of issue 13 as a rep's laptop and the server read them: where a product may
// be sold on a day, which strategy rate is in force, what index history the illustration may use,
// and the field errors an admin sees for a bad carrier, approval, strategy or level.
import { describe, expect, it } from 'vitest';
import { Carrier, CarrierInput, ratingLabel } from '../../../../src-shared/catalog/carriers.js';
import {
  FiaStrategyInput,
  rateBreaksGuarantee,
  strategyForCrediting,
  strategyRateInForce,
  strategyRateLabel,
  type FiaStrategyRate,
} from '../../../../src-shared/catalog/fia-strategies.js';
import { IndexLevelInput, indexHistoryOf, type IndexLevelRow } from '../../../../src-shared/catalog/index-levels.js';
import { approvedOn, approvedStatesOn, StateApprovalInput } from '../../../../src-shared/catalog/state-approvals.js';
import { STATE_CODES, stateLabel } from '../../../../src-shared/catalog/us-states.js';
import { historicalPeriods } from '../../../../src-shared/fia-index-history.js';
import { indexLevel, strategyRate } from '../../../support/illustration-fixtures.js';

const P = '11111111-1111-4111-8111-111111111111';
const Q = '22222222-2222-4222-8222-222222222222';

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('state approvals', () => {
  const approvals = [
    { productId: P, stateCode: 'NY', approvedFrom: '2026-12-04', approvedUntil: null, isActive: true },
    { productId: P, stateCode: 'CA', approvedFrom: '2025-01-01', approvedUntil: '2026-12-03', isActive: true },
    { productId: P, stateCode: 'TX', approvedFrom: '2025-01-01', approvedUntil: '2026-12-02', isActive: true },
    { productId: P, stateCode: 'FL', approvedFrom: '2025-01-01', approvedUntil: null, isActive: false },
    { productId: Q, stateCode: 'NY', approvedFrom: '2025-01-01', approvedUntil: null, isActive: true },
  ] as const;

  it('covers a day from approvedFrom through approvedUntil, both inclusive, active rows only, per product', () => {
    expect(approvedOn(approvals, P, 'NY', '2026-12-03')).toBe(false); // starts tomorrow
    expect(approvedOn(approvals, P, 'NY', '2026-12-04')).toBe(true);
    expect(approvedOn(approvals, P, 'CA', '2026-12-03')).toBe(true); // last day approved
    expect(approvedOn(approvals, P, 'CA', '2026-12-04')).toBe(false);
    expect(approvedOn(approvals, P, 'TX', '2026-12-03')).toBe(false); // withdrawn yesterday
    expect(approvedOn(approvals, P, 'FL', '2026-12-03')).toBe(false); // retired row
    expect(approvedOn(approvals, Q, 'NY', '2026-12-03')).toBe(true);
    expect(approvedStatesOn(approvals, P, '2026-12-03')).toEqual(['CA']);
  });

  it('knows the 50 states and DC and nothing else', () => {
    expect(STATE_CODES).toHaveLength(51);
    expect(STATE_CODES).toContain('DC');
    expect(STATE_CODES).not.toContain('PR');
    expect(stateLabel('NY')).toBe('New York (NY)');
  });

  it('names the field and the reason for a bad approval', () => {
    expect(issues(StateApprovalInput.safeParse({ stateCode: 'XX', approvedFrom: '2026-01-01', approvedUntil: null }))).toEqual([
      'stateCode: must be a two-letter USPS code of one of the 50 states or DC, e.g. "NY"',
    ]);
    expect(issues(StateApprovalInput.safeParse({ stateCode: 'NY', approvedFrom: '2026-02-01', approvedUntil: '2026-01-31' }))).toEqual([
      'approvedUntil: must be on or after approvedFrom',
    ]);
  });
});

describe('carriers', () => {
  const base = { carrierName: 'Demo Life', naicCode: '60054', amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30' } as const;

  it('accepts a rated and a not-rated carrier and labels the rating with its date', () => {
    expect(CarrierInput.safeParse(base).success).toBe(true);
    expect(CarrierInput.safeParse({ ...base, amBestRating: null, amBestOutlook: null, ratingAsOf: null }).success).toBe(true);
    expect(ratingLabel(base)).toBe('A+ (stable), AM Best as of 2026-06-30');
    expect(ratingLabel({ amBestRating: null, amBestOutlook: null, ratingAsOf: null })).toBe('Not rated');
  });

  it('refuses a rating without its date, a date without a rating, a bad NAIC code and an unknown grade', () => {
    expect(issues(CarrierInput.safeParse({ ...base, ratingAsOf: null }))).toEqual(['ratingAsOf: is required when amBestRating is given']);
    expect(issues(CarrierInput.safeParse({ ...base, amBestRating: null, amBestOutlook: null }))).toEqual([
      'ratingAsOf: must be null when amBestRating is null (not rated)',
    ]);
    expect(issues(CarrierInput.safeParse({ ...base, naicCode: '6005' }))).toEqual(['naicCode: must be the five-digit NAIC company code, e.g. "60054"']);
    expect(issues(CarrierInput.safeParse({ ...base, amBestRating: 'AAA' }))[0]).toMatch(/^amBestRating: must be one of "A\+\+", "A\+"/);
    expect(Carrier.safeParse({ ...base, carrierId: P, isActive: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', createdBy: 'a', updatedBy: 'a' }).success).toBe(true);
  });
});

describe('FIA strategies and their dated rates', () => {
  const rate = (id: string, value: string, effectiveDate: string, extra: Partial<FiaStrategyRate> = {}): FiaStrategyRate =>
    strategyRate({ strategyRateId: id, strategyId: P, rate: value, effectiveDate, ...extra });

  it('picks the rate in force on a day like base rates: latest effective, retracted and future ones ignored', () => {
    const rates = [
      rate('00000000-0000-4000-8000-000000000001', '9.0000', '2026-01-01'),
      rate('00000000-0000-4000-8000-000000000002', '8.5000', '2026-11-01'),
      rate('00000000-0000-4000-8000-000000000003', '8.0000', '2026-12-04'), // tomorrow
      rate('00000000-0000-4000-8000-000000000004', '7.0000', '2026-11-15', { isActive: false }), // retracted
      { ...rate('00000000-0000-4000-8000-000000000005', '1.0000', '2026-11-20'), strategyId: Q }, // another strategy
    ];
    expect(strategyRateInForce(rates, P, '2026-12-03')?.rate).toBe('8.5000');
    expect(strategyRateInForce(rates, P, '2026-12-04')?.rate).toBe('8.0000');
    expect(strategyRateInForce(rates, P, '2025-12-31')).toBeNull();
  });

  it('keeps each method guarantee: a cap, participation or declared rate at least the guaranteed one, a spread at most', () => {
    expect(rateBreaksGuarantee({ creditingMethod: 'cap', guaranteedRate: '1.0000' }, '0.9999')).toBe('must be at least the guaranteed minimum cap (1.0000)');
    expect(rateBreaksGuarantee({ creditingMethod: 'cap', guaranteedRate: '1.0000' }, '1.0000')).toBeNull();
    expect(rateBreaksGuarantee({ creditingMethod: 'participation', guaranteedRate: '25.0000' }, '24.0000')).toMatch(/participation rate/);
    expect(rateBreaksGuarantee({ creditingMethod: 'spread', guaranteedRate: '5.0000' }, '5.0001')).toBe('must be at most the guaranteed maximum spread (5.0000)');
    expect(rateBreaksGuarantee({ creditingMethod: 'fixed', guaranteedRate: '1.0000' }, '1.5000')).toBeNull();
  });

  it('turns a strategy and a rate into the crediting math input, and labels the rate', () => {
    expect(strategyForCrediting({ creditingMethod: 'participation', floorRate: '0.0000' }, '45.0000')).toEqual({
      method: 'participation',
      participationRate: '45.0000',
      guaranteedMinimumRate: '0.0000',
    });
    expect(strategyRateLabel('spread', '2.0000')).toBe('Spread 2.00%');
  });

  it('requires an index for an index strategy and none for the fixed account', () => {
    const strategy = { strategyCode: 'DEMO-CAP', strategyName: 'Annual cap', indexName: null, creditingMethod: 'cap', guaranteedRate: '1.0000', floorRate: '0.0000', sortOrder: 0 };
    expect(issues(FiaStrategyInput.safeParse(strategy))).toEqual(['indexName: is required for an index strategy (creditingMethod "cap")']);
    expect(issues(FiaStrategyInput.safeParse({ ...strategy, creditingMethod: 'fixed', indexName: 'X' }))).toEqual([
      'indexName: must be null for a fixed account (creditingMethod "fixed")',
    ]);
    expect(issues(FiaStrategyInput.safeParse({ ...strategy, indexName: 'X', strategyCode: 'cap 1' }))[0]).toMatch(/^strategyCode: must be 1 to 40 upper-case/);
  });
});

describe('index history from published levels', () => {
  const level = (date: string, value: string, extra: Partial<IndexLevelRow> = {}): IndexLevelRow =>
    indexLevel({
      indexLevelId: `00000000-0000-4000-8000-${date.slice(0, 4).padStart(12, '0')}`,
      indexName: 'Demo Index (synthetic)',
      levelDate: date,
      level: value,
      source: 'Synthetic demo data',
      ...extra,
    });

  it('uses the unbroken run of year-ends up to the day, ignoring retracted and later levels', () => {
    const levels = [
      level('2019-12-31', '90.0000'),
      // 2020 missing: the history before it is not used
      level('2021-12-31', '100.0000'),
      level('2022-12-30', '80.0000'),
      level('2023-12-29', '999.0000', { isActive: false }),
      level('2023-12-29', '96.0000', { indexLevelId: '00000000-0000-4000-8000-000000000099' }),
      level('2024-12-31', '120.0000'),
      level('2025-12-31', '130.0000'),
      level('2026-12-31', '140.0000'), // not yet known on 2026-12-03
      level('2025-12-31', '1.0000', { indexName: 'Other' }),
    ];
    expect(indexHistoryOf(levels, 'Demo Index (synthetic)', '2026-12-03')).toEqual({
      indexName: 'Demo Index (synthetic)',
      source: 'Synthetic demo data',
      levels: [
        { date: '2021-12-31', level: '100.0000' },
        { date: '2022-12-30', level: '80.0000' },
        { date: '2023-12-29', level: '96.0000' },
        { date: '2024-12-31', level: '120.0000' },
        { date: '2025-12-31', level: '130.0000' },
      ],
    });
    expect(indexHistoryOf(levels, 'Unknown', '2026-12-03')).toBeNull();
  });

  it('gives the crediting math a history it accepts, which then says there are too few years', () => {
    const levels = ['2021', '2022', '2023', '2024', '2025'].map((year, i) => level(`${year}-12-31`, `${100 + i * 10}.0000`));
    const history = indexHistoryOf(levels, 'Demo Index (synthetic)', '2026-12-03');
    expect(history).not.toBeNull();
    const periods = historicalPeriods({ history: history!, strategy: { method: 'cap', capRate: '8.00' }, premium: '100000.00' });
    expect(periods).toMatchObject({ kind: 'not-enough-history', annualReturns: 4, required: 10 });
  });

  it('refuses a level that is not at a year end, not positive, or without a source', () => {
    expect(issues(IndexLevelInput.safeParse({ indexName: 'X', levelDate: '2025-11-28', level: '100.0000', source: 's' }))).toEqual([
      'levelDate: must be a year-end date (in December)',
    ]);
    expect(issues(IndexLevelInput.safeParse({ indexName: 'X', levelDate: '2025-12-31', level: '0', source: 's' }))).toEqual(['level: must be greater than 0']);
    expect(issues(IndexLevelInput.safeParse({ indexName: 'X', levelDate: '2025-12-31', level: '1.5', source: '  ' }))).toEqual(['source: must not be blank']);
  });
});
