// Free withdrawals in projections (issue 13 item 6; docs/projection-rules.md "Free withdrawals").
// Every figure below was computed independently with python3's decimal module (half-up to cents at
// each step, withdrawals at the start of the contract year), not read back from the engine.
import { describe, expect, it } from 'vitest';
import { Projection, projectGrowth, type ProjectionRequestInput } from '../../../src-shared/projection.js';
import { MYGA_PROJECTION, projectionWith } from '../../support/projection-requests.js';
import { validationIssues as issues } from '../../support/validation-issues.js';

// $100,000, 5-year MYGA at 4.50%, no bonus, surrender charges 7/6/5/4/3%, 10% free.
const myga: ProjectionRequestInput = projectionWith(
  MYGA_PROJECTION,
  { productType: 'MYGA', bonusRate: '0', bonusYears: 0, freeWithdrawalPercent: '10' },
  { startDate: '2026-12-03' },
);

function withPlan(withdrawals: ProjectionRequestInput['withdrawals'], changes: Partial<ProjectionRequestInput['product']> = {}, request: Partial<ProjectionRequestInput> = {}): ProjectionRequestInput {
  return { ...myga, ...request, product: { ...myga.product, ...changes }, withdrawals };
}

function column(projection: Projection, key: keyof Projection['rows'][number]): unknown[] {
  return projection.rows.map((row) => row[key]);
}


describe('withdrawing $15,000 a year from year 2', () => {
  const result = projectGrowth(withPlan({ amount: '15000', startYear: 2 }));

  it('charges the surrender schedule only on the part above 10% of the year-start value', () => {
    // Year 2: free 10% x 104,500.00 = 10,450.00; excess 4,550.00 x 6% = 273.00; the client gets 14,727.00.
    expect(column(result, 'freeWithdrawalAmount')).toEqual(['10000.00', '10450.00', '9352.75', '8206.12', '7007.90']);
    expect(column(result, 'withdrawal')).toEqual(['0.00', '15000.00', '15000.00', '15000.00', '15000.00']);
    expect(column(result, 'withdrawalCharge')).toEqual(['0.00', '273.00', '282.36', '271.76', '239.76']);
    expect(column(result, 'withdrawalPaid')).toEqual(['0.00', '14727.00', '14717.64', '14728.24', '14760.24']);
  });

  it('credits the year on the value left after the withdrawal', () => {
    // Year 2: (104,500.00 - 15,000.00) x 1.045 = 93,527.50.
    expect(column(result, 'accountValue')).toEqual(['104500.00', '93527.50', '82061.24', '70079.00', '57557.56']);
    expect(column(result, 'interestCredited')).toEqual(['4500.00', '4027.50', '3533.74', '3017.76', '2478.56']);
  });

  it('shows surrender values with the charge on the whole remaining value, like the plain projection', () => {
    expect(column(result, 'surrenderValue')).toEqual(['97185.00', '87915.85', '77958.18', '67275.84', '55830.83']);
    expect(column(result, 'surrenderCharge')).toEqual(['7315.00', '5611.65', '4103.06', '2803.16', '1726.73']);
  });

  it('shows the same values on the guaranteed basis within the guarantee period', () => {
    expect(column(result, 'guaranteedAccountValue')).toEqual(column(result, 'accountValue'));
    expect(column(result, 'guaranteedSurrenderValue')).toEqual(column(result, 'surrenderValue'));
    expect(column(result, 'guaranteedWithdrawalCharge')).toEqual(column(result, 'withdrawalCharge'));
  });

  it('reports the client yield as the internal rate of return of what was paid out and the final value', () => {
    // -100,000 at issue, 14,727.00 / 14,717.64 / 14,728.24 / 14,760.24 at the start of years 2..5, 57,557.56 at year 5.
    expect(result.effectiveAnnualYield).toBe('4.2237');
    expect(result.withdrawals).toEqual({ amount: '15000.00', startYear: 2, freeWithdrawalPercent: '10.0000' });
    expect(Projection.parse(result)).toEqual(result);
  });
});

describe('withdrawing 5% of the value a year from year 2 (inside the free amount)', () => {
  const result = projectGrowth(withPlan({ percent: '5', startYear: 2 }));

  it('takes 5% of each year-start value with no charge', () => {
    expect(column(result, 'withdrawal')).toEqual(['0.00', '5225.00', '5187.12', '5149.51', '5112.18']);
    expect(column(result, 'withdrawalCharge')).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(column(result, 'accountValue')).toEqual(['104500.00', '103742.38', '102990.25', '102243.57', '101502.30']);
    expect(column(result, 'surrenderValue')).toEqual(['97185.00', '97517.84', '97840.74', '98153.83', '98457.23']);
  });

  it('yields the credited rate, since nothing was charged', () => {
    expect(result.effectiveAnnualYield).toBe('4.5000');
  });
});

