// What an admin sends to create or change products and availability windows (POST/PATCH
// /v1/admin/products..., /v1/admin/availability/...). The server validates requests with these
// schemas and the desktop app checks the same ones before it sends anything, so the product editor
// and the API refuse the same input with the same words.
import { z } from 'zod';
import { ProductInputFields, refineProductInputRules } from '../catalog.js';
import { IsoDateString } from '../validation/decimal-strings.js';

/** POST body: a complete product, plus the date its first rate takes effect (default: today). */
export const ProductCreateBody = ProductInputFields.extend({
  rateEffectiveDate: IsoDateString.optional().meta({
    description: 'Business date the initial baseRate/bonusRate take effect (default: today in the business time zone)',
  }),
}).superRefine(refineProductInputRules);
export type ProductCreateBody = z.infer<typeof ProductCreateBody>;

const RATE_FIELDS = ['baseRate', 'bonusRate'] as const;

// Without its default, so a PATCH that leaves bonusYears out keeps the stored value (zod 4 applies
// defaults even inside optional fields).
const patchFields = z.strictObject({ ...ProductInputFields.shape, bonusYears: ProductInputFields.shape.bonusYears.unwrap() });

/** PATCH body: any subset of the product's fields. Rates change only by publishing (rate history). */
export const ProductPatchBody = patchFields.partial().superRefine((value, ctx) => {
  for (const field of RATE_FIELDS) {
    if (value[field] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: 'cannot be changed here; publish a rate with POST /v1/admin/products/{productId}/rates so the rate history stays complete',
      });
    }
  }
  if (Object.keys(value).length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'must change at least one field' });
});
export type ProductPatchBody = z.infer<typeof ProductPatchBody>;

/** Refinement shared by every schema that carries a window's dates. */
export function endNotBeforeStart(
  value: { startDate?: string | undefined; endDate?: string | null | undefined },
  ctx: Pick<z.core.$RefinementCtx, 'addIssue'>,
): void {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be on or after startDate' });
  }
}

/** The fields of a new window, unrefined so callers can add fields (the desktop request adds productId). */
export const availabilityCreateFields = {
  startDate: IsoDateString,
  endDate: IsoDateString.nullable().default(null).meta({ description: 'Last day of sale (inclusive); null = open ended' }),
};

export const AvailabilityCreateBody = z.strictObject(availabilityCreateFields).superRefine(endNotBeforeStart);
export type AvailabilityCreateBody = z.infer<typeof AvailabilityCreateBody>;

export const AvailabilityPatchBody = z
  .strictObject({
    startDate: IsoDateString.optional(),
    endDate: IsoDateString.nullable().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.startDate === undefined && value.endDate === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'must change startDate or endDate' });
    }
    endNotBeforeStart(value, ctx);
  });
export type AvailabilityPatchBody = z.infer<typeof AvailabilityPatchBody>;

/** How long the reason for a state change may be, on the server and in the console's reason boxes. */
export const MAX_REASON_LENGTH = 500;

/** The reason an admin may give for a state change (deactivate, reactivate, retract); kept in the audit trail. */
export const ReasonText = z
  .string()
  .trim()
  .min(1, 'must not be blank')
  .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`);

/** The optional body of state changes (deactivate, reactivate, retract). */
export const ReasonBody = z
  .strictObject({ reason: ReasonText.optional() })
  .nullish()
  .meta({ description: 'Optional; the reason is kept in the audit trail' });
export type ReasonBody = z.infer<typeof ReasonBody>;
