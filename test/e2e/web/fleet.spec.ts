// The admin console's Fleet tab (issue 14): the devices with their last sync, and for a rate sheet
// the admin has just published, who has it and who does not yet. A device "has" a publication once
// its pull completed at or past the publication's version, so the rep (who has not synced since)
// lacks it and the admin has it after one sync.
import { expect, test, type Page } from '@playwright/test';
import { z } from 'zod';
import { addDays } from '../../../src-shared/dates.js';
import { AdminImportRateSheetResult, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { businessToday, openAdmin, publishableProducts } from '../support/admin-console.js';
import { callDesktopApi, snapshot, valueOf } from '../support/desktop-api-page.js';
import { demoUsers, signInThroughApp, signOutAfterEach } from '../support/sign-in-ui.js';

const ImportResult = desktopResultSchema(AdminImportRateSheetResult);
const SyncResult = z.object({ ok: z.literal(true), value: z.object({ state: z.literal('idle') }) });

signOutAfterEach();

async function syncNow(page: Page): Promise<void> {
  SyncResult.parse(await callDesktopApi(page, 'syncNow'));
}

test('the fleet view lists the devices and shows who lacks a just-published rate sheet', async ({ page }, testInfo) => {
  // The rep syncs on this laptop, then leaves it; the admin signs in on it.
  await signInThroughApp(page, testInfo, 'rep');
  await syncNow(page);
  await signInThroughApp(page, testInfo, 'admin');
  await syncNow(page);

  // A rate sheet far enough ahead that no other test's publication gets in its way.
  const effective = addDays(businessToday(), 400);
  const [chosen] = await publishableProducts(page, effective, 1);
  if (chosen === undefined) throw new Error('no product to publish for');
  const sheet = `cusip,base_rate,bonus_rate,effective_date\n${chosen.product.cusip},4.4321,,${effective}`;
  expect(valueOf(ImportResult.parse(await callDesktopApi(page, 'adminImportRateSheet', { csv: sheet, dryRun: false })))).toMatchObject({ outcome: 'published' });

  await openAdmin(page, 'Products and rates');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Fleet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();

  // Every rep on every device, with the last sync and what the device reported.
  const devices = page.getByTestId('fleet-devices');
  const repRow = devices.getByRole('row').filter({ hasText: demoUsers.rep.username });
  const adminRow = devices.getByRole('row').filter({ hasText: demoUsers.admin.username });
  await expect(repRow).toHaveCount(1);
  await expect(adminRow).toHaveCount(1);
  await expect(repRow.getByTestId('fleet-device-status')).toHaveText('OK');
  await expect(repRow).toContainText('today');
  await expect(page.getByTestId('fleet-summary')).toContainText(/\d+ devices?, 0 stale/);

  // Delivery of the sheet just published (the newest publication, chosen by default): nobody has it yet.
  const publication = page.getByLabel('Publication');
  await expect(publication.locator('option').first()).toContainText(`1 rate, effective ${effective}`);
  const lacking = page.getByTestId('fleet-delivery-lacks');
  await expect(lacking.getByRole('row').filter({ hasText: demoUsers.rep.username })).toHaveCount(1);
  await expect(page.getByTestId('fleet-delivery-summary')).toContainText('do');
  await snapshot(page, testInfo, '01-fleet-delivery-lacking');

  // One sync of the admin's laptop delivers it.
  await syncNow(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();
  await page.getByLabel('Devices that have it').check();
  await expect(page.getByTestId('fleet-delivery-has').getByRole('row').filter({ hasText: demoUsers.admin.username })).toHaveCount(1);
  await expect(page.getByTestId('fleet-delivery-has').getByRole('row').filter({ hasText: demoUsers.rep.username })).toHaveCount(0);
  await page.getByLabel('Devices that do not have it yet').check();
  await expect(page.getByTestId('fleet-delivery-lacks').getByRole('row').filter({ hasText: demoUsers.rep.username })).toHaveCount(1);
  await expect(page.getByTestId('fleet-delivery-summary')).toHaveText(/^\d+ of \d+ devices? ha(s|ve) it; \d+ do(es)? not yet\.$/);
  await snapshot(page, testInfo, '02-fleet-delivery-after-sync');
});
