// The admin console's access controls (issue 14): revoke or reinstate a device or a user, and the
// offline policy. Online only, like every admin channel; part of adminMethods.
import { z } from 'zod';
import { DeviceAccess, SyncPolicy, SyncPolicyBody, UserAccess } from '../admin/access-revocation.js';
import { ReasonText } from '../admin/product-edit.js';
import { UuidString } from '../validation/decimal-strings.js';
import type { MethodTable } from './results.js';

export * from '../admin/access-revocation.js';

/** Revoke needs the admin's reason (the laptop shows it); reinstating takes none. */
export const AdminDeviceAccessRequest = z.discriminatedUnion('revoked', [
  z.strictObject({ deviceId: UuidString, revoked: z.literal(true), reason: ReasonText }),
  z.strictObject({ deviceId: UuidString, revoked: z.literal(false) }),
]);
export type AdminDeviceAccessRequest = z.infer<typeof AdminDeviceAccessRequest>;

export const AdminUserAccessRequest = z.discriminatedUnion('revoked', [
  z.strictObject({ userId: UuidString, revoked: z.literal(true), reason: ReasonText }),
  z.strictObject({ userId: UuidString, revoked: z.literal(false) }),
]);
export type AdminUserAccessRequest = z.infer<typeof AdminUserAccessRequest>;

export const accessMethods = {
  /** Revokes (with the reason) or reinstates one device. */
  adminSetDeviceAccess: { args: z.tuple([AdminDeviceAccessRequest]), result: DeviceAccess },
  /** Revokes (with the reason) or reinstates one user's access on every device. */
  adminSetUserAccess: { args: z.tuple([AdminUserAccessRequest]), result: UserAccess },
  adminSyncPolicy: { args: z.tuple([]), result: SyncPolicy },
  adminSetSyncPolicy: { args: z.tuple([SyncPolicyBody]), result: SyncPolicy },
} as const satisfies MethodTable;
