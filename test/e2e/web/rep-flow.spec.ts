// The rep's everyday flow, through the screens: sign in, find products in the catalog, read a
// product's terms and rate history, compare three for a client, notice a warning, save the
// comparison under the client's reference and reopen it with the same figures.
import { expect, test, type Page } from '@playwright/test';
import { z } from 'zod';
import { Product } from '../../../src-shared/catalog.js';
import { Decimal } from '../../../src-shared/decimal.js';
import { formatDollars } from '../../../src-shared/format/display.js';
import { ProductDetailView, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { projectGrowth, projectionTermsOf } from '../../../src-shared/projection.js';
import { canvasDrawing } from '../support/canvas-drawing.js';
import { callDesktopApi, snapshot, valueOf } from '../support/desktop-api-page.js';
import { signInThroughApp, signOutAfterEach, syncFromStatusBar } from '../support/sign-in-ui.js';
import { businessDate } from '../../../src-shared/dates.js';

/** A column header: the product's name, then its carrier line (issue 13). */
const startsWith = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

const ProductList = desktopResultSchema(z.array(Product));
const DetailResult = desktopResultSchema(ProductDetailView.nullable());

async function productDetail(page: Page, productId: string): Promise<ProductDetailView> {
  const detail = valueOf(DetailResult.parse(await callDesktopApi(page, 'productDetail', { productId })));
  if (detail === null) throw new Error(`product ${productId} is not in the local catalog`);
  return detail;
}

/** A word of some product's name that names at least three products, but not all of them. */
function searchWordFor(products: readonly Product[]): string {
  for (const product of products) {
    for (const word of product.productName.split(/\s+/)) {
      if (!/^[A-Za-z]{4,}$/.test(word)) continue;
      const named = products.filter((candidate) => candidate.productName.toLowerCase().includes(word.toLowerCase())).length;
      if (named >= 3 && named < products.length) return word;
    }
  }
  throw new Error('no word of a product name narrows the catalog to a few products');
}

function productIdOf(href: string | null): string {
  const id = /#\/product\/([^/?]+)$/.exec(href ?? '')?.[1];
  if (id === undefined) throw new Error(`not a product link: ${String(href)}`);
  return decodeURIComponent(id);
}

signOutAfterEach();

test('a rep finds products, compares three for a client, saves the comparison and reopens it', async ({ page }, testInfo) => {
  await signInThroughApp(page, testInfo);
  await syncFromStatusBar(page);

  const rows = page.getByTestId('product-row');
  const search = page.getByTestId('catalog-search');
  const catalog = valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { limit: 1000 })));
  const word = searchWordFor(catalog);
  const rowsBefore = await rows.count();
  await snapshot(page, testInfo, '01-catalog');

  // Searching narrows the list to products that carry the word.
  await search.fill(word);
  await expect.poll(() => rows.count()).toBeLessThan(rowsBefore);
  const names = await rows.getByRole('link').allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(3);
  for (const name of names) expect(name.toLowerCase()).toContain(word.toLowerCase());

  // Three products of the search that can be sold and projected today, in the order listed.
  const chosen: ProductDetailView[] = [];
  for (const href of await rows.getByRole('link').evaluateAll((links) => links.map((link) => Reflect.get(link, 'hash') as unknown))) {
    if (chosen.length === 3) break;
    const detail = await productDetail(page, productIdOf(typeof href === 'string' ? href : null));
    if (detail.product.isActive && detail.availableOnDate && detail.rateInForce !== null) chosen.push(detail);
  }
  expect(chosen).toHaveLength(3);

  // The product page: terms, surrender schedule and the rate history drawn.
  const shownProduct = chosen.find((detail) => detail.product.surrenderSchedule.length > 0) ?? chosen[0];
  if (shownProduct === undefined) throw new Error('nothing chosen');
  // Names repeat across issuers' product lines, so each product is found by its link.
  await page.locator(`a[href="#/product/${shownProduct.product.productId}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: shownProduct.product.productName })).toBeFocused();
  const terms = page.getByTestId('product-terms');
  await expect(terms.getByRole('row', { name: /Minimum premium/ })).toContainText(formatDollars(shownProduct.product.minimumInvestment));
  await expect(terms.getByRole('row', { name: /CUSIP/ })).toContainText(shownProduct.product.cusip);
  if (shownProduct.product.surrenderSchedule.length > 0) {
    // One row per contract year with a charge, plus "N and later".
    await expect(page.getByTestId('surrender-schedule').locator('tbody tr')).toHaveCount(shownProduct.product.surrenderSchedule.length + 1);
  }
  const rateChart = page.getByTestId('rate-history-chart').locator('canvas');
  await expect(rateChart).toBeVisible();
  await expect.poll(async () => (await canvasDrawing(rateChart)).paintedPixels).toBeGreaterThan(500);
  const rateDrawing = await canvasDrawing(rateChart);
  expect(rateDrawing.width).toBeGreaterThan(100);
  expect(rateDrawing.height).toBeGreaterThan(100);
  await snapshot(page, testInfo, '02-product');

  // Back in the catalog, the rep picks the three products and compares them.
  await page.getByRole('link', { name: '← Catalog' }).click();
  await search.fill(word);
  await expect.poll(() => rows.count()).toBeLessThan(rowsBefore);
  await expect(page.getByTestId('compare-button')).toBeDisabled();
  for (const detail of chosen) {
    const row = rows.filter({ has: page.locator(`a[href="#/product/${detail.product.productId}"]`) });
    await row.getByRole('checkbox', { name: `Compare ${detail.product.productName}`, exact: true }).check();
  }
  await expect(page.getByTestId('compare-button')).toHaveText('Compare 3 products');
  await page.getByTestId('compare-button').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare products' })).toBeVisible();

  await page.getByTestId('compare-premium').fill('100000');
  await page.getByTestId('compare-years').fill('5');
  const yearRows = page.getByTestId('year-table').locator('tbody tr');
  await expect(yearRows).toHaveCount(5);
  await expect(page.getByText('$100,000.00 over 5 years', { exact: false })).toBeVisible();

  // Key terms: one column per product, in the order they were picked.
  const termHeaders = page.getByTestId('terms-table').locator('thead th');
  await expect(termHeaders).toHaveText(['Term', ...chosen.map((detail) => startsWith(detail.product.productName))]);

  // Year 1 account value of each product is exactly what the projection rules give for its rate.
  // The business date (New York's), which the app uses wherever the laptop is.
  const today = businessDate(new Date(), 'America/New_York');
  const expectedYearOne = chosen.map((detail) => {
    const rate = detail.rateInForce;
    if (rate === null) throw new Error('no rate in force');
    const projection = projectGrowth({
      premium: '100000.00',
      years: 5,
      startDate: today,
      product: projectionTermsOf({ ...detail.product, baseRate: rate.baseRate, bonusRate: rate.bonusRate }),
    });
    const first = projection.rows[0];
    if (first === undefined) throw new Error('no first year');
    return formatDollars(first.accountValue);
  });
  const firstYearCells = yearRows.first().locator('td');
  for (const [index, expected] of expectedYearOne.entries()) await expect(firstYearCells.nth(index * 3)).toHaveText(startsWithFigure(expected));

  const growthChart = page.getByTestId('growth-chart').locator('canvas');
  await expect(growthChart).toBeVisible();
  await expect.poll(async () => (await canvasDrawing(growthChart)).paintedPixels).toBeGreaterThan(500);
  await snapshot(page, testInfo, '03-compare');

  // A premium under one product's minimum is flagged before the rep shows the figures.
  const strictest = [...chosen].sort((a, b) => new Decimal(b.product.minimumInvestment).comparedTo(a.product.minimumInvestment))[0];
  if (strictest === undefined) throw new Error('nothing chosen');
  const belowMinimum = new Decimal(strictest.product.minimumInvestment).minus('0.01').toFixed(2);
  await page.getByTestId('compare-premium').fill(belowMinimum);
  const warnings = page.getByTestId('comparison-warnings');
  await expect(warnings).toContainText(`${strictest.product.productName}:`);
  await expect(warnings).toContainText(`below this product's minimum investment of ${formatDollars(strictest.product.minimumInvestment)}`);
  await snapshot(page, testInfo, '04-compare-premium-below-minimum');

  // Back to the client's premium, then save under the client's reference.
  await page.getByTestId('compare-premium').fill('100000');
  await expect(firstYearCells.first()).toHaveText(startsWithFigure(expectedYearOne[0] ?? ''));
  await expect(page.getByText('$100,000.00 over 5 years', { exact: false })).toBeVisible();
  const clientReference = `E2E rep flow ${Date.now()}`;
  await page.getByTestId('client-reference').fill(clientReference);
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('save-comparison')).toHaveText('Saved');
  const shownYears = await page.getByTestId('year-table').innerText();
  const shownTerms = await page.getByTestId('terms-table').innerText();

  await page.getByRole('link', { name: 'Saved comparisons' }).click();
  const savedRow = page.getByTestId('saved-row').filter({ hasText: clientReference });
  await expect(savedRow).toHaveCount(1);
  await expect(savedRow).toContainText('$100,000.00');
  await expect(savedRow).toContainText('5 years');
  await snapshot(page, testInfo, '05-saved-list');

  await savedRow.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Saved comparison' })).toBeVisible();
  await expect(page.getByTestId('saved-meta')).toContainText(`for ${clientReference}`);
  await expect(page.getByTestId('year-table').locator('tbody tr')).toHaveCount(5);
  expect(await page.getByTestId('year-table').innerText()).toBe(shownYears);
  expect(await page.getByTestId('terms-table').innerText()).toBe(shownTerms);
  for (const [index, expected] of expectedYearOne.entries()) await expect(page.getByTestId('year-table').locator('tbody tr').first().locator('td').nth(index * 3)).toHaveText(startsWithFigure(expected));
  await snapshot(page, testInfo, '06-saved-comparison');
});

/** The exact figure, optionally followed by its non-guaranteed mark (an FIA's current-rate value), never by more digits. */
function startsWithFigure(figure: string): RegExp {
  return new RegExp(`^${figure.replace(/[$.,]/g, '\\$&')}(?![0-9.,])`);
}
