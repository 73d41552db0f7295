// Revoking a device or a user's access, and the offline policy (issue 14): the admin API of
// server/routes/admin-access.ts, shared with the desktop admin console. A revocation needs a reason:
// the rep's laptop shows it when it wipes itself, and the audit trail keeps it.
import { z } from 'zod';
import { CachePolicy } from '../sync/cache-policy.js';
import { IsoTimestampString, UuidString } from '../validation/decimal-strings.js';
import { ReasonText } from './product-edit.js';

export const RevokeBody = z.strictObject({ reason: ReasonText }).meta({ description: 'Why: shown on the revoked laptop and kept in the audit trail' });
export type RevokeBody = z.infer<typeof RevokeBody>;

/** Where a revocation stands: null fields when not revoked (or reinstated). */
const revocationFields = {
  revokedAt: IsoTimestampString.nullable(),
  revokedBy: UuidString.nullable(),
  reason: z.string().nullable(),
};

export const DeviceAccess = z.object({ deviceId: UuidString, ...revocationFields });
export type DeviceAccess = z.infer<typeof DeviceAccess>;

export const UserAccess = z.object({ userId: UuidString, email: z.string(), ...revocationFields });
export type UserAccess = z.infer<typeof UserAccess>;

export const SyncPolicy = CachePolicy.extend({
  updatedAt: IsoTimestampString,
  /** users.user_id of the admin who changed it last; null: the default from installation. */
  updatedBy: UuidString.nullable(),
});
export type SyncPolicy = z.infer<typeof SyncPolicy>;

/** PUT /v1/admin/sync-policy: the whole policy (one field today). */
export const SyncPolicyBody = z.strictObject(CachePolicy.shape);
export type SyncPolicyBody = z.infer<typeof SyncPolicyBody>;