describe('a withdrawal larger than the value', () => {
  it('takes what is there as a full surrender and ends the contract', () => {
    const result = projectGrowth(withPlan({ amount: '60000', startYear: 2 }));
    // Year 2 leaves 46,502.50; year 3 asks for 60,000.00 of 46,502.50: 5% on the whole value is 2,325.12.
    expect(column(result, 'withdrawal')).toEqual(['0.00', '60000.00', '46502.50', '0.00', '0.00']);
    expect(column(result, 'withdrawalCharge')).toEqual(['0.00', '2973.00', '2325.12', '0.00', '0.00']);
    expect(column(result, 'withdrawalPaid')).toEqual(['0.00', '57027.00', '44177.38', '0.00', '0.00']);
    expect(column(result, 'accountValue')).toEqual(['104500.00', '46502.50', '0.00', '0.00', '0.00']);
    expect(column(result, 'surrenderValue')).toEqual(['97185.00', '43712.35', '0.00', '0.00', '0.00']);
    expect(column(result, 'contractEnded')).toEqual([false, false, true, true, true]);
    expect(column(result, 'guaranteedContractEnded')).toEqual([false, false, true, true, true]);
    expect(result.rows[4]?.cumulativeInterest).toBe('6502.50');
    expect(result.effectiveAnnualYield).toBe('0.8375');
  });

  it('reports a loss on a contract emptied on its first day', () => {
    const result = projectGrowth(withPlan({ percent: '100', startYear: 1 }));
    expect(result.rows[0]).toMatchObject({ withdrawal: '100000.00', withdrawalCharge: '7000.00', withdrawalPaid: '93000.00', accountValue: '0.00', contractEnded: true });
    expect(result.effectiveAnnualYield).toBe('-7.0000');
  });
});

describe('floors after withdrawals', () => {
  it('lowers the Model 805 floor by each withdrawal (FIA at a 0% minimum, 3% nonforfeiture rate)', () => {
    const fia = withPlan(
      { amount: '20000', startYear: 2 },
      { productType: 'FIA', baseRate: '5.00', guaranteedMinimumRate: '0', termYears: 3, surrenderSchedule: ['10', '10', '10'], nonforfeitureRate: '3.00' },
      { years: 3 },
    );
    const result = projectGrowth(fia);
    // Floor: 87,500.00 x 1.03 = 90,125.00; (90,125.00 - 20,000.00) x 1.03 = 72,228.75 (above 80,000.00 less 10%);
    // (72,228.75 - 20,000.00) x 1.03 = 53,795.61 (below 60,000.00 less 10% = 54,000.00).
    expect(column(result, 'guaranteedAccountValue')).toEqual(['100000.00', '80000.00', '60000.00']);
    expect(column(result, 'guaranteedSurrenderValue')).toEqual(['90125.00', '72228.75', '54000.00']);
    expect(column(result, 'guaranteedWithdrawalCharge')).toEqual(['0.00', '1000.00', '1200.00']);
    // The current basis (5%, not guaranteed) has its own free amounts: 10% of 105,000.00 in year 2.
    expect(column(result, 'withdrawalCharge')).toEqual(['0.00', '950.00', '1107.50']);
    expect(column(result, 'accountValue')).toEqual(['105000.00', '89250.00', '72712.50']);
  });

  it('applies return of premium to the premium less withdrawals', () => {
    const result = projectGrowth(withPlan({ amount: '15000', startYear: 1 }, { returnOfPremium: true, returnOfPremiumPct: '100' }));
    // Year 1: 85,000.00 x 1.045 = 88,825.00, less 7% = 82,607.25, lifted to 100,000.00 - 15,000.00.
    expect(column(result, 'withdrawalCharge')).toEqual(['350.00', '367.05', '364.26', '340.22', '293.43']);
    expect(column(result, 'surrenderValue')).toEqual(['85000.00', '72518.30', '61696.56', '50103.57', '37698.88']);
  });

  it('uses 10% of the year-start value when the terms carry no free-withdrawal percent', () => {
    const { freeWithdrawalPercent: _unused, ...terms } = myga.product;
    const result = projectGrowth({ ...myga, product: terms, withdrawals: { amount: '15000', startYear: 2 } });
    expect(result.rows[1]?.withdrawalCharge).toBe('273.00');
    expect(result.withdrawals?.freeWithdrawalPercent).toBe('10.0000');
    // A product with no free amount is charged on the whole withdrawal: 6% of 15,000.00.
    expect(projectGrowth(withPlan({ amount: '15000', startYear: 2 }, { freeWithdrawalPercent: '0' })).rows[1]?.withdrawalCharge).toBe('900.00');
  });
});

describe('without withdrawals', () => {
  it('adds no withdrawal field to the projection or its rows', () => {
    const json = JSON.stringify(projectGrowth(myga));
    expect(json).not.toMatch(/withdrawal|contractEnded/i);
  });
});

describe('refused withdrawal plans name the field', () => {
  it.each([
    [{ amount: '15000', startYear: 6 }, 'withdrawals.startYear', 'must be at most the projection years (5)'],
    [{ amount: '15000', startYear: 0 }, 'withdrawals.startYear', 'must be at least 1'],
    [{ amount: '-15000', startYear: 2 }, 'withdrawals.amount', 'must be greater than 0'],
    [{ amount: '0', startYear: 2 }, 'withdrawals.amount', 'must be greater than 0'],
    [{ percent: '100.01', startYear: 2 }, 'withdrawals.percent', 'must be between 0 and 100 (percent)'],
    [{ percent: '0', startYear: 2 }, 'withdrawals.percent', 'must be greater than 0'],
    [{ amount: '15000', percent: '5', startYear: 2 }, 'withdrawals', 'must give either amount or percent, not both'],
    [{ startYear: 2 }, 'withdrawals', 'must give an amount or a percent'],
  ])('%j', (withdrawals, path, message) => {
    expect(issues(() => projectGrowth(withPlan(withdrawals)))).toEqual([{ path, message }]);
  });

  it('refuses withdrawals on a CD', () => {
    const cd = withPlan({ amount: '1000', startYear: 1 }, { productType: 'CD', compounding: 'daily', surrenderSchedule: [], earlyWithdrawalPenaltyMonths: 6, brokered: false });
    expect(issues(() => projectGrowth(cd))).toEqual([{ path: 'withdrawals', message: 'are illustrated for annuities only, not for a CD' }]);
  });
});
