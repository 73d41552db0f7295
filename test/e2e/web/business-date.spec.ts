// One business date wherever the laptop is (issue 11). A laptop in Honolulu and one in Tokyo, on the
// day a rate changes in New York: rate A is in force through Nov 30, rate B from Dec 1. At
// 2026-12-01T00:30Z New York is still on Nov 30 (Tokyo is already on Dec 1); at 05:30Z New York is
// on Dec 1 (Honolulu is still on Nov 30). Each time the catalog row, the product page, Compare, the
// saved record and the client illustration PDF must all show the rate New York has in force.
//
// Real stack per laptop: the web host (PostgreSQL, identity provider, API server, the desktop's
// main-process services in Node) runs with RATEDESK_CLOCK at the instant and TZ at the laptop's
// zone, and the browser context with that zone and its clock at that instant. The server refuses a
// backdated rate, so A is published the evening before: at 00:30Z an admin creates the product with
// A in force today and publishes B from Dec 1; then the host is stopped and started again on the
// same data at 05:30Z (the clock advanced five hours; the rep's laptop keeps its cache).
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { z } from 'zod';
import { cusipCheckDigit } from '../../../src-shared/cusip.js';
import { Decimal } from '../../../src-shared/decimal.js';
import { AvailabilityWindow, Product } from '../../../src-shared/catalog.js';
import { BusinessDateView, RateChange, SavedComparisonView, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { formatDollars } from '../../../src-shared/format/display.js';
import { freePort } from '../../../server/db/embedded.js';
import { callDesktopApi, valueOf } from '../support/desktop-api-page.js';
import { dateRegExp, exportedPdfPath, fullPageShot, pdfPagePngs, pdfText, percentPattern, percentRegExp } from '../support/figures-and-pdfs.js';
import { signInThroughApp, syncFromStatusBar } from '../support/sign-in-ui.js';
import { ownWebHost } from '../support/web-host-process.js';

const BusinessDateResult = desktopResultSchema(BusinessDateView);
const ProductResult = desktopResultSchema(Product);
const WindowResult = desktopResultSchema(AvailabilityWindow);
const RateChangeResult = desktopResultSchema(RateChange);
const SavedResult = desktopResultSchema(SavedComparisonView.nullable());

const NEW_YORK = 'America/New_York';
const RATE_A = '4.17';
const RATE_B = '4.62';
const PREMIUM = '100000';
const YEARS = 5;

interface Case {
  instant: string;
  /** New York's date at the instant: the business date every screen must use. */
  businessDate: string;
  rate: string;
  otherRate: string;
  /** The publication in force: its first day. */
  effectiveDate: string;
}

const EVENING_BEFORE: Case = { instant: '2026-12-01T00:30:00Z', businessDate: '2026-11-30', rate: RATE_A, otherRate: RATE_B, effectiveDate: '2026-11-30' };
const MORNING_OF: Case = { instant: '2026-12-01T05:30:00Z', businessDate: '2026-12-01', rate: RATE_B, otherRate: RATE_A, effectiveDate: '2026-12-01' };

/** The 5-year MYGA (annual compounding, no bonus, so its year-1 rate and yield equal its base rate) the admin publishes. */
function productBody(cusip: string, productName: string): Record<string, unknown> {
  return {
    cusip,
    productName,
    productType: 'MYGA',
    issuerName: 'Business Date Life Insurance Co.',
    description: 'Rate A through Nov 30, rate B from Dec 1 (New York).',
    minimumInvestment: '10000.00',
    maximumInvestment: '1000000.00',
    baseRate: RATE_A,
    bonusRate: '0',
    bonusYears: 0,
    termYears: YEARS,
    guaranteedMinimumRate: '1.00',
    compounding: 'annual',
    surrenderSchedule: ['7', '6', '5', '4', '3'],
    freeWithdrawalPercent: '10',
    returnOfPremium: false,
    returnOfPremiumPercentage: null,
    termsAndConditions: null,
    rateEffectiveDate: EVENING_BEFORE.businessDate,
  };
}

/** Year 1 of $100,000 at `rate` compounded annually, as the year table prints it. */
function yearOneValue(rate: string): string {
  return formatDollars(new Decimal(PREMIUM).times(new Decimal(rate).dividedBy(100).plus(1)).toFixed(2));
}

/** A cell or text whose first figure is `rate` (a scheduled change may follow it in the same cell). */
function startsWithRate(rate: string): RegExp {
  return new RegExp(`^\\s*${percentPattern(rate)}`);
}

async function businessDateOfApp(page: Page): Promise<z.infer<typeof BusinessDateView>> {
  return valueOf(BusinessDateResult.parse(await callDesktopApi(page, 'businessDate')));
}

/** The browser (the laptop's screen) is in `zone`, its clock within minutes of `instant`, and its own calendar date is the zone's. */
async function expectLaptopAt(page: Page, zone: string, instant: string): Promise<void> {
  const laptop = await page.evaluate(() => ({
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    now: Date.now(),
    localDate: new Date().toLocaleDateString('en-CA'),
  }));
  expect(laptop.zone).toBe(zone);
  expect(Math.abs(laptop.now - Date.parse(instant))).toBeLessThan(10 * 60_000);
  expect(laptop.localDate).toBe(new Date(instant).toLocaleDateString('en-CA', { timeZone: zone }));
}

for (const zone of ['Pacific/Honolulu', 'Asia/Tokyo'] as const) {
  test.describe.serial(`${zone.split('/')[1] ?? zone} laptop (${zone})`, () => {
    test.use({ timezoneId: zone });

    let dataDir = '';
    let ports: Record<string, string> = {};
    const host = ownWebHost();
    let product: Product | null = null;
    /** The comparison saved on the evening before, reopened the morning after. */
    let eveningRecord: { comparisonId: string; clientReference: string } | null = null;

    test.beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'ratedesk-business-date-'));
      ports = {
        EMBEDDED_PG_PORT: String(await freePort()),
        DEV_IDP_PORT: String(await freePort()),
        PORT: String(await freePort()),
        WEB_HOST_PORT: String(await freePort()),
      };
    });

    test.afterAll(async () => {
      await host.release();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** The stack on `instant` in this zone, on this laptop's data; the browser's clock set to the same instant. */
    async function standOn(page: Page, instant: string, build: boolean): Promise<string> {
      const started = Date.now();
      const running = await host.start({ dataDir, build, env: { ...ports, RATEDESK_CLOCK: instant, TZ: zone } });
      const took = `${Date.now() - started} ms`;
      test.info().annotations.push({ type: 'stack start', description: `${took} (${zone}, ${instant})` });
      console.log(`[business-date] the stack in ${zone} on ${instant} started in ${took}`);
      expect(running.output()).toContain(`the server and the app start their clocks at ${new Date(instant).toISOString()}`);
      await page.clock.install({ time: new Date(instant) });
      return join(dataDir, 'downloads');
    }

    test(`at 2026-12-01 00:30 UTC (New York: Nov 30) every screen, the record and the PDF show rate A`, async ({ page }, testInfo) => {
      test.setTimeout(150_000);
      const downloads = await standOn(page, EVENING_BEFORE.instant, true);

      // The admin publishes: the product with A in force today (New York's Nov 30), B from Dec 1.
      await signInThroughApp(page, testInfo, 'admin');
      expect(await businessDateOfApp(page)).toEqual({ date: EVENING_BEFORE.businessDate, timeZone: NEW_YORK });
      await expectLaptopAt(page, zone, EVENING_BEFORE.instant);
      const body = `BDT${zone === 'Asia/Tokyo' ? 'TYO' : 'HNL'}01`;
      const created = valueOf(ProductResult.parse(await callDesktopApi(page, 'adminCreateProduct', productBody(`${body}${cusipCheckDigit(body)}`, `Business Date MYGA 5 ${zone}`))));
      valueOf(WindowResult.parse(await callDesktopApi(page, 'adminCreateAvailability', { productId: created.productId, startDate: EVENING_BEFORE.businessDate, endDate: null })));
      const change = valueOf(RateChangeResult.parse(await callDesktopApi(page, 'adminPublishRate', { productId: created.productId, baseRate: RATE_B, bonusRate: '0', effectiveDate: MORNING_OF.businessDate })));
      expect(change.inForceToday).toBe(false);
      expect(change.closesCurrentOn).toBe(EVENING_BEFORE.businessDate);
      product = created;

      // The rep's laptop syncs and shows A everywhere, with B announced for Dec 1.
      await signInThroughApp(page, testInfo, 'rep');
      await syncFromStatusBar(page);
      eveningRecord = await checkEveryScreen(page, testInfo, created, EVENING_BEFORE, downloads, 'evening');
    });

    test(`at 2026-12-01 05:30 UTC (New York: Dec 1) every screen, the record and the PDF show rate B`, async ({ page }, testInfo) => {
      test.setTimeout(150_000);
      if (product === null || eveningRecord === null) throw new Error('the evening before did not run');
      const downloads = await standOn(page, MORNING_OF.instant, false);

      await signInThroughApp(page, testInfo, 'rep');
      expect(await businessDateOfApp(page)).toEqual({ date: MORNING_OF.businessDate, timeZone: NEW_YORK });
      await expectLaptopAt(page, zone, MORNING_OF.instant);
      // B came down as a scheduled rate last evening: the laptop's cache already shows it in force.
      await syncFromStatusBar(page);
      await callDesktopApi(page, 'syncNow');
      await checkEveryScreen(page, testInfo, product, MORNING_OF, downloads, 'morning');

      // Last evening's record still says what the client was shown then: A, as of Nov 30, now labelled historical.
      await page.locator('a[href="#/saved"]').first().click();
      const row = page.getByTestId('saved-row').filter({ hasText: eveningRecord.clientReference });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(dateRegExp(EVENING_BEFORE.businessDate));
      await row.getByRole('link').first().click();
      await expect(page.getByTestId('saved-meta')).toContainText(dateRegExp(EVENING_BEFORE.businessDate));
      await expect(page.getByTestId('historical-view')).toBeVisible();
      await expect(page.getByTestId('terms-table').getByRole('row', { name: /base rate/i })).toContainText(percentRegExp(RATE_A));
      await expect(page.getByTestId('year-table').locator('tbody tr').first().locator('td').first()).toContainText(yearOneValue(RATE_A));
      await fullPageShot(page, testInfo, `morning-06-evening-record-reopened`);
      const saved = valueOf(SavedResult.parse(await callDesktopApi(page, 'getComparison', { comparisonId: eveningRecord.comparisonId })));
      expect(saved?.asOfDate).toBe(EVENING_BEFORE.businessDate);
      expect(saved?.items.map((item) => new Decimal(item.baseRate).toFixed(2))).toEqual([RATE_A]);
    });
  });
}

