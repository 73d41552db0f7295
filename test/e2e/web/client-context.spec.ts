// Selling where the client lives (issue 13): the rep sets the client (New York, age 80) once in the
// bar under the masthead. Products not approved in New York that day, or whose issue ages stop
// before 80, leave the catalog; "Show products that do not fit" brings them back marked with the
// reason; Compare warns about them by name; the PDF (read back with pdftotext) names the state, the
// ages, the misfits and the carrier with its rating date. Then an admin withdraws a product's New
// York approval through the admin API and, after a sync, it leaves New York's list.
//
// The set-up is the test's own, on its own stack: the admin (also a rep) approves two products in
// New York and creates a carrier through the app's admin calls (the real admin API, audited); the
// test puts issue ages and the carrier on the products, and retires any New York approval the demo
// catalog gave the three products, directly in this stack's PostgreSQL.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { z } from 'zod';
import { Carrier } from '../../../src-shared/catalog/carriers.js';
import { StateApproval } from '../../../src-shared/catalog/state-approvals.js';
import { CatalogListRow, desktopResultSchema, ProductDetailView } from '../../../src-shared/desktop-api/index.js';
import { addDays } from '../../../src-shared/dates.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { callDesktopApi, snapshot, valueOf } from '../support/desktop-api-page.js';
import { useOwnStackWithDatabase } from '../support/own-stack-database.js';
import { signInThroughApp, syncFromStatusBar } from '../support/sign-in-ui.js';

const Rows = desktopResultSchema(z.array(CatalogListRow));
const Detail = desktopResultSchema(ProductDetailView.nullable());
const ApprovalResult = desktopResultSchema(StateApproval);
const CarrierResult = desktopResultSchema(Carrier);
const RATING_AS_OF = '2026-06-30';

const { inDatabase } = useOwnStackWithDatabase('ratedesk-client-context-');

/** Products of a type that can be sold and projected today, in name order. */
async function sellable(page: Page, productType: 'MYGA' | 'CD', count: number): Promise<CatalogListRow[]> {
  const rows = valueOf(Rows.parse(await callDesktopApi(page, 'catalogList', { productType, sort: 'name', limit: 200, yields: false })));
  const chosen = rows.filter((row) => row.isActive && row.asOf.available && row.asOf.rateInForce !== null).slice(0, count);
  expect(chosen).toHaveLength(count);
  return chosen;
}

/** The catalog row of a product after searching for its CUSIP (none when it is filtered out). */
async function searchRow(page: Page, product: CatalogListRow) {
  await page.getByTestId('catalog-search').fill(product.cusip);
  // The search is debounced: wait for the list or the empty notice of this search.
  const row = page.getByTestId('product-row').filter({ has: page.locator(`a[href="#/product/${product.productId}"]`) });
  await expect(row.or(page.getByTestId('catalog-empty')).first()).toBeVisible();
  return row;
}

async function syncNow(page: Page): Promise<void> {
  expect(await callDesktopApi(page, 'syncNow')).toMatchObject({ ok: true, value: { state: 'idle' } });
}

