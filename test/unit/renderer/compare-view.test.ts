import { describe, expect, it } from 'vitest';
import { compareProducts, type Comparison } from '../../../src-shared/comparison.js';
import { firstNonGuaranteedYear } from '../../../src-shared/format/guarantees.js';
import { buildGrowthSeries, buildTermRows, buildYearRows, savedTerms } from '../../../src-renderer/compare-view.js';
import { OTHER_PRODUCT_ID, PRODUCT_ID, availability, myga, rate } from '../../support/catalog-fixtures.js';

const summit = myga();
const harbor = myga({
  productId: OTHER_PRODUCT_ID,
  productName: 'Harbor 3 CD-style MYGA',
  issuerName: 'Harbor Mutual',
  minimumInvestment: '150000.00',
  maximumInvestment: null,
  bonusRate: '0.0000',
  bonusYears: 0,
  termYears: 3,
  surrenderSchedule: [],
  returnOfPremium: false,
  returnOfPremiumPercentage: null,
});

function comparison(years: number): Comparison {
  return compareProducts({
    premium: '100000',
    years,
    startDate: '2026-03-01',
    asOfDate: '2026-03-01',
    products: [
      { product: summit, rates: [rate({ effectiveDate: '2026-01-01' })], availability: [availability({ startDate: '2026-01-01' })] },
      {
        product: harbor,
        rates: [rate({ productId: OTHER_PRODUCT_ID, effectiveDate: '2026-01-01', baseRate: '4.0000', bonusRate: '0.0000' })],
        availability: [availability({ productId: OTHER_PRODUCT_ID, startDate: '2026-01-01' })],
      },
    ],
  });
}

