// A rep compares a MYGA, a fixed indexed annuity and a CD, saves the comparison and exports the
// client illustration with the app's button. The web host prints it with headless Chromium into
// its downloads folder; the test reads the PDF's text (poppler's pdftotext) and checks what a
// compliance reviewer would: the title, the date prepared, "rates as of", "Page X of Y" on every
// page, each product, the year-1 and final-year values exactly as the year-by-year table showed
// them, the chart, and the disclosures.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { z } from 'zod';
import { Product, type ProductType } from '../../../src-shared/catalog.js';
import { AuditPage, ProductDetailView, SavedComparisonView, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { callDesktopApi, snapshot, webHostDownloadsDir, valueOf } from '../support/desktop-api-page.js';
import { signInThroughApp, signOutAfterEach, syncFromStatusBar } from '../support/sign-in-ui.js';
import { businessDate } from '../../../src-shared/dates.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';

const ProductList = desktopResultSchema(z.array(Product));
const DetailResult = desktopResultSchema(ProductDetailView.nullable());
const YEARS = 6;
const MONEY = /\$[\d,]+\.\d{2}/;

/** The first product of each type that can be sold and projected today, in catalog order. */
async function oneOfEachType(page: Page, types: readonly ProductType[]): Promise<Product[]> {
  const catalog = valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { limit: 1000 })));
  const chosen: Product[] = [];
  for (const type of types) {
    for (const product of catalog.filter((candidate) => candidate.productType === type && candidate.isActive)) {
      const detail = valueOf(DetailResult.parse(await callDesktopApi(page, 'productDetail', { productId: product.productId })));
      if (detail !== null && detail.availableOnDate && detail.rateInForce !== null) {
        chosen.push(detail.product);
        break;
      }
    }
  }
  expect(chosen.map((product) => product.productType)).toEqual(types);
  return chosen;
}

/** The dollar amount a year-table cell shows (the cell may also carry the "not guaranteed" mark). */
async function moneyIn(cell: Locator): Promise<string> {
  const text = (await cell.textContent()) ?? '';
  const amount = MONEY.exec(text)?.[0];
  if (amount === undefined) throw new Error(`no amount in a year-table cell: ${JSON.stringify(text)}`);
  return amount;
}

/** The line of a product's year table in the PDF text that starts with `year` and an anniversary date ("Dec 3, 2027", issue 11: the screens' format). */
function yearLine(section: string, year: number): string {
  const line = new RegExp(`^\\s*${year}\\s+[A-Z][a-z]{2} \\d{1,2}, \\d{4}\\s.*$`, 'm').exec(section)?.[0];
  if (line === undefined) throw new Error(`no year ${year} row in:\n${section}`);
  return line;
}

signOutAfterEach();

