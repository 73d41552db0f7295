// Issue 12, Done when: on the real stack (web host, API server, PostgreSQL, development identity
// provider, headless Chromium), a rep saves and prints a comparison and saves a historical view on
// a scheduled rate; compliance@ signs in, searches by client reference and by CUSIP, opens the
// record, regenerates its PDF and sees "matches the printed copy", and exports the search as CSV;
// an admin retracts the scheduled rate, and compliance sees the comparison built on it flagged,
// with who retracted it.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../../src-shared/dates.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { businessToday, openAdmin, publishableProducts } from '../support/admin-console.js';
import { callDesktopApi, snapshot, valueOf } from '../support/desktop-api-page.js';
import { signInThroughApp, signOutAfterEach, syncFromStatusBar } from '../support/sign-in-ui.js';

/**
 * Uploads what the rep saved and printed (comparisons, then their print events) before anyone
 * signs out: sync runs until one ends with nothing pending (a run already under way when asked
 * may have started before the last save).
 */
async function syncUntilUploaded(page: Page): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const status = (await callDesktopApi(page, 'syncNow')) as { ok: boolean; value?: { state: string; pendingUploads: number } };
    last = JSON.stringify(status);
    if (status.ok && status.value?.state !== 'syncing' && status.value?.pendingUploads === 0 && attempt > 0) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`the rep's comparisons did not upload: ${last}`);
}

async function searchCompliance(page: Page, filters: { clientReference?: string; cusip?: string; retracted?: boolean }): Promise<void> {
  await page.getByTestId('compliance-filter-clientReference').fill(filters.clientReference ?? '');
  await page.getByTestId('compliance-filter-cusip').fill(filters.cusip ?? '');
  const retracted = page.getByTestId('compliance-flag-retracted');
  if ((await retracted.isChecked()) !== (filters.retracted ?? false)) await retracted.click();
  await page.getByTestId('compliance-search-button').click();
}

signOutAfterEach();

