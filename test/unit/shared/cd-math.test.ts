// CDs as Regulation DD (12 CFR 1030 Appendix A) and the banks' terms have them: the APY by the
// Appendix's formula, a bank CD's early-withdrawal penalty, no surrender value for a brokered CD
// before maturity, and a simple-interest CD's yield never below its stated rate.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src-shared/decimal.js';
import { paidOutInterestYield } from '../../../src-shared/cd-math.js';
import { cdApy, cdMaturity, projectGrowth, type ProjectionRequestInput } from '../../../src-shared/projection.js';

function cd(changes: Partial<ProjectionRequestInput['product']>, request: Partial<ProjectionRequestInput> = {}): ProjectionRequestInput {
  return {
    premium: '100000',
    years: 3,
    startDate: '2026-12-03',
    ...request,
    product: {
      productType: 'CD',
      baseRate: '4.50',
      bonusRate: '0',
      bonusYears: 0,
      termYears: 3,
      guaranteedMinimumRate: '0',
      compounding: 'daily',
      surrenderSchedule: [],
      returnOfPremium: false,
      returnOfPremiumPct: null,
      brokered: false,
      earlyWithdrawalPenaltyMonths: 6,
      ...changes,
    },
  };
}

describe('APY (Regulation DD Appendix A)', () => {
  it("reproduces the Appendix's example: $1,000 at 5.25% compounded daily for a year earns $53.90, APY 5.39%", () => {
    expect(cdMaturity({ principal: '1000.00', rate: '5.25', compounding: 'daily', termDays: 365 })).toEqual({ interest: '53.90', maturityValue: '1053.90', apy: '5.39' });
    expect(projectGrowth(cd({ baseRate: '5.25', termYears: 1 }, { premium: '1000', years: 1 })).apy).toBe('5.39');
  });

  it('gives a 5-year daily CD the same APY over its whole term: $10,000 at 4.50% for 1,826 days earns $2,524.60, APY 4.60%', () => {
    // 10,000 x (1 + 0.045/365)^1826 = 12,524.60; 100 x [(1 + 2,524.60/10,000)^(365/1826) - 1] = 4.6025 -> 4.60.
    expect(cdMaturity({ principal: '10000.00', rate: '4.50', compounding: 'daily', termDays: 1826 })).toEqual({ interest: '2524.60', maturityValue: '12524.60', apy: '4.60' });
    expect(projectGrowth(cd({ termYears: 5 }, { premium: '10000', years: 5 })).apy).toBe('4.60');
    expect(cdApy({ rate: '4.50', compounding: 'daily', termDays: 1826 })).toBe('4.60');
  });
});

describe('bank CD: value if withdrawn early', () => {
  it('is the balance less 6 months of interest on it before maturity, and the whole balance at maturity', () => {
    const rows = projectGrowth(cd({})).rows;
    // Year 1: 100,000 x (1 + 0.045/365)^365 = 104,602.50; penalty 104,602.50 x 4.5% x 6/12 = 2,353.56.
    // Year 2: 109,416.83 less 2,461.88. Year 3 is maturity: no penalty.
    expect(rows.map((row) => row.accountValue)).toEqual(['104602.50', '109416.83', '114452.74']);
    expect(rows.map((row) => row.surrenderCharge)).toEqual(['2353.56', '2461.88', '0.00']);
    expect(rows.map((row) => row.surrenderValue)).toEqual(['102248.94', '106954.95', '114452.74']);
  });

  it('shows no penalty for a no-penalty CD (0 months)', () => {
    const rows = projectGrowth(cd({ earlyWithdrawalPenaltyMonths: 0 })).rows;
    expect(rows.map((row) => row.surrenderValue)).toEqual(rows.map((row) => row.accountValue));
  });
});

describe('brokered CD', () => {
  const brokered = cd({ brokered: true, earlyWithdrawalPenaltyMonths: null, compounding: 'simple', baseRate: '5.00', termYears: 5 }, { years: 6 });

  it('has no surrender value before maturity (a sale is at market price), and par at maturity', () => {
    const rows = projectGrowth(brokered).rows;
    expect(rows.map((row) => row.surrenderValue)).toEqual([null, null, null, null, '100000.00', '100000.00']);
    expect(rows.map((row) => row.guaranteedSurrenderValue)).toEqual([null, null, null, null, '100000.00', '100000.00']);
    expect(rows.map((row) => row.surrenderCharge)).toEqual([null, null, null, null, '0.00', '0.00']);
  });

  it('a CD paying simple interest without the brokered field is brokered, as before the field existed', () => {
    const { brokered: _unused, ...legacy } = brokered.product;
    expect(projectGrowth({ ...brokered, product: { ...legacy, earlyWithdrawalPenaltyMonths: undefined } }).rows[0]?.surrenderValue).toBeNull();
  });
});

describe('yield of a simple-interest CD', () => {
  it('is not below the stated rate: a 5-year 5% CD yields 5.0000% with an APY of 5.00% (it showed 4.5640%)', () => {
    const result = projectGrowth(cd({ brokered: true, earlyWithdrawalPenaltyMonths: null, compounding: 'simple', baseRate: '5.00', termYears: 5 }, { years: 5 }));
    expect(result.effectiveAnnualYield).toBe('5.0000');
    expect(result.apy).toBe('5.00');
    expect(result.rows.at(-1)?.cumulativeInterest).toBe('25000.00');
  });

  it('is the internal rate of return of the paid-out interest and the principal', () => {
    // 100,000 = 5,000/(1+y) + 104,000/(1+y)^2  =>  y = 4.5110%.
    expect(paidOutInterestYield(new Decimal('100000'), [new Decimal('5000'), new Decimal('4000')]).toFixed(4)).toBe('4.5110');
    expect(paidOutInterestYield(new Decimal('100000'), [new Decimal('4500')]).toFixed(4)).toBe('4.5000');
  });
});
