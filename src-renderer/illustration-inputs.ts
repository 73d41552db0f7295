// The optional illustration inputs of the compare form (issue 13), as typed, and their check
// against the shared schemas (main checks them again): an annual withdrawal (amount or percent,
// from a year), the year and rate shift of the hypothetical MVA scenarios, and the FIA strategies.
import { WithdrawalPlan } from '../src-shared/withdrawals.js';
import { DEFAULT_MVA_SCENARIO_YEAR, DEFAULT_MVA_SHIFT_PCT, MvaScenarioChoice } from '../src-shared/illustration/illustration-inputs.js';
import { premiumFromInput } from '../src-shared/format/display.js';

export interface IllustrationForm {
  withdrawalMode: 'none' | 'amount' | 'percent';
  withdrawalValue: string;
  withdrawalStartYear: string;
  mvaYear: string;
  mvaShift: string;
  /** Strategy ids the rep unticked; every other strategy of a compared FIA is illustrated. */
  excludedStrategyIds: readonly string[];
}

export const DEFAULT_ILLUSTRATION_FORM: IllustrationForm = {
  withdrawalMode: 'none',
  withdrawalValue: '',
  withdrawalStartYear: '2',
  mvaYear: String(DEFAULT_MVA_SCENARIO_YEAR),
  mvaShift: '1.00',
  excludedStrategyIds: [],
};

export type IllustrationErrors = Partial<Record<'withdrawalValue' | 'withdrawalStartYear' | 'mvaYear' | 'mvaShift', string>>;

export interface IllustrationValue {
  withdrawals?: WithdrawalPlan;
  mvaScenario?: MvaScenarioChoice;
}

const wholeNumber = (text: string): number => (/^\d+$/.test(text.trim()) ? Number.parseInt(text, 10) : Number.NaN);

/** The inputs to send (the MVA choice only when it is not the default), or the errors by field. */
export function checkIllustrationForm(form: IllustrationForm, years: number | null): { ok: true; value: IllustrationValue } | { ok: false; errors: IllustrationErrors } {
  const errors: IllustrationErrors = {};
  const value: IllustrationValue = {};
  const inHorizon = (year: number) => Number.isInteger(year) && year >= 1 && (years === null || year <= years);
  if (form.withdrawalMode !== 'none') {
    const startYear = wholeNumber(form.withdrawalStartYear);
    if (!inHorizon(startYear)) errors.withdrawalStartYear = `The first withdrawal year must be a whole number from 1 to the horizon${years === null ? '' : ` (${years})`}.`;
    const amount = form.withdrawalMode === 'amount' ? premiumFromInput(form.withdrawalValue) : form.withdrawalValue.trim().replace(/%$/, '');
    const plan = WithdrawalPlan.safeParse({ [form.withdrawalMode]: amount ?? form.withdrawalValue, startYear: Number.isNaN(startYear) ? 1 : startYear });
    if (!plan.success) {
      errors.withdrawalValue =
        form.withdrawalMode === 'amount' ? 'The withdrawal must be an amount greater than 0, such as 5000.' : 'The withdrawal must be a percent above 0 and at most 100, such as 5.';
    } else {
      value.withdrawals = plan.data;
    }
  }
  const mvaYear = wholeNumber(form.mvaYear);
  if (!inHorizon(mvaYear)) errors.mvaYear = `The scenario year must be a whole number from 1 to the horizon${years === null ? '' : ` (${years})`}.`;
  const shift = MvaScenarioChoice.safeParse({ year: Number.isNaN(mvaYear) ? 1 : mvaYear, shiftPct: form.mvaShift.trim().replace(/%$/, '') });
  if (!shift.success) errors.mvaShift = 'The rate shift must be a number of percentage points above 0 and at most 25, such as 1.00.';
  else if (mvaYear !== DEFAULT_MVA_SCENARIO_YEAR || Number(shift.data.shiftPct) !== Number(DEFAULT_MVA_SHIFT_PCT)) value.mvaScenario = shift.data;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** strategyIds for the request: undefined (all) unless the rep unticked some of the known ones. */
export function chosenStrategyIds(known: readonly string[], excluded: readonly string[]): string[] | undefined {
  return excluded.length === 0 ? undefined : known.filter((id) => !excluded.includes(id));
}
