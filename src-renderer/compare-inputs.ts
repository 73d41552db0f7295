// The compare form's inputs, checked before main is asked, with messages that name the field.
import { isHorizonYears, MAX_HORIZON_YEARS, MIN_HORIZON_YEARS, Premium } from '../src-shared/comparison-limits.js';
import { isIsoDate } from '../src-shared/dates.js';
import { premiumFromInput } from '../src-shared/format/display.js';

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
