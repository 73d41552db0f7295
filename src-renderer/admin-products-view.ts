// The admin product list's search: name, CUSIP or issuer, every typed word must match. Pure, so it
// is unit tested.
import type { Product } from '../src-shared/catalog.js';

/** Rows rendered at once; the search narrows a large catalog (the benchmark one has 10,000). */
export const ADMIN_LIST_LIMIT = 200;

export function adminProductMatches(product: Pick<Product, 'productName' | 'cusip' | 'issuerName'>, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return true;
  const haystack = `${product.productName} ${product.cusip} ${product.issuerName}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}
