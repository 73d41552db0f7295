// One presentation (issue 11): the compare screen and the printed illustration carry the same
// disclosures, in the same order and words, because both take them from one rule. Checked for each
// kind of product alone and in mixes: MYGA, FIA, bank CD, brokered CD.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../src-shared/catalog.js';
import { compareProducts, type Comparison } from '../../../../src-shared/comparison.js';
import type { SavedComparisonView } from '../../../../src-shared/desktop-api/index.js';
import { comparisonDisclosures, DisclosureId } from '../../../../src-shared/format/disclosures.js';
import { buildDisclosures } from '../../../../src-renderer/compare-view.js';
import { escapeHtml } from '../../../../src-main/print/escape-html.js';
import { illustrationHtml } from '../../../../src-main/services/illustration-html.js';
import { availability, compareAtFlatRate, myga, rate } from '../../../support/catalog-fixtures.js';
import { savedComparisonView } from '../../../support/saved-comparison-view.js';

const cd: Partial<Product> = {
  productType: 'CD',
  bonusRate: '0.0000',
  bonusYears: 0,
  termYears: 3,
  surrenderSchedule: [],
  freeWithdrawalPercent: '0.0000',
  returnOfPremium: false,
  returnOfPremiumPercentage: null,
  guaranteedMinimumRate: '0.0000',
};
const products = {
  myga: myga({ productId: '00000000-0000-4000-8000-0000000000a1', cusip: '037833100', productName: 'Summit 5', returnOfPremium: false, returnOfPremiumPercentage: null }),
  fia: myga({ productId: '00000000-0000-4000-8000-0000000000f1', cusip: '594918104', productName: 'Index 5', productType: 'FIA', bonusRate: '0.0000', bonusYears: 0 }),
  bankCd: myga({ ...cd, productId: '00000000-0000-4000-8000-0000000000c1', cusip: '17275R102', productName: 'Bank CD', compounding: 'daily', brokered: false, earlyWithdrawalPenaltyMonths: 6 }),
  brokeredCd: myga({ ...cd, productId: '00000000-0000-4000-8000-0000000000c2', cusip: '38259P508', productName: 'Brokered CD', compounding: 'simple', brokered: true, earlyWithdrawalPenaltyMonths: null }),
} as const;
type Kind = keyof typeof products;

function compare(kinds: readonly Kind[]): Comparison {
  return compareAtFlatRate(kinds.map((kind) => products[kind]));
}

function saved(comparison: Comparison, kinds: readonly Kind[]): SavedComparisonView {
  return savedComparisonView(comparison, kinds.map((kind) => products[kind]), { itemRates: { baseRate: '4.5000', bonusRate: '0.0000' } });
}

/** The disclosures as the PDF prints them: [id, text] in page order. */
function printed(html: string): Array<[string, string]> {
  return [...html.matchAll(/<li data-disclosure="([^"]+)">([^<]*)<\/li>/g)].map((match) => [match[1] ?? '', match[2] ?? '']);
}

const { hypothetical, nonGuaranteed, indexed, claimsPaying, notFdicInsured, cdFdic, brokeredCd } = DisclosureId;

describe('the disclosures of a comparison, on screen and in the PDF', () => {
  it.each<[string, Kind[], DisclosureId[]]>([
    ['a MYGA within its term', ['myga'], [hypothetical, claimsPaying, notFdicInsured]],
    ['an FIA', ['fia'], [hypothetical, nonGuaranteed, indexed, claimsPaying, notFdicInsured]],
    ['a bank CD', ['bankCd'], [hypothetical, cdFdic]],
    ['a brokered CD', ['brokeredCd'], [hypothetical, cdFdic, brokeredCd]],
    ['a MYGA and a bank CD', ['myga', 'bankCd'], [hypothetical, claimsPaying, notFdicInsured, cdFdic]],
    ['an FIA and a brokered CD', ['fia', 'brokeredCd'], [hypothetical, nonGuaranteed, indexed, claimsPaying, notFdicInsured, cdFdic, brokeredCd]],
    ['all four kinds', ['myga', 'fia', 'bankCd', 'brokeredCd'], [hypothetical, nonGuaranteed, indexed, claimsPaying, notFdicInsured, cdFdic, brokeredCd]],
  ])('%s: the same list in the same words', (_label, kinds, expected) => {
    const comparison = compare(kinds);
    const onScreen = buildDisclosures(comparison);
    expect(onScreen.map((disclosure) => disclosure.id)).toEqual(expected);
    expect(onScreen).toEqual(comparisonDisclosures(comparison));
    const html = illustrationHtml(saved(comparison, kinds), { preparedOn: '2026-12-03' }) ?? '';
    expect(printed(html)).toEqual(onScreen.map((disclosure) => [disclosure.id, escapeHtml(disclosure.text)]));
  });

  it('a MYGA shown beyond its term adds the non-guaranteed disclosure on both', () => {
    const comparison = compareProducts({
      premium: '100000',
      years: 8,
      startDate: '2026-12-03',
      asOfDate: '2026-12-03',
      products: [
        {
          product: products.myga,
          rates: [rate({ productId: products.myga.productId, effectiveDate: '2026-01-01', baseRate: '4.5000', bonusRate: '0.0000' })],
          availability: [availability({ productId: products.myga.productId, startDate: '2026-01-01' })],
        },
      ],
    });
    expect(buildDisclosures(comparison).map((disclosure) => disclosure.id)).toContain(nonGuaranteed);
    const html = illustrationHtml(saved(comparison, ['myga']), { preparedOn: '2026-12-03' }) ?? '';
    expect(printed(html).map(([id]) => id)).toEqual(buildDisclosures(comparison).map((disclosure) => disclosure.id));
  });
});
