// The statutory floor on annuity surrender values (NAIC Model 805, docs/projection-rules.md):
// never below 87.5% of premium accumulated at the product's nonforfeiture rate (1% to 3%),
// rounded half-up to cents each year like account values. CDs are deposits: no floor.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src-shared/errors.js';
import { projectGrowth, type ProjectionRequestInput } from '../../../src-shared/projection.js';

// The example of issue 11: $100,000, 0% minimum rate, 3% nonforfeiture rate, 10% charge in year 2.
const fia: ProjectionRequestInput = {
  premium: '100000',
  years: 3,
  startDate: '2026-12-03',
  product: {
    productType: 'FIA',
    baseRate: '5.00',
    bonusRate: '0',
    bonusYears: 0,
    termYears: 3,
    guaranteedMinimumRate: '0',
    compounding: 'annual',
    surrenderSchedule: ['10', '10', '10'],
    returnOfPremium: false,
    returnOfPremiumPct: null,
    nonforfeitureRate: '3.00',
  },
};

function withProduct(changes: Partial<ProjectionRequestInput['product']>, request: Partial<ProjectionRequestInput> = {}): ProjectionRequestInput {
  return { ...fia, ...request, product: { ...fia.product, ...changes } };
}

describe('nonforfeiture floor', () => {
  it('lifts the guaranteed surrender value of the issue example from 90,000.00 to 92,828.75 in year 2', () => {
    const rows = projectGrowth(fia).rows;
    // Guaranteed basis at 0%: 100,000.00 every year; less 10% = 90,000.00.
    // Floor: 87,500.00 x 1.03 = 90,125.00; x 1.03 = 92,828.75 (87,500 x 1.03^2); x 1.03 = 95,613.6125 -> 95,613.61.
    expect(rows.map((row) => row.guaranteedAccountValue)).toEqual(['100000.00', '100000.00', '100000.00']);
    expect(rows.map((row) => row.guaranteedSurrenderValue)).toEqual(['90125.00', '92828.75', '95613.61']);
    // The contractual charge is still reported as charged on the current basis (before any floor).
    expect(rows[1]?.accountValue).toBe('110250.00');
    expect(rows[1]?.surrenderValue).toBe('99225.00');
  });

  it('rounds the floor half-up to cents each year, as account values are', () => {
    // $10,000, 5 years: 8,750.00 -> 9,012.50 -> 9,282.88 -> 9,561.37 -> 9,848.21 -> 10,143.66 (rounding only at
    // the end would give 10,143.65). The floor is above the 0% account value of 10,000.00: the law guarantees it.
    const rows = projectGrowth(withProduct({ termYears: 5, surrenderSchedule: ['10', '10', '10', '10', '10'] }, { premium: '10000', years: 5 })).rows;
    expect(rows.map((row) => row.guaranteedSurrenderValue)).toEqual(['9012.50', '9282.88', '9561.37', '9848.21', '10143.66']);
    expect(rows[4]?.guaranteedAccountValue).toBe('10000.00');
  });

  it('uses 1.00%, the statutory minimum, when a product has no nonforfeiture rate', () => {
    const { nonforfeitureRate: _unused, ...withoutRate } = fia.product;
    const rows = projectGrowth({ ...fia, product: withoutRate }).rows;
    // 87,500.00 x 1.01 = 88,375.00 and x 1.01 = 89,258.75, both below the charged 90,000.00;
    // x 1.01 = 90,151.3375 -> 90,151.34 in year 3 is above it.
    expect(rows.map((row) => row.guaranteedSurrenderValue)).toEqual(['90000.00', '90000.00', '90151.34']);
  });

  it('applies to MYGAs too, but never to CDs', () => {
    const myga = projectGrowth(withProduct({ productType: 'MYGA', baseRate: '0', surrenderSchedule: ['20', '20', '20'] })).rows;
    expect(myga[1]?.surrenderValue).toBe('92828.75');
    const cd = projectGrowth(withProduct({ productType: 'CD', baseRate: '0', compounding: 'daily', surrenderSchedule: [], earlyWithdrawalPenaltyMonths: 0, brokered: false })).rows;
    expect(cd.map((row) => row.surrenderValue)).toEqual(['100000.00', '100000.00', '100000.00']);
  });

  it('refuses a nonforfeiture rate outside 1% to 3%', () => {
    for (const rate of ['0.99', '3.01']) {
      expect(() => projectGrowth(withProduct({ nonforfeitureRate: rate }))).toThrow(ValidationError);
    }
    expect(() => projectGrowth(withProduct({ nonforfeitureRate: '1' }))).not.toThrow();
    expect(() => projectGrowth(withProduct({ nonforfeitureRate: '3.0000' }))).not.toThrow();
  });
});
