// Issue 11, "the rate in force everywhere": walks every product of the demo catalog (the one
// `npm start` seeds) in a real SQLite cache, on a business date on which scheduled rates take
// effect, and checks that the catalog row shows the product page's rate in force and Compare's
// year-1 rate and effective yield, whichever way the row was fetched (list or search), and that
// the store orders the list exactly as the screen's shared rules do on that day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDesktopCall, type DesktopHandlers, type DesktopSender } from '../../../../src-main/ipc/desktop-call.js';
import { createCatalogHandlers } from '../../../../src-main/services/catalog-services.js';
import { loadProductDetail } from '../../../../src-main/store/catalog-queries.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { generateCatalog, type GeneratedProduct } from '../../../../server/seed/catalog-generator.js';
import type { CatalogProduct } from '../../../../src-shared/catalog/catalog-row.js';
import { sortProducts } from '../../../../src-shared/catalog/filter-sort.js';
import { compareProducts } from '../../../../src-shared/comparison.js';
import type { DesktopArgsInput, DesktopValue } from '../../../../src-shared/desktop-api/index.js';
import { migratedDatabase, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

/** The day the demo catalog was generated for: its products' own rate columns are right on this day only. */
const SEEDED_ON = '2026-11-24';
const ORIGIN = 'app://ratedesk';
const WINDOW: DesktopSender = { frameUrl: 'app://ratedesk/index.html', isMainFrame: true };

let folder: TempFolder;
let handle: ClientDatabaseHandle;
let catalog: GeneratedProduct[];
/** The business date of the walk: the day after SEEDED_ON on which the most scheduled rates take effect. */
let day: string;
let handlers: Pick<DesktopHandlers, 'catalogList' | 'catalogSearch' | 'productDetail'>;

async function value<C extends 'catalogList' | 'catalogSearch' | 'productDetail'>(channel: C, ...args: DesktopArgsInput<C>): Promise<DesktopValue<C>> {
  // Through the IPC wrapper, so the rows also pass the contract's result check.
  // (TypeScript cannot relate a Pick indexed by a generic key to the full table's entry.)
  const result = await runDesktopCall(channel, handlers[channel] as DesktopHandlers[C], WINDOW, args, ORIGIN);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  folder = tempFolder();
  handle = await migratedDatabase(folder.file('cache.sqlite'));
  // As server/seed/seed-demo.ts generates the demo catalog.
  catalog = [...generateCatalog({ seed: 42, products: 200, rateRowsPerProduct: 12, today: SEEDED_ON })];
  const versioned = <T,>(rows: readonly T[]) => rows.map((row) => ({ ...row, changeVersion: '1' }));
  await handle.db.transaction().execute(async (trx) => {
    await upsertRates(trx, versioned(catalog.flatMap((entry) => entry.rates)));
    await upsertAvailability(trx, versioned(catalog.flatMap((entry) => entry.availability)));
    await upsertProducts(trx, versioned(catalog.map((entry) => entry.product)));
  });
  const changesOn = new Map<string, number>();
  for (const entry of catalog.flatMap((product) => product.rates)) {
    if (entry.isActive && entry.effectiveDate > SEEDED_ON) changesOn.set(entry.effectiveDate, (changesOn.get(entry.effectiveDate) ?? 0) + 1);
  }
  day = [...changesOn].sort(([dayA, a], [dayB, b]) => b - a || (dayA < dayB ? -1 : 1))[0]?.[0] ?? SEEDED_ON;
  // The business date comes from the provider main is given; this test pins it.
  handlers = createCatalogHandlers({ db: handle.db, today: () => day });
});

afterAll(async () => {
  await handle.close();
  folder.remove();
});

describe('every demo product, on a day scheduled rates take effect', () => {
  let rows: CatalogProduct[];
  beforeAll(async () => {
    rows = await value('catalogList', { includeInactive: true, limit: 10_000 });
  });

  it('is a day that tells the rate in force from the stale product columns', () => {
    expect(day > SEEDED_ON).toBe(true);
    expect(rows).toHaveLength(catalog.length);
    expect(rows.every((row) => row.asOf.date === day)).toBe(true);
    const stale = rows.filter((row) => row.asOf.rateInForce !== null && row.asOf.rateInForce.baseRate !== row.baseRate);
    expect(stale.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.asOf.rateInForce?.effectiveDate === day).length).toBeGreaterThan(0);
    expect(rows.some((row) => !row.asOf.available)).toBe(true);
    expect(rows.some((row) => row.productType === 'FIA')).toBe(true);
  });

  it("shows, for each product, the product page's rate in force and Compare's year-1 rate and yield", async () => {
    for (const row of rows) {
      const what = `${row.productName} (${row.cusip})`;
      const page = await value('productDetail', { productId: row.productId });
      expect(page?.asOfDate, what).toBe(day);
      expect(row.asOf.rateInForce, what).toEqual(page?.rateInForce);
      expect(row.asOf.nextRateChange, what).toEqual(page?.scheduledChanges[0] ?? null);
      expect(row.asOf.available, what).toBe(page?.availableOnDate);

      // As the compare service calls it: the cached detail, the business date as "rates as of".
      const detail = await loadProductDetail(handle.db, row.productId);
      if (detail === null) throw new Error(`${what} is not cached`);
      const [column] = compareProducts({ premium: '100000', years: row.termYears, startDate: day, asOfDate: day, products: [detail] }).products;
      expect(column?.available, what).toBe(row.asOf.available);
      if (row.asOf.rateInForce === null) {
        expect(column?.projection, what).toBeNull();
        expect([row.asOf.year1Rate, row.asOf.effectiveYield], what).toEqual([null, null]);
        continue;
      }
      expect(column?.ratesUsed?.rateHistoryId, what).toBe(row.asOf.rateInForce.rateHistoryId);
      expect(row.asOf.year1Rate, what).toBe(column?.projection?.rows[0]?.rate);
      expect(row.asOf.effectiveYield, what).toBe(column?.projection?.effectiveAnnualYield);
      expect(row.asOf.ratesGuaranteed, what).toBe(row.productType !== 'FIA');
    }
  });

  it('gives a search hit the same figures as the list', async () => {
    const byId = new Map(rows.map((row) => [row.productId, row]));
    // Search finds products that can still be offered (withdrawn ones are left out).
    for (const row of rows.filter((candidate) => candidate.isActive).filter((_candidate, index) => index % 10 === 0)) {
      const [hit] = await value('catalogSearch', { text: row.cusip });
      expect(hit?.productId).toBe(row.productId);
      expect(hit?.asOf).toEqual(byId.get(row.productId)?.asOf);
    }
  });

  it('is ordered by the store exactly as the screen orders it, for every order the store takes', async () => {
    const active = rows.filter((row) => row.isActive);
    for (const sort of ['rate', 'term', 'name'] as const) {
      const listed = await value('catalogList', { sort, limit: 10_000 });
      expect(listed.map((row) => row.productId), sort).toEqual(sortProducts(active, sort).map((row) => row.productId));
    }
    // Sellable products first, and among them, by the rate in force (guaranteed rates before FIAs).
    const byRate = await value('catalogList', { sort: 'rate', limit: 10_000 });
    const firstUnsellable = byRate.findIndex((row) => !row.asOf.available);
    expect(firstUnsellable).toBeGreaterThan(0);
    expect(byRate.slice(firstUnsellable).every((row) => !row.asOf.available)).toBe(true);
  });
});
