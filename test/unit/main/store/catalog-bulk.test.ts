// The sync's prepared-statement path (catalog-bulk.ts) against the Kysely repository it replaces
// for big pages: the same stored values, version guard, search index and errors, only inside a
// transaction; and the checksums read through either path agree.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CachedProduct, type CachedRate } from '../../../../src-main/store/catalog-rows.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import { searchProducts } from '../../../../src-main/store/catalog-search.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { STORED_ROWS_SLICE } from '../../../../src-main/store/stored-catalog-rows.js';
import { catalogChecksums } from '../../../../src-main/sync/local-checksums.js';
import { ValidationError } from '../../../../src-shared/errors.js';
import { cachedProduct, cachedRate, cachedWindow, cusipNumber, migratedDatabase, tempFolder, uniqueId, type TempFolder } from '../../../support/store-fixtures.js';

const md5Hex = (text: string): string => createHash('md5').update(text).digest('hex');

let folder: TempFolder;
let viaKysely: ClientDatabaseHandle;
let viaBulk: ClientDatabaseHandle;
beforeAll(async () => {
  folder = tempFolder();
  viaKysely = await migratedDatabase(folder.file('kysely.sqlite'));
  viaBulk = await migratedDatabase(folder.file('bulk.sqlite'));
});
afterAll(async () => {
  await viaKysely.close();
  await viaBulk.close();
  folder.remove();
});
afterEach(() => {
  for (const handle of [viaKysely, viaBulk]) handle.sqlite.exec('DELETE FROM rate_history; DELETE FROM product_availability; DELETE FROM products;');
});

/** Every column of every catalog table, generated ones included, versions as exact text. */
function dump(handle: ClientDatabaseHandle): unknown {
  const table = (sql: string): unknown[] => handle.sqlite.prepare(sql).all();
  return {
    products: table(`SELECT *, CAST(change_version AS TEXT) AS version_text FROM products ORDER BY product_id`).map((row) => {
      // The rowid alias depends on insertion order, which the version sort may change; the FTS test covers it.
      const { product_key: _key, ...rest } = row as Record<string, unknown>;
      return rest;
    }),
    availability: table(`SELECT *, CAST(change_version AS TEXT) AS version_text FROM product_availability ORDER BY availability_id`),
    rates: table(`SELECT *, CAST(change_version AS TEXT) AS version_text FROM rate_history ORDER BY rate_history_id`),
  };
}

/** One page through the handle's prepared statements, in a transaction as the sync engine opens it. */
function bulkPage(handle: ClientDatabaseHandle, page: { products?: CachedProduct[]; rates?: CachedRate[]; windows?: Parameters<typeof upsertAvailability>[1] }): void {
  handle.sqlite.transaction(() => {
    handle.catalogBulk.upsertProducts(page.products ?? []);
    handle.catalogBulk.upsertAvailability(page.windows ?? []);
    handle.catalogBulk.upsertRates(page.rates ?? []);
  })();
}

