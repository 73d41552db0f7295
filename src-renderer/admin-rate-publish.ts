// The "publish a rate" form: the same field rules as the server (RateString, IsoDateString) and
// its date rules (today or later, after the latest published rate), checked before sending so the
// admin gets the reason next to the field. Pure, so the rules are unit tested.
import type { RateHistoryEntry } from '../src-shared/catalog.js';
import { Decimal } from '../src-shared/decimal.js';
import { IsoDateString, RateString } from '../src-shared/validation/decimal-strings.js';
import { fieldErrorsFrom, type FieldErrors } from './admin-product-form.js';
import { formatBusinessDate } from './format.js';

export interface RatePublishForm {
  baseRate: string;
  bonusRate: string;
  effectiveDate: string;
}

export interface RatePublishRequest {
  baseRate: string;
  bonusRate: string;
  effectiveDate: string;
}

export type RatePublishCheck = { ok: true; request: RatePublishRequest } | { ok: false; errors: FieldErrors };

function percentText(value: string): string {
  return value.trim().replace(/%$/, '').trim();
}

/** The latest publication that is not retracted (the one a new rate must follow), or null. */
export function latestActiveRate(rates: readonly RateHistoryEntry[]): RateHistoryEntry | null {
  let latest: RateHistoryEntry | null = null;
  for (const rate of rates) {
    if (rate.isActive && (latest === null || rate.effectiveDate > latest.effectiveDate)) latest = rate;
  }
  return latest;
}

/** Active publications taking effect after `today`, soonest first: the ones an admin may retract. */
export function scheduledRates(rates: readonly RateHistoryEntry[], today: string): RateHistoryEntry[] {
  return rates.filter((rate) => rate.isActive && rate.effectiveDate > today).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
}

export function checkRatePublish(
  form: RatePublishForm,
  context: { today: string; bonusYears: number; latest: RateHistoryEntry | null },
): RatePublishCheck {
  const request: RatePublishRequest = {
    baseRate: percentText(form.baseRate),
    bonusRate: percentText(form.bonusRate) === '' ? '0' : percentText(form.bonusRate),
    effectiveDate: form.effectiveDate.trim(),
  };
  const issues: Array<{ path: string; message: string }> = [];
  const base = RateString.safeParse(request.baseRate);
  if (!base.success) issues.push(...base.error.issues.map((issue) => ({ path: 'baseRate', message: issue.message })));
  const bonus = RateString.safeParse(request.bonusRate);
  if (!bonus.success) issues.push(...bonus.error.issues.map((issue) => ({ path: 'bonusRate', message: issue.message })));
  else if (context.bonusYears === 0 && new Decimal(request.bonusRate).greaterThan(0)) {
    issues.push({ path: 'bonusRate', message: 'must be 0: this product has no bonus years' });
  }
  const date = IsoDateString.safeParse(request.effectiveDate);
  if (!date.success) issues.push(...date.error.issues.map((issue) => ({ path: 'effectiveDate', message: issue.message })));
  else if (request.effectiveDate < context.today) {
    issues.push({ path: 'effectiveDate', message: `must be today (${formatBusinessDate(context.today)}) or later; rates already in force are not rewritten` });
  } else if (context.latest !== null && request.effectiveDate <= context.latest.effectiveDate) {
    issues.push({
      path: 'effectiveDate',
      message: `must be after ${formatBusinessDate(context.latest.effectiveDate)}, when the latest published rate takes effect (retract that rate first to replace it)`,
    });
  }
  return issues.length === 0 ? { ok: true, request } : { ok: false, errors: fieldErrorsFrom(issues) };
}
