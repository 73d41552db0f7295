// The compare form's inputs, checked before main is asked, with messages that name the field.
import { isHorizonYears, MAX_HORIZON_YEARS, MIN_HORIZON_YEARS, Premium } from '../src-shared/comparison-limits.js';
import { isIsoDate } from '../src-shared/dates.js';
import { premiumFromInput } from '../src-shared/format/display.js';
import { BestInterest, isEmptyBestInterest } from '../src-shared/records/best-interest.js';

export interface CompareForm {
  premium: string;
  years: string;
  startDate: string;
  asOfDate: string;
}

export type CompareInputsResult =
  | { ok: true; value: { premium: string; years: number; startDate: string; asOfDate: string } }
  | { ok: false; errors: Partial<Record<keyof CompareForm, string>> };

export function checkCompareForm(form: CompareForm): CompareInputsResult {
  const errors: Partial<Record<keyof CompareForm, string>> = {};
  const premium = premiumFromInput(form.premium);
  if (premium === null || /^0*(\.0*)?$/.test(premium)) errors.premium = 'Premium must be an amount greater than 0, such as 100000 or 100,000.00.';
  else if (!Premium.safeParse(premium).success) errors.premium = 'Premium must have at most 2 decimals and be below $10 trillion.';
  const years = /^\d+$/.test(form.years.trim()) ? Number.parseInt(form.years, 10) : Number.NaN;
  if (!isHorizonYears(years)) errors.years = `Horizon must be a whole number of years between ${MIN_HORIZON_YEARS} and ${MAX_HORIZON_YEARS}.`;
  if (!isIsoDate(form.startDate)) errors.startDate = 'Contract start must be a date.';
  if (!isIsoDate(form.asOfDate)) errors.asOfDate = 'Rates as of must be a date.';
  if (premium === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { premium, years, startDate: form.startDate, asOfDate: form.asOfDate } };
}

/** The optional best-interest section of the save form, as typed (selects give '' for "not given"). */
export interface BestInterestForm {
  clientAgeBand: string;
  stateOfResidence: string;
  objectives: readonly string[];
  timeHorizon: string;
  liquidityNeeds: string;
  riskTolerance: string;
  replacesExistingAnnuity: '' | 'yes' | 'no';
  rationale: string;
}

export const EMPTY_BEST_INTEREST: BestInterestForm = {
  clientAgeBand: '',
  stateOfResidence: '',
  objectives: [],
  timeHorizon: '',
  liquidityNeeds: '',
  riskTolerance: '',
  replacesExistingAnnuity: '',
  rationale: '',
};

export type BestInterestErrors = Partial<Record<keyof BestInterestForm, string>>;

/**
 * What the rep documented, checked with the record's own schema (main checks it again): undefined
 * when nothing was given, or the errors by field (an SSN in the rationale among them).
 */
export function checkBestInterestForm(form: BestInterestForm): { ok: true; value: BestInterest | undefined } | { ok: false; errors: BestInterestErrors } {
  const given = (text: string): string | undefined => (text.trim() === '' ? undefined : text);
  const candidate = {
    clientAgeBand: given(form.clientAgeBand),
    stateOfResidence: given(form.stateOfResidence),
    objectives: form.objectives.length === 0 ? undefined : [...form.objectives],
    timeHorizon: given(form.timeHorizon),
    liquidityNeeds: given(form.liquidityNeeds),
    riskTolerance: given(form.riskTolerance),
    replacesExistingAnnuity: form.replacesExistingAnnuity === '' ? undefined : form.replacesExistingAnnuity === 'yes',
    rationale: given(form.rationale)?.trim(),
  };
  const value = Object.fromEntries(Object.entries(candidate).filter(([, field]) => field !== undefined));
  const parsed = BestInterest.safeParse(value);
  if (!parsed.success) {
    const errors: BestInterestErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field in form && errors[field as keyof BestInterestForm] === undefined) errors[field as keyof BestInterestForm] = issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, value: isEmptyBestInterest(parsed.data) ? undefined : parsed.data };
}
