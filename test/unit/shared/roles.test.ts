import { describe, expect, it } from 'vitest';
import {
  can,
  GroupRoleMappingSchema,
  Permission,
  permissionsFor,
  rolesFromGroups,
  type GroupRoleMapping,
  type Role,
} from '../../../src-shared/roles.js';

const oktaGroups: GroupRoleMapping = {
  sales_rep: 'RateDesk-Reps',
  admin: 'RateDesk-Admins',
  compliance: 'RateDesk-Compliance',
};

describe('rolesFromGroups', () => {
  it('maps each configured Okta group to its role', () => {
    expect(rolesFromGroups(['RateDesk-Reps'], oktaGroups)).toEqual(['sales_rep']);
    expect(rolesFromGroups(['RateDesk-Compliance'], oktaGroups)).toEqual(['compliance']);
  });

  it('gives every role of a user in several groups, in a fixed order without duplicates', () => {
    expect(rolesFromGroups(['RateDesk-Admins', 'Everyone', 'RateDesk-Reps', 'RateDesk-Admins'], oktaGroups)).toEqual([
      'sales_rep',
      'admin',
    ]);
  });

  it('grants nothing for unrelated groups or near-miss names', () => {
    expect(rolesFromGroups([], oktaGroups)).toEqual([]);
    expect(rolesFromGroups(['Everyone', 'ratedesk-reps', 'RateDesk-Reps ', 'RateDesk-Admin'], oktaGroups)).toEqual([]);
  });

  it('follows the configured group names, not the defaults', () => {
    const custom: GroupRoleMapping = { sales_rep: 'Sales', admin: 'Product-Ops', compliance: 'Legal' };
    expect(rolesFromGroups(['Product-Ops'], custom)).toEqual(['admin']);
    expect(rolesFromGroups(['RateDesk-Admins'], custom)).toEqual([]);
  });

  it('rejects a mapping with an empty group name, naming the role', () => {
    const result = GroupRoleMappingSchema.safeParse({ ...oktaGroups, compliance: '  ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('compliance');
  });
});

describe('can', () => {
  const rep: Role[] = ['sales_rep'];
  const admin: Role[] = ['admin'];
  const compliance: Role[] = ['compliance'];
  /** The permissions `can` grants these roles, out of all there are (so none is left unchecked). */
  const allowed = (roles: Role[]) => Object.values(Permission).filter((permission) => can(roles, permission)).sort();

  it('lets reps read the catalog and write and read their own comparisons, nothing more', () => {
    expect(allowed(rep)).toEqual([Permission.catalogRead, Permission.comparisonsWrite, Permission.comparisonsReadOwn].sort());
  });

  it('lets admins publish, read the audit log and review every comparison (the compliance console), but not build comparisons', () => {
    expect(allowed(admin)).toEqual([Permission.catalogPublish, Permission.auditRead, Permission.catalogRead, Permission.comparisonsReadAll, Permission.fleetRead, Permission.fleetManage].sort());
  });

  it('gives an admin who is also in the reps group both sets of rights', () => {
    expect(can(['sales_rep', 'admin'], Permission.comparisonsWrite)).toBe(true);
    expect(can(['sales_rep', 'admin'], Permission.catalogPublish)).toBe(true);
  });

  it('gives compliance read-only access to everyone’s comparisons and the audit log', () => {
    expect(can(compliance, Permission.comparisonsReadAll)).toBe(true);
    expect(can(compliance, Permission.auditRead)).toBe(true);
    expect(can(compliance, Permission.comparisonsWrite)).toBe(false);
    expect(can(compliance, Permission.catalogPublish)).toBe(false);
    // The fleet view is readable by compliance; revoking devices and setting the offline policy is for admins.
    expect(can(compliance, Permission.fleetRead)).toBe(true);
    expect(can(compliance, Permission.fleetManage)).toBe(false);
  });

  it('grants nothing without a role', () => {
    for (const permission of Object.values(Permission)) expect(can([], permission)).toBe(false);
    expect(permissionsFor([]).size).toBe(0);
  });

  it('leaves no permission unreachable', () => {
    const granted = permissionsFor(['sales_rep', 'admin', 'compliance']);
    expect([...granted].sort()).toEqual(Object.values(Permission).sort());
  });
});
