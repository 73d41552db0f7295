// The words the printed illustration uses for a product's terms and early-exit values, by kind of
// product (src-shared/format/product-labels.ts): a CD's early-withdrawal penalty or market price
// instead of annuity surrender charges and free withdrawals, its APY named as Regulation DD
// requires, an annuity's nonforfeiture floor, and an FIA's current rate marked as not guaranteed.
import { isBrokeredCd, nonforfeitureRateOf, ProductType, type Product } from '../../src-shared/catalog.js';
import { isBrokeredColumn, type ComparedProduct } from '../../src-shared/comparison.js';
import { formatBusinessDate, formatDollars, formatPercentText as percentText, formatYieldText } from '../../src-shared/format/display.js';
import {
  BROKERED_CD_SALE,
  earlyExitValueLabel,
  MARKET_PRICE_SHORT,
  penaltyText,
  withCurrentRateCaveat,
  yieldLabel,
} from '../../src-shared/format/product-labels.js';

/** The kind of a compared column, for the labels (records before the brokered field follow its convention). */
export function columnKind(column: ComparedProduct): { productType: ProductType; compounding: 'annual' | 'daily' | 'simple'; brokered: boolean } {
  return { productType: column.productType, compounding: column.projection?.compounding ?? 'annual', brokered: isBrokeredColumn(column) };
}

/** An early-exit value: dollars, or the market-price words where the engine has none (a brokered CD before maturity). */
export function exitValueText(amount: string | null): string {
  return amount === null ? MARKET_PRICE_SHORT : formatDollars(amount);
}

/** The column header of a product's early-exit values. */
export function exitValueHeader(column: ComparedProduct): string {
  return earlyExitValueLabel(columnKind(column));
}

/** "4.50% base + 0% bonus, effective ...", marked as not guaranteed for an FIA. */
export function rateUsedText(column: ComparedProduct): string {
  if (column.ratesUsed === null) return 'no rate in force';
  const rate = `${percentText(column.ratesUsed.baseRate)} base + ${percentText(column.ratesUsed.bonusRate)} bonus`;
  return `${withCurrentRateCaveat(column.productType, rate)}, effective ${formatBusinessDate(column.ratesUsed.effectiveDate)}`;
}

/** The yield line under a product's heading: a CD's APY by name, an annuity's effective yield (an FIA's marked). */
export function yieldText(column: ComparedProduct): string | null {
  const projection = column.projection;
  if (projection === null) return null;
  if (column.productType === ProductType.CD) return `${yieldLabel(column.productType)}: ${formatYieldText(projection.apy)}.`;
  return `${yieldLabel(column.productType)}: ${formatYieldText(projection.effectiveAnnualYield)} over ${projection.yieldYears} ${projection.yieldYears === 1 ? 'year' : 'years'}.`;
}

function cdTermsText(column: ComparedProduct, terms: Product): string {
  const term = `Matures after ${terms.termYears} ${terms.termYears === 1 ? 'year' : 'years'}`;
  if (isBrokeredCd(terms) || isBrokeredColumn(column)) return `${term}; brokered CD, no early withdrawal from the bank: ${BROKERED_CD_SALE}.`;
  return `${term}; early-withdrawal penalty: ${penaltyText(terms.earlyWithdrawalPenaltyMonths ?? 0)} on the amount withdrawn.`;
}

/** One sentence of the product's terms, in the words of its kind. */
export function termsText(column: ComparedProduct, terms: Product): string {
  if (column.productType === ProductType.CD) return cdTermsText(column, terms);
  const minimum = percentText(terms.guaranteedMinimumRate);
  const guarantee =
    column.productType === ProductType.FIA
      ? `${terms.termYears}-year surrender period; only the minimum rate of ${minimum} is guaranteed`
      : `Rate guaranteed for ${terms.termYears} ${terms.termYears === 1 ? 'year' : 'years'}, then at least ${minimum}`;
  const surrender =
    terms.surrenderSchedule.length === 0
      ? 'no surrender charges'
      : `surrender charges by year ${terms.surrenderSchedule.map((charge) => percentText(charge)).join(', ')}`;
  const floor = terms.returnOfPremium && terms.returnOfPremiumPercentage !== null ? `; surrender value at least ${percentText(terms.returnOfPremiumPercentage)} of premium` : '';
  const nonforfeiture = `; surrender values never below 87.5% of premium accumulated at ${percentText(nonforfeitureRateOf(terms))} (nonforfeiture minimum)`;
  return `${guarantee}; ${surrender}${floor}${nonforfeiture}; free withdrawals ${percentText(terms.freeWithdrawalPercent)} of value a year.`;
}
