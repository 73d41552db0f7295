// Roles in the app: a rep sees no admin console (and an admin address typed by hand says it is not
// available); compliance sees the audit log and nothing that edits the catalog.
import { expect, test } from '@playwright/test';
import { snapshot, webHostUrl } from '../support/desktop-api-page.js';
import { signInThroughApp, signOutAfterEach } from '../support/sign-in-ui.js';

signOutAfterEach();

test('a rep sees no admin console, and admin addresses are not available', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo, 'rep');
  const mainNav = page.getByRole('navigation', { name: 'Main' });
  await expect(mainNav.getByRole('link', { name: 'Catalog' })).toBeVisible();
  await expect(mainNav.getByRole('link')).toHaveText(['Catalog', 'Saved comparisons']);
  await expect(page.getByTestId('admin-nav')).toHaveCount(0);

  for (const path of ['#/admin/products', '#/admin/products/new', '#/admin/rate-sheet', '#/admin/audit']) {
    await page.goto(`${webHostUrl()}/${path}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not available' })).toBeVisible();
    await expect(page.getByTestId('admin-not-available')).toContainText('not available for your account');
    await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
    await expect(page.getByTestId('new-product')).toHaveCount(0);
  }
  await snapshot(page, testInfo, 'rep-admin-not-available');
});

test('compliance sees the audit log but no product editor', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo, 'compliance');
  await page.getByTestId('admin-nav').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link')).toHaveText(['Fleet', 'Audit log']);
  // Compliance reads what happened: at least its own sign-in is there.
  await expect(page.getByTestId('audit-entry').first()).toBeVisible();
  await snapshot(page, testInfo, 'compliance-audit-log');

  for (const path of ['#/admin/products', '#/admin/products/new', '#/admin/rate-sheet']) {
    await page.goto(`${webHostUrl()}/${path}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not available' })).toBeVisible();
    await expect(page.getByTestId('save-product')).toHaveCount(0);
    await expect(page.getByTestId('sheet-publish')).toHaveCount(0);
  }
});
