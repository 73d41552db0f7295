// The rules that have one home in src-shared and several users (server, main, renderer, PDF):
// comparison limits, rate publication, catalog filter and order, and the growth chart's lines.
import { describe, expect, it } from 'vitest';
import { backdatedRateMessage, ratePublicationRefusals } from '../../../src-shared/admin/rate-publish.js';
import { CATALOG_SORT_ORDER, filterProducts, emptyFilters, issuerLikePattern, issuerMatches, sortProducts } from '../../../src-shared/catalog/filter-sort.js';
import { compareProducts } from '../../../src-shared/comparison.js';
import { ClientReference, horizonYears, isHorizonYears, MAX_HORIZON_YEARS } from '../../../src-shared/comparison-limits.js';
import { formatBusinessDate, formatPercentText, formatWholeDollars } from '../../../src-shared/format/display.js';
import { currentValuesGuaranteed, growthLines, LINE_DASH } from '../../../src-shared/format/guarantees.js';
import { availability, myga, rate } from '../../support/catalog-fixtures.js';
import { listedOn } from '../../support/catalog-rows.js';

describe('comparison limits', () => {
  it('allows 1 to 50 years and says so in one wording', () => {
    expect(MAX_HORIZON_YEARS).toBe(50);
    expect([0, 1, 50, 51, 2.5].map(isHorizonYears)).toEqual([false, true, true, false, false]);
    expect(horizonYears().safeParse(51).error?.issues[0]?.message).toBe('must be between 1 and 50');
  });

  it('keeps a client reference short, not blank and free of SSNs', () => {
    expect(ClientReference.safeParse('x'.repeat(120)).success).toBe(true);
    expect(ClientReference.safeParse('x'.repeat(121)).success).toBe(false);
    expect(ClientReference.safeParse('  ').success).toBe(false);
    expect(ClientReference.safeParse('Smith 123-45-6789').success).toBe(false);
  });
});

describe('rate publication rules', () => {
  const context = { today: '2026-11-24', product: { bonusYears: 0, isActive: true }, latest: { effectiveDate: '2026-12-01', endDate: null } };

  it('words the same refusals for an API caller and for the console', () => {
    const request = { bonusRate: '0.5', effectiveDate: '2026-11-20' };
    expect(ratePublicationRefusals(request, context, { audience: 'api', cusip: '037833100' }).map((refusal) => refusal.message)).toEqual([
      'must be 0: product 037833100 has no bonus years (bonusYears is 0)',
      'must be today (2026-11-24) or later; rates already in force are not rewritten',
      'must be after 2026-12-01, when the latest published rate of 037833100 takes effect (retract that rate first to replace it)',
    ]);
    expect(ratePublicationRefusals(request, context, { audience: 'console', dateText: formatBusinessDate }).map((refusal) => refusal.message)).toEqual([
      'must be 0: this product has no bonus years',
      'must be today (Nov 24, 2026) or later; rates already in force are not rewritten',
      'must be after Dec 1, 2026, when the latest published rate takes effect (retract that rate first to replace it)',
    ]);
  });

  it('refuses a date inside a closed period and a withdrawn product', () => {
    const closed = { ...context, product: { bonusYears: 1, isActive: false }, latest: { effectiveDate: '2026-01-01', endDate: '2026-12-31' } };
    expect(ratePublicationRefusals({ bonusRate: '0', effectiveDate: '2026-12-15' }, closed, { audience: 'api', cusip: 'C' })).toEqual([
      { field: 'product', message: 'C is deactivated; reactivate it before publishing rates', kind: 'conflict' },
      { field: 'effectiveDate', message: 'falls inside the published period 2026-01-01 to 2026-12-31 of C', kind: 'conflict' },
    ]);
    expect(backdatedRateMessage('2026-11-24', '2026-11-24')).toBeNull();
  });
});

describe('catalog filter and order', () => {
  const a = listedOn(myga({ productId: '00000000-0000-4000-8000-00000000000a', productName: 'alpha 5', issuerName: 'Harbor Mutual', termYears: 5, baseRate: '4.5000' }));
  const b = listedOn(myga({ productId: '00000000-0000-4000-8000-00000000000b', productName: 'Bravo 5', issuerName: 'Summit Life', termYears: 5, baseRate: '4.7500' }));
  const c = listedOn(myga({ productId: '00000000-0000-4000-8000-00000000000c', productName: 'Charlie 3', issuerName: 'harbor bank', termYears: 3, baseRate: '4.0000' }));

  it('matches part of an issuer name in any case, in JS and as a LIKE pattern', () => {
    expect(filterProducts([a, b, c], { ...emptyFilters, issuerName: ' HARBOR ' })).toEqual([a, c]);
    expect(issuerMatches('Summit Life', '')).toBe(true);
    expect(issuerLikePattern(' 50%_off\\ ')).toBe('%50\\%\\_off\\\\%');
    expect(issuerLikePattern('  ')).toBeNull();
  });

  it('breaks ties the same way for every order: term by rate, then by name without case, then id', () => {
    expect(sortProducts([a, b, c], 'term').map((p) => p.productName)).toEqual(['Charlie 3', 'Bravo 5', 'alpha 5']);
    expect(sortProducts([c, b, a], 'name').map((p) => p.productName)).toEqual(['alpha 5', 'Bravo 5', 'Charlie 3']);
    expect(CATALOG_SORT_ORDER.term.map((step) => `${step.field} ${step.direction}`)).toEqual(['termYears asc', 'baseRate desc', 'productName asc', 'productId asc']);
  });
});

describe('guaranteed and not guaranteed, on screen and in the PDF', () => {
  const product = myga({ termYears: 3, surrenderSchedule: [] });
  const comparison = compareProducts({
    premium: '100000',
    years: 5,
    startDate: '2026-03-01',
    asOfDate: '2026-03-01',
    products: [{ product, rates: [rate({ effectiveDate: '2026-01-01' })], availability: [availability({ startDate: '2026-01-01' })] }],
  });

  it('draws guaranteed values solid and values at current rates dashed, surrender values dotted', () => {
    const lines = growthLines(comparison, { surrender: true });
    expect(lines.map((line) => [line.kind, line.guaranteed, line.dash])).toEqual([
      ['account', false, LINE_DASH.dashed],
      ['guaranteed', true, LINE_DASH.solid],
      ['surrender', false, LINE_DASH.dotted],
    ]);
    expect(lines[1]?.values[0]).toBe('100000.00');
  });

  it('never shows an FIA value as guaranteed, whatever an old record says', () => {
    expect(currentValuesGuaranteed({ productType: 'FIA' }, { guaranteed: true })).toBe(false);
    expect(currentValuesGuaranteed({ productType: 'MYGA' }, { guaranteed: true })).toBe(true);
  });

  it('formats percents and axis dollars the same way everywhere', () => {
    expect(formatPercentText('4.4500')).toBe('4.45%');
    expect(formatWholeDollars(102499.5)).toBe('$102,500');
  });
});
