import { afterEach, describe, expect, it } from 'vitest';
import { catalogHighWaterMark, listProducts, loadProductDetail, type ProductListQueryInput } from '../../../../src-main/store/catalog-queries.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { compareProducts } from '../../../../src-shared/comparison.js';
import { ValidationError } from '../../../../src-shared/errors.js';
import { cachedProduct, cachedRate, cachedWindow, cusipNumber, uniqueId, useMigratedCache } from '../../../support/store-fixtures.js';
import { emptyFilters, filterProducts, sortProducts } from '../../../../src-shared/catalog/filter-sort.js';

/** The business date the catalog is listed for. */
const DAY = '2026-11-24';

let handle: ClientDatabaseHandle;
useMigratedCache((opened) => {
  handle = opened;
});
afterEach(() => {
  handle.sqlite.exec('DELETE FROM rate_history; DELETE FROM product_availability; DELETE FROM products;');
});

describe('upserts and loadProductDetail', () => {
  it('round-trips a product with its windows and rates, exactly', async () => {
    const product = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(1), maximumInvestment: '99999999999.99', changeVersion: '9007199254740993' });
    const windows = [cachedWindow({ productId: product.productId, startDate: '2026-01-01', endDate: '2026-12-31' })];
    const rates = [
      cachedRate({ productId: product.productId, effectiveDate: '2026-01-01', endDate: '2026-06-30', baseRate: '4.4999' }),
      cachedRate({ productId: product.productId, effectiveDate: '2026-07-01', baseRate: '4.5000', isActive: false }),
    ];
    await handle.db.transaction().execute(async (trx) => {
      // Children first: foreign keys are checked at commit, so a page can arrive in any order.
      await upsertRates(trx, rates);
      await upsertAvailability(trx, windows);
      await upsertProducts(trx, [product]);
    });

    const detail = await loadProductDetail(handle.db, product.productId);
    if (detail === null) throw new Error('the product was not cached');
    const { changeVersion: _version, ...expected } = product;
    expect(detail.product).toEqual(expected);
    expect(detail.availability).toEqual(windows.map(({ changeVersion: _v, ...window }) => window));
    expect(detail.rates).toEqual(rates.map(({ changeVersion: _v, ...entry }) => entry));
    // A version past 2^53 is kept exactly (a JS number would read ...992).
    expect(await catalogHighWaterMark(handle.db)).toBe('9007199254740993');
    // The detail is what compareProducts takes.
    expect(() => compareProducts({ premium: '100000', years: 3, startDate: '2026-03-01', asOfDate: '2026-03-01', products: [detail] })).not.toThrow();
  });

  it('round-trips issue ages and MVA terms, a negative floor included', async () => {
    const product = cachedProduct({
      productId: uniqueId(),
      cusip: cusipNumber(2),
      minimumIssueAge: 18,
      maximumIssueAge: 90,
      mvaApplies: true,
      mvaSpread: '0.25',
      mvaReferenceIndex: '10-year US Treasury constant maturity',
      mvaFactorFloor: '-10',
      mvaFactorCap: '10.0000',
    });
    await handle.db.transaction().execute((trx) => upsertProducts(trx, [product]));
    const detail = await loadProductDetail(handle.db, product.productId);
    // Stored in the server's scale, so the checksum of the cached row matches the server's.
    expect(detail?.product).toMatchObject({
      minimumIssueAge: 18,
      maximumIssueAge: 90,
      mvaApplies: true,
      mvaSpread: '0.2500',
      mvaReferenceIndex: '10-year US Treasury constant maturity',
      mvaFactorFloor: '-10.0000',
      mvaFactorCap: '10.0000',
    });
  });

  it('normalizes decimals to the stored number of places', async () => {
    const product = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(2), minimumInvestment: '5000', baseRate: '4.5', surrenderSchedule: ['7', '6.5'] });
    await upsertProducts(handle.db, [product]);
    const detail = await loadProductDetail(handle.db, product.productId);
    expect(detail?.product).toMatchObject({ minimumInvestment: '5000.00', baseRate: '4.5000', surrenderSchedule: ['7.0000', '6.5000'] });
  });

  it('keeps a tombstone as an inactive row, hidden from the catalog list but still loadable', async () => {
    const product = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(3), changeVersion: '10' });
    await upsertProducts(handle.db, [product]);
    await upsertProducts(handle.db, [{ ...product, isActive: false, changeVersion: '11' }]);

    expect(await listProducts(handle.db, { asOfDate: DAY })).toEqual([]);
    expect((await listProducts(handle.db, { asOfDate: DAY, includeInactive: true })).map((row) => row.isActive)).toEqual([false]);
    expect((await loadProductDetail(handle.db, product.productId))?.product.isActive).toBe(false);
  });

  it('ignores a row older than the cached one, so a replayed page cannot roll a product back', async () => {
    const product = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(4), baseRate: '5.0000', changeVersion: '20' });
    await upsertProducts(handle.db, [product]);
    await upsertProducts(handle.db, [{ ...product, baseRate: '3.0000', changeVersion: '19' }]);
    expect((await loadProductDetail(handle.db, product.productId))?.product.baseRate).toBe('5.0000');
    await upsertProducts(handle.db, [{ ...product, baseRate: '5.2500', changeVersion: '21' }]);
    expect((await loadProductDetail(handle.db, product.productId))?.product.baseRate).toBe('5.2500');
  });

  it('applies a CUSIP handed from one product to another within one page in version order', async () => {
    const first = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(5), changeVersion: '30' });
    await upsertProducts(handle.db, [first]);
    const second = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(5), productName: 'Successor', changeVersion: '32' });
    await upsertProducts(handle.db, [second, { ...first, cusip: cusipNumber(6), changeVersion: '31' }]);
    expect((await loadProductDetail(handle.db, second.productId))?.product.cusip).toBe(cusipNumber(5));
  });

  it('returns null for an unknown product', async () => {
    expect(await loadProductDetail(handle.db, uniqueId())).toBeNull();
  });
});

