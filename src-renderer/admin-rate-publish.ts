// The "publish a rate" form: the server's field rules (RateString, IsoDateString) and its
// publication rules (src-shared/admin/rate-publish.ts: today or later, after the latest published
// rate, no bonus without bonus years), checked before sending so the admin gets the reason next to
// the field. Pure, so the rules are unit tested.
import { ratePublicationRefusals } from '../src-shared/admin/rate-publish.js';
import type { RateHistoryEntry } from '../src-shared/catalog.js';
import { formatBusinessDate } from '../src-shared/format/display.js';
import { IsoDateString, RateString } from '../src-shared/validation/decimal-strings.js';
import { fieldErrorsFrom, type FieldErrors } from './admin-product-form.js';

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

/** `isActive` defaults to true: a withdrawn product's form says so before anything is sent. */
export function checkRatePublish(
  form: RatePublishForm,
  context: { today: string; bonusYears: number; isActive?: boolean; latest: RateHistoryEntry | null },
): RatePublishCheck {
  const request: RatePublishRequest = {
    baseRate: percentText(form.baseRate),
    bonusRate: percentText(form.bonusRate) === '' ? '0' : percentText(form.bonusRate),
    effectiveDate: form.effectiveDate.trim(),
  };
  const issues: Array<{ path: string; message: string }> = [];
  const field = (path: keyof RatePublishRequest, schema: typeof RateString | typeof IsoDateString): boolean => {
    const parsed = schema.safeParse(request[path]);
    if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => ({ path, message: issue.message })));
    return parsed.success;
  };
  field('baseRate', RateString);
  const bonusOk = field('bonusRate', RateString);
  const dateOk = field('effectiveDate', IsoDateString);
  const refusals = ratePublicationRefusals(
    // A malformed value has its reason already; the publication rules look at well-formed ones only.
    { bonusRate: bonusOk ? request.bonusRate : '0', effectiveDate: dateOk ? request.effectiveDate : context.today },
    { today: context.today, product: { bonusYears: context.bonusYears, isActive: context.isActive ?? true }, latest: dateOk ? context.latest : null },
    { audience: 'console', dateText: formatBusinessDate },
  );
  issues.push(...refusals.map((refusal) => ({ path: refusal.field, message: refusal.message })));
  return issues.length === 0 ? { ok: true, request } : { ok: false, errors: fieldErrorsFrom(issues) };
}
