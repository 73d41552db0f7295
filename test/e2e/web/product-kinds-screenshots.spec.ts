// Screenshots a reviewer reads (issue 11): the catalog, the product page of a MYGA, an FIA, a bank CD
// and a brokered CD, a Compare of the four and every page of its client illustration PDF (rendered
// with poppler's pdftoppm), kept in this test's folder under test-results/web/ and attached to the
// report, named by product kind. Each screen is also checked for what it must show: the rate in
// force, a CD's APY by name, a bank CD's early-withdrawal penalty, a brokered CD's market price,
// no annuity labels on CDs, and every FIA current-rate figure marked not guaranteed.
import { expect, test, type Page } from '@playwright/test';
import { z } from 'zod';
import { isBrokeredCd } from '../../../src-shared/catalog.js';
import { CatalogProduct } from '../../../src-shared/catalog/catalog-row.js';
import { desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { Decimal } from '../../../src-shared/decimal.js';
import { businessToday } from '../support/admin-console.js';
import { callDesktopApi, webHostDownloadsDir, valueOf } from '../support/desktop-api-page.js';
import { dateRegExp, exportedPdfPath, fullPageShot, pdfPagePngs, pdfText, percentRegExp } from '../support/figures-and-pdfs.js';
import { signInThroughApp, signOutAfterEach, syncFromStatusBar } from '../support/sign-in-ui.js';

/** A column header: the product's name, then its carrier line (issue 13). */
const startsWith = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

const CatalogList = desktopResultSchema(z.array(CatalogProduct));
type Listed = z.infer<typeof CatalogProduct>;

/** A CD's APY by name with its 2-decimal figure, either way round: "5.71% APY", "APY 5.71%", "Annual percentage yield (APY): 5.71%". */
const APY = /\d+\.\d{2}%\s*APY|APY\)?:?\s*\d+\.\d{2}%/i;

const KINDS = ['myga', 'fia', 'bank-cd', 'brokered-cd'] as const;
type Kind = (typeof KINDS)[number];

function kindOf(product: Listed): Kind {
  if (product.productType === 'MYGA') return 'myga';
  if (product.productType === 'FIA') return 'fia';
  return isBrokeredCd(product) ? 'brokered-cd' : 'bank-cd';
}

/** Per kind, the first product in catalog order that can be sold today with a rate in force and takes `premium`. */
async function oneOfEachKind(page: Page, premium: string): Promise<Record<Kind, Listed>> {
  const catalog = valueOf(CatalogList.parse(await callDesktopApi(page, 'catalogList', { limit: 1000 })));
  const takes = (product: Listed) =>
    new Decimal(product.minimumInvestment).lessThanOrEqualTo(premium) && (product.maximumInvestment === null || new Decimal(product.maximumInvestment).greaterThanOrEqualTo(premium));
  const chosen: Partial<Record<Kind, Listed>> = {};
  for (const product of catalog) {
    const kind = kindOf(product);
    if (chosen[kind] === undefined && product.isActive && product.asOf.available && product.asOf.rateInForce !== null && takes(product)) chosen[kind] = product;
  }
  for (const kind of KINDS) if (chosen[kind] === undefined) throw new Error(`no sellable ${kind} in the demo catalog takes ${premium}`);
  return chosen as Record<Kind, Listed>;
}

signOutAfterEach();