describe('listProducts', () => {
  async function seed(): Promise<Record<string, string>> {
    const rows = [
      cachedProduct({ productId: uniqueId(), cusip: cusipNumber(10), productName: 'Alpha 5', baseRate: '4.4999', termYears: 5 }),
      cachedProduct({ productId: uniqueId(), cusip: cusipNumber(11), productName: 'bravo 3', baseRate: '4.5000', termYears: 3, surrenderSchedule: ['7.0000'] }),
      cachedProduct({
        productId: uniqueId(),
        cusip: cusipNumber(12),
        productName: 'Charlie CD',
        productType: 'CD',
        issuerName: 'First Bank',
        compounding: 'daily',
        baseRate: '4.0000',
        bonusRate: '0.0000',
        bonusYears: 0,
        termYears: 2,
        surrenderSchedule: [],
        returnOfPremium: false,
        returnOfPremiumPercentage: null,
        minimumInvestment: '99999999999.99',
        maximumInvestment: null,
      }),
      cachedProduct({ productId: uniqueId(), cusip: cusipNumber(13), productName: 'Delta 7', baseRate: '4.5001', termYears: 7, minimumInvestment: '0.01', maximumInvestment: '99999999999.98' }),
    ];
    await upsertProducts(handle.db, rows);
    // The list shows and orders the rate in force and puts unsellable products last: each product
    // gets a rate equal to its own columns, in force on DAY, and an open sales window.
    await upsertRates(handle.db, rows.map((row) => cachedRate({ productId: row.productId, baseRate: row.baseRate, bonusRate: row.bonusRate, effectiveDate: '2026-01-01' })));
    await upsertAvailability(handle.db, rows.map((row) => cachedWindow({ productId: row.productId, startDate: '2026-01-01' })));
    return Object.fromEntries(rows.map((row) => [row.productName, row.productId]));
  }

  it('sorts by rate exactly, highest first (4.5001 > 4.5000 > 4.4999)', async () => {
    await seed();
    expect((await listProducts(handle.db, { asOfDate: DAY, sort: 'rate' })).map((row) => row.baseRate)).toEqual(['4.5001', '4.5000', '4.4999', '4.0000']);
  });

  it('sorts by term and by name (case-insensitive)', async () => {
    await seed();
    expect((await listProducts(handle.db, { asOfDate: DAY, sort: 'term' })).map((row) => row.termYears)).toEqual([2, 3, 5, 7]);
    expect((await listProducts(handle.db, { asOfDate: DAY, sort: 'name' })).map((row) => row.productName)).toEqual(['Alpha 5', 'bravo 3', 'Charlie CD', 'Delta 7']);
  });

  it('keeps products whose minimum <= premium <= maximum, to the cent at the top of the range', async () => {
    await seed();
    const names = async (fitsPremium: string) => (await listProducts(handle.db, { asOfDate: DAY, fitsPremium, sort: 'name' })).map((row) => row.productName);
    expect(await names('99999999999.98')).toEqual(['Delta 7']);
    expect(await names('99999999999.99')).toEqual(['Charlie CD']);
    expect(await names('10000')).toEqual(['Alpha 5', 'bravo 3', 'Delta 7']);
    expect(await names('9999.99')).toEqual(['Delta 7']);
  });

  it('filters by type, issuer and term', async () => {
    await seed();
    expect((await listProducts(handle.db, { asOfDate: DAY, productType: 'CD' })).map((row) => row.productName)).toEqual(['Charlie CD']);
    expect((await listProducts(handle.db, { asOfDate: DAY, issuerName: 'First Bank' })).map((row) => row.productName)).toEqual(['Charlie CD']);
    expect((await listProducts(handle.db, { asOfDate: DAY, termYears: 3 })).map((row) => row.productName)).toEqual(['bravo 3']);
    expect((await listProducts(handle.db, { asOfDate: DAY, productType: 'MYGA', termYears: 2 }))).toEqual([]);
  });

  it('matches the issuer as the screen does: part of the name, any case, wildcards taken literally', async () => {
    await seed();
    const products = await listProducts(handle.db, { asOfDate: DAY, includeInactive: true, limit: 500 });
    for (const text of ['first', 'IRST BA', ' bank ', 'Bank', '%', '_', 'First_Bank', 'nowhere']) {
      const fromStore = (await listProducts(handle.db, { asOfDate: DAY, issuerName: text, sort: 'name' })).map((row) => row.productName);
      const fromScreen = sortProducts(filterProducts(products, { ...emptyFilters, issuerName: text }), 'name').map((row) => row.productName);
      expect(fromStore, text).toEqual(fromScreen);
    }
    expect((await listProducts(handle.db, { asOfDate: DAY, issuerName: 'irst ba' })).map((row) => row.productName)).toEqual(['Charlie CD']);
  });

  it('sorts exactly as the screen sorts, for every order the store takes', async () => {
    await seed();
    const products = await listProducts(handle.db, { asOfDate: DAY, limit: 500 });
    for (const sort of ['rate', 'term', 'name'] as const) {
      expect((await listProducts(handle.db, { asOfDate: DAY, sort })).map((row) => row.productId), sort).toEqual(sortProducts(products, sort).map((row) => row.productId));
    }
  });

  it('refuses a bad filter, naming it', async () => {
    await expect(listProducts(handle.db, { asOfDate: DAY, fitsPremium: '1e5' })).rejects.toThrow(ValidationError);
    await expect(listProducts(handle.db, { asOfDate: DAY, fitsPremium: '1e5' })).rejects.toThrow(/fitsPremium/);
    await expect(listProducts(handle.db, { asOfDate: DAY, termYears: 0 })).rejects.toThrow(/termYears: must be between 1 and 30/);
  });
});

