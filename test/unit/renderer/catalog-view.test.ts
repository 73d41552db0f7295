import { describe, expect, it } from 'vitest';
import { checkCompareForm } from '../../../src-renderer/compare-inputs.js';
import { effectiveYield, emptyFilters, filterProducts, sortProducts } from '../../../src-shared/catalog/filter-sort.js';
import { premiumFromInput } from '../../../src-shared/format/display.js';
import { saleMark, scheduledChangeMark, toggleSelection } from '../../../src-renderer/catalog-view.js';
import type { CatalogAsOf } from '../../../src-shared/catalog/catalog-row.js';
import { myga, rate } from '../../support/catalog-fixtures.js';
import { listedOn } from '../../support/catalog-rows.js';

const a = listedOn(myga({ productId: '00000000-0000-4000-8000-00000000000a', productName: 'Alpha 5', baseRate: '4.5000', bonusRate: '1.0000', termYears: 5, minimumInvestment: '10000.00', maximumInvestment: '500000.00' }));
const b = listedOn(myga({ productId: '00000000-0000-4000-8000-00000000000b', productName: 'Bravo CD', productType: 'CD', issuerName: 'Harbor Bank', baseRate: '4.7500', bonusRate: '0.0000', bonusYears: 0, termYears: 3, surrenderSchedule: ['1.0000'], minimumInvestment: '1000.00', maximumInvestment: null }));
const c = listedOn(myga({ productId: '00000000-0000-4000-8000-00000000000c', productName: 'Charlie 7', baseRate: '4.5000', bonusRate: '0.0000', bonusYears: 0, termYears: 7, surrenderSchedule: [], isActive: false }));

describe('catalog filters', () => {
  it('keeps products that fit the premium, with exact boundaries', () => {
    expect(filterProducts([a, b], { ...emptyFilters, fitsPremium: '$500,000.00' }).map((p) => p.productName)).toEqual(['Alpha 5', 'Bravo CD']);
    expect(filterProducts([a, b], { ...emptyFilters, fitsPremium: '500000.01' }).map((p) => p.productName)).toEqual(['Bravo CD']);
    expect(filterProducts([a, b], { ...emptyFilters, fitsPremium: '9999.99' }).map((p) => p.productName)).toEqual(['Bravo CD']);
  });

  it('filters by type, issuer and term and hides withdrawn products unless asked', () => {
    expect(filterProducts([a, b, c], { ...emptyFilters, productType: 'CD' })).toEqual([b]);
    expect(filterProducts([a, b, c], { ...emptyFilters, issuerName: 'harbor' })).toEqual([b]);
    expect(filterProducts([a, b, c], { ...emptyFilters, termYears: 5 })).toEqual([a]);
    expect(filterProducts([a, b, c], emptyFilters)).toEqual([a, b]);
    expect(filterProducts([a, b, c], { ...emptyFilters, includeInactive: true })).toEqual([a, b, c]);
  });

  it('reads premiums as typed by a rep', () => {
    expect(premiumFromInput('$100,000.50')).toBe('100000.50');
    expect(premiumFromInput('abc')).toBeNull();
    expect(premiumFromInput('-5')).toBeNull();
    expect(premiumFromInput('')).toBeNull();
  });
});

describe('catalog sorting', () => {
  it('sorts by base rate, year-1 rate (with bonus), term or name', () => {
    expect(sortProducts([a, c, b], 'rate').map((p) => p.productName)).toEqual(['Bravo CD', 'Alpha 5', 'Charlie 7']);
    expect(sortProducts([b, c, a], 'first-year-rate').map((p) => p.productName)).toEqual(['Alpha 5', 'Bravo CD', 'Charlie 7']);
    expect(sortProducts([a, b, c], 'term').map((p) => p.productName)).toEqual(['Bravo CD', 'Alpha 5', 'Charlie 7']);
    expect(sortProducts([c, b, a], 'name').map((p) => p.productName)).toEqual(['Alpha 5', 'Bravo CD', 'Charlie 7']);
  });
});

