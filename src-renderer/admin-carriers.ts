// The admin console's carriers (issue 13): the carrier form (text as typed, checked with the shared
// CarrierInput schema and rating rules, so the console refuses what the server refuses with the same
// words), the list order, and the product editor's carrier picker options. Pure, so it is unit tested.
import { type Carrier, CarrierInput, carrierRuleIssues, ratingLabel } from '../src-shared/catalog/carriers.js';
import type { ValidationIssue } from '../src-shared/errors.js';
import { fieldErrorsFrom, type FieldErrors } from './admin-product-form.js';

export interface CarrierForm {
  carrierName: string;
  naicCode: string;
  /** '' = not rated (outlook and as-of date are then not sent). */
  amBestRating: string;
  amBestOutlook: string;
  ratingAsOf: string;
}

export const emptyCarrierForm: CarrierForm = { carrierName: '', naicCode: '', amBestRating: '', amBestOutlook: '', ratingAsOf: '' };

export function carrierFormFrom(carrier: Carrier): CarrierForm {
  return {
    carrierName: carrier.carrierName,
    naicCode: carrier.naicCode,
    amBestRating: carrier.amBestRating ?? '',
    amBestOutlook: carrier.amBestOutlook ?? '',
    ratingAsOf: carrier.ratingAsOf ?? '',
  };
}

export type CarrierFormCheck = { ok: true; input: CarrierInput } | { ok: false; errors: FieldErrors };

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/**
 * Not rated: outlook and date left over in the form are dropped rather than refused (the admin
 * cleared the rating). The rating rules also run on their own, because zod skips refinements of an
 * object whose fields failed and the admin should see every problem at once.
 */
export function checkCarrierForm(form: CarrierForm): CarrierFormCheck {
  const rated = form.amBestRating.trim() !== '';
  const candidate = {
    carrierName: form.carrierName,
    naicCode: form.naicCode.trim(),
    amBestRating: orNull(form.amBestRating),
    amBestOutlook: rated ? orNull(form.amBestOutlook) : null,
    ratingAsOf: rated ? orNull(form.ratingAsOf) : null,
  };
  const parsed = CarrierInput.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return { ok: false, errors: fieldErrorsFrom([...issues, ...carrierRuleIssues(candidate)]) };
}

/** Active carriers first, then by name. */
export function sortedCarriers(carriers: readonly Carrier[]): Carrier[] {
  return [...carriers].sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.carrierName.localeCompare(b.carrierName));
}

/** "Summit Ridge Life (NAIC 60054): A+ (stable), AM Best as of 2026-06-30". */
export function carrierOptionLabel(carrier: Carrier): string {
  return `${carrier.carrierName} (NAIC ${carrier.naicCode}): ${ratingLabel(carrier)}${carrier.isActive ? '' : ' [retired]'}`;
}

export interface CarrierOption {
  value: string;
  label: string;
}

/**
 * What the product editor offers: no carrier record, every active carrier, and the product's
 * current carrier even when it has since been retired (so the form shows what is stored; the
 * server refuses only a change to a retired one).
 */
export function carrierOptions(carriers: readonly Carrier[], currentId: string): CarrierOption[] {
  const offered = sortedCarriers(carriers).filter((carrier) => carrier.isActive || carrier.carrierId === currentId);
  const options = [{ value: '', label: 'No carrier record (issuer name only)' }, ...offered.map((carrier) => ({ value: carrier.carrierId, label: carrierOptionLabel(carrier) }))];
  if (currentId !== '' && !offered.some((carrier) => carrier.carrierId === currentId)) options.push({ value: currentId, label: 'Carrier not listed (unknown record)' });
  return options;
}
