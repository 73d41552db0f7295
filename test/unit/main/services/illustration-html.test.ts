// The client illustration printed from a saved comparison: what it must say for each mix of
// products (guaranteed vs non-guaranteed values, disclosures), page numbering, and escaping.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../src-shared/catalog.js';
import { compareProducts, type Comparison, type ComparisonCandidate } from '../../../../src-shared/comparison.js';
import type { SavedComparisonView } from '../../../../src-shared/desktop-api/index.js';
import { illustrationHtml } from '../../../../src-main/services/illustration-html.js';
import { availability, myga, rate } from '../../../support/catalog-fixtures.js';
import { savedComparisonView } from '../../../support/saved-comparison-view.js';

const FIA_ID = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';
const CD_ID = '9c8b7a69-5847-4362-a514-0f1e2d3c4b5a';

function candidate(product: Product, baseRate: string, bonusRate: string): ComparisonCandidate {
  return {
    product,
    rates: [rate({ productId: product.productId, effectiveDate: '2026-01-01', baseRate, bonusRate })],
    availability: [availability({ productId: product.productId, startDate: '2026-01-01' })],
  };
}

const mygaProduct = myga({ returnOfPremium: false, returnOfPremiumPercentage: null });
const fiaProduct = myga({
  productId: FIA_ID,
  productName: 'Index Advantage 5',
  productType: 'FIA',
  bonusRate: '0.0000',
  bonusYears: 0,
  surrenderSchedule: ['8.0000', '7.0000', '6.0000', '5.0000', '4.0000'],
  returnOfPremium: false,
  returnOfPremiumPercentage: null,
});
const cdProduct = myga({
  productId: CD_ID,
  productName: 'Bluewater 5-Year CD',
  productType: 'CD',
  bonusRate: '0.0000',
  bonusYears: 0,
  compounding: 'daily',
  surrenderSchedule: [],
  returnOfPremium: false,
  returnOfPremiumPercentage: null,
  guaranteedMinimumRate: '0.0000',
});

function saved(comparison: Comparison, products: readonly Product[], clientReference: string | null = 'Jane Doe'): SavedComparisonView {
  return savedComparisonView(comparison, products, { createdAt: '2026-11-24T15:00:00.000Z', clientReference });
}

function compare(candidates: ComparisonCandidate[]): Comparison {
  return compareProducts({ premium: '100000', years: 5, startDate: '2026-11-24', asOfDate: '2026-11-24', products: candidates });
}

