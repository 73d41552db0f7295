// The compare screen's illustration inputs: what is sent to main, and the message next to a wrong field.
import { describe, expect, it } from 'vitest';
import { checkIllustrationForm, chosenStrategyIds, DEFAULT_ILLUSTRATION_FORM } from '../../../src-renderer/illustration-inputs.js';

describe('checkIllustrationForm', () => {
  it('sends nothing by default: no withdrawal, the default MVA year and shift', () => {
    expect(checkIllustrationForm(DEFAULT_ILLUSTRATION_FORM, 10)).toEqual({ ok: true, value: {} });
  });

  it('sends a withdrawal as typed (an amount with a comma, a percent with a sign) and a chosen MVA year', () => {
    expect(checkIllustrationForm({ ...DEFAULT_ILLUSTRATION_FORM, withdrawalMode: 'amount', withdrawalValue: '5,000', withdrawalStartYear: '3', mvaYear: '2' }, 10)).toEqual({
      ok: true,
      value: { withdrawals: { amount: '5000', startYear: 3 }, mvaScenario: { year: 2, shiftPct: '1.00' } },
    });
    expect(checkIllustrationForm({ ...DEFAULT_ILLUSTRATION_FORM, withdrawalMode: 'percent', withdrawalValue: '5%' }, 10)).toMatchObject({ ok: true, value: { withdrawals: { percent: '5', startYear: 2 } } });
  });

  it('names each wrong field: a year past the horizon, a zero withdrawal, a shift of nothing', () => {
    expect(checkIllustrationForm({ ...DEFAULT_ILLUSTRATION_FORM, withdrawalMode: 'percent', withdrawalValue: '0', withdrawalStartYear: '12', mvaYear: '11', mvaShift: '0' }, 10)).toEqual({
      ok: false,
      errors: {
        withdrawalStartYear: 'The first withdrawal year must be a whole number from 1 to the horizon (10).',
        withdrawalValue: 'The withdrawal must be a percent above 0 and at most 100, such as 5.',
        mvaYear: 'The scenario year must be a whole number from 1 to the horizon (10).',
        mvaShift: 'The rate shift must be a number of percentage points above 0 and at most 25, such as 1.00.',
      },
    });
  });
});

describe('chosenStrategyIds', () => {
  it('is every strategy (undefined) until the rep unticks one, then the ticked ones', () => {
    expect(chosenStrategyIds(['a', 'b', 'c'], [])).toBeUndefined();
    expect(chosenStrategyIds(['a', 'b', 'c'], ['b'])).toEqual(['a', 'c']);
  });
});
