import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CachedAvailability, type CachedProduct, type CachedRate } from '../../../../src-main/store/catalog-rows.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import { matchExpression, searchProducts } from '../../../../src-main/store/catalog-search.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { generateCatalog } from '../../../../server/seed/catalog-generator.js';
import { cachedProduct, cusipNumber, migratedDatabase, uniqueId, useMigratedCache, type TempFolder } from '../../../support/store-fixtures.js';

let folder: TempFolder;
let handle: ClientDatabaseHandle;

const summit = cachedProduct({ productId: uniqueId(), cusip: '037833100', productName: 'Summit Ridge SecureGrowth 5', issuerName: 'Summit Ridge Life Insurance Company' });
const cafe = cachedProduct({
  productId: uniqueId(),
  cusip: cusipNumber(1),
  productName: 'Café Horizon Index 7',
  productType: 'FIA',
  issuerName: 'Northwind Mutual',
  description: 'Seven-year indexed annuity with a participation cap.',
  termYears: 7,
});
const starred = cachedProduct({ productId: uniqueId(), cusip: '12345*AB2', productName: 'Harbor Bank CD', productType: 'CD', issuerName: 'Harbor Bank', description: 'Brokered certificate of deposit.' });
const withdrawn = cachedProduct({ productId: uniqueId(), cusip: cusipNumber(2), productName: 'Summit Legacy 3', isActive: false, termYears: 3, surrenderSchedule: [] });

useMigratedCache(async (opened, openedIn) => {
  handle = opened;
  folder = openedIn;
  await upsertProducts(handle.db, [summit, cafe, starred, withdrawn]);
});

const names = async (query: string, options?: Parameters<typeof searchProducts>[2]) =>
  (await searchProducts(handle.db, query, options)).map((product) => product.productName);

describe('searchProducts', () => {
  it('finds by the first letters of a name word', async () => {
    expect(await names('secu')).toEqual(['Summit Ridge SecureGrowth 5']);
    expect(await names('summit sec')).toEqual(['Summit Ridge SecureGrowth 5']);
  });

  it('finds by CUSIP, whole or its first characters', async () => {
    expect(await names('037833100')).toEqual(['Summit Ridge SecureGrowth 5']);
    expect(await names('0378')).toEqual(['Summit Ridge SecureGrowth 5']);
  });

  it('finds an exact CUSIP with punctuation the tokenizer splits, in any case', async () => {
    expect((await names(' 12345*ab2 '))[0]).toBe('Harbor Bank CD');
  });

  it('finds by issuer, type and a description word, ignoring accents', async () => {
    expect(await names('northwind')).toEqual(['Café Horizon Index 7']);
    expect(await names('fia')).toEqual(['Café Horizon Index 7']);
    expect(await names('participation')).toEqual(['Café Horizon Index 7']);
    expect(await names('cafe')).toEqual(['Café Horizon Index 7']);
    expect(await names('CD')).toEqual(['Harbor Bank CD']);
  });

  it('ranks a name match above a description match', async () => {
    await upsertProducts(handle.db, [
      cachedProduct({ productId: uniqueId(), cusip: cusipNumber(3), productName: 'Plain MYGA 4', termYears: 4, surrenderSchedule: [], description: 'Not a harbor product.' }),
    ]);
    expect((await names('harbor'))[0]).toBe('Harbor Bank CD');
    expect(await names('harbor')).toHaveLength(2);
  });

  it('leaves withdrawn products out unless asked', async () => {
    expect(await names('legacy')).toEqual([]);
    expect(await names('legacy', { includeInactive: true })).toEqual(['Summit Legacy 3']);
  });

  it('follows renames (the index is kept by triggers)', async () => {
    await upsertProducts(handle.db, [{ ...cafe, productName: 'Meridian Index 7', changeVersion: '2' }]);
    expect(await names('meridian')).toEqual(['Meridian Index 7']);
    expect(await names('horizon')).toEqual([]);
    await upsertProducts(handle.db, [{ ...cafe, changeVersion: '3' }]);
  });

  it('returns nothing for input with nothing to search for', async () => {
    expect(await names('')).toEqual([]);
    expect(await names('  ** () ^ ')).toEqual([]);
  });

  it.each(['"', '""', "'", 'summit"', 'NEAR(summit ridge)', 'NEAR', 'summit NEAR/2 ridge', '*', 'summit*', 'AND', 'OR', 'NOT summit', 'summit AND',
    '(summit', 'summit)', '^summit', 'product_name:summit', '{product_name cusip}: x', "'; DROP TABLE products; --", '-summit', '+', '\u0000', '🙂 summit'])(
    'treats %j as text, never as FTS syntax',
    async (input) => {
      await expect(searchProducts(handle.db, input)).resolves.toBeInstanceOf(Array);
    },
  );

  it('finds "summit" when the input wraps it in FTS operators', async () => {
    expect(await names('^summit')).toContain('Summit Ridge SecureGrowth 5');
    expect(await names('"summit')).toContain('Summit Ridge SecureGrowth 5');
  });

  it('never throws, whatever is typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60, unit: 'binary' }), async (input) => {
        const found = await searchProducts(handle.db, input, { limit: 5 });
        expect(found.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });
});

describe('matchExpression', () => {
  it('quotes every word as a prefix token', () => {
    expect(matchExpression('Summit  ridge')).toBe('"Summit"* "ridge"*');
    expect(matchExpression('NEAR(a AND b)')).toBe('"NEAR"* "a"* "AND"* "b"*');
    expect(matchExpression('" * ^')).toBeNull();
  });
});

describe('search speed on 10,000 products (measured, not asserted)', () => {
  it('answers the search box', async () => {
    const big = await migratedDatabase(folder.file('big.sqlite'));
    try {
      const loadStart = performance.now();
      const products: CachedProduct[] = [];
      const windows: CachedAvailability[] = [];
      const rates: CachedRate[] = [];
      let version = 0;
      for (const generated of generateCatalog({ products: 10_000, rateRowsPerProduct: 1 })) {
        version += 1;
        products.push({ ...generated.product, changeVersion: String(version) });
        windows.push(...generated.availability.map((window) => ({ ...window, changeVersion: String(version) })));
        rates.push(...generated.rates.map((entry) => ({ ...entry, changeVersion: String(version) })));
      }
      await big.db.transaction().execute(async (trx) => {
        await upsertProducts(trx, products);
        await upsertAvailability(trx, windows);
        await upsertRates(trx, rates);
      });
      const loadMs = performance.now() - loadStart;

      const sample = products[1234];
      if (sample === undefined) throw new Error('the generator made fewer products than asked');
      const queries = ['su', 'sum', 'myga', 'indexed annuity', sample.cusip, sample.cusip.slice(0, 4), sample.issuerName.split(' ')[0] ?? 'life', 'zzzz', 'NEAR("x'];
      const timings: string[] = [];
      for (const query of queries) {
        await searchProducts(big.db, query);
        const rounds = 20;
        const start = performance.now();
        let hits = 0;
        for (let round = 0; round < rounds; round += 1) hits = (await searchProducts(big.db, query)).length;
        timings.push(`${JSON.stringify(query)}: ${((performance.now() - start) / rounds).toFixed(2)} ms (${hits} hits)`);
      }
      console.log(`[store-search] loaded 10,000 products in ${loadMs.toFixed(0)} ms; search (limit 50):\n  ${timings.join('\n  ')}`);
      expect((await searchProducts(big.db, sample.cusip))[0]?.productId).toBe(sample.productId);
    } finally {
      await big.close();
    }
  }, 60_000);
});
