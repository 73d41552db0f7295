import { describe, expect, it } from 'vitest';
import { generateCatalog, type GeneratedProduct } from '../../../../server/seed/catalog-generator.js';
import { AvailabilityWindow, Product, RateHistoryEntry } from '../../../../src-shared/catalog.js';
import { isValidCusip } from '../../../../src-shared/cusip.js';
import { addDays } from '../../../../src-shared/dates.js';
import { rateInForce } from '../../../../src-shared/rates/as-of.js';

const TODAY = '2026-11-24';
const catalog: GeneratedProduct[] = [...generateCatalog()];

describe('generateCatalog', () => {
  it('produces the requested counts (defaults: 200 products x 12 rate rows)', () => {
    expect(catalog).toHaveLength(200);
    expect(catalog.every((item) => item.rates.length === 12)).toBe(true);
    const small = [...generateCatalog({ products: 7, rateRowsPerProduct: 3 })];
    expect(small).toHaveLength(7);
    expect(small.every((item) => item.rates.length === 3)).toBe(true);
    expect([...generateCatalog({ products: 0 })]).toEqual([]);
  });

  it('is reproducible: the same seed gives the identical catalog', () => {
    expect(JSON.stringify([...generateCatalog({ seed: 7, products: 50 })])).toBe(JSON.stringify([...generateCatalog({ seed: 7, products: 50 })]));
    expect([...generateCatalog()]).toEqual(catalog);
  });

  it('a different seed gives a different catalog', () => {
    const other = [...generateCatalog({ seed: 43 })];
    expect(other.map((item) => item.product.productId)).not.toEqual(catalog.map((item) => item.product.productId));
    expect(other.map((item) => item.product.cusip)).not.toEqual(catalog.map((item) => item.product.cusip));
  });

  it('every row passes the shared schemas', () => {
    for (const { product, availability, rates } of catalog) {
      expect(Product.safeParse(product).error?.issues).toBeUndefined();
      for (const window of availability) expect(AvailabilityWindow.safeParse(window).error?.issues).toBeUndefined();
      for (const entry of rates) expect(RateHistoryEntry.safeParse(entry).error?.issues).toBeUndefined();
    }
  });

  it('gives every product a valid, unique CUSIP and unique ids', () => {
    const big = [...generateCatalog({ products: 5000, rateRowsPerProduct: 2 })];
    const cusips = big.map((item) => item.product.cusip);
    expect(cusips.every(isValidCusip)).toBe(true);
    expect(new Set(cusips).size).toBe(big.length);
    const ids = big.flatMap((item) => [item.product.productId, ...item.rates.map((r) => r.rateHistoryId), ...item.availability.map((a) => a.availabilityId)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });

  it('writes rate periods that are contiguous and non-overlapping, ending open', () => {
    for (const { product, rates } of catalog) {
      expect(rates.every((entry) => entry.productId === product.productId)).toBe(true);
      rates.forEach((entry, index) => {
        const next = rates[index + 1];
        if (next === undefined) {
          expect(entry.endDate).toBeNull();
        } else {
          expect(entry.endDate).not.toBeNull();
          expect(entry.endDate! >= entry.effectiveDate).toBe(true);
          expect(addDays(entry.endDate!, 1)).toBe(next.effectiveDate);
        }
      });
    }
  });

  it("has a rate in force today for every product, and the product's rate columns show it", () => {
    for (const { product, rates } of catalog) {
      const current = rateInForce(rates, TODAY);
      expect(current).not.toBeNull();
      expect([product.baseRate, product.bonusRate]).toEqual([current?.baseRate, current?.bonusRate]);
    }
  });

  it('covers the catalog a demo needs: every type, future-dated rates, ended and future windows, ROP', () => {
    const types = new Set(catalog.map((item) => item.product.productType));
    expect([...types].sort()).toEqual(['CD', 'FIA', 'MYGA']);
    const withFutureRates = catalog.filter((item) => item.rates.some((entry) => entry.effectiveDate > TODAY));
    expect(withFutureRates.length).toBeGreaterThan(20);
    expect(catalog.filter((item) => item.availability.some((window) => window.endDate !== null && window.endDate < TODAY)).length).toBeGreaterThan(5);
    expect(catalog.filter((item) => item.availability.every((window) => window.startDate > TODAY)).length).toBeGreaterThan(0);
    expect(catalog.filter((item) => item.availability.length === 1 && item.availability[0]?.endDate === null).length).toBeGreaterThan(120);
    expect(catalog.some((item) => item.product.returnOfPremium)).toBe(true);
    expect(new Set(catalog.map((item) => item.product.issuerName)).size).toBeGreaterThanOrEqual(6);
  });

  it('shapes products by type: MYGA terms and schedules, CDs without schedules', () => {
    for (const { product } of catalog) {
      if (product.productType === 'MYGA') {
        expect([3, 5, 7, 10]).toContain(product.termYears);
        expect(product.surrenderSchedule).toHaveLength(product.termYears);
        expect(product.compounding).toBe('annual');
      }
      if (product.productType === 'CD') {
        expect(product.surrenderSchedule).toEqual([]);
        expect(['daily', 'simple']).toContain(product.compounding);
        expect(product.returnOfPremium).toBe(false);
      }
      if (product.productType === 'FIA') {
        expect(product.surrenderSchedule.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives annuities issue ages and many an MVA, CDs no MVA (issue 13)', () => {
    const annuities = catalog.filter((item) => item.product.productType !== 'CD').map((item) => item.product);
    const cds = catalog.filter((item) => item.product.productType === 'CD').map((item) => item.product);
    for (const product of annuities) {
      expect(product.minimumIssueAge).toBeGreaterThanOrEqual(0);
      expect(product.maximumIssueAge).toBeGreaterThanOrEqual(80);
      expect(product.maximumIssueAge).toBeLessThanOrEqual(95);
    }
    const withMva = annuities.filter((product) => product.mvaApplies === true);
    expect(withMva.length).toBeGreaterThan(annuities.length / 4);
    expect(withMva.some((product) => product.mvaFactorFloor?.startsWith('-') === true)).toBe(true);
    expect(withMva.some((product) => product.mvaFactorFloor === null)).toBe(true);
    expect(cds.every((product) => product.mvaApplies === false && product.maximumIssueAge === null)).toBe(true);
  });

  it('refuses impossible options', () => {
    expect(() => generateCatalog({ products: -1 })).toThrow('products must be');
    expect(() => generateCatalog({ rateRowsPerProduct: 0 })).toThrow('rateRowsPerProduct must be');
    expect(() => generateCatalog({ today: '2026-02-30' })).toThrow('today must be');
  });

  // Its speed is reported by `npm run bench`; here only that the benchmark size streams complete.
  it('streams the benchmark size (10,000 products x 100 rate rows)', () => {
    let rows = 0;
    let products = 0;
    for (const item of generateCatalog({ products: 10_000, rateRowsPerProduct: 100 })) {
      products += 1;
      rows += item.rates.length;
    }
    expect(products).toBe(10_000);
    expect(rows).toBe(1_000_000);
  }, 30_000);
});
