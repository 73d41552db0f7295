// Who may do what. Okta decides who is in which group; this module turns groups into roles and
// roles into permissions. Pure, so the server enforces it and the desktop app can hide what a user
// cannot do with the very same table.
import { z } from 'zod';

export const Role = { salesRep: 'sales_rep', admin: 'admin', compliance: 'compliance' } as const;
export const RoleSchema = z.enum(Role);
export type Role = z.infer<typeof RoleSchema>;

/** Every role in a fixed order, so role lists compare and display the same way everywhere. */
export const ALL_ROLES: readonly Role[] = [Role.salesRep, Role.admin, Role.compliance];

export const Permission = {
  catalogRead: 'catalog:read',
  catalogPublish: 'catalog:publish',
  /** Create and change one's own comparisons and illustrations. */
  comparisonsWrite: 'comparisons:write',
  comparisonsReadOwn: 'comparisons:read_own',
  /** Everybody's comparisons, read-only: what compliance reviews. */
  comparisonsReadAll: 'comparisons:read_all',
  auditRead: 'audit:read',
  /** The fleet view: devices, their last sync and what each has received (issue 14). */
  fleetRead: 'fleet:read',
  /** Revoke devices and users, set the offline policy. */
  fleetManage: 'fleet:manage',
} as const;
export const PermissionSchema = z.enum(Permission);
export type Permission = z.infer<typeof PermissionSchema>;

// Admins create no comparisons of their own: an admin who also sells is put in the reps group
// too, so every illustration shown to a client is tied to someone Okta lists as a rep. They may
// read everybody's (the compliance console is for compliance and admin, issue 12), read-only.
const PERMISSIONS_BY_ROLE = {
  sales_rep: [Permission.catalogRead, Permission.comparisonsWrite, Permission.comparisonsReadOwn],
  admin: [Permission.catalogRead, Permission.catalogPublish, Permission.comparisonsReadAll, Permission.auditRead, Permission.fleetRead, Permission.fleetManage],
  compliance: [Permission.catalogRead, Permission.comparisonsReadAll, Permission.auditRead, Permission.fleetRead],
} as const satisfies Record<Role, readonly Permission[]>;

/** The Okta group that grants each role (configured per environment). */
export const GroupRoleMappingSchema = z.object({
  sales_rep: z.string().trim().min(1, 'the Okta group for sales reps must not be empty'),
  admin: z.string().trim().min(1, 'the Okta group for admins must not be empty'),
  compliance: z.string().trim().min(1, 'the Okta group for compliance must not be empty'),
});
export type GroupRoleMapping = z.infer<typeof GroupRoleMappingSchema>;

/**
 * Roles granted by a user's Okta groups, in ALL_ROLES order without duplicates. Group names are
 * compared exactly: Okta keeps the case it was given, and a near-miss must not grant a role.
 */
export function rolesFromGroups(groups: readonly string[], mapping: GroupRoleMapping): Role[] {
  const memberOf = new Set(groups);
  return ALL_ROLES.filter((role) => memberOf.has(mapping[role]));
}

export function permissionsFor(roles: readonly Role[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of PERMISSIONS_BY_ROLE[role]) granted.add(permission);
  }
  return granted;
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return permissionsFor(roles).has(permission);
}