test('compliance finds a record by client reference and CUSIP, regenerates its PDF to the printed hash, and sees a retracted rate flagged', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const stamp = `E2E compliance ${Date.now()}`;
  const scheduled = addDays(businessToday(), 9);

  // An admin schedules a rate (the one that will be retracted) on a product reps can sell today.
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  const [chosen] = await publishableProducts(page, scheduled, 1);
  if (chosen === undefined) throw new Error('no product can take a scheduled rate');
  const product = chosen.product;
  valueOf((await callDesktopApi(page, 'adminPublishRate', { productId: product.productId, baseRate: '5.1', effectiveDate: scheduled })) as never);

  // The rep compares it today, saves and prints; then looks at the scheduled rate as a historical view and saves that too.
  await signInThroughApp(page, testInfo, 'rep');
  await syncFromStatusBar(page);
  await page.goto(`${new URL(page.url()).origin}/#/compare?ids=${product.productId}&premium=100000&years=5`);
  await expect(page.getByRole('heading', { level: 1, name: 'Compare products' })).toBeVisible();
  await expect(page.getByTestId('year-table').locator('tbody tr')).toHaveCount(5);
  await page.getByTestId('client-reference').fill(`${stamp} current`);
  await page.getByTestId('export-pdf').click();
  await expect(page.getByTestId('compare-message')).toContainText('Illustration saved to', { timeout: 90_000 });

  await page.goto(`${new URL(page.url()).origin}/#/catalog`);
  await page.goto(`${new URL(page.url()).origin}/#/compare?ids=${product.productId}&premium=100000&years=5`);
  await page.getByTestId('compare-asOfDate').fill(scheduled);
  await expect(page.getByTestId('historical-view')).toBeVisible();
  // The comparison is recomputed for the new date (and its save form renewed) before it is saved.
  await expect(page.getByText(`rates as of ${formatBusinessDate(scheduled)}, contract starting`)).toBeVisible();
  await page.getByTestId('client-reference').fill(`${stamp} scheduled`);
  await expect(page.getByTestId('client-reference')).toHaveValue(`${stamp} scheduled`);
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('save-comparison')).toHaveText('Saved');
  await syncUntilUploaded(page);

  // Compliance: search, open, regenerate.
  await signInThroughApp(page, testInfo, 'compliance');
  await page.getByTestId('compliance-nav').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compliance review' })).toBeVisible();
  const rows = page.getByTestId('compliance-row');

  await searchCompliance(page, { clientReference: stamp.toLowerCase() });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`${stamp} scheduled`);
  await expect(rows.nth(1)).toContainText(`${stamp} current`);
  await expect(rows.nth(1)).toContainText(`${product.productName} (${product.cusip})`);
  await expect(rows.nth(1)).toContainText('rep@ratedesk.test');
  await snapshot(page, testInfo, 'compliance-search-client-reference');

  await searchCompliance(page, { cusip: product.cusip.toLowerCase() });
  await expect(rows.filter({ hasText: `${stamp} current` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `${stamp} scheduled` })).toHaveCount(1);

  // The search as a CSV file.
  await searchCompliance(page, { clientReference: stamp });
  const download = page.waitForEvent('download');
  await page.getByTestId('compliance-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ratedesk-comparisons-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path()) ?? '', 'utf8');
  expect(csv.split('\r\n').filter((line) => line.includes(stamp))).toHaveLength(2);
  await expect(page.getByTestId('compliance-export-status')).toHaveText(/Exported 2 rows to ratedesk-comparisons-/);

  await rows.filter({ hasText: `${stamp} current` }).getByTestId('compliance-open-record').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Record / })).toBeVisible();
  await expect(page.getByTestId('compliance-facts')).toContainText('rep@ratedesk.test');
  await expect(page.getByTestId('compliance-facts')).toContainText(`${stamp} current`);
  await expect(page.getByTestId('compliance-disclosure-hash')).toHaveText(/^[0-9a-f]{64}$/);
  // What the rep saw, with the rep screen's own tables.
  await expect(page.getByTestId('year-table').locator('tbody tr')).toHaveCount(5);
  const prints = page.getByTestId('compliance-print');
  await expect(prints).toHaveCount(1);
  await prints.first().getByTestId('compliance-regenerate').click();
  const regenerated = page.getByTestId('compliance-regenerate-result');
  await expect(regenerated).toContainText('matches the printed copy', { timeout: 90_000 });
  await expect(regenerated).not.toContainText('does not match');
  await snapshot(page, testInfo, 'compliance-record-regenerated');

  // The admin retracts the scheduled rate in the admin console.
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  await openAdmin(page, 'Products and rates');
  await page.getByTestId('admin-product-search').fill(product.cusip);
  await page.getByRole('link', { name: `Rates of ${product.productName} (${product.cusip})` }).click();
  const scheduledRow = page.getByTestId('scheduled-rate-row').filter({ hasText: formatBusinessDate(scheduled) });
  await scheduledRow.getByLabel(/^Reason for retracting/).fill('E2E: compliance retraction');
  await scheduledRow.getByRole('button', { name: `Retract the rate of ${formatBusinessDate(scheduled)}` }).click();
  await expect(scheduledRow).toHaveCount(0);

  // Compliance sees the comparison built on it flagged, with who retracted it and why.
  await signInThroughApp(page, testInfo, 'compliance');
  await page.getByTestId('compliance-nav').click();
  await searchCompliance(page, { clientReference: stamp, retracted: true });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${stamp} scheduled`);
  await expect(rows.first().getByTestId('compliance-row-flags')).toContainText('Built on a retracted rate');
  await rows.first().getByTestId('compliance-open-record').click();
  await expect(page.getByTestId('compliance-record-flags')).toContainText('Built on a retracted rate');
  await expect(page.getByTestId('compliance-retractions')).toContainText('admin@ratedesk.test');
  await expect(page.getByTestId('compliance-retractions')).toContainText('E2E: compliance retraction');
  await snapshot(page, testInfo, 'compliance-record-retracted');
});

test('a rep is offered no compliance console, and its address says the account cannot use it', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo, 'rep');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' })).toBeVisible();
  await expect(page.getByTestId('compliance-nav')).toHaveCount(0);
  await page.goto(`${new URL(page.url()).origin}/#/compliance`);
  await expect(page.getByTestId('compliance-forbidden')).toContainText('cannot review comparisons');
  await expect(page.getByTestId('compliance-results')).toHaveCount(0);
});
