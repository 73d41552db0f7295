// The admin console, through its screens: an admin publishes a rate and a rep's app shows it after
// a sync; the audit log shows the publication with its old and new values; a rate sheet with bad
// rows is refused line by line with nothing published, and a good one previews, then publishes;
// off the network the console stays readable with its write buttons disabled.
import { expect, test } from '@playwright/test';
import { cusipCheckDigit } from '../../../src-shared/cusip.js';
import { addDays } from '../../../src-shared/dates.js';
import { Decimal } from '../../../src-shared/decimal.js';
import { formatBusinessDate, formatPercentText } from '../../../src-shared/format/display.js';
import { businessToday, openAdmin, productDetail, publishableProducts } from '../support/admin-console.js';
import { callDesktopApi, hostControl, snapshot, valueOf } from '../support/desktop-api-page.js';
import { signInThroughApp, syncFromStatusBar } from '../support/sign-in-ui.js';
import { z } from 'zod';
import { Product } from '../../../src-shared/catalog.js';
import { AdminImportRateSheetResult, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';

const ProductList = desktopResultSchema(z.array(Product));
const ImportResult = desktopResultSchema(AdminImportRateSheetResult);

/** Products the first test published for, so later tests choose others. */
const usedProducts: string[] = [];

test.afterEach(async ({ page, request }) => {
  // The host is shared by the run: network up and nobody signed in for whatever runs next.
  await hostControl(request, 'network-up');
  await callDesktopApi(page, 'signOut', { confirmed: true });
});

test('an admin publishes a rate in the console; the audit log shows it and a rep sees it after syncing', async ({ page, request }, testInfo) => {
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  const today = businessToday();
  const [chosen] = await publishableProducts(page, today, 1);
  if (chosen === undefined || chosen.rateInForce === null) throw new Error('no product to publish for');
  const { product } = chosen;
  usedProducts.push(product.productId);
  const oldRate = chosen.rateInForce;
  const newBase = new Decimal(oldRate.baseRate).plus('0.1357').toFixed(4);
  const newBonus = product.bonusYears === 0 ? '0.0000' : '0.2500';

  // The products list: every product, withdrawn ones too, found by CUSIP.
  await openAdmin(page, 'Products and rates');
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link')).toHaveText(['Products and rates', 'Rate sheet import', 'Carriers', 'State approvals import', 'Index history', 'Fleet', 'Audit log']);
  await expect(page.getByTestId('admin-product-row').first()).toBeVisible();
  await snapshot(page, testInfo, '01-admin-products');
  await page.getByTestId('admin-product-search').fill(product.cusip);
  const row = page.locator(`[data-testid="admin-product-row"][data-cusip="${product.cusip}"]`);
  await expect(row).toHaveCount(1);
  // The rate in force from rate history, not the product's own (possibly stale) rate column.
  await expect(row).toContainText(formatPercentText(oldRate.baseRate));

  // The editor: the shared rules judge the form as the admin types, next to each field.
  await row.getByRole('link', { name: `Edit ${product.productName} (${product.cusip})` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${product.productName}` })).toBeVisible();
  await expect(page.getByLabel('CUSIP')).toHaveValue(product.cusip);
  const minimum = page.getByTestId('field-minimumInvestment');
  await minimum.fill('0');
  await minimum.press('Tab');
  await expect(minimum).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('error-minimumInvestment')).toHaveText('must be greater than 0');
  await expect(minimum).toHaveAccessibleDescription(/must be greater than 0/);
  await page.getByTestId('save-product').click();
  await expect(page.getByTestId('save-status')).toHaveText('Nothing was saved: fix the marked fields.');
  await expect(page.getByTestId('error-summary')).toContainText('Minimum investment: must be greater than 0');
  await snapshot(page, testInfo, '02-admin-product-editor');

  // Publishing: a past date is refused before anything is sent, today is accepted.
  await page.getByRole('link', { name: 'Publish or retract rates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Rates of ${product.productName}` })).toBeVisible();
  await expect(page.getByTestId('current-base-rate')).toHaveText(`${formatPercentText(oldRate.baseRate)} since ${formatBusinessDate(oldRate.effectiveDate)}`);
  await page.getByTestId('publish-baseRate').fill(newBase);
  await page.getByTestId('publish-bonusRate').fill(newBonus);
  await page.getByTestId('publish-effective-date').fill(addDays(today, -1));
  await page.getByTestId('publish-rate').click();
  await expect(page.getByTestId('error-effectiveDate')).toContainText(`must be today (${formatBusinessDate(today)}) or later`);
  await expect(page.getByTestId('publish-outcome')).toHaveText('Nothing was published: fix the marked fields.');
  await page.getByTestId('publish-effective-date').fill(today);
  // From the keyboard: Enter in a field submits the form.
  await page.getByTestId('publish-baseRate').press('Enter');
  await expect(page.getByTestId('publish-outcome')).toContainText(`Published base ${formatPercentText(newBase)}`);
  await expect(page.getByTestId('current-base-rate')).toHaveText(`${formatPercentText(newBase)} since ${formatBusinessDate(today)}`);
  await snapshot(page, testInfo, '03-admin-publish-rate');

  const published = (await productDetail(page, product.productId)).rates.find((rate) => rate.isActive && rate.effectiveDate === today);
  expect(published).toMatchObject({ baseRate: newBase, bonusRate: newBonus, createdBy: 'admin@ratedesk.test' });
  if (published === undefined) throw new Error('the new rate is not in the local catalog');

  // The audit log: the publication with who did it and the old and new values side by side.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByTestId('audit-filter-recordId').fill(published.rateHistoryId);
  await page.getByTestId('audit-filter-action').selectOption('PUBLISH');
  await page.getByTestId('audit-apply').click();
  const entries = page.getByTestId('audit-entry');
  await expect(entries).toHaveCount(1);
  // Issue 11: the kind of record and the action in words, no table name.
  await expect(entries.first()).toContainText('Rate published by admin@ratedesk.test');
  await entries.first().getByTestId('audit-entry-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(entries.first().getByTestId('audit-entry-toggle')).toHaveAttribute('aria-expanded', 'true');
  const baseRow = page.locator('[data-testid="audit-value-row"][data-field="baseRate"]');
  await expect(baseRow).toHaveAttribute('data-changed', 'true');
  await expect(baseRow.locator('td')).toHaveText([oldRate.baseRate, newBase]);
  await expect(page.getByTestId('audit-entry-detail')).toContainText('admin@ratedesk.test');
  await expect(page.getByTestId('audit-entry-detail')).toContainText(/RateDesk/);
  await snapshot(page, testInfo, '04-admin-audit-log');

  // The rep, on a laptop that has not seen the change: after a sync the product page shows it.
  await page.getByTestId('sign-out-button').click();
  await expect(page.getByTestId('sign-in-button')).toBeVisible();
  expect(await callDesktopApi(page, 'signOut', { clearCache: true, confirmed: true })).toMatchObject({ ok: true, value: { cacheCleared: true } });
  await signInThroughApp(page, testInfo, 'rep');
  await expect(page.getByTestId('admin-nav')).toHaveCount(0);
  // Signing in starts the first sync at once (issue 11): the emptied cache fills without "Sync now".
  await expect(page.getByTestId('product-row').first()).toBeVisible({ timeout: 30_000 });
  // The laptop comes back online: the app syncs when the network returns (and the status bar offers
  // "Sync now" for a catalog that was never synced).
  expect(await hostControl(request, 'network-down')).toBe(200);
  expect(await hostControl(request, 'network-up')).toBe(200);
  await syncFromStatusBar(page);
  await page.getByTestId('catalog-search').fill(product.cusip);
  await page.locator(`a[href="#/product/${product.productId}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: product.productName })).toBeVisible();
  await expect(page.getByTestId('product-terms').getByRole('row', { name: /Base rate in force/ })).toContainText(`${formatPercentText(newBase)} since ${formatBusinessDate(today)}`);
  await snapshot(page, testInfo, '05-rep-sees-new-rate');
});

test('a rate sheet with bad rows is refused line by line and publishes nothing; a good sheet previews, then publishes', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  const effective = addDays(businessToday(), 45);
  const [first, second, third] = await publishableProducts(page, effective, 3, usedProducts);
  if (first === undefined || second === undefined || third === undefined) throw new Error('not enough products');
  const catalog = valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { includeInactive: true, limit: 10_000 })));
  const unknownCusip = `99999999${cusipCheckDigit('99999999')}`;
  expect(catalog.some((product) => product.cusip === unknownCusip)).toBe(false);

  const badSheet = [
    'cusip,base_rate,bonus_rate,effective_date',
    `${unknownCusip},4.00,,${effective}`,
    `${first.product.cusip},-1.00,,${effective}`,
    `${second.product.cusip},4.10,,2026-13-45`,
    `${third.product.cusip},4.20,,${effective}`,
    `${third.product.cusip},4.20,,${effective}`,
  ].join('\n');

  await openAdmin(page, 'Products and rates');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Rate sheet import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rate sheet import' })).toBeVisible();
  await expect(page.getByTestId('sheet-publish')).toBeDisabled();
  await page.getByTestId('sheet-text').fill(badSheet);
  await page.getByTestId('sheet-check').click();

  await expect(page.getByTestId('sheet-invalid-summary')).toHaveText('4 of 5 rows have problems; nothing was published.');
  const badRows = page.getByTestId('bad-row');
  await expect(badRows).toHaveCount(4);
  const line = (number: number) => page.locator(`[data-testid="bad-row"][data-line="${number}"]`);
  await expect(line(2)).toContainText(`cusip: ${unknownCusip} is not in the catalog`);
  await expect(line(3)).toContainText('base_rate: must be between 0 and 25 (percent)');
  await expect(line(4)).toContainText('effective_date: must be a real calendar date');
  await expect(line(6)).toContainText(`${third.product.cusip} appears again (first on line 5)`);
  await expect(line(5)).toHaveCount(0);
  await expect(page.getByTestId('sheet-publish')).toBeDisabled();
  await snapshot(page, testInfo, '06-admin-rate-sheet-invalid');

  // Even sent for real, the bad sheet writes nothing: every product keeps its rates.
  const refused = valueOf(ImportResult.parse(await callDesktopApi(page, 'adminImportRateSheet', { csv: badSheet, dryRun: false })));
  expect(refused).toMatchObject({ outcome: 'invalid' });
  expect(await callDesktopApi(page, 'syncNow')).toMatchObject({ ok: true, value: { state: 'idle' } });
  for (const chosen of [first, second, third]) {
    const after = await productDetail(page, chosen.product.productId);
    expect(after.rates).toEqual(chosen.rates);
  }

  // A good sheet, chosen as a file: the preview shows each change; publishing commits all of it.
  const goodRates = ['4.1111', '4.2222', '4.3333'];
  const goodSheet = ['cusip,base_rate,bonus_rate,effective_date', ...[first, second, third].map((chosen, index) => `${chosen.product.cusip},${goodRates[index]},,${effective}`)].join('\n');
  await page.getByTestId('sheet-file').setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(goodSheet, 'utf8') });
  await expect(page.getByTestId('sheet-text')).toHaveValue(goodSheet);
  // The preview of the bad text no longer applies to the new text.
  await expect(page.getByTestId('sheet-publish')).toBeDisabled();
  await page.getByTestId('sheet-check').click();
  const previewRows = page.getByTestId('sheet-preview').getByTestId('preview-row');
  await expect(previewRows).toHaveCount(3);
  for (const [index, chosen] of [first, second, third].entries()) {
    const previewRow = page.locator(`[data-testid="preview-row"][data-cusip="${chosen.product.cusip}"]`);
    await expect(previewRow).toContainText(chosen.product.productName);
    await expect(previewRow).toContainText(formatPercentText(goodRates[index]));
    await expect(previewRow).toContainText(formatBusinessDate(effective));
  }
  await expect(page.getByTestId('sheet-publish')).toHaveText('Publish 3 rates');
  await snapshot(page, testInfo, '07-admin-rate-sheet-preview');

  await page.getByTestId('sheet-publish').click();
  await expect(page.getByTestId('sheet-published')).toHaveText('Published 3 rates. Reps get them with their next sync.');
  await snapshot(page, testInfo, '08-admin-rate-sheet-published');
  for (const [index, chosen] of [first, second, third].entries()) {
    const after = await productDetail(page, chosen.product.productId);
    expect(after.scheduledChanges.map((rate) => [rate.effectiveDate, rate.baseRate])).toContainEqual([effective, new Decimal(goodRates[index] ?? '0').toFixed(4)]);
  }

  // A scheduled rate can be retracted before it takes effect, with a reason for the audit log.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products and rates' }).click();
  await page.getByTestId('admin-product-search').fill(first.product.cusip);
  await page.getByRole('link', { name: `Rates of ${first.product.productName} (${first.product.cusip})` }).click();
  const scheduledRow = page.getByTestId('scheduled-rate-row');
  await expect(scheduledRow).toHaveCount(1);
  await expect(scheduledRow).toContainText(formatPercentText(goodRates[0]));
  await scheduledRow.getByLabel(/^Reason for retracting/).fill('E2E: sheet sent too early');
  await scheduledRow.getByRole('button', { name: `Retract the rate of ${formatBusinessDate(effective)}` }).click();
  await expect(page.getByTestId('no-scheduled-rates')).toBeVisible();
  expect((await productDetail(page, first.product.productId)).scheduledChanges).toEqual([]);
});

test('an admin creates a product: the shared rules and the server refusal show at their fields; windows and status follow', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  const catalog = valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { includeInactive: true, limit: 10_000 })));
  const taken = catalog[0];
  if (taken === undefined) throw new Error('empty catalog');
  const freeCusip = ['E2ETST01', 'E2ETST02', 'E2ETST03'].map((first8) => `${first8}${cusipCheckDigit(first8)}`).find((cusip) => !catalog.some((product) => product.cusip === cusip));
  if (freeCusip === undefined) throw new Error('no free CUSIP');
  const today = businessToday();

  await openAdmin(page, 'Products and rates');
  await page.getByTestId('new-product').click();
  await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();
  const name = `E2E Harbor 3-Year MYGA ${Date.now()}`;
  await page.getByTestId('field-productName').fill(name);
  await page.getByTestId('field-cusip').fill(taken.cusip);
  await page.getByTestId('field-issuerName').fill('E2E Harbor Life');
  await page.getByTestId('field-minimumInvestment').fill('25,000');
  await page.getByTestId('field-termYears').fill('2');
  await page.getByTestId('field-baseRate').fill('4.25');
  await page.getByTestId('field-guaranteedMinimumRate').fill('1');
  await page.getByTestId('field-freeWithdrawalPercent').fill('10');
  for (const [index, charge] of ['7', '6', '5'].entries()) {
    await page.getByTestId('add-surrender-year').click();
    await page.getByTestId(`field-surrender-${index + 1}`).fill(charge);
  }
  // Three years of charges on a two-year term: refused before anything is sent.
  await page.getByTestId('save-product').click();
  await expect(page.getByTestId('error-surrenderSchedule')).toHaveText('must have at most termYears (2) entries, one per contract year');
  await expect(page.getByTestId('error-summary')).toContainText('Surrender schedule: must have at most termYears (2) entries');
  await page.getByTestId('field-termYears').fill('3');
  await expect(page.getByTestId('error-surrenderSchedule')).toHaveCount(0);

  // Issue ages out of order and an MVA without its terms (issue 13): the shared rules at the labelled fields.
  await page.getByLabel('Minimum issue age (years)', { exact: true }).fill('90');
  await page.getByLabel('Maximum issue age (years)', { exact: true }).fill('85');
  await page.getByTestId('field-mvaApplies').check();
  await page.getByTestId('save-product').click();
  await expect(page.getByTestId('error-maximumIssueAge')).toHaveText('must be greater than or equal to minimumIssueAge (90)');
  await expect(page.getByTestId('error-mvaSpread')).toHaveText('is required when mvaApplies is true');
  await expect(page.getByTestId('error-summary')).toContainText('MVA reference index: is required when mvaApplies is true');
  await page.getByLabel('Minimum issue age (years)', { exact: true }).fill('18');
  await page.getByLabel('MVA spread (%)', { exact: true }).fill('0.25');
  await page.getByLabel('MVA reference index', { exact: true }).fill('10-year US Treasury constant maturity');
  await page.getByLabel('MVA reference rate at issue (%)', { exact: true }).fill('4.25');
  await page.getByLabel('MVA floor (%)', { exact: true }).fill('-10');
  await expect(page.getByTestId('error-maximumIssueAge')).toHaveCount(0);
  await expect(page.getByTestId('error-mvaSpread')).toHaveCount(0);

  // A CUSIP already in the catalog: only the server knows; its answer lands on the CUSIP field.
  await page.getByTestId('save-product').click();
  await expect(page.getByTestId('error-cusip')).toContainText('already belongs to product');
  await expect(page.getByTestId('field-cusip')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('save-status')).toContainText('Nothing was saved');
  expect(valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { includeInactive: true, limit: 10_000 }))).some((product) => product.productName === name)).toBe(false);

  await page.getByTestId('field-cusip').fill(freeCusip);
  await expect(page.getByTestId('error-cusip')).toHaveCount(0);
  await page.getByTestId('save-product').click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(page.getByTestId('field-cusip')).toHaveValue(freeCusip);
  await expect(page.getByTestId('field-minimumInvestment')).toHaveValue('25000.00');
  await expect(page.getByTestId('field-maximumIssueAge')).toHaveValue('85');
  await expect(page.getByTestId('field-mvaFactorFloor')).toHaveValue('-10.0000');

  // Availability: a window from today, then a set end, then withdrawn.
  const windows = page.getByTestId('availability-row');
  const before = await windows.count();
  await page.getByTestId('window-start').fill(addDays(today, 1));
  await page.getByTestId('add-window').click();
  await expect(page.getByTestId('availability-status')).toHaveText(`Added the window from ${formatBusinessDate(addDays(today, 1))}.`);
  await expect(windows).toHaveCount(before + 1);
  const added = windows.filter({ hasText: formatBusinessDate(addDays(today, 1)) });
  await expect(added).toContainText('Scheduled');
  await added.getByRole('button', { name: /^Change the end of/ }).click();
  await added.getByLabel(/^New end date for/).fill(addDays(today, 30));
  await added.getByRole('button', { name: 'Save end date' }).click();
  await expect(added).toContainText(formatBusinessDate(addDays(today, 30)));
  await added.getByRole('button', { name: /^Withdraw/ }).click();
  await expect(added).toContainText('Withdrawn');

  // Status: a reason is required, then the product is withdrawn from sale.
  await page.getByTestId('toggle-active').click();
  await expect(page.getByTestId('status-reason')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('status-reason').fill('E2E: issuer paused new business');
  await page.getByTestId('toggle-active').click();
  await expect(page.getByTestId('toggle-active')).toHaveText('Reactivate product');
  await snapshot(page, testInfo, '10-admin-new-product-saved');
});

test('off the network the console stays readable and says it works online only', async ({ page, request }, testInfo) => {
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  await openAdmin(page, 'Products and rates');
  await expect(page.getByTestId('new-product')).toBeEnabled();

  expect(await hostControl(request, 'network-down')).toBe(200);
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Rate sheet import' }).click();
  await expect(page.getByTestId('admin-offline')).toContainText('works online only');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products and rates' }).click();
  await expect(page.getByTestId('admin-offline')).toContainText('works online only');
  await expect(page.getByTestId('new-product')).toBeDisabled();
  // Readable: the list is still there, and an editor opens with its save button disabled.
  const firstRow = page.getByTestId('admin-product-row').first();
  await expect(firstRow).toBeVisible();
  await firstRow.getByRole('link', { name: /^Edit / }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Edit / })).toBeVisible();
  await expect(page.getByTestId('save-product')).toBeDisabled();
  await snapshot(page, testInfo, '09-admin-offline');

  expect(await hostControl(request, 'network-up')).toBe(200);
  // The app asks again by itself once a sync succeeds; "Check again" is the admin's way not to wait.
  const checkAgain = page.getByRole('button', { name: 'Check again' });
  await expect(async () => {
    if (await checkAgain.isVisible()) await checkAgain.click({ timeout: 2_000 });
    await expect(page.getByTestId('admin-offline')).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('save-product')).toBeEnabled();
});