describe('catalog yield', () => {
  const d = listedOn(myga({ productId: '00000000-0000-4000-8000-00000000000d', productName: 'Delta 5', baseRate: '4.6000', bonusRate: '0.0000', bonusYears: 0 }));

  it("ranks by the yield over the surrender period, where a bonus counts", () => {
    // Alpha: 5.5% then 4.5% for 4 years -> (1.2581072)^(1/5) - 1 = 4.699...%; Delta: a flat 4.6%.
    expect(effectiveYield(a)).toMatch(/^4\.699\d$/);
    expect(effectiveYield(d)).toBe('4.6000');
    expect(sortProducts([d, a], 'rate').map((p) => p.productName)).toEqual(['Delta 5', 'Alpha 5']);
    expect(sortProducts([d, a], 'yield').map((p) => p.productName)).toEqual(['Alpha 5', 'Delta 5']);
  });
});

describe('compare selection', () => {
  it('toggles products and stops at the limit', () => {
    expect(toggleSelection([], 'x', 4)).toEqual(['x']);
    expect(toggleSelection(['x', 'y'], 'x', 4)).toEqual(['y']);
    expect(toggleSelection(['1', '2', '3', '4'], '5', 4)).toEqual(['1', '2', '3', '4']);
  });
});

describe('compare inputs', () => {
  const form = { premium: '100,000', years: '10', startDate: '2026-03-01', asOfDate: '2026-03-01' };

  it('accepts a valid form and normalizes the premium', () => {
    expect(checkCompareForm(form)).toEqual({ ok: true, value: { premium: '100000', years: 10, startDate: '2026-03-01', asOfDate: '2026-03-01' } });
  });

  it('names each bad field and why', () => {
    const result = checkCompareForm({ premium: '0', years: '51', startDate: '2026-02-30', asOfDate: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.premium).toMatch(/greater than 0/);
    expect(result.errors.years).toMatch(/between 1 and 50/);
    expect(result.errors.startDate).toMatch(/date/);
    expect(result.errors.asOfDate).toMatch(/date/);
    expect(checkCompareForm({ ...form, premium: '100.001' })).toMatchObject({ ok: false, errors: { premium: expect.stringMatching(/2 decimals/) } });
    expect(checkCompareForm({ ...form, years: '2.5' })).toMatchObject({ ok: false, errors: { years: expect.stringMatching(/whole number/) } });
  });
});

describe('catalog marks', () => {
  const listed = (asOf: Partial<CatalogAsOf>, isActive = true) => ({
    isActive,
    asOf: { date: '2026-11-24', rateInForce: null, nextRateChange: null, available: true, saleWindow: null, year1Rate: null, effectiveYield: null, ratesGuaranteed: true, ...asOf },
  });
  const inForce = rate({ effectiveDate: '2026-11-01', baseRate: '4.5000', bonusRate: '0.0000' });

  it('marks a scheduled change with its rate and first day', () => {
    expect(scheduledChangeMark(listed({ rateInForce: inForce }))).toBeNull();
    const next = rate({ effectiveDate: '2026-12-01', baseRate: '4.2500', bonusRate: '0.0000' });
    expect(scheduledChangeMark(listed({ rateInForce: inForce, nextRateChange: next }))).toBe('4.25% from Dec 1, 2026');
    const withBonus = rate({ effectiveDate: '2026-12-01', baseRate: '4.2500', bonusRate: '1.0000' });
    expect(scheduledChangeMark(listed({ rateInForce: inForce, nextRateChange: withBonus }))).toBe('4.25% + 1.00% bonus from Dec 1, 2026');
  });

  it('says why a product cannot be sold on the day, with its dates', () => {
    expect(saleMark(listed({ available: true, saleWindow: { startDate: '2026-01-01', endDate: null } }))).toBeNull();
    expect(saleMark(listed({ available: false, saleWindow: { startDate: '2027-02-12', endDate: null } }))).toBe('Sellable from Feb 12, 2027');
    expect(saleMark(listed({ available: false, saleWindow: { startDate: '2027-02-12', endDate: '2027-06-30' } }))).toBe('Sellable from Feb 12, 2027 to Jun 30, 2027');
    expect(saleMark(listed({ available: false, saleWindow: { startDate: '2026-01-01', endDate: '2026-11-23' } }))).toBe('Sale ended Nov 23, 2026');
    expect(saleMark(listed({ available: false, saleWindow: null }))).toBe('Not sellable: no sales period');
    expect(saleMark(listed({ available: false, saleWindow: { startDate: '2026-01-01', endDate: null } }, false))).toBe('Withdrawn');
  });
});
