// One percent format and one date format on screen and in the PDF (issue 11): rates as published
// with at least 2 decimals, every yield (APY and effective annual yield) to 2 decimals, dates as
// "Dec 3, 2026"; and the printed page keeps a short record reference, never the record's UUID, an
// ISO time or the rules version.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../src-shared/catalog.js';
import { compareProducts } from '../../../../src-shared/comparison.js';
import type { SavedComparisonView } from '../../../../src-shared/desktop-api/index.js';
import { formatYieldText, recordReference } from '../../../../src-shared/format/display.js';
import { buildTermRows } from '../../../../src-renderer/compare-view.js';
import { yieldText } from '../../../../src-main/print/illustration-terms.js';
import { illustrationHtml } from '../../../../src-main/services/illustration-html.js';
import { availability, myga, rate } from '../../../support/catalog-fixtures.js';
import { savedComparisonView } from '../../../support/saved-comparison-view.js';

const COMPARISON_ID = '8f3a1c2e-4b5d-4e6f-8a7b-9c0d1e2f3a4b';
const fia = myga({ productId: '00000000-0000-4000-8000-0000000000f1', productName: 'Index 7', productType: 'FIA', bonusRate: '0.0000', bonusYears: 0, termYears: 7 });
const mygaProduct = myga({ returnOfPremium: false, returnOfPremiumPercentage: null });
const products: Product[] = [mygaProduct, fia];
const comparison = compareProducts({
  premium: '100000',
  years: 7,
  startDate: '2026-12-03',
  asOfDate: '2026-12-03',
  products: products.map((product) => ({
    product,
    rates: [rate({ productId: product.productId, effectiveDate: '2026-11-30', baseRate: product.productType === 'FIA' ? '7.3000' : '4.1250', bonusRate: '0.0000' })],
    availability: [availability({ productId: product.productId, startDate: '2026-01-01' })],
  })),
});
const saved: SavedComparisonView = savedComparisonView(comparison, products, {
  comparisonId: COMPARISON_ID,
  createdAt: '2026-12-03T15:04:05.123Z',
  itemRates: { baseRate: '4.5000', bonusRate: '0.0000' },
});
const html = illustrationHtml(saved, { preparedOn: '2026-12-03' }) ?? '';

describe('one percent format', () => {
  it('shows every yield with 2 decimals, half-up', () => {
    expect(formatYieldText('7.2996')).toBe('7.30%');
    expect(formatYieldText('4.5640')).toBe('4.56%');
    expect(formatYieldText('5.00')).toBe('5.00%');
    expect(formatYieldText('4.125')).toBe('4.13%');
    expect(formatYieldText(null)).toBe('—');
  });

  it('prints the same yield in the PDF as the compare screen shows, and rates as published', () => {
    const screenYields = buildTermRows(comparison, products).find((row) => row.key === 'yield')?.values ?? [];
    const [mygaColumn, fiaColumn] = comparison.products;
    if (mygaColumn === undefined || fiaColumn === undefined) throw new Error('two columns expected');
    const mygaYield = /(\d+\.\d+%)/.exec(yieldText(mygaColumn) ?? '')?.[1];
    const fiaYield = /(\d+\.\d+%)/.exec(yieldText(fiaColumn) ?? '')?.[1];
    expect(mygaYield).toMatch(/^\d+\.\d{2}%$/);
    expect(fiaYield).toMatch(/^\d+\.\d{2}%$/);
    expect(screenYields[0]).toContain(mygaYield);
    expect(screenYields[1]).toContain(fiaYield);
    // A published rate keeps its third decimal: "4.125%", never rounded to "4.13%".
    expect(html).toContain('4.125%');
    expect(html).not.toMatch(/\d\.\d{4}%/);
  });
});

describe('one date format', () => {
  it('prints dates as the screens do, never ISO', () => {
    expect(html).toContain('Prepared Dec 3, 2026');
    expect(html).toContain('rates as of Dec 3, 2026');
    expect(html).toContain('paid once on Dec 3, 2026');
    expect(html).toContain('effective Nov 30, 2026');
    expect(html).toContain('<td>Dec 3, 2027</td>');
    // The page's text (tags and attributes aside) holds no ISO date.
    const text = html.replace(/<[^>]*>/g, ' ');
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });
});

describe('the record on paper', () => {
  it('is a short reference: no UUID, ISO time or rules version', () => {
    expect(recordReference(COMPARISON_ID)).toBe('RD-8F3A1C2E');
    expect(html).toContain('@bottom-left { content: "Record RD-8F3A1C2E";');
    expect(html).toContain('Record RD-8F3A1C2E');
    const text = html.replace(/<[^>]*>/g, ' ');
    expect(text).not.toContain(COMPARISON_ID);
    expect(html).not.toMatch(/content: "[^"]*[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(html).not.toContain('2026-12-03T15:04:05');
    expect(html).not.toContain('projection-rules/');
  });
});
