// A saved comparison as the renderer and the illustration receive it, built from a comparison and
// the products it showed (each item's snapshot is the product as shown).
import type { Product } from '../../src-shared/catalog.js';
import type { Comparison } from '../../src-shared/comparison.js';
import type { SavedComparisonView } from '../../src-shared/desktop-api/index.js';

export interface SavedViewOptions {
  comparisonId?: string;
  createdAt?: string;
  clientReference?: string | null;
  /** The rates each item records; default: each product's own. */
  itemRates?: { baseRate: string; bonusRate: string };
}

export function savedComparisonView(comparison: Comparison, products: readonly Product[], options: SavedViewOptions = {}): SavedComparisonView {
  return {
    comparisonId: options.comparisonId ?? '11111111-2222-4333-8444-555555555555',
    createdAt: options.createdAt ?? '2026-12-03T15:00:00.000Z',
    asOfDate: comparison.asOfDate,
    investmentAmount: comparison.premium,
    horizonYears: comparison.years,
    clientReference: options.clientReference ?? null,
    historical: false,
    serverChangeVersion: null,
    upload: null,
    shown: comparison,
    items: products.map((product, index) => ({
      position: index + 1,
      productId: product.productId,
      rateHistoryId: null,
      baseRate: options.itemRates?.baseRate ?? product.baseRate,
      bonusRate: options.itemRates?.bonusRate ?? product.bonusRate,
      productSnapshot: { ...product },
    })),
  };
}
