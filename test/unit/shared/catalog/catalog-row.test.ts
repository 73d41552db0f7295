// A catalog row's figures on a day, and how the shared rules filter and order rows by them:
// rates in force (never the product's own rate columns), sellable products first, FIA current-rate
// figures marked and never ranked among guaranteed ones.
import { describe, expect, it } from 'vitest';
import { catalogRowOf } from '../../../../src-shared/catalog/catalog-row.js';
import { catalogSortSteps, emptyFilters, filterProducts, sortProducts } from '../../../../src-shared/catalog/filter-sort.js';
import { currentRateGuaranteed, currentRateNote } from '../../../../src-shared/format/current-rates.js';
import { availability, myga, rate } from '../../../support/catalog-fixtures.js';

const DAY = '2026-12-01';
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A product listed on DAY with the given rates (effective date -> base) and sales window. */
function row(n: number, options: { name: string; rates: Array<[effectiveDate: string, baseRate: string, endDate?: string]>; window?: [start: string, end: string | null] | null; type?: 'MYGA' | 'FIA' | 'CD' }) {
  const productId = id(n);
  // The product's own columns say 9% on purpose: no figure may come from them.
  const product = myga({ productId, productName: options.name, productType: options.type ?? 'MYGA', baseRate: '9.0000', bonusRate: '0.0000', bonusYears: 0 });
  const rates = options.rates.map(([effectiveDate, baseRate, endDate]) => rate({ productId, effectiveDate, endDate: endDate ?? null, baseRate, bonusRate: '0.0000' }));
  const window: [string, string | null] | null = options.window === undefined ? ['2026-01-01', null] : options.window;
  const windows = window === null ? [] : [availability({ productId, startDate: window[0], endDate: window[1] })];
  return catalogRowOf(product, rates, windows, DAY);
}

describe('catalogRowOf', () => {
  it('shows the rate in force on the day and the next scheduled change, not the product columns', () => {
    const listed = row(1, { name: 'Alpha', rates: [['2026-11-01', '4.5000', '2026-11-30'], ['2026-12-01', '4.3000', '2026-12-14'], ['2026-12-15', '4.2500']] });
    expect(listed.baseRate).toBe('9.0000');
    expect(listed.asOf).toMatchObject({ date: DAY, rateInForce: { baseRate: '4.3000', effectiveDate: DAY }, nextRateChange: { baseRate: '4.2500', effectiveDate: '2026-12-15' } });
    expect(listed.asOf.year1Rate).toBe('4.3000');
    expect(listed.asOf.effectiveYield).toBe('4.3000');
    expect(listed.asOf.available).toBe(true);
    expect(listed.asOf.ratesGuaranteed).toBe(true);
  });

  it('has no figures without a rate in force, and says when a product can be sold', () => {
    const later = row(2, { name: 'Later', rates: [['2027-02-12', '5.0000']], window: ['2027-02-12', '2027-12-31'] });
    expect(later.asOf).toMatchObject({ rateInForce: null, year1Rate: null, effectiveYield: null, available: false, saleWindow: { startDate: '2027-02-12', endDate: '2027-12-31' } });
    expect(later.asOf.nextRateChange?.effectiveDate).toBe('2027-02-12');
  });

  it('marks an FIA: its current crediting rate is not guaranteed', () => {
    const fia = row(3, { name: 'Index 7', type: 'FIA', rates: [['2026-01-01', '6.0000']] });
    expect(fia.asOf.ratesGuaranteed).toBe(false);
    expect(fia.asOf.effectiveYield).toBe('6.0000');
    expect([currentRateGuaranteed('FIA'), currentRateGuaranteed('MYGA'), currentRateGuaranteed('CD')]).toEqual([false, true, true]);
    expect(currentRateNote(['MYGA', 'CD'])).toBeNull();
    expect(currentRateNote(['MYGA', 'FIA'])).toMatch(/not guaranteed/);
  });
});

describe('catalog order and filters on a day', () => {
  const sellableLow = row(10, { name: 'Sellable 4', rates: [['2026-01-01', '4.0000']] });
  const sellableHigh = row(11, { name: 'Sellable 5', rates: [['2026-01-01', '5.0000']] });
  // Top by rate and yield, but sellable only from February: listed after every sellable product.
  const notYet = row(12, { name: 'Northwind 5', rates: [['2026-01-01', '5.5000']], window: ['2027-02-12', null] });
  const ended = row(13, { name: 'Ended 6', rates: [['2026-01-01', '6.5000']], window: ['2026-01-01', '2026-11-30'] });
  // The highest figure of all, at a current crediting rate: after the guaranteed ones.
  const fia = row(14, { name: 'Index 7', type: 'FIA', rates: [['2026-01-01', '7.0000']] });
  const all = [notYet, fia, sellableLow, ended, sellableHigh];
  const names = (rows: ReadonlyArray<{ productName: string }>) => rows.map((listed) => listed.productName);

  it('lists sellable products first in every order, then the others in the same order', () => {
    expect(catalogSortSteps('name')[0]).toEqual({ field: 'available', direction: 'desc' });
    expect(names(sortProducts(all, 'name'))).toEqual(['Index 7', 'Sellable 4', 'Sellable 5', 'Ended 6', 'Northwind 5']);
    expect(names(sortProducts(all, 'term'))).toEqual(['Index 7', 'Sellable 5', 'Sellable 4', 'Ended 6', 'Northwind 5']);
  });

  it('ranks guaranteed rates and yields before FIA current-rate ones', () => {
    for (const sort of ['rate', 'first-year-rate', 'yield'] as const) {
      expect(names(sortProducts(all, sort)), sort).toEqual(['Sellable 5', 'Sellable 4', 'Index 7', 'Ended 6', 'Northwind 5']);
    }
  });

  it('keeps only products a client can buy that day when a premium is given', () => {
    expect(names(filterProducts(all, { ...emptyFilters, fitsPremium: '250,000' }))).toEqual(['Index 7', 'Sellable 4', 'Sellable 5']);
    expect(filterProducts(all, emptyFilters)).toHaveLength(all.length);
  });
});