describe('listProducts on a business date', () => {
  // Every product's own rate columns say 9%: the list must order by rate history as of the day.
  async function seed(): Promise<void> {
    const product = (n: number, productName: string, extra: Partial<Parameters<typeof cachedProduct>[0]> = {}) =>
      cachedProduct({ productId: uniqueId(), cusip: cusipNumber(40 + n), productName, baseRate: '9.0000', bonusRate: '0.0000', bonusYears: 0, ...extra });
    const alpha = product(1, 'Alpha');
    const bravo = product(2, 'Bravo');
    const later = product(3, 'Later');
    const index = product(4, 'Index', { productType: 'FIA' });
    const tie = product(5, 'Tie');
    await upsertProducts(handle.db, [alpha, bravo, later, index, tie]);
    const rateOf = (productId: string, effectiveDate: string, baseRate: string, endDate: string | null = null, rateHistoryId = uniqueId()) =>
      cachedRate({ rateHistoryId, productId, effectiveDate, endDate, baseRate, bonusRate: '0.0000' });
    await upsertRates(handle.db, [
      // Alpha falls from 4.50% to 4.30% on Dec 1; Bravo stays at 4.40%.
      rateOf(alpha.productId, '2026-11-01', '4.5000', '2026-11-30'),
      rateOf(alpha.productId, '2026-12-01', '4.3000'),
      rateOf(bravo.productId, '2026-11-01', '4.4000'),
      rateOf(later.productId, '2026-11-01', '5.5000'),
      rateOf(index.productId, '2026-11-01', '6.0000'),
      // Two publications alike but for the id (bad data): the smaller id applies, in SQL as in rateInForce.
      rateOf(tie.productId, '2026-11-01', '4.0000', null, '10000000-0000-4000-8000-0000000000f2'),
      rateOf(tie.productId, '2026-11-01', '4.4500', null, '10000000-0000-4000-8000-0000000000f1'),
    ]);
    await upsertAvailability(handle.db, [
      ...[alpha, bravo, index, tie].map((row) => cachedWindow({ productId: row.productId, startDate: '2026-01-01' })),
      cachedWindow({ productId: later.productId, startDate: '2027-02-12' }),
    ]);
  }
  const names = async (asOfDate: string, extra: Omit<ProductListQueryInput, 'asOfDate'> = {}) =>
    (await listProducts(handle.db, { asOfDate, ...extra })).map((row) => row.productName);

  it('orders by the rate in force that day, sellable products first and FIA current rates after guaranteed ones', async () => {
    await seed();
    expect(await names('2026-11-30', { sort: 'rate' })).toEqual(['Alpha', 'Tie', 'Bravo', 'Index', 'Later']);
    expect(await names('2026-12-01', { sort: 'rate' })).toEqual(['Tie', 'Bravo', 'Alpha', 'Index', 'Later']);
    const rows = await listProducts(handle.db, { asOfDate: '2026-12-01', sort: 'rate' });
    expect(rows.map((row) => row.asOf.rateInForce?.baseRate)).toEqual(['4.4500', '4.4000', '4.3000', '6.0000', '5.5000']);
    expect(rows.find((row) => row.productName === 'Alpha')?.asOf.nextRateChange).toBeNull();
  });

  it('keeps only products sellable that day when a premium is given', async () => {
    await seed();
    expect(await names('2026-12-01', { sort: 'name', fitsPremium: '250000' })).toEqual(['Alpha', 'Bravo', 'Index', 'Tie']);
    expect(await names('2027-02-12', { sort: 'name', fitsPremium: '250000' })).toEqual(['Alpha', 'Bravo', 'Index', 'Later', 'Tie']);
  });

  it('agrees with the screen on either side of a rate change', async () => {
    await seed();
    for (const asOfDate of ['2026-11-30', '2026-12-01', '2027-02-12']) {
      const products = await listProducts(handle.db, { asOfDate, limit: 500 });
      for (const sort of ['rate', 'term', 'name'] as const) {
        expect((await listProducts(handle.db, { asOfDate, sort })).map((row) => row.productId), `${asOfDate} ${sort}`).toEqual(sortProducts(products, sort).map((row) => row.productId));
      }
    }
  });

  it('leaves the yields out when asked (the admin list shows rates only)', async () => {
    await seed();
    const rows = await listProducts(handle.db, { asOfDate: '2026-12-01', yields: false });
    expect(rows.every((row) => row.asOf.effectiveYield === null && row.asOf.year1Rate !== null)).toBe(true);
  });

  it('refuses a list without a valid business date', async () => {
    await expect(listProducts(handle.db, { asOfDate: '2026-02-30' })).rejects.toThrow(/asOfDate/);
  });
});