describe('catalogBulk', () => {
  it('stores exactly what the Kysely upserts store, from rows in any order and decimals in any form', async () => {
    const first = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(11), productName: 'Summit Ridge 5', changeVersion: '9007199254740993' });
    const second = cachedProduct({
      productId: uniqueId(),
      cusip: cusipNumber(12),
      minimumInvestment: '5000',
      maximumInvestment: '250000.5',
      baseRate: '4.5',
      surrenderSchedule: ['7', '6.5'],
      changeVersion: '12',
    });
    const rates = [
      cachedRate({ productId: second.productId, effectiveDate: '2026-07-01', baseRate: '4.25', bonusRate: '1', changeVersion: '40' }),
      cachedRate({ productId: first.productId, effectiveDate: '2026-01-01', endDate: '2026-06-30', isActive: false, changeVersion: '30' }),
    ];
    const windows = [cachedWindow({ productId: first.productId, startDate: '2026-01-01', endDate: null, changeVersion: '5' })];

    await viaKysely.db.transaction().execute(async (trx) => {
      await upsertProducts(trx, [first, second]);
      await upsertAvailability(trx, windows);
      await upsertRates(trx, rates);
    });
    bulkPage(viaBulk, { products: [first, second], rates, windows });

    const stored = dump(viaBulk);
    expect(stored).toEqual(dump(viaKysely));
    expect(stored).toMatchObject({
      products: expect.arrayContaining([expect.objectContaining({ minimum_investment: '5000.00', maximum_investment: '250000.50', base_rate: '4.5000', surrender_schedule: '["7.0000","6.5000"]' })]),
      rates: expect.arrayContaining([expect.objectContaining({ base_rate: '4.2500', bonus_rate: '1.0000', version_text: '40' })]),
    });
    expect((stored as { products: { version_text: string }[] }).products.map((row) => row.version_text).sort()).toEqual(['12', '9007199254740993']);
  });

  it('never lets an older copy replace a newer one, and keeps the search index in step', async () => {
    const productId = uniqueId();
    const product = cachedProduct({ productId, cusip: cusipNumber(21), productName: 'Harbor Light 7', changeVersion: '10' });
    bulkPage(viaBulk, { products: [product] });
    bulkPage(viaBulk, { products: [{ ...product, productName: 'Stale Name', changeVersion: '9' }] });
    expect((await searchProducts(viaBulk.db, 'harbor')).map((found) => found.productName)).toEqual(['Harbor Light 7']);
    expect(await searchProducts(viaBulk.db, 'stale')).toEqual([]);

    bulkPage(viaBulk, { products: [{ ...product, productName: 'Granite Peak 7', isActive: false, changeVersion: '11' }] });
    expect(await searchProducts(viaBulk.db, 'harbor', { includeInactive: true })).toEqual([]);
    expect(await searchProducts(viaBulk.db, 'granite')).toEqual([]);
    expect((await searchProducts(viaBulk.db, 'granite', { includeInactive: true })).map((found) => [found.productName, found.isActive])).toEqual([['Granite Peak 7', false]]);
  });

  it('hands a CUSIP from one product to another within a page when the rows come newest first', () => {
    const cusip = cusipNumber(31);
    const old = cachedProduct({ productId: uniqueId(), cusip, changeVersion: '5' });
    bulkPage(viaBulk, { products: [old] });
    // Version 7 takes the CUSIP that version 6 gave up; applied in version order this never collides.
    const taker = cachedProduct({ productId: uniqueId(), cusip, changeVersion: '7' });
    const giver = { ...old, cusip: cusipNumber(32), changeVersion: '6' };
    bulkPage(viaBulk, { products: [taker, giver] });
    const rows = viaBulk.sqlite.prepare('SELECT product_id AS productId, cusip FROM products ORDER BY cusip').all();
    expect(rows).toEqual([
      { productId: taker.productId, cusip },
      { productId: old.productId, cusip: cusipNumber(32) },
    ]);
  });

  it('refuses to write outside a transaction, where a page could end half-written', () => {
    expect(() => viaBulk.catalogBulk.upsertRates([cachedRate({ productId: uniqueId(), effectiveDate: '2026-01-01' })])).toThrow(/transaction/);
    expect(viaBulk.sqlite.prepare('SELECT count(*) AS n FROM rate_history').get()).toEqual({ n: 0 });
  });

  it('names the field of a bad value and writes nothing of the page', () => {
    const productId = uniqueId();
    const page = {
      products: [cachedProduct({ productId, cusip: cusipNumber(41) })],
      rates: [cachedRate({ productId, effectiveDate: '2026-01-01', changeVersion: '2' }), cachedRate({ productId, effectiveDate: '2026-02-01', bonusRate: '1e2', changeVersion: '3' })],
    };
    let caught: unknown;
    try {
      bulkPage(viaBulk, page);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([expect.objectContaining({ path: 'rates.1.bonusRate', message: expect.stringMatching(/plain decimal percent/) })]);
    expect(viaBulk.sqlite.prepare('SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM rate_history) AS n').get()).toEqual({ n: 0 });
  });

  it('reads the stored rows for the checksums in slices, with the same sums as through Kysely', async () => {
    const productId = uniqueId();
    const rates = Array.from({ length: STORED_ROWS_SLICE * 2 + 1 }, (_, index) =>
      cachedRate({ productId, rateHistoryId: uniqueId(), effectiveDate: '2026-01-01', baseRate: `${index % 25}.${String(index).padStart(4, '0').slice(-4)}`, changeVersion: String(index + 1) }),
    );
    bulkPage(viaBulk, { products: [cachedProduct({ productId, cusip: cusipNumber(51) })], rates, windows: [cachedWindow({ productId, startDate: '2026-01-01' })] });

    const fast = await catalogChecksums(viaBulk.db, md5Hex, viaBulk.catalogBulk);
    expect(fast).toEqual(await catalogChecksums(viaBulk.db, md5Hex));
    expect(fast.rates.count).toBe(rates.length);
    expect(fast.products.count).toBe(1);
    expect(fast.availability.count).toBe(1);

    // A row changed behind the engine's back, in the last slice, changes the sum.
    viaBulk.sqlite.prepare(`UPDATE rate_history SET base_rate = '9.9999' WHERE rowid = (SELECT max(rowid) FROM rate_history)`).run();
    const changed = await catalogChecksums(viaBulk.db, md5Hex, viaBulk.catalogBulk);
    expect(changed.rates.count).toBe(rates.length);
    expect(changed.rates.checksum).not.toBe(fast.rates.checksum);
  });
});
