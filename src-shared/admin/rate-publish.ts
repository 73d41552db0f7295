// Publishing and retracting one product's rate (POST /v1/admin/products/{id}/rates,
// POST /v1/admin/rates/{id}/retract): the request the admin sends and what the server answers.
import { z } from 'zod';
import { RateHistoryEntry } from '../catalog.js';
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
