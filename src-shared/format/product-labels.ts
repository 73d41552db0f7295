// The words a product's figures are shown with, by kind of product, for every screen and the
// printed illustration (one source, so the compare screen, the catalog and the PDF agree):
// - a CD is a deposit, not an annuity: it has an early-withdrawal penalty (bank CD) or a market
//   price before maturity (brokered CD), never "surrender charges" or "free withdrawals";
// - Regulation DD requires a CD's yield to be named "annual percentage yield" (APY, 2 decimals);
// - an FIA's current crediting rate, and any yield or value computed from it, is not guaranteed
//   (NAIC Model 245: never state or imply that a non-guaranteed element is guaranteed), and an FIA
//   has no "guarantee period": its term is the surrender period.
import { isBrokeredCd, ProductType, type Compounding } from '../catalog.js';
import { formatYieldText } from './display.js';
import { currentRateGuaranteed, NOT_GUARANTEED_WORDS } from './current-rates.js';

/** What kind of product a figure belongs to; `brokered` absent follows the older convention (simple interest). */
export interface ProductKind {
  productType: ProductType;
  compounding: Compounding;
  brokered?: boolean | undefined;
}

/** Next to every FIA current-rate figure (rate, yield, value at the current rate), wherever it is shown. */
export const FIA_CURRENT_RATE_CAVEAT = `current rate, ${NOT_GUARANTEED_WORDS}`;

/** The caveat a rate or yield figure of this product type needs (current-rates.ts decides which), or null. */
export function currentRateCaveat(productType: ProductType): string | null {
  return currentRateGuaranteed(productType) ? null : FIA_CURRENT_RATE_CAVEAT;
}

/** A formatted rate or yield with its caveat: "4.50% (current rate, not guaranteed)" for an FIA, unchanged otherwise. */
export function withCurrentRateCaveat(productType: ProductType, formatted: string): string {
  const caveat = currentRateCaveat(productType);
  return caveat === null ? formatted : `${formatted} (${caveat})`;
}

/** The row label of termYears: an FIA guarantees no rate for its term, a CD matures. */
export function termLabel(productType: ProductType): string {
  if (productType === ProductType.FIA) return 'Surrender period';
  if (productType === ProductType.CD) return 'Term to maturity';
  return 'Guarantee period';
}

/** The label of the cost of leaving early. */
export function earlyExitLabel(kind: ProductKind): string {
  if (kind.productType !== ProductType.CD) return 'Surrender charges';
  return isBrokeredCd(kind) ? 'Sale before maturity' : 'Early-withdrawal penalty';
}

/** The label of the value paid when leaving early. */
export function earlyExitValueLabel(kind: ProductKind): string {
  if (kind.productType !== ProductType.CD) return 'Surrender value';
  return isBrokeredCd(kind) ? 'Value if sold before maturity' : 'Value if withdrawn early';
}

/** What a brokered CD shows instead of a surrender value before maturity. */
/** What selling a brokered CD before maturity means, as a clause. */
export const BROKERED_CD_SALE = 'a sale before maturity is at the market price, which may be below the principal';
export const BROKERED_CD_MARKET_PRICE = `Market price: ${BROKERED_CD_SALE}`;

/** Shown where an engine value is null because a brokered CD has no value but its market price. */
export const MARKET_PRICE_SHORT = 'Market price';

/** A bank CD's penalty in words: "6 months of interest", "None". */
export function penaltyText(months: number | null | undefined): string {
  if (months === null || months === undefined) return 'Not stated';
  if (months === 0) return 'None';
  return `${months} ${months === 1 ? 'month' : 'months'} of interest`;
}

/** The label of the yield a product is compared by: a CD's is its APY (Regulation DD), an annuity's the effective annual yield. */
export function yieldLabel(productType: ProductType): string {
  if (productType === ProductType.CD) return 'Annual percentage yield (APY)';
  if (!currentRateGuaranteed(productType)) return `Effective annual yield (${FIA_CURRENT_RATE_CAVEAT})`;
  return 'Effective annual yield';
}

/** "5.39% APY": Regulation DD names the annual percentage yield; 2 decimals as the engine rounds it. */
export function apyText(apy: string): string {
  return `${formatYieldText(apy)} APY`;
}
