// The optional body of state changes (deactivate, reactivate, retract): a reason for the audit trail.
import { z } from 'zod';

export const ReasonBody = z
  .strictObject({ reason: z.string().trim().min(1, 'must not be blank').max(500, 'must be at most 500 characters').optional() })
  .nullish()
  .meta({ description: 'Optional; the reason is kept in the audit trail' });
export type ReasonBody = z.infer<typeof ReasonBody>;