test('a rep exports a client illustration PDF whose figures, page numbers and disclosures match the comparison', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const downloadsDir = webHostDownloadsDir();

  await signInThroughApp(page, testInfo);
  await syncFromStatusBar(page);
  const chosen = await oneOfEachType(page, ['MYGA', 'FIA', 'CD']);

  // The rep finds each product by its CUSIP and ticks it for comparison.
  const search = page.getByTestId('catalog-search');
  for (const product of chosen) {
    await search.fill(product.cusip);
    const row = page.getByTestId('product-row').filter({ has: page.locator(`a[href="#/product/${product.productId}"]`) });
    await row.getByRole('checkbox', { name: `Compare ${product.productName}`, exact: true }).check();
  }
  await expect(page.getByTestId('compare-button')).toHaveText('Compare 3 products');
  await page.getByTestId('compare-button').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare products' })).toBeVisible();
  await page.getByTestId('compare-premium').fill('100000');
  await page.getByTestId('compare-years').fill(String(YEARS));
  const yearRows = page.getByTestId('year-table').locator('tbody tr');
  await expect(yearRows).toHaveCount(YEARS);
  await expect(page.getByText(`$100,000.00 over ${YEARS} years`, { exact: false })).toBeVisible();
  // The FIA's values at its crediting rate are marked not guaranteed from year 1.
  await expect(yearRows.first().locator('td').nth(3)).toHaveClass(/not-guaranteed/);
  await expect(page.getByTestId('guarantee-note')).toContainText(`${chosen[1]?.productName ?? ''}: a fixed indexed annuity guarantees only its minimum rate`);

  // What the year-by-year table shows: account value and guaranteed value, year 1 and the last year.
  const shown: Array<{ product: Product; firstValue: string; firstGuaranteed: string; lastValue: string; lastGuaranteed: string }> = [];
  for (const [index, product] of chosen.entries()) {
    const first = yearRows.first().locator('td');
    const last = yearRows.last().locator('td');
    shown.push({
      product,
      firstValue: await moneyIn(first.nth(index * 3)),
      firstGuaranteed: await moneyIn(first.nth(index * 3 + 2)),
      lastValue: await moneyIn(last.nth(index * 3)),
      lastGuaranteed: await moneyIn(last.nth(index * 3 + 2)),
    });
  }

  await page.getByTestId('client-reference').fill(`E2E illustration ${Date.now()}`);
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('save-comparison')).toHaveText('Saved');
  await page.getByTestId('export-pdf').click();
  const message = page.getByTestId('compare-message');
  await expect(message).toContainText('Illustration saved to', { timeout: 90_000 });
  await snapshot(page, testInfo, 'compare-after-export');

  // The UI says where the file is; it is a new PDF in the host's downloads folder.
  const filePath = /Illustration saved to (.+\.pdf)\.$/.exec((await message.textContent()) ?? '')?.[1];
  if (filePath === undefined) throw new Error(`the message names no PDF: ${await message.textContent()}`);
  expect(dirname(resolve(filePath))).toBe(resolve(downloadsDir));
  expect(existsSync(filePath)).toBe(true);
  expect(statSync(filePath).size).toBeGreaterThan(10_000);
  await testInfo.attach('illustration.pdf', { path: filePath, contentType: 'application/pdf' });

  const layout = execFileSync('pdftotext', ['-layout', filePath, '-'], { encoding: 'utf8' });
  await testInfo.attach('illustration.txt', { body: layout, contentType: 'text/plain' });
  const pages = layout.split('\f').filter((pageText) => pageText.trim() !== '');
  const text = layout.replace(/\s+/g, ' ');
  // The business date (New York's), which the app uses wherever the laptop is.
  const today = businessDate(new Date(), 'America/New_York');

  expect(text).toContain('Client illustration');
  // Issue 11: the PDF prints dates as the screens do ("Dec 3, 2026"), not ISO.
  expect(text).toContain(`Prepared ${formatBusinessDate(today)}`);
  expect(text).toContain(`rates as of ${formatBusinessDate(today)}`);
  // "Page X of Y" on every page, numbered in order.
  expect(pages.length).toBeGreaterThanOrEqual(2);
  pages.forEach((pageText, index) => expect(pageText.replace(/\s+/g, ' ')).toContain(`Page ${index + 1} of ${pages.length}`));

  // The chart is drawn into the PDF (its legend and axis are text there), with guaranteed lines.
  expect(text).toContain('Solid lines are guaranteed values');
  for (const { product } of shown) expect(text).toContain(`${product.productName}: guaranteed values`);

  // Each product's year table carries the figures the app showed, on the year-1 and last-year rows.
  // The chart's caption ends with this sentence; pdftotext may break its line anywhere.
  const tablesStart = layout.search(/the\s+tables\s+give\s+exact\s+figures\./);
  const tablesEnd = layout.indexOf('Important disclosures');
  expect(tablesStart).toBeGreaterThan(0);
  expect(tablesEnd).toBeGreaterThan(tablesStart);
  let cursor = tablesStart;
  const starts = shown.map(({ product }) => {
    const start = layout.indexOf(product.productName, cursor);
    expect(start, `the year table of ${product.productName}`).toBeGreaterThan(cursor);
    cursor = start + product.productName.length;
    return start;
  });
  for (const [index, entry] of shown.entries()) {
    const section = layout.slice(starts[index], starts[index + 1] ?? tablesEnd);
    const first = yearLine(section, 1);
    const last = yearLine(section, YEARS);
    expect(first).toContain(entry.firstValue);
    expect(first).toContain(entry.firstGuaranteed);
    expect(last).toContain(entry.lastValue);
    expect(last).toContain(entry.lastGuaranteed);
  }
  // The FIA's year-1 value at its crediting rate is printed as not guaranteed.
  const fia = shown[1];
  if (fia === undefined) throw new Error('no FIA');
  const fiaSection = layout.slice(starts[1], starts[2]);
  expect(yearLine(fiaSection, 1)).toContain(`${fia.firstValue} †`);

  // The disclosures.
  expect(text).toContain('This is a hypothetical illustration');
  expect(text).toContain('backed solely by the financial strength and claims-paying ability of the issuing insurance company');
  expect(text).toContain('Annuities are not FDIC insured');
  expect(text).toContain('insured by the FDIC up to $250,000 per depositor, per insured bank');
  expect(text).toContain('Only the guaranteed minimum rate is guaranteed');
});

const SavedResult = desktopResultSchema(SavedComparisonView.nullable());
const AuditResult = desktopResultSchema(AuditPage);

/** The PDF file the message names, after the export finished. */
async function exportedFile(page: Page, message: Locator): Promise<string> {
  await expect(message).toContainText('Illustration saved', { timeout: 90_000 });
  const filePath = /Illustration saved.* to (.+\.pdf)\.$/.exec((await message.textContent()) ?? '')?.[1];
  if (filePath === undefined || !existsSync(filePath)) throw new Error(`the message names no PDF: ${await message.textContent()}`);
  return filePath;
}

