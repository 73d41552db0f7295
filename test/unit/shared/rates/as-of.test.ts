import { describe, expect, it } from 'vitest';
import { isAvailableOn, productTermsAsOf, rateInForce, saleWindowOn, scheduledRateChanges } from '../../../../src-shared/rates/as-of.js';
import { OTHER_PRODUCT_ID, availability, myga, rate } from '../../../support/catalog-fixtures.js';

// A typical history: an old rate, the current one ending 2026-11-30, a future-dated successor.
const october = rate({ effectiveDate: '2026-10-01', endDate: '2026-10-31', baseRate: '4.2500', bonusRate: '0.0000' });
const november = rate({ effectiveDate: '2026-11-01', endDate: '2026-11-30', baseRate: '4.5000', bonusRate: '1.0000' });
const december = rate({ effectiveDate: '2026-12-01', endDate: null, baseRate: '4.7500', bonusRate: '0.5000' });
const history = [december, october, november];

describe('rateInForce', () => {
  it('applies an entry from its effective date', () => {
    expect(rateInForce(history, '2026-11-01')).toBe(november);
    expect(rateInForce(history, '2026-10-31')).toBe(october);
  });

  it('still applies an entry on its end date, and its successor the day after', () => {
    expect(rateInForce(history, '2026-11-30')).toBe(november);
    expect(rateInForce(history, '2026-12-01')).toBe(december);
  });

  it('keeps an open-ended entry in force indefinitely', () => {
    expect(rateInForce(history, '2035-06-30')).toBe(december);
  });

  it('finds nothing before the first entry or after a closed last entry', () => {
    expect(rateInForce(history, '2026-09-30')).toBeNull();
    expect(rateInForce([october], '2026-11-01')).toBeNull();
    expect(rateInForce([], '2026-11-01')).toBeNull();
  });

  it('ignores a future-dated entry until its day comes', () => {
    expect(rateInForce(history, '2026-11-24')?.baseRate).toBe('4.5000');
  });

  it('ignores retracted entries, falling back to nothing rather than to a retracted rate', () => {
    const retracted = { ...november, isActive: false };
    expect(rateInForce([october, retracted, december], '2026-11-15')).toBeNull();
  });

  it('prefers the latest effective date if publications overlap', () => {
    const openOctober = { ...october, endDate: null };
    expect(rateInForce([november, openOctober], '2026-11-15')).toBe(november);
    expect(rateInForce([openOctober, november], '2026-11-15')).toBe(november);
  });
});

describe('scheduledRateChanges', () => {
  it('lists active entries after the day, earliest first', () => {
    const january = rate({ effectiveDate: '2027-01-01' });
    const retracted = rate({ effectiveDate: '2026-12-15', isActive: false });
    expect(scheduledRateChanges([january, retracted, ...history], '2026-11-24')).toEqual([december, january]);
  });

  it('does not list the entry that starts on the day itself', () => {
    expect(scheduledRateChanges(history, '2026-12-01')).toEqual([]);
  });
});

describe('isAvailableOn', () => {
  const product = myga();

  it('is true inside a window, including both ends', () => {
    const window = availability({ startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(isAvailableOn(product, [window], '2026-01-01')).toBe(true);
    expect(isAvailableOn(product, [window], '2026-12-31')).toBe(true);
    expect(isAvailableOn(product, [window], '2025-12-31')).toBe(false);
    expect(isAvailableOn(product, [window], '2027-01-01')).toBe(false);
  });

  it('treats a window without an end as open-ended', () => {
    expect(isAvailableOn(product, [availability({ startDate: '2026-01-01' })], '2040-01-01')).toBe(true);
  });

  it('is false before a window that starts in the future', () => {
    expect(isAvailableOn(product, [availability({ startDate: '2027-01-01' })], '2026-11-24')).toBe(false);
  });

  it('finds the day in any of several windows, but not in the gap between them', () => {
    const windows = [availability({ startDate: '2026-01-01', endDate: '2026-03-31' }), availability({ startDate: '2026-06-01' })];
    expect(isAvailableOn(product, windows, '2026-02-01')).toBe(true);
    expect(isAvailableOn(product, windows, '2026-05-01')).toBe(false);
    expect(isAvailableOn(product, windows, '2026-06-01')).toBe(true);
  });

  it('ignores inactive windows and windows of other products', () => {
    expect(isAvailableOn(product, [availability({ startDate: '2026-01-01', isActive: false })], '2026-11-24')).toBe(false);
    expect(isAvailableOn(product, [availability({ startDate: '2026-01-01', productId: OTHER_PRODUCT_ID })], '2026-11-24')).toBe(false);
  });

  it('is false for an inactive product whatever its windows say', () => {
    expect(isAvailableOn(myga({ isActive: false }), [availability({ startDate: '2026-01-01' })], '2026-11-24')).toBe(false);
  });
});

describe('productTermsAsOf', () => {
  it('replaces the product rates with the rates in force on the day', () => {
    const terms = productTermsAsOf(myga({ baseRate: '9.9900', bonusRate: '0.0000' }), history, '2026-12-01');
    expect(terms).toMatchObject({ baseRate: '4.7500', bonusRate: '0.5000', termYears: 5, cusip: '037833100' });
  });

  it('returns null when no rate is in force instead of falling back to the product columns', () => {
    expect(productTermsAsOf(myga(), history, '2026-01-01')).toBeNull();
  });

  it('ignores rate entries of other products', () => {
    const foreign = rate({ effectiveDate: '2026-01-01', productId: OTHER_PRODUCT_ID });
    expect(productTermsAsOf(myga(), [foreign], '2026-06-01')).toBeNull();
  });
});

describe('rateInForce ties', () => {
  it('picks the smallest id when effective date and creation time tie, whatever the order given', () => {
    const first = rate({ rateHistoryId: '00000000-0000-4000-8000-0000000000a1', effectiveDate: '2026-11-01', baseRate: '4.0000' });
    const second = rate({ rateHistoryId: '00000000-0000-4000-8000-0000000000a2', effectiveDate: '2026-11-01', baseRate: '5.0000' });
    expect(rateInForce([second, first], '2026-11-15')).toBe(first);
    expect(rateInForce([first, second], '2026-11-15')).toBe(first);
  });
});

describe('saleWindowOn', () => {
  const product = myga();
  const past = availability({ startDate: '2026-01-01', endDate: '2026-06-30' });
  const now = availability({ startDate: '2026-07-01', endDate: '2026-12-31' });
  const next = availability({ startDate: '2027-02-12', endDate: null });

  it('gives the window in force, else the next to open, else the last to close', () => {
    expect(saleWindowOn(product, [past, now, next], '2026-11-24')).toEqual({ startDate: '2026-07-01', endDate: '2026-12-31' });
    expect(saleWindowOn(product, [past, next], '2026-11-24')).toEqual({ startDate: '2027-02-12', endDate: null });
    expect(saleWindowOn(product, [past], '2026-11-24')).toEqual({ startDate: '2026-01-01', endDate: '2026-06-30' });
  });

  it('ignores withdrawn windows and other products', () => {
    expect(saleWindowOn(product, [{ ...now, isActive: false }, availability({ productId: OTHER_PRODUCT_ID, startDate: '2026-01-01' })], '2026-11-24')).toBeNull();
  });
});
