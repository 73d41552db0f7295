// Publishing and retracting one product's rate (POST /v1/admin/products/{id}/rates,
// POST /v1/admin/rates/{id}/retract): the request the admin sends and what the server answers.
import { z } from 'zod';
import { RateHistoryEntry } from '../catalog.js';
import { Decimal } from '../decimal.js';
import { IsoDateString, RateString, UuidString } from '../validation/decimal-strings.js';

export const RatePublishBody = z.strictObject({
  baseRate: RateString,
  bonusRate: RateString.default('0').meta({ description: 'Added to baseRate during the bonus years; default "0"' }),
  effectiveDate: IsoDateString.meta({ description: 'First business date the rate applies; today or later' }),
});
export type RatePublishBody = z.infer<typeof RatePublishBody>;

const RateTerms = z.object({ baseRate: RateString, bonusRate: RateString, effectiveDate: IsoDateString });

/** One publication as previewed or committed. */
export const RateChange = z.object({
  productId: UuidString,
  cusip: z.string(),
  productName: z.string(),
  current: RateTerms.extend({ rateHistoryId: UuidString, endDate: IsoDateString.nullable() })
    .nullable()
    .meta({ description: "The product's latest published rate before this change, or null" }),
  new: RateTerms,
  closesCurrentOn: IsoDateString.nullable().meta({ description: 'New end date of the current open period, or null when nothing is closed' }),
  inForceToday: z.boolean(),
  rateHistoryId: UuidString.nullable().meta({ description: 'Id of the new rate_history row (null in a dry run)' }),
});
export type RateChange = z.infer<typeof RateChange>;

export const RetractResult = z.object({
  retracted: RateHistoryEntry,
  /** The earlier period that now runs on in place of the retracted one, if any. */
  reopened: RateHistoryEntry.nullable(),
});
export type RetractResult = z.infer<typeof RetractResult>;

// ---- the publication rules -------------------------------------------------------------------
// One copy for the server (which enforces them for a single rate and for every row of a sheet) and
// the admin console (which checks the form before sending, so the reason sits next to the field).
// Rates are never backdated: a rate in force is a fact reps may already have quoted, so the
// effective date is today or later (in the business time zone) and after the product's latest
// published rate; a future rate is changed by retracting it and publishing again.

/** What a publication is checked against: the product and its latest rate that is not retracted. */
export interface RatePublicationContext {
  today: string;
  product: { bonusYears: number; isActive: boolean };
  latest: { effectiveDate: string; endDate: string | null } | null;
}

/**
 * Who reads the reasons. An API caller (a sheet names many products) gets the CUSIP, field names
 * and ISO dates; the console names "this product" and shows dates its own way.
 */
export type RateRefusalWording = { audience: 'api'; cusip: string } | { audience: 'console'; dateText: (isoDate: string) => string };

/** Why a publication is refused; `kind` decides 400 (bad value) or 409 (clashes with the catalog) on the server. */
export interface RatePublicationRefusal {
  field: 'bonusRate' | 'effectiveDate' | 'product';
  message: string;
  kind: 'invalid' | 'conflict';
}

/** The reason a first or new rate dated `effectiveDate` would be backdated, or null when it is not. */
export function backdatedRateMessage(effectiveDate: string, today: string, dateText: (isoDate: string) => string = (date) => date): string | null {
  return effectiveDate < today ? `must be today (${dateText(today)}) or later; rates already in force are not rewritten` : null;
}

/** Every rule a publication with a well-formed bonus rate and effective date breaks; [] when it may be published. */
export function ratePublicationRefusals(
  request: { bonusRate: string; effectiveDate: string },
  context: RatePublicationContext,
  wording: RateRefusalWording,
): RatePublicationRefusal[] {
  const { today, product, latest } = context;
  const api = wording.audience === 'api' ? wording : null;
  const dateText = wording.audience === 'console' ? wording.dateText : (date: string) => date;
  const ofProduct = api === null ? '' : ` of ${api.cusip}`;
  const refusals: RatePublicationRefusal[] = [];
  if (!product.isActive) {
    refusals.push({ field: 'product', message: `${api?.cusip ?? 'this product'} is deactivated; reactivate it before publishing rates`, kind: 'conflict' });
  }
  if (product.bonusYears === 0 && new Decimal(request.bonusRate).greaterThan(0)) {
    const message = api === null ? 'must be 0: this product has no bonus years' : `must be 0: product ${api.cusip} has no bonus years (bonusYears is 0)`;
    refusals.push({ field: 'bonusRate', message, kind: 'invalid' });
  }
  const backdated = backdatedRateMessage(request.effectiveDate, today, dateText);
  if (backdated !== null) refusals.push({ field: 'effectiveDate', message: backdated, kind: 'invalid' });
  if (latest !== null && request.effectiveDate <= latest.effectiveDate) {
    refusals.push({
      field: 'effectiveDate',
      message: `must be after ${dateText(latest.effectiveDate)}, when the latest published rate${ofProduct} takes effect (retract that rate first to replace it)`,
      kind: 'conflict',
    });
  } else if (latest !== null && latest.endDate !== null && latest.endDate >= request.effectiveDate) {
    refusals.push({
      field: 'effectiveDate',
      message: `falls inside the published period ${dateText(latest.effectiveDate)} to ${dateText(latest.endDate)}${ofProduct}`,
      kind: 'conflict',
    });
  }
  return refusals;
}

/** The latest publication that is not retracted (the one a new rate must follow), or null. */
export function latestActiveRate<R extends { isActive: boolean; effectiveDate: string }>(rates: readonly R[]): R | null {
  let latest: R | null = null;
  for (const rate of rates) {
    if (rate.isActive && (latest === null || rate.effectiveDate > latest.effectiveDate)) latest = rate;
  }
  return latest;
}
