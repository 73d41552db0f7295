// The printed illustration in the words of each kind of product (issue 11): a CD's APY by name and
// its early-withdrawal penalty or market price, never annuity surrender wording; an FIA's current
// rate marked as not guaranteed; an annuity's nonforfeiture floor.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../src-shared/catalog.js';
import { compareProducts, type ComparedProduct } from '../../../../src-shared/comparison.js';
import type { SavedComparisonView } from '../../../../src-shared/desktop-api/index.js';
import { illustrationHtml } from '../../../../src-main/services/illustration-html.js';
import { exitValueHeader, exitValueText, rateUsedText, termsText, yieldText } from '../../../../src-main/print/illustration-terms.js';
import { availability, myga, rate } from '../../../support/catalog-fixtures.js';
import { savedComparisonView } from '../../../support/saved-comparison-view.js';

const CD_ID = '9c8b7a69-5847-4362-a514-0f1e2d3c4b5a';
const FIA_ID = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';

const bankCd = myga({
  productId: CD_ID,
  productName: 'Bluewater 3-Year CD',
  productType: 'CD',
  bonusRate: '0.0000',
  bonusYears: 0,
  termYears: 3,
  compounding: 'daily',
  surrenderSchedule: [],
  freeWithdrawalPercent: '0.0000',
  returnOfPremium: false,
  returnOfPremiumPercentage: null,
  guaranteedMinimumRate: '0.0000',
  brokered: false,
  earlyWithdrawalPenaltyMonths: 6,
});
const brokeredCd: Product = { ...bankCd, productName: 'Bluewater 3-Year Brokered CD', compounding: 'simple', brokered: true, earlyWithdrawalPenaltyMonths: null };
const fia = myga({ productId: FIA_ID, productName: 'Index Advantage 5', productType: 'FIA', bonusRate: '0.0000', bonusYears: 0, nonforfeitureRate: '2.5000' });

function column(product: Product, baseRate = '4.5000'): ComparedProduct {
  const result = compareProducts({
    premium: '100000',
    years: 3,
    startDate: '2026-12-03',
    asOfDate: '2026-12-03',
    products: [
      {
        product,
        rates: [rate({ productId: product.productId, effectiveDate: '2026-01-01', baseRate, bonusRate: '0.0000' })],
        availability: [availability({ productId: product.productId, startDate: '2026-01-01' })],
      },
    ],
  });
  const first = result.products[0];
  if (first === undefined) throw new Error('no column');
  return first;
}

describe('illustration terms by kind of product', () => {
  it('names a bank CD its APY and its early-withdrawal penalty, with no annuity wording', () => {
    const shown = column(bankCd);
    expect(yieldText(shown)).toBe('Annual percentage yield (APY): 4.60%.');
    expect(termsText(shown, bankCd)).toBe('Matures after 3 years; early-withdrawal penalty: 6 months of interest on the amount withdrawn.');
    expect(exitValueHeader(shown)).toBe('Value if withdrawn early');
    expect(termsText(shown, bankCd)).not.toMatch(/surrender|free withdrawal/i);
  });

  it('says a brokered CD is sold at market price before maturity, and shows no value for it', () => {
    const shown = column(brokeredCd, '5.0000');
    expect(termsText(shown, brokeredCd)).toBe(
      'Matures after 3 years; brokered CD, no early withdrawal from the bank: a sale before maturity is at the market price, which may be below the principal.',
    );
    expect(exitValueHeader(shown)).toBe('Value if sold before maturity');
    expect(exitValueText(shown.projection?.rows[0]?.surrenderValue ?? null)).toBe('Market price');
    expect(yieldText(shown)).toBe('Annual percentage yield (APY): 5.00%.');
  });

  it("marks an FIA's current rate and yield as not guaranteed and states its nonforfeiture floor", () => {
    const shown = column(fia);
    // Issue 11: dates as the screens print them.
    expect(rateUsedText(shown)).toBe('4.50% base + 0.00% bonus (current rate, not guaranteed), effective Jan 1, 2026');
    expect(yieldText(shown)).toMatch(/^Effective annual yield \(current rate, not guaranteed\): 4\.50% over 3 years\.$/);
    expect(termsText(shown, fia)).toContain('5-year surrender period; only the minimum rate of 1.00% is guaranteed');
    expect(termsText(shown, fia)).toContain('never below 87.5% of premium accumulated at 2.50% (nonforfeiture minimum)');
    expect(termsText(shown, fia)).not.toContain('Guarantee period');
  });

  it('puts the CD wording in the printed page', () => {
    const shown = column(brokeredCd, '5.0000');
    const comparison = compareProducts({
      premium: '100000',
      years: 3,
      startDate: '2026-12-03',
      asOfDate: '2026-12-03',
      products: [
        { product: brokeredCd, rates: [rate({ productId: CD_ID, effectiveDate: '2026-01-01', baseRate: '5.0000', bonusRate: '0.0000' })], availability: [availability({ productId: CD_ID, startDate: '2026-01-01' })] },
      ],
    });
    const saved: SavedComparisonView = savedComparisonView(comparison, [brokeredCd], { itemRates: { baseRate: '5.0000', bonusRate: '0.0000' } });
    const html = illustrationHtml(saved, { preparedOn: '2026-12-03' }) ?? '';
    expect(shown.brokered).toBe(true);
    expect(html).toContain('Annual percentage yield (APY): 5.00%.');
    expect(html).toContain('<th class="num">Guaranteed value if sold before maturity</th>');
    expect(html).toMatch(/<tr><td>1<\/td><td>Dec 3, 2027<\/td><td class="num">5\.00%<\/td><td class="num">\$100,000\.00<\/td><td class="num">Market price<\/td><\/tr>/);
    expect(html).toContain('which may be below the principal');
    expect(html).not.toContain('free withdrawals');
  });
});
