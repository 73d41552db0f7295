// Whether a product's current rate, and every figure worked out from it (year-1 rate, effective
// yield), is something the contract guarantees, and the words that say so when it is not. A MYGA
// guarantees its declared rate for the term and a CD its stated rate to maturity; a fixed indexed
// annuity guarantees only its minimum rate, so its current crediting rate can change at the
// issuer's discretion and must never read like a guarantee (NAIC Model 245). One home for the
// catalog, the product page and anything else that lists current rates next to each other; the
// labels and caveats built on it are in product-labels.ts.
import type { ProductType } from '../catalog.js';

/** False for a fixed indexed annuity: its current crediting rate is declared, not guaranteed. */
export function currentRateGuaranteed(productType: ProductType): boolean {
  return productType !== 'FIA';
}

/** Short words after a figure that is not guaranteed: "4.10% not guaranteed". */
export const NOT_GUARANTEED_WORDS = 'not guaranteed';

/**
 * One sentence under a list that mixes guaranteed and current-rate figures, so a reader of any
 * row knows what the mark means; null when every listed figure is guaranteed.
 */
export function currentRateNote(productTypes: readonly ProductType[]): string | null {
  return productTypes.some((type) => !currentRateGuaranteed(type))
    ? 'Fixed indexed annuity (FIA) rates and yields use the current crediting rate, which is not guaranteed and can change; only the minimum rate is guaranteed.'
    : null;
}
