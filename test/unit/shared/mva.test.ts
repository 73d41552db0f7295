// Market value adjustment: the figures a rep shows when a client asks "what if I leave early and
// rates have moved?". Every expected figure was computed independently of the module, with
// Python's fractions.Fraction (exact, for whole-year exponents) or `bc -l` at scale 70 (for a
// fractional exponent), then rounded half-up to cents; the factors to 6 decimals.
import { describe, expect, it } from 'vitest';
import { marketValueAdjustment, mvaScenarios, type MvaRequestInput, type MvaScenarioRequestInput } from '../../../src-shared/mva.js';
import { validationIssues as issuesOf } from '../../support/validation-issues.js';

// The documented worked example: i = 4.00%, k = 0.50%, 36 months left in the guarantee period.
const example: MvaRequestInput = {
  referenceRateAtIssue: '4.00',
  currentReferenceRate: '5.00',
  spread: '0.50',
  monthsRemaining: 36,
  withdrawalAmount: '100000.00',
  freeAmount: '0.00',
};


describe('marketValueAdjustment: ((1 + i) / (1 + j + k))^(n/12) - 1 on the amount above the free withdrawal', () => {
  it('takes value away when the reference rate has risen (4.00% -> 5.00%)', () => {
    // (1.04 / 1.055)^3 - 1 = -0.04205044725152867... ; x 100,000 = -4205.0447... -> -4205.04
    expect(marketValueAdjustment(example)).toEqual({
      amountSubjectToMva: '100000.00',
      formulaFactor: '-0.042050',
      factor: '-0.042050',
      adjustment: '-4205.04',
      limitedBy: null,
    });
  });

  it('adds value when the reference rate has fallen (4.00% -> 3.00%)', () => {
    // (1.04 / 1.035)^3 - 1 = 0.01456287966855409... ; x 100,000 = 1456.2879... -> 1456.29
    expect(marketValueAdjustment({ ...example, currentReferenceRate: '3.00' })).toMatchObject({ factor: '0.014563', adjustment: '1456.29' });
  });

  it('keeps the factor at full precision: rounding it to 6 decimals first would give -4205.00', () => {
    expect(marketValueAdjustment(example).adjustment).not.toBe('-4205.00');
  });

  it('exempts the free-withdrawal amount and adjusts only the excess', () => {
    // 100,000 - 10,000 free = 90,000: x -0.0420504... = -3784.54; x 0.0145628... = 1310.66
    expect(marketValueAdjustment({ ...example, freeAmount: '10000.00' })).toMatchObject({ amountSubjectToMva: '90000.00', adjustment: '-3784.54' });
    expect(marketValueAdjustment({ ...example, freeAmount: '10000.00', currentReferenceRate: '3.00' }).adjustment).toBe('1310.66');
    // A withdrawal within the free amount is not adjusted at all.
    expect(marketValueAdjustment({ ...example, withdrawalAmount: '8000.00', freeAmount: '10000.00' })).toMatchObject({
      amountSubjectToMva: '0.00',
      adjustment: '0.00',
    });
  });

  it('uses a fractional power for months that are not whole years (30 months)', () => {
    // bc -l: e(l(1.04/1.055)*30/12)-1 = -0.0351668888732417...; e(l(1.04/1.035)*30/12)-1 = 0.0121210882109622...
    expect(marketValueAdjustment({ ...example, monthsRemaining: 30 })).toMatchObject({ factor: '-0.035167', adjustment: '-3516.69' });
    expect(marketValueAdjustment({ ...example, monthsRemaining: 30, currentReferenceRate: '3.00' })).toMatchObject({
      factor: '0.012121',
      adjustment: '1212.11',
    });
  });

  it('makes no adjustment at the end of the guarantee period (0 months left)', () => {
    expect(marketValueAdjustment({ ...example, monthsRemaining: 0 })).toMatchObject({ factor: '0.000000', adjustment: '0.00' });
  });

  it('applies the contract floor and cap on the factor, and says which one it applied', () => {
    expect(marketValueAdjustment({ ...example, maxDecreasePct: '3.00', maxIncreasePct: '1.00' })).toEqual({
      amountSubjectToMva: '100000.00',
      formulaFactor: '-0.042050',
      factor: '-0.030000',
      adjustment: '-3000.00',
      limitedBy: 'max-decrease',
    });
    expect(marketValueAdjustment({ ...example, currentReferenceRate: '3.00', maxIncreasePct: '1.00' })).toMatchObject({
      formulaFactor: '0.014563',
      factor: '0.010000',
      adjustment: '1000.00',
      limitedBy: 'max-increase',
    });
    // Limits that the formula does not reach change nothing.
    expect(marketValueAdjustment({ ...example, maxDecreasePct: '10.00' })).toMatchObject({ adjustment: '-4205.04', limitedBy: null });
  });

  it('reproduces the SEC prospectus example in the shared reference (5.50% -> 6.50%, spread 0.25%)', () => {
    // domain-notes.md §3.5: $11,130.25, 36 months left, MVA -386.43.
    const prospectus = { referenceRateAtIssue: '5.50', currentReferenceRate: '6.50', spread: '0.25', monthsRemaining: 36, withdrawalAmount: '11130.25', freeAmount: '0' };
    expect(marketValueAdjustment(prospectus).adjustment).toBe('-386.43');
  });

  it('refuses bad input with the field and the reason', () => {
    expect(issuesOf(() => marketValueAdjustment({ ...example, monthsRemaining: 361, currentReferenceRate: '5%' }))).toEqual([
      { path: 'currentReferenceRate', message: expect.stringContaining('plain decimal number') },
      { path: 'monthsRemaining', message: 'must be between 0 and 360' },
    ]);
    expect(issuesOf(() => marketValueAdjustment({ ...example, freeAmount: '-1' }))).toEqual([{ path: 'freeAmount', message: 'must not be negative' }]);
  });
});