/**
 * The catalog row, the product page, Compare (year-1 rate and value), the saved record (screen and
 * stored items) and the exported PDF all show `expected.rate`, as of `expected.businessDate`.
 * Returns the saved comparison.
 */
async function checkEveryScreen(page: Page, testInfo: TestInfo, product: Product, expected: Case, downloads: string, label: string): Promise<{ comparisonId: string; clientReference: string }> {
  const day = dateRegExp(expected.businessDate);
  const rate = percentRegExp(expected.rate);
  const other = percentRegExp(expected.otherRate);
  const scheduled = expected.rate === RATE_A;

  // Catalog: the row's base rate, year-1 rate and yield; the day it lists them for.
  await page.getByTestId('catalog-search').fill(product.cusip);
  const row = page.getByTestId('product-row').filter({ has: page.locator(`a[href="#/product/${product.productId}"]`) });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-sellable', 'true');
  await expect(row.getByTestId('rate-in-force')).toHaveText(startsWithRate(expected.rate));
  if (scheduled) await expect(row.getByTestId('scheduled-change')).toContainText(other);
  else await expect(row.getByTestId('scheduled-change')).toHaveCount(0);
  await expect(row.getByTestId('year-1-rate')).toHaveText(startsWithRate(expected.rate));
  await expect(row.getByTestId('year-1-rate')).not.toContainText(other);
  await expect(row.getByTestId('effective-yield')).toHaveText(startsWithRate(expected.rate));
  await expect(page.getByTestId('catalog-as-of')).toContainText(day);
  await fullPageShot(page, testInfo, `${label}-01-catalog`);

  // Product page: the rate in force and since when.
  await row.locator(`a[href="#/product/${product.productId}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: product.productName })).toBeVisible();
  const inForce = page.getByTestId('product-terms').getByRole('row', { name: /rate in force/i });
  await expect(inForce).toContainText(rate);
  await expect(inForce).toContainText(dateRegExp(expected.effectiveDate));
  await expect(inForce).not.toContainText(other);
  await expect(page.getByTestId('product-unavailable')).toHaveCount(0);
  await fullPageShot(page, testInfo, `${label}-02-product`);

  // Compare: rates as of the business date, the base rate used, year 1 at that rate.
  await page.locator('a[href^="#/compare"]').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare products' })).toBeVisible();
  await expect(page.getByTestId('compare-asOfDate')).toHaveValue(expected.businessDate);
  await expect(page.getByTestId('compare-startDate')).toHaveValue(expected.businessDate);
  await page.getByTestId('compare-premium').fill(PREMIUM);
  await page.getByTestId('compare-years').fill(String(YEARS));
  const yearRows = page.getByTestId('year-table').locator('tbody tr');
  await expect(yearRows).toHaveCount(YEARS);
  await expect(page.getByTestId('historical-view')).toHaveCount(0);
  const baseRateUsed = page.getByTestId('terms-table').getByRole('row', { name: /base rate/i });
  await expect(baseRateUsed).toContainText(rate);
  await expect(baseRateUsed).toContainText(dateRegExp(expected.effectiveDate));
  await expect(baseRateUsed).not.toContainText(other);
  await expect(yearRows.first().locator('td').first()).toHaveText(new RegExp(`^${yearOneValue(expected.rate).replace(/[$.,]/g, '\\$&')}`));

  // Saved, then exported from the compare screen.
  const clientReference = `Business date ${label} ${Date.now()}`;
  await page.getByTestId('client-reference').fill(clientReference);
  await page.getByTestId('save-comparison').click();
  await expect(page.getByTestId('save-comparison')).toHaveText('Saved');
  await page.getByTestId('export-pdf').click();
  const pdf = await exportedPdfPath(page.getByTestId('compare-message'), downloads);
  await fullPageShot(page, testInfo, `${label}-03-compare`);

  // The PDF: prepared on and rates as of the business date, the rate used, year 1 at that rate.
  const layout = await pdfText(pdf, testInfo, `${label}-illustration`);
  await pdfPagePngs(pdf, testInfo, `${label}-illustration`);
  const text = layout.replace(/\s+/g, ' ');
  expect(text).toMatch(new RegExp(`Prepared (?:${day.source})`));
  expect(text).toMatch(new RegExp(`rates as of (?:${day.source})`, 'i'));
  expect(text).toMatch(rate);
  // The rate taking effect tomorrow may be announced ("New rates (base 4.62%) take effect on Dec 1"), never used.
  // (A sentence or clause: up to a "." or ";" that ends it, not the point inside "4.62".)
  const announcement = /(?:[^.;]|\.(?=\S))*\btake effect\b(?:[^.;]|\.(?=\S))*[.;]/gi;
  if (scheduled) expect(text.match(announcement)?.join(' ') ?? '', 'the PDF announces the scheduled rate').toMatch(other);
  expect(text.replace(announcement, '')).not.toMatch(other);
  // Year 1 of the product's table: "1", its first anniversary (the contract starts on the business date), the rate, the values.
  const anniversary = `${Number(expected.businessDate.slice(0, 4)) + 1}${expected.businessDate.slice(4)}`;
  const yearOneLine = new RegExp(`^\\s*1\\s+(?:${dateRegExp(anniversary).source}).*$`, 'm').exec(layout)?.[0] ?? '';
  expect(yearOneLine, 'the PDF year table, year 1').toContain(yearOneValue(expected.rate));
  expect(yearOneLine).toMatch(rate);
  expect(text).not.toMatch(/historical view/i);

  // The saved record, on screen and as stored.
  await page.locator('a[href="#/saved"]').first().click();
  const savedRow = page.getByTestId('saved-row').filter({ hasText: clientReference });
  await expect(savedRow).toHaveCount(1);
  await expect(savedRow).toContainText(day);
  await savedRow.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Saved comparison' })).toBeVisible();
  await expect(page.getByTestId('saved-meta')).toContainText(day);
  await expect(page.getByTestId('historical-view')).toHaveCount(0);
  await expect(page.getByTestId('terms-table').getByRole('row', { name: /base rate/i })).toContainText(rate);
  await expect(page.getByTestId('year-table').locator('tbody tr').first().locator('td').first()).toContainText(yearOneValue(expected.rate));
  await fullPageShot(page, testInfo, `${label}-04-saved-record`);
  const comparisonId = /#\/saved\/([^/?]+)$/.exec(page.url())?.[1];
  if (comparisonId === undefined) throw new Error(`not a saved comparison's address: ${page.url()}`);
  const saved = valueOf(SavedResult.parse(await callDesktopApi(page, 'getComparison', { comparisonId: decodeURIComponent(comparisonId) })));
  expect(saved?.asOfDate).toBe(expected.businessDate);
  expect(saved?.historical).toBe(false);
  expect(saved?.items.map((item) => new Decimal(item.baseRate).toFixed(2))).toEqual([expected.rate]);
  expect(saved?.shown?.products[0]?.ratesUsed?.effectiveDate).toBe(expected.effectiveDate);
  return { comparisonId: decodeURIComponent(comparisonId), clientReference };
}