/** The table row of `year` in the product table with data-product=`productId`. */
function yearRow(html: string, productId: string, year: number): string {
  const table = new RegExp(`<table data-product="${productId}">[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  return new RegExp(`<tr><td>${year}</td>.*?</tr>`).exec(table)?.[0] ?? '';
}

const disclosureIds = (html: string): string[] => [...html.matchAll(/data-disclosure="([^"]+)"/g)].map((match) => match[1] ?? '');

describe('illustrationHtml for a MYGA, an FIA and a CD', () => {
  const comparison = compare([candidate(mygaProduct, '4.5000', '1.0000'), candidate(fiaProduct, '5.0000', '0.0000'), candidate(cdProduct, '4.2500', '0.0000')]);
  const html = illustrationHtml(saved(comparison, [mygaProduct, fiaProduct, cdProduct]), { preparedOn: '2026-11-25' }) ?? '';

  it('is labelled, dated, says which rates it used and numbers every page "Page X of Y"', () => {
    expect(html).toContain('<h1>Client illustration</h1>');
    // Issue 11: the screens' date format, not ISO.
    expect(html).toContain('Prepared Nov 25, 2026 for Jane Doe · rates as of Nov 24, 2026');
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(html).toContain('prepared Nov 25, 2026');
  });

  it("shows the FIA's minimum-rate values as guaranteed and its crediting-rate values marked not guaranteed from year 1", () => {
    // Guaranteed 100000 x 1.01 = 101000.00 (surrender 8%: 92920.00); current 100000 x 1.05 = 105000.00 (96600.00).
    const row = yearRow(html, FIA_ID, 1);
    expect(row).toContain('<td class="num">$101,000.00</td><td class="num">$92,920.00</td>');
    expect(row).toContain('<td class="num not-guaranteed">$105,000.00 †</td><td class="num not-guaranteed">$96,600.00 †</td>');
  });

  it('prints the MYGA within its term as guaranteed, without the mark', () => {
    const row = yearRow(html, mygaProduct.productId, 1);
    expect(row).toContain('$105,500.00');
    expect(row).not.toContain('†');
  });

  it('draws the chart as inline SVG, a guaranteed line for each product and no script', () => {
    expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*role="img"/);
    expect(html.match(/<polyline /g)).toHaveLength(4); // MYGA, FIA guaranteed + FIA current, CD
    expect(html).toContain('Index Advantage 5: at current rates (not guaranteed)');
    expect(html).not.toMatch(/<script/i);
  });

  it('carries the disclosures for annuities, the FIA and the CD', () => {
    expect(disclosureIds(html)).toEqual(['hypothetical', 'non-guaranteed', 'indexed', 'claims-paying', 'not-fdic-insured', 'cd-fdic']);
    expect(html).toContain('Annuities are not FDIC insured');
    expect(html).toContain('insured by the FDIC up to $250,000 per depositor, per insured bank');
  });
});

describe('illustrationHtml for other mixes', () => {
  it('a CD alone within its term: all values guaranteed, FDIC wording, no annuity disclosures', () => {
    const comparison = compare([candidate(cdProduct, '4.2500', '0.0000')]);
    const html = illustrationHtml(saved(comparison, [cdProduct]), { preparedOn: '2026-11-24' }) ?? '';
    expect(html).toContain('All values shown are guaranteed by the contracts');
    expect(html).not.toContain('†');
    expect(disclosureIds(html)).toEqual(['hypothetical', 'cd-fdic']);
  });

  it('a record saved under the old rules does not present an FIA\'s values as guaranteed', () => {
    const comparison = compare([candidate(fiaProduct, '5.0000', '0.0000')]);
    const legacy: Comparison = {
      ...comparison,
      rulesVersion: 'projection-rules/1',
      products: comparison.products.map((column) => ({
        ...column,
        projection:
          column.projection === null
            ? null
            : { ...column.projection, rows: column.projection.rows.map((row) => ({ ...row, guaranteed: true, guaranteedAccountValue: row.accountValue })) },
      })),
    };
    const html = illustrationHtml(saved(legacy, [fiaProduct]), { preparedOn: '2026-11-24' }) ?? '';
    expect(yearRow(html, FIA_ID, 1)).toContain('not recorded');
    expect(yearRow(html, FIA_ID, 1)).toContain('$105,000.00 †');
    expect(html).not.toContain('$105,000.00</td>');
  });

  it('escapes what people typed', () => {
    const named = myga({ productName: 'Growth <b>Plus</b> & "More"', returnOfPremium: false, returnOfPremiumPercentage: null });
    const comparison = compare([candidate(named, '4.5000', '1.0000')]);
    const html = illustrationHtml(saved(comparison, [named], '<script>alert(1)</script>'), { preparedOn: '2026-11-24' }) ?? '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Growth &lt;b&gt;Plus&lt;/b&gt; &amp; &quot;More&quot;');
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses a prepared date that is not a date, and prints nothing for an unreadable record', () => {
    const comparison = compare([candidate(cdProduct, '4.2500', '0.0000')]);
    expect(() => illustrationHtml(saved(comparison, [cdProduct]), { preparedOn: '2026-02-30' })).toThrow(/preparedOn/);
    expect(illustrationHtml({ ...saved(comparison, [cdProduct]), shown: null })).toBeNull();
  });
});