function row(rows: ReturnType<typeof buildTermRows>, key: string): string[] {
  const found = rows.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no row ${key}`);
  return found.values;
}

describe('side-by-side terms', () => {
  const shown = comparison(5);
  const rows = buildTermRows(shown, [summit, harbor]);

  it('lists the terms a client must see, one value per product', () => {
    expect(row(rows, 'guarantee')).toEqual(['5 years', '3 years']);
    expect(row(rows, 'surrender')).toEqual(['7.00%, 6.00%, 5.00%, 4.00%, 3.00% (years 1–5)', 'None']);
    expect(row(rows, 'free-withdrawal')).toEqual(['10.00% of value a year', '10.00% of value a year']);
    expect(row(rows, 'return-of-premium')).toEqual(['Yes, at least 100.00% of premium', 'No']);
    expect(row(rows, 'bonus')).toEqual(['1.00% for 1 year', 'None']);
    expect(row(rows, 'minimum-rate')).toEqual(['1.00%', '1.00%']);
    expect(row(rows, 'premium-range')).toEqual(['$10,000.00 to $1,000,000.00', '$150,000.00 to no maximum']);
  });

  it('shows the rates used and the effective yield from the engine', () => {
    // Issue 11: one date format and one yield rule (2 decimals) on screen and in the PDF.
    expect(row(rows, 'base-rate')).toEqual(['4.50% (effective Jan 1, 2026)', '4.00% (effective Jan 1, 2026)']);
    const [summitYield, harborYield] = row(rows, 'yield');
    // (125,810.72 / 100,000)^(1/5) - 1 = 4.699...%: the bonus year lifts it above the 4.5% base.
    expect(summitYield).toBe('4.70% over 5 years');
    expect(harborYield).toBe('4.00% over 3 years');
  });

  it('labels the final value guaranteed or not', () => {
    const [summitFinal, harborFinal] = row(rows, 'final-value');
    expect(summitFinal).toMatch(/^\$\d{3},\d{3}\.\d{2} \(guaranteed\)$/);
    expect(harborFinal).toMatch(/\(not guaranteed\)$/);
  });

  it('shows a dash for terms that are unknown rather than inventing them', () => {
    const unknown = buildTermRows(shown, [summit, null]);
    expect(row(unknown, 'guarantee')).toEqual(['5 years', '—']);
  });
});

describe('year-by-year table', () => {
  it('has exact values per product and marks non-guaranteed years', () => {
    const rows = buildYearRows(comparison(5));
    expect(rows).toHaveLength(5);
    // Year 1: 100,000 x 1.055 = 105,500.00; the 7% charge is floored by return of premium at 100%.
    expect(rows[0]?.cells[0]).toEqual({ accountValue: '$105,500.00', surrenderValue: '$100,000.00', guaranteedAccountValue: '$105,500.00', guaranteed: true });
    // Year 2 at the 4.5% base rate: 105,500 x 1.045 = 110,247.50.
    expect(rows[1]?.cells[0]?.accountValue).toBe('$110,247.50');
    // Harbor's 3-year guarantee ends at 112,486.40 (100,000 x 1.04^3); year 4 credits 4% on the
    // current basis (116,985.856 -> 116,985.86) and only the 1% minimum guaranteed (113,611.264 -> 113,611.26).
    expect(rows[3]?.cells[1]).toEqual({ accountValue: '$116,985.86', surrenderValue: '$116,985.86', guaranteedAccountValue: '$113,611.26', guaranteed: false });
  });

  it('finds the first year that is not guaranteed', () => {
    expect(firstNonGuaranteedYear(comparison(5))).toBe(4);
    expect(firstNonGuaranteedYear(comparison(3))).toBeNull();
  });
});

describe('growth chart series', () => {
  it('draws one account-value line per product starting at the premium', () => {
    const { labels, series } = buildGrowthSeries(comparison(3), false);
    expect(labels).toEqual(['Start', 'Year 1', 'Year 2', 'Year 3']);
    // The legend wording is the printed illustration's (src-shared/format/guarantees.ts): a wholly guaranteed line says so.
    expect(series.map((line) => line.label)).toEqual(['Summit Ridge SecureGrowth 5: guaranteed values', 'Harbor 3 CD-style MYGA: guaranteed values']);
    expect(series[0]?.points.slice(0, 3)).toEqual([100000, 105500, 110247.5]);
  });

  it('adds dashed surrender-value lines on demand', () => {
    const { series } = buildGrowthSeries(comparison(3), true);
    expect(series).toHaveLength(4);
    expect(series.filter((line) => line.dashed).map((line) => line.points[1])).toEqual([100000, 104000]);
  });

  it('adds the guaranteed line of a product whose values stop being guaranteed within the horizon', () => {
    // Harbor's 3-year term ends before year 4: from then on only its 1.00 % minimum is guaranteed.
    const { series } = buildGrowthSeries(comparison(4), false);
    const harborLines = series.filter((line) => line.productIndex === 1);
    expect(harborLines.map((line) => line.line)).toEqual(['account', 'guaranteed']);
    expect(harborLines[0]?.label).toContain('not guaranteed');
    const [current, guaranteed] = harborLines;
    // Equal while the term's rate is guaranteed, apart afterwards.
    expect(guaranteed?.points.slice(0, 4)).toEqual(current?.points.slice(0, 4));
    expect(guaranteed?.points[4]).toBeLessThan(current?.points[4] ?? 0);
  });
});

describe('reopened saved comparison', () => {
  it('uses the product snapshots stored with it, matched by product id', () => {
    const shown = comparison(5);
    const items = [
      { position: 2, productId: OTHER_PRODUCT_ID, rateHistoryId: null, baseRate: '4.0000', bonusRate: '0.0000', productSnapshot: { ...harbor } },
      { position: 1, productId: PRODUCT_ID, rateHistoryId: null, baseRate: '4.5000', bonusRate: '1.0000', productSnapshot: { ...summit, termYears: 'bad' } },
    ];
    const terms = savedTerms(shown, items);
    expect(terms[0]).toBeNull();
    expect(terms[1]?.productName).toBe('Harbor 3 CD-style MYGA');
  });
});
