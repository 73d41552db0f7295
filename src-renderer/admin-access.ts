// Who sees which part of the admin console. The server enforces every permission; this only keeps
// the app from offering screens the user cannot use. Pure, so the role rules are unit tested.
import type { AdminAccessView as AccessAnswer } from '../src-shared/desktop-api/index.js';
import { Permission } from '../src-shared/roles.js';
import { routeHref, type AdminRoute, type Route } from './navigation.js';

/** What the admin screens need from the host's adminAccess answer. */
export type AdminAccessView = Pick<AccessAnswer, 'permissions' | 'online' | 'message'>;

export interface AdminCapabilities {
  /** Products, availability windows, rates and rate sheets. */
  catalog: boolean;
  audit: boolean;
  /** The Fleet tab: devices and delivery (admins and compliance). */
  fleet: boolean;
}

export const noAdminAccess: AdminAccessView = { permissions: [], online: false, message: null };

export function adminCapabilities(access: AdminAccessView | null): AdminCapabilities {
  const permissions = access?.permissions ?? [];
  return {
    catalog: permissions.includes(Permission.catalogPublish),
    audit: permissions.includes(Permission.auditRead),
    fleet: permissions.includes(Permission.fleetRead),
  };
}

/** Whether the masthead shows "Admin" at all. */
export function showsAdminEntry(access: AdminAccessView | null): boolean {
  const can = adminCapabilities(access);
  return can.catalog || can.audit || can.fleet;
}

/** Where "Admin" leads: the products for admins, the audit log for compliance; null for nobody. */
export function adminHome(access: AdminAccessView | null): Route | null {
  const can = adminCapabilities(access);
  if (can.catalog) return { name: 'admin-products' };
  if (can.audit) return { name: 'admin-audit', tableName: null, recordId: null };
  return null;
}

export function mayOpen(route: AdminRoute, access: AdminAccessView | null): boolean {
  const can = adminCapabilities(access);
  if (route.name === 'admin-fleet') return can.fleet;
  return route.name === 'admin-audit' ? can.audit : can.catalog;
}

/** Write buttons are enabled only online: an admin change must reach the server to count. */
export function canWrite(access: AdminAccessView | null): boolean {
  return adminCapabilities(access).catalog && access?.online === true;
}

export interface AdminTab {
  label: string;
  href: string;
  current: boolean;
}

/** The admin console's own tabs, limited to what the user may open. */
export function adminTabs(route: AdminRoute, access: AdminAccessView | null): AdminTab[] {
  const can = adminCapabilities(access);
  const tabs: AdminTab[] = [];
  if (can.catalog) {
    const onProducts = route.name === 'admin-products' || route.name === 'admin-product-new' || route.name === 'admin-product-edit' || route.name === 'admin-publish';
    tabs.push({ label: 'Products and rates', href: routeHref({ name: 'admin-products' }), current: onProducts });
    tabs.push({ label: 'Rate sheet import', href: routeHref({ name: 'admin-rate-sheet' }), current: route.name === 'admin-rate-sheet' });
    tabs.push({ label: 'Carriers', href: routeHref({ name: 'admin-carriers' }), current: route.name === 'admin-carriers' });
    tabs.push({ label: 'State approvals import', href: routeHref({ name: 'admin-approval-sheet' }), current: route.name === 'admin-approval-sheet' });
    tabs.push({ label: 'Index history', href: routeHref({ name: 'admin-index-history', indexName: null }), current: route.name === 'admin-index-history' });
  }
  if (can.fleet) tabs.push({ label: 'Fleet', href: routeHref({ name: 'admin-fleet' }), current: route.name === 'admin-fleet' });
  if (can.audit) tabs.push({ label: 'Audit log', href: routeHref({ name: 'admin-audit', tableName: null, recordId: null }), current: route.name === 'admin-audit' });
  return tabs;
}