test('printing twice from one record gives the same figures and prepared date, the second marked Reprint, each audited with the hash of the file', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await signInThroughApp(page, testInfo);
  await syncFromStatusBar(page);
  // A comparison needs two products: a MYGA and a CD.
  for (const product of await oneOfEachType(page, ['MYGA', 'CD'])) {
    await page.getByTestId('catalog-search').fill(product.cusip);
    const row = page.getByTestId('product-row').filter({ has: page.locator(`a[href="#/product/${product.productId}"]`) });
    await row.getByRole('checkbox', { name: `Compare ${product.productName}`, exact: true }).check();
  }
  await page.getByTestId('compare-button').click({ timeout: 15_000 });
  await page.getByTestId('compare-premium').fill('150000');
  await page.getByTestId('compare-years').fill('5');
  await expect(page.getByTestId('year-table').locator('tbody tr')).toHaveCount(5);
  await page.getByTestId('client-reference').fill(`E2E reprint ${Date.now()}`);

  // The optional best-interest section: collapsed until opened; an SSN in the rationale is refused next to the field.
  const bestInterest = page.getByTestId('best-interest');
  await expect(page.getByLabel('Client age band')).toBeHidden();
  await bestInterest.getByText('Best-interest documentation (optional)').click();
  await page.getByLabel('Client age band').selectOption('65-69');
  await page.getByLabel('State of residence').selectOption('OH');
  await page.getByLabel('Protect principal').check();
  await page.getByLabel('Rationale for the recommendation').fill('Client 123-45-6789 wants a guaranteed rate');
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('best-interest-error-rationale')).toContainText('Social Security number');
  await page.getByLabel('Rationale for the recommendation').fill('Wants a guaranteed rate for five years; no income needed.');
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('save-comparison')).toHaveText('Saved');

  const message = page.getByTestId('compare-message');
  await page.getByTestId('export-pdf').click();
  const original = await exportedFile(page, message);
  // The reprint, from the saved comparison's screen.
  await page.getByRole('link', { name: 'Open saved copy' }).click();
  await expect(page.getByTestId('best-interest-summary')).toContainText('65 to 69');
  await expect(page.getByTestId('best-interest-summary')).toContainText('Protect principal');
  await page.getByTestId('export-pdf').click();
  const reprint = await exportedFile(page, page.getByRole('status').filter({ hasText: 'Illustration saved' }));
  expect(reprint).not.toBe(original);
  await expect(page.getByTestId('printed-copy')).toHaveCount(2);
  await snapshot(page, testInfo, 'saved-after-reprint');

  const texts = [original, reprint].map((file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  await testInfo.attach('original.txt', { body: texts[0] ?? '', contentType: 'text/plain' });
  await testInfo.attach('reprint.txt', { body: texts[1] ?? '', contentType: 'text/plain' });
  const [first, second] = texts.map((text) => text.replace(/\s+/g, ' '));
  const today = businessDate(new Date(), 'America/New_York');
  // The same figures, in the same order, and the same prepared date.
  const money = (text: string | undefined) => text?.match(/\$[\d,]+\.\d{2}/g) ?? [];
  expect(money(first).length).toBeGreaterThan(10);
  expect(money(second)).toEqual(money(first));
  expect(first).toContain(`Prepared ${formatBusinessDate(today)}`);
  expect(second).toContain(`Prepared ${formatBusinessDate(today)}`);
  expect(first).not.toContain('Reprint');
  // The reprint says so on every page.
  const reprintPages = (texts[1] ?? '').split('\f').filter((text) => text.trim() !== '');
  for (const pageText of reprintPages) expect(pageText.replace(/\s+/g, ' ')).toContain(`Reprint printed on ${formatBusinessDate(today)}; prepared on ${formatBusinessDate(today)}`);

  // The hashes and page counts recorded are those of the files handed over.
  const fileHashes = [original, reprint].map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
  const pageCounts = [original, reprint].map((file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]));
  const comparisonId = new URL(page.url()).hash.split('/').at(-1) ?? '';
  // The print starts a sync; wait until both audit entries are on the server.
  await expect
    .poll(
      async () => {
        await callDesktopApi(page, 'syncNow');
        const saved = valueOf(SavedResult.parse(await callDesktopApi(page, 'getComparison', { comparisonId })));
        return saved?.printHistory?.map((copy) => [copy.copyNumber, copy.reprint, copy.pdfSha256, copy.pageCount, copy.uploadStatus]);
      },
      { timeout: 60_000 },
    )
    .toEqual([
      [1, false, fileHashes[0], pageCounts[0], 'applied'],
      [2, true, fileHashes[1], pageCounts[1], 'applied'],
    ]);

  // Compliance reads the audit trail: one ILLUSTRATION_PRINTED entry per copy, with its hash.
  await callDesktopApi(page, 'signOut', { confirmed: true });
  await signInThroughApp(page, testInfo, 'admin');
  const audit = valueOf(AuditResult.parse(await callDesktopApi(page, 'auditQuery', { actionType: 'ILLUSTRATION_PRINTED', recordId: comparisonId })));
  const printed = audit.entries
    .map((entry) => entry.newValues as { pdfSha256: string; copyNumber: number; reprint: boolean; pageCount: number })
    .sort((a, b) => a.copyNumber - b.copyNumber)
    .map(({ pdfSha256, copyNumber, reprint: isReprint, pageCount }) => [copyNumber, isReprint, pdfSha256, pageCount]);
  expect(printed).toEqual([
    [1, false, fileHashes[0], pageCounts[0]],
    [2, true, fileHashes[1], pageCounts[1]],
  ]);
});
