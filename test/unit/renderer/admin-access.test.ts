import { describe, expect, it } from 'vitest';
import { permissionsFor, Role } from '../../../src-shared/roles.js';
import { adminHome, adminTabs, canWrite, mayOpen, showsAdminEntry, type AdminAccessView } from '../../../src-renderer/admin-access.js';
import { isAdminRoute, parseRoute, routeHref, type AdminRoute, type Route } from '../../../src-renderer/navigation.js';

const PRODUCT = '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e';

function accessOf(role: Role | null, online = true): AdminAccessView {
  return { permissions: role === null ? [] : [...permissionsFor([role])], online, message: online ? null : 'The admin console works online only.' };
}

function adminRoute(hash: string): AdminRoute {
  const route: Route = parseRoute(hash);
  if (!isAdminRoute(route)) throw new Error(`${hash} is not an admin route`);
  return route;
}

describe('admin routes', () => {
  it('reads every admin screen and writes it back', () => {
    const cases: Array<[string, Route]> = [
      ['#/admin/products', { name: 'admin-products' }],
      ['#/admin/products/new', { name: 'admin-product-new' }],
      [`#/admin/products/${PRODUCT}`, { name: 'admin-product-edit', productId: PRODUCT }],
      [`#/admin/products/${PRODUCT}/rates`, { name: 'admin-publish', productId: PRODUCT }],
      ['#/admin/rate-sheet', { name: 'admin-rate-sheet' }],
      ['#/admin/audit', { name: 'admin-audit', tableName: null, recordId: null }],
      ['#/admin/fleet', { name: 'admin-fleet' }],
      [`#/admin/audit?table=products&record=${PRODUCT}`, { name: 'admin-audit', tableName: 'products', recordId: PRODUCT }],
    ];
    for (const [hash, route] of cases) {
      expect(parseRoute(hash)).toEqual(route);
      expect(routeHref(route)).toBe(hash);
    }
    expect(parseRoute('#/admin')).toEqual({ name: 'admin-products' });
  });

  it('leaves unknown admin paths not found', () => {
    expect(parseRoute('#/admin/users').name).toBe('not-found');
    expect(parseRoute('#/admin/products/new/rates').name).toBe('not-found');
    expect(parseRoute(`#/admin/products/${PRODUCT}/rates/extra`).name).toBe('not-found');
  });
});

describe('who sees the admin console', () => {
  it('shows no Admin entry to a rep or a signed-out user, and no admin screen opens for them', () => {
    for (const access of [accessOf(Role.salesRep), accessOf(null), null]) {
      expect(showsAdminEntry(access)).toBe(false);
      expect(adminHome(access)).toBeNull();
      expect(mayOpen(adminRoute('#/admin/products'), access)).toBe(false);
      expect(mayOpen(adminRoute('#/admin/audit'), access)).toBe(false);
      expect(mayOpen(adminRoute('#/admin/fleet'), access)).toBe(false);
    }
  });

  it('gives admins every screen, starting with the products', () => {
    const admin = accessOf(Role.admin);
    expect(showsAdminEntry(admin)).toBe(true);
    expect(adminHome(admin)).toEqual({ name: 'admin-products' });
    for (const hash of ['#/admin/products', '#/admin/products/new', `#/admin/products/${PRODUCT}/rates`, '#/admin/rate-sheet', '#/admin/carriers', '#/admin/approval-sheet', '#/admin/index-history', '#/admin/index-history?index=Demo%20Index', '#/admin/fleet', '#/admin/audit']) {
      expect(mayOpen(adminRoute(hash), admin)).toBe(true);
    }
    expect(adminTabs(adminRoute(`#/admin/products/${PRODUCT}`), admin).map((tab) => [tab.label, tab.current])).toEqual([
      ['Products and rates', true],
      ['Rate sheet import', false],
      ['Carriers', false],
      ['State approvals import', false],
      ['Index history', false],
      ['Fleet', false],
      ['Audit log', false],
    ]);
  });

  it('gives compliance the fleet view and the audit log only', () => {
    const compliance = accessOf(Role.compliance);
    expect(showsAdminEntry(compliance)).toBe(true);
    expect(adminHome(compliance)).toEqual({ name: 'admin-audit', tableName: null, recordId: null });
    expect(mayOpen(adminRoute('#/admin/audit'), compliance)).toBe(true);
    expect(mayOpen(adminRoute('#/admin/products'), compliance)).toBe(false);
    expect(mayOpen(adminRoute('#/admin/rate-sheet'), compliance)).toBe(false);
    expect(mayOpen(adminRoute('#/admin/carriers'), compliance)).toBe(false);
    expect(mayOpen(adminRoute('#/admin/fleet'), compliance)).toBe(true);
    expect(adminTabs(adminRoute('#/admin/audit'), compliance).map((tab) => tab.label)).toEqual(['Fleet', 'Audit log']);
    expect(canWrite(compliance)).toBe(false);
  });

  it('keeps the console readable but not writable offline', () => {
    const offline = accessOf(Role.admin, false);
    expect(showsAdminEntry(offline)).toBe(true);
    expect(mayOpen(adminRoute('#/admin/products'), offline)).toBe(true);
    expect(canWrite(offline)).toBe(false);
    expect(canWrite(accessOf(Role.admin))).toBe(true);
  });
});
