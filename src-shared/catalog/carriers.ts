// Carriers (issuers) as their own catalog records (issue 13): name, NAIC company code and the
// financial strength rating an admin entered (AM Best letter rating and outlook) with the date it
// is as of. Products reference their carrier by carrierId. A rating is entered, never fetched:
// ratingAsOf says how old it is wherever it is shown.
import { z } from 'zod';
import { typeMessage, type ValidationIssue } from '../errors.js';
import { IsoDateString, UuidString } from '../validation/decimal-strings.js';
import { editedRecordSchemas, requiredCatalogText } from './catalog-text.js';

/** AM Best Financial Strength Rating scale, best first (S = rating suspended). */
export const AM_BEST_RATINGS = ['A++', 'A+', 'A', 'A-', 'B++', 'B+', 'B', 'B-', 'C++', 'C+', 'C', 'C-', 'D', 'E', 'F', 'S'] as const;
export type AmBestRating = (typeof AM_BEST_RATINGS)[number];

export const AM_BEST_OUTLOOKS = ['positive', 'stable', 'negative', 'developing'] as const;
export type AmBestOutlook = (typeof AM_BEST_OUTLOOKS)[number];

const listed = (values: readonly string[]) => `must be one of ${values.map((value) => JSON.stringify(value)).join(', ')}`;

/** The NAIC company code: five digits, as the NAIC assigns them ("60054"). */
export const NaicCodeString = z
  .string({ error: typeMessage('a five-digit NAIC company code written as a string') })
  .regex(/^[0-9]{5}$/, 'must be the five-digit NAIC company code, e.g. "60054"');

const carrierFields = {
  carrierName: requiredCatalogText(255),
  naicCode: NaicCodeString,
  /** null = not rated (then outlook and as-of are null too). */
  amBestRating: z.enum(AM_BEST_RATINGS, { error: listed(AM_BEST_RATINGS) }).nullable(),
  amBestOutlook: z.enum(AM_BEST_OUTLOOKS, { error: listed(AM_BEST_OUTLOOKS) }).nullable(),
  /** The date of the rating action the admin copied. */
  ratingAsOf: IsoDateString.nullable(),
};

/** A rating comes with its outlook and its date, or none of the three is given. */
export function carrierRuleIssues(value: { amBestRating?: unknown; amBestOutlook?: unknown; ratingAsOf?: unknown }): ValidationIssue[] {
  const rated = value.amBestRating !== null && value.amBestRating !== undefined;
  const issues: ValidationIssue[] = [];
  for (const field of ['amBestOutlook', 'ratingAsOf'] as const) {
    const present = value[field] !== null && value[field] !== undefined;
    if (rated && !present) issues.push({ path: field, message: 'is required when amBestRating is given' });
    if (!rated && present) issues.push({ path: field, message: 'must be null when amBestRating is null (not rated)' });
  }
  return issues;
}

const carrierSchemas = editedRecordSchemas({ carrierId: UuidString }, carrierFields, carrierRuleIssues);

/** What an admin sends to create or replace a carrier. */
export const CarrierInput = carrierSchemas.input;
export type CarrierInput = z.infer<typeof CarrierInput>;

/** A carrier as stored and synced; isActive false is the tombstone (carriers are never deleted). */
export const Carrier = carrierSchemas.stored;
export type Carrier = z.infer<typeof Carrier>;

/** "A+ (stable), AM Best as of 2026-06-30", or "Not rated". */
export function ratingLabel(carrier: Pick<Carrier, 'amBestRating' | 'amBestOutlook' | 'ratingAsOf'>): string {
  if (carrier.amBestRating === null) return 'Not rated';
  return `${carrier.amBestRating} (${carrier.amBestOutlook ?? 'no outlook'}), AM Best as of ${carrier.ratingAsOf ?? 'unknown date'}`;
}