test('screenshots of the catalog, a MYGA, an FIA, a bank CD and a brokered CD, their Compare and its PDF pages', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const downloadsDir = webHostDownloadsDir();
  // Enough that a bank CD's premium plus interest passes the $250,000 FDIC limit within the horizon.
  const premium = '240000';
  const years = 5;

  await signInThroughApp(page, testInfo);
  await syncFromStatusBar(page);
  const today = businessToday();
  const products = await oneOfEachKind(page, premium);
  testInfo.annotations.push({ type: 'products', description: KINDS.map((kind) => `${kind}: ${products[kind].productName} (${products[kind].cusip})`).join('; ') });

  // The catalog as a rep first sees it, then narrowed to each product's row.
  await expect(page.getByTestId('catalog-as-of')).toContainText(dateRegExp(today));
  await fullPageShot(page, testInfo, 'catalog');
  for (const kind of KINDS) {
    const product = products[kind];
    const rate = product.asOf.rateInForce?.baseRate ?? '';
    await page.getByTestId('catalog-search').fill(product.cusip);
    const row = page.getByTestId('product-row').filter({ has: page.locator(`a[href="#/product/${product.productId}"]`) });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('rate-in-force')).toContainText(percentRegExp(rate));
    if (kind === 'fia') {
      for (const figure of ['rate-in-force', 'year-1-rate', 'effective-yield']) await expect(row.getByTestId(figure).getByTestId('not-guaranteed')).toContainText(/not guaranteed/i);
    } else {
      await expect(row.getByTestId('not-guaranteed')).toHaveCount(0);
    }
    await fullPageShot(page, testInfo, `catalog-${kind}`);
  }
  await page.getByTestId('catalog-search').fill('');

  // Each product's page.
  for (const kind of KINDS) {
    const product = products[kind];
    const rate = product.asOf.rateInForce?.baseRate ?? '';
    await page.goto(`${page.url().split('#')[0]}#/product/${product.productId}`);
    await expect(page.getByRole('heading', { level: 1, name: product.productName })).toBeVisible();
    const terms = page.getByTestId('product-terms');
    const inForce = terms.getByRole('row', { name: /rate in force/i });
    await expect(inForce).toContainText(percentRegExp(rate));
    if (kind === 'fia') await expect(inForce).toContainText(/not guaranteed/i);
    else await expect(inForce).not.toContainText(/not guaranteed/i);
    // The rate history's rates are an FIA's current crediting rates: its column and a note say so.
    const historyHeader = page.getByTestId('rate-history-table').locator('thead');
    if (kind === 'fia') {
      await expect(historyHeader).toContainText(/not guaranteed/i);
      await expect(page.getByTestId('rate-history-note')).toContainText(/not guaranteed/i);
    } else {
      await expect(historyHeader).not.toContainText(/not guaranteed/i);
      await expect(page.getByTestId('rate-history-note')).toHaveCount(0);
    }
    if (kind === 'bank-cd' || kind === 'brokered-cd') {
      await expect(terms.getByRole('row', { name: /annual percentage yield|APY/i })).toContainText(APY);
      await expect(terms).not.toContainText(/Surrender charges|Free withdrawals|Return of premium/);
      if (kind === 'brokered-cd') await expect(page.locator('main')).toContainText(/market price/i);
      else await expect(terms.getByRole('row', { name: /early-withdrawal penalty/i })).toBeVisible();
    }
    // Issue ages on every product; MVA terms (or "None") on annuities only (issue 13).
    await expect(terms.getByRole('row', { name: /issue ages/i })).toBeVisible();
    await expect(terms.getByRole('row', { name: /market value adjustment/i })).toHaveCount(kind === 'bank-cd' || kind === 'brokered-cd' ? 0 : 1);
    await fullPageShot(page, testInfo, `product-${kind}`);
  }

  // Compare the four, save the comparison and export the client illustration.
  const ids = KINDS.map((kind) => products[kind].productId).join(',');
  await page.goto(`${page.url().split('#')[0]}#/compare?ids=${ids}&premium=${premium}&years=${years}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Compare products' })).toBeVisible();
  await expect(page.getByTestId('year-table').locator('tbody tr')).toHaveCount(years);
  await expect(page.getByTestId('compare-asOfDate')).toHaveValue(today);
  const termsTable = page.getByTestId('terms-table');
  await expect(termsTable.locator('thead th')).toHaveText(['Term', ...KINDS.map((kind) => startsWith(products[kind].productName))]);
  const baseRates = termsTable.getByRole('row', { name: /base rate/i }).locator('td');
  for (const [index, kind] of KINDS.entries()) await expect(baseRates.nth(index)).toContainText(percentRegExp(products[kind].asOf.rateInForce?.baseRate ?? ''));
  await expect(baseRates.nth(1)).toContainText(/not guaranteed/i);
  const yields = termsTable.getByRole('row', { name: /yield/i }).locator('td');
  await expect(yields.nth(2)).toContainText(APY);
  await expect(yields.nth(3)).toContainText(APY);
  await expect(yields.nth(1)).toContainText(/not guaranteed/i);
  await expect(termsTable).toContainText(/market price/i);
  await expect(termsTable).toContainText(/early-withdrawal penalty/i);
  // CDs show their rate guaranteed to maturity, not an annuity's bonus or minimum rate.
  const toMaturity = termsTable.getByRole('row', { name: /rate guaranteed to maturity/i }).locator('td');
  await expect(toMaturity.nth(2)).toContainText(/until maturity/);
  await expect(toMaturity.nth(3)).toContainText(/until maturity/);
  await expect(termsTable.getByRole('row', { name: /bonus rate/i }).locator('td').nth(2)).toHaveText('Not applicable to a CD');
  await expect(termsTable.getByRole('row', { name: /guaranteed minimum rate/i }).locator('td').nth(3)).toHaveText('Not applicable to a CD');
  // Values at the FIA's current rate are marked from year 1.
  await expect(page.getByTestId('year-table').locator('tbody tr').first().locator('td').nth(3)).toHaveClass(/not-guaranteed/);
  await expect(page.getByTestId('comparison-warnings')).toContainText(/FDIC|250,000/);
  await page.getByTestId('client-reference').fill(`E2E four kinds ${Date.now()}`);
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('save-comparison')).toHaveText('Saved');
  await fullPageShot(page, testInfo, 'compare-myga-fia-bank-cd-brokered-cd');
  // The year table of four products is wider than the screen's content column at any window width
  // and scrolls sideways: the columns past the fold, as a rep sees them after scrolling right.
  const yearTableScroller = page.getByTestId('year-table').locator('xpath=..');
  await yearTableScroller.evaluate((element) => Reflect.set(element, 'scrollLeft', 100_000));
  const scrolled = await yearTableScroller.screenshot({ path: testInfo.outputPath('compare-myga-fia-bank-cd-brokered-cd-year-table-scrolled-right.png') });
  await testInfo.attach('compare-myga-fia-bank-cd-brokered-cd-year-table-scrolled-right', { body: scrolled, contentType: 'image/png' });
  await page.getByTestId('export-pdf').click();
  const pdf = await exportedPdfPath(page.getByTestId('compare-message'), downloadsDir);

  const layout = await pdfText(pdf, testInfo, 'illustration-myga-fia-bank-cd-brokered-cd');
  const pages = await pdfPagePngs(pdf, testInfo, 'illustration-myga-fia-bank-cd-brokered-cd');
  expect(pages.length).toBeGreaterThanOrEqual(2);
  const text = layout.replace(/\s+/g, ' ');
  expect(text).toMatch(new RegExp(`rates as of (?:${dateRegExp(today).source})`, 'i'));
  for (const kind of KINDS) {
    expect(text).toContain(products[kind].productName);
    expect(text).toMatch(percentRegExp(products[kind].asOf.rateInForce?.baseRate ?? ''));
  }
  // A CD's APY by name, either way round ("5.71% APY", "Annual percentage yield (APY): 5.71%"), once per CD at least.
  expect(text.match(/\d\.\d{2}% APY|annual percentage yield \(APY\):? \d+\.\d{2}%/gi)?.length ?? 0).toBeGreaterThanOrEqual(2);
  expect(text).toMatch(/market price/i);
  expect(text).toMatch(/not guaranteed/i);
  expect(text).toMatch(/FDIC/);
});