// A 5-year MVA MYGA in year 2 of worked example A (docs/projection-rules.md): account value
// 110,247.50, 10% of the year-start value (105,500.00) free = 10,550.00, surrender charge 6%.
const scenarioRequest: MvaScenarioRequestInput = {
  terms: { referenceRateAtIssue: '4.00', spread: '0.50', guaranteeYears: 5 },
  year: 2,
  accountValue: '110247.50',
  freeAmount: '10550.00',
  surrenderChargePct: '6',
};

describe('mvaScenarios: the surrender value under a hypothetical rise and fall of the reference rate', () => {
  const result = mvaScenarios(scenarioRequest);

  it('charges and adjusts only the excess over the free amount, 36 months before the end', () => {
    // excess 110,247.50 - 10,550.00 = 99,697.50; charge 6% = 5,981.85.
    // rise (5.00%): 99,697.50 x -0.0420504... = -4,192.32 -> 110,247.50 - 5,981.85 - 4,192.32 = 100,073.33
    // fall (3.00%): 99,697.50 x 0.0145628... = 1,451.88 -> 110,247.50 - 5,981.85 + 1,451.88 = 105,717.53
    expect(result).toMatchObject({ year: 2, monthsRemaining: 36, referenceRateAtIssue: '4.0000', shiftPct: '1.0000' });
    expect(result.rise).toEqual({
      scenario: 'rise',
      hypothetical: true,
      label: 'Hypothetical: reference rate up 1.00 percentage point, to 5.00%',
      currentReferenceRate: '5.0000',
      accountValue: '110247.50',
      freeAmount: '10550.00',
      excessAmount: '99697.50',
      surrenderCharge: '5981.85',
      mvaFactor: '-0.042050',
      mvaAdjustment: '-4192.32',
      mvaLimitedBy: null,
      valueBeforeFloor: '100073.33',
      floorAmount: null,
      floorApplied: false,
      surrenderValue: '100073.33',
    });
    expect(result.fall).toMatchObject({
      scenario: 'fall',
      label: 'Hypothetical: reference rate down 1.00 percentage point, to 3.00%',
      currentReferenceRate: '3.0000',
      surrenderCharge: '5981.85',
      mvaFactor: '0.014563',
      mvaAdjustment: '1451.88',
      surrenderValue: '105717.53',
    });
  });

  it('never lets the value fall below the floor amount (return of premium here)', () => {
    // shift 2 points: rise to 6.00%: (1.04/1.065)^3 - 1 = -0.068782...; 99,697.50 x that = -6,857.43
    // -> 110,247.50 - 5,981.85 - 6,857.43 = 97,408.22 < 100,000.00 floor.
    // fall to 2.00%: (1.04/1.025)^3 - 1 = 0.044548...; +4,441.33 -> 108,706.98, above the floor.
    const floored = mvaScenarios({ ...scenarioRequest, shiftPct: '2.00', floorAmount: '100000.00' });
    expect(floored.rise).toMatchObject({
      label: 'Hypothetical: reference rate up 2.00 percentage points, to 6.00%',
      mvaAdjustment: '-6857.43',
      valueBeforeFloor: '97408.22',
      floorAmount: '100000.00',
      floorApplied: true,
      surrenderValue: '100000.00',
    });
    expect(floored.fall).toMatchObject({ mvaAdjustment: '4441.33', floorApplied: false, surrenderValue: '108706.98' });
  });

  it('applies the product floor and cap on the factor', () => {
    // -3% of 99,697.50 = -2,990.925 -> -2,990.93 (half-up, away from zero) -> 101,274.72
    // +1% of 99,697.50 = 996.975 -> 996.98 -> 105,262.63
    const limited = mvaScenarios({ ...scenarioRequest, terms: { ...scenarioRequest.terms, maxDecreasePct: '3', maxIncreasePct: '1' } });
    expect(limited.rise).toMatchObject({ mvaFactor: '-0.030000', mvaAdjustment: '-2990.93', mvaLimitedBy: 'max-decrease', surrenderValue: '101274.72' });
    expect(limited.fall).toMatchObject({ mvaFactor: '0.010000', mvaAdjustment: '996.98', mvaLimitedBy: 'max-increase', surrenderValue: '105262.63' });
  });

  it('shows no adjustment once the guarantee period is over', () => {
    const atEnd = mvaScenarios({ ...scenarioRequest, year: 5 });
    expect(atEnd.monthsRemaining).toBe(0);
    expect([atEnd.rise.mvaAdjustment, atEnd.fall.mvaAdjustment]).toEqual(['0.00', '0.00']);
  });

  it('does not take the reference rate below 0% and names the smaller move', () => {
    const low = mvaScenarios({ ...scenarioRequest, terms: { ...scenarioRequest.terms, referenceRateAtIssue: '0.50' } });
    // (1.005 / (1 + 0 + 0.005))^3 - 1 = 0: at 0% the spread takes the whole fall back.
    expect(low.fall).toMatchObject({
      currentReferenceRate: '0.0000',
      label: 'Hypothetical: reference rate down 0.50 percentage points, to 0.00%',
      mvaFactor: '0.000000',
    });
  });

  it('treats a free amount above the account value as all free', () => {
    const allFree = mvaScenarios({ ...scenarioRequest, freeAmount: '200000.00' });
    expect(allFree.rise).toMatchObject({ freeAmount: '110247.50', excessAmount: '0.00', surrenderCharge: '0.00', mvaAdjustment: '0.00', surrenderValue: '110247.50' });
  });

  it('refuses bad input with the field and the reason', () => {
    expect(issuesOf(() => mvaScenarios({ ...scenarioRequest, shiftPct: '0', terms: { ...scenarioRequest.terms, guaranteeYears: 0 } }))).toEqual([
      { path: 'terms.guaranteeYears', message: expect.stringContaining('must be between 1 and') },
      { path: 'shiftPct', message: 'must be greater than 0' },
    ]);
  });
});
