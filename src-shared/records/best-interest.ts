// Best-interest documentation a rep may attach to a saved comparison (NAIC Suitability in Annuity
// Transactions Model Regulation #275, section 6: the consumer profile information and the basis
// of the recommendation). Every field is optional for the rep; what is given is stored with the
// immutable record. Never a Social Security number: the rationale is held to the same rule as the
// client reference.
import { z } from 'zod';
import { SSN_PATTERN } from '../comparison-limits.js';
import { typeMessage } from '../errors.js';

export const CLIENT_AGE_BANDS = ['under-50', '50-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85-plus'] as const;
export const OBJECTIVES = ['principal-protection', 'guaranteed-growth', 'income', 'tax-deferral', 'legacy', 'liquidity'] as const;
export const TIME_HORIZONS = ['under-3-years', '3-5-years', '6-10-years', 'over-10-years'] as const;
export const LIQUIDITY_NEEDS = ['none', 'low', 'moderate', 'high'] as const;
export const RISK_TOLERANCES = ['conservative', 'moderately-conservative', 'moderate', 'moderately-aggressive', 'aggressive'] as const;

/** US states, DC and the territories where annuities are sold, by USPS code. */
export const RESIDENCE_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD',
  'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'VI', 'GU', 'AS', 'MP',
] as const;

export const MAX_RATIONALE_LENGTH = 2000;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

export const BestInterest = z.strictObject({
  clientAgeBand: choice(CLIENT_AGE_BANDS).optional(),
  stateOfResidence: choice(RESIDENCE_STATES).optional(),
  objectives: z
    .array(choice(OBJECTIVES), { error: typeMessage('a list of objectives') })
    .max(OBJECTIVES.length, `must list at most ${OBJECTIVES.length} objectives`)
    .refine((list) => new Set(list).size === list.length, 'must not list an objective twice')
    .optional(),
  timeHorizon: choice(TIME_HORIZONS).optional(),
  liquidityNeeds: choice(LIQUIDITY_NEEDS).optional(),
  riskTolerance: choice(RISK_TOLERANCES).optional(),
  replacesExistingAnnuity: z.boolean({ error: typeMessage('true or false') }).optional(),
  rationale: z
    .string({ error: typeMessage('text') })
    .max(MAX_RATIONALE_LENGTH, `must be at most ${MAX_RATIONALE_LENGTH} characters`)
    .refine((value) => value.trim().length > 0, 'must not be blank (leave it out instead)')
    .refine((value) => !SSN_PATTERN.test(value), "must not contain a Social Security number; use the client's name or a CRM reference")
    .optional(),
});
export type BestInterest = z.infer<typeof BestInterest>;

/** True when nothing was filled in (then the record carries no bestInterest at all). */
export function isEmptyBestInterest(value: BestInterest): boolean {
  return Object.values(value).every((field) => field === undefined || (Array.isArray(field) && field.length === 0));
}