test('the rep sets New York and age 80: the catalog, Compare and the PDF follow the client; a withdrawn approval leaves the list after a sync', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await signInThroughApp(page, testInfo, 'admin');
  await syncFromStatusBar(page);
  const today = z.object({ ok: z.literal(true), value: z.object({ date: z.string() }) }).parse(await callDesktopApi(page, 'businessDate')).value.date;

  // A fits (approved in NY, ages 0-85); B is approved in NY but issued to 75 at most; C is not approved in NY; D is a CD (not state-filed).
  const [a, b, c] = await sellable(page, 'MYGA', 3);
  const [d] = await sellable(page, 'CD', 1);
  if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('the demo catalog lacks products');
  const carrier = valueOf(
    CarrierResult.parse(
      await callDesktopApi(page, 'adminCreateCarrier', { carrierName: 'E2E Summit Ridge Life', naicCode: '60054', amBestRating: 'A', amBestOutlook: 'stable', ratingAsOf: RATING_AS_OF }),
    ),
  );
  await inDatabase(async (client) => {
    await client.query(`UPDATE product_state_approvals SET is_active = false, updated_by = 'e2e set-up' WHERE product_id = ANY($1::uuid[]) AND state_code = 'NY' AND is_active`, [
      [a.productId, b.productId, c.productId],
    ]);
    await client.query(`UPDATE products SET minimum_issue_age = 0, maximum_issue_age = 85, carrier_id = $2 WHERE product_id = $1`, [a.productId, carrier.carrierId]);
    await client.query(`UPDATE products SET minimum_issue_age = 0, maximum_issue_age = 75 WHERE product_id = $1`, [b.productId]);
    await client.query(`UPDATE products SET minimum_issue_age = 0, maximum_issue_age = 90 WHERE product_id = $1`, [c.productId]);
  });
  const approveInNy = async (productId: string) =>
    valueOf(ApprovalResult.parse(await callDesktopApi(page, 'adminAddStateApproval', { productId, approval: { stateCode: 'NY', approvedFrom: '2020-01-01', approvedUntil: null } })));
  const approvalOfA = await approveInNy(a.productId);
  await approveInNy(b.productId);
  await syncNow(page);

  // The rep sets the client once, in the bar under the masthead.
  await page.getByTestId('client-change').click();
  await page.getByLabel('Client’s state').selectOption('NY');
  await page.getByLabel('Client’s age (owner)').fill('80');
  await page.getByTestId('client-save').click();
  await expect(page.getByTestId('client-context')).toHaveText('Client: New York, owner 80');
  await snapshot(page, testInfo, '01-client-set');

  // Only what may be sold to this client: A and the CD; B (ages) and C (state) are gone.
  await expect(await searchRow(page, a)).toBeVisible();
  await expect((await searchRow(page, a)).getByTestId('product-carrier')).toHaveText(`E2E Summit Ridge Life (NAIC 60054) · A (stable), AM Best as of ${RATING_AS_OF}`);
  await expect(await searchRow(page, d)).toBeVisible();
  await expect(await searchRow(page, b)).toHaveCount(0);
  await expect(await searchRow(page, c)).toHaveCount(0);

  // The switch shows the rest, each marked with why.
  await page.getByTestId('show-not-fitting').check();
  await expect((await searchRow(page, b)).getByTestId('product-not-fitting')).toHaveText('Issue ages 0–75 (owner 80)');
  await expect((await searchRow(page, c)).getByTestId('product-not-fitting')).toHaveText('Not approved in New York');
  await expect((await searchRow(page, a)).getByTestId('product-not-fitting')).toHaveCount(0);
  await snapshot(page, testInfo, '02-not-fitting-marked');

  // The context survives screens: Compare A, B and C, which warns about B and C by name.
  for (const product of [a, b, c]) await (await searchRow(page, product)).getByRole('checkbox', { name: `Compare ${product.productName}`, exact: true }).check();
  await page.getByTestId('compare-button').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare products' })).toBeVisible();
  await expect(page.getByTestId('client-context')).toHaveText('Client: New York, owner 80');
  const warnings = page.getByTestId('client-fit-warnings');
  await expect(warnings).toContainText('Not every product here may be sold to this client (New York, owner 80)');
  await expect(warnings.getByTestId('client-misfit')).toHaveText([`${b.productName}: Issue ages 0–75 (owner 80)`, `${c.productName}: Not approved in New York`]);
  // Each column names its carrier; A's is the one set up here (the demo catalog gives the others theirs).
  await expect(page.getByTestId('column-carrier').first()).toHaveText(`E2E Summit Ridge Life (NAIC 60054) · A (stable), AM Best as of ${RATING_AS_OF}`);
  await snapshot(page, testInfo, '03-compare-warns');

  // The PDF names the state, the ages, the misfits and the carrier with its rating date.
  await page.getByTestId('client-reference').fill(`E2E client context ${Date.now()}`);
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('save-comparison')).toHaveText('Saved');
  await page.getByTestId('export-pdf').click();
  const message = page.getByTestId('compare-message');
  await expect(message).toContainText('Illustration saved to', { timeout: 90_000 });
  const filePath = /Illustration saved to (.+\.pdf)\.$/.exec((await message.textContent()) ?? '')?.[1];
  if (filePath === undefined || !existsSync(filePath)) throw new Error(`the message names no PDF: ${await message.textContent()}`);
  const text = execFileSync('pdftotext', ['-layout', filePath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  await testInfo.attach('illustration.txt', { body: text, contentType: 'text/plain' });
  expect(text).toContain('Client state: New York (NY)');
  expect(text).toContain('owner (client) age 80');
  expect(text).toContain('not every product shown may be sold to this client');
  expect(text).toContain(`${b.productName}: Issue ages 0–75 (owner 80)`);
  expect(text).toContain(`${c.productName}: Not approved in New York`);
  expect(text).toContain('E2E Summit Ridge Life');
  expect(text).toContain(`AM Best as of ${RATING_AS_OF}`);

  // An admin withdraws A's New York approval as of yesterday; after a sync A leaves New York's list.
  const yesterday = addDays(today, -1);
  expect(await callDesktopApi(page, 'adminWithdrawStateApproval', { approvalId: approvalOfA.approvalId, approvedUntil: yesterday, reason: 'E2E: withdrawn in New York' })).toMatchObject({
    ok: true,
    value: { approvedUntil: yesterday },
  });
  await syncNow(page);
  await page.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByTestId('show-not-fitting')).not.toBeChecked();
  await expect(await searchRow(page, a)).toHaveCount(0);
  await page.getByTestId('show-not-fitting').check();
  await expect((await searchRow(page, a)).getByTestId('product-not-fitting')).toHaveText('Not approved in New York');
  const detail = valueOf(Detail.parse(await callDesktopApi(page, 'productDetail', { productId: a.productId })));
  expect(detail?.clientFit).toEqual({ fits: false, reasons: ['Not approved in New York'] });
  await page.getByRole('link', { name: a.productName }).click();
  await expect(page.getByTestId('approvals-withdrawn')).toContainText(`New York (NY): withdrawn ${formatBusinessDate(yesterday)}`);
  await snapshot(page, testInfo, '04-withdrawn-in-new-york');

  // "New client" clears it: the catalog lists every state again.
  await page.getByTestId('client-clear').click();
  await expect(page.getByTestId('client-context')).toHaveText('No client set: the catalog lists every state and age.');
});
