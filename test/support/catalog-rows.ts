// Catalog rows (a product with what applies to it on a day: src-shared/catalog/catalog-row.ts) for
// tests of the catalog's filters and orders that are about the product, not its rate history.
import type { Product } from '../../src-shared/catalog.js';
import { catalogRowOf, type CatalogProduct } from '../../src-shared/catalog/catalog-row.js';
import { availability, rate } from './catalog-fixtures.js';

/** The day listedOn lists for by default. */
export const LISTED_ON = '2026-11-24';

/**
 * `product` as the catalog lists it on `day`, with a rate in force equal to its own rate columns
 * (since the start of the year) and an open sales window, so it is sellable unless withdrawn.
 */
export function listedOn(product: Product, day: string = LISTED_ON): CatalogProduct {
  const { productId, baseRate, bonusRate } = product;
  return catalogRowOf(product, [rate({ productId, baseRate, bonusRate, effectiveDate: '2026-01-01' })], [availability({ productId, startDate: '2026-01-01' })], day);
}
