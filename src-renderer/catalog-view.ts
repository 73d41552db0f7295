// Catalog filters and ordering. The list channel filters in SQLite; full-text search does not take
// filters, so the same filters are applied here to search hits. Comparisons use exact decimals.
import { Decimal, isPlainDecimal } from '../src-shared/decimal.js';
import type { Product, ProductType } from '../src-shared/catalog.js';
import { projectGrowth, projectionTermsOf } from '../src-shared/projection.js';

export const CatalogSortKey = { rate: 'rate', firstYearRate: 'first-year-rate', yield: 'yield', term: 'term', name: 'name' } as const;
export type CatalogSortKey = (typeof CatalogSortKey)[keyof typeof CatalogSortKey];

export interface CatalogFilters {
  productType: ProductType | null;
  issuerName: string;
  termYears: number | null;
  /** Decimal text as typed; ignored while it is not a plain decimal. */
  fitsPremium: string;
  includeInactive: boolean;
}

export const emptyFilters: CatalogFilters = { productType: null, issuerName: '', termYears: null, fitsPremium: '', includeInactive: false };

/** Digits and at most one point, with thousands separators and "$" removed ("$100,000" -> "100000"). */
export function premiumFromInput(text: string): string | null {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (cleaned === '' || !isPlainDecimal(cleaned) || cleaned.startsWith('-')) return null;
  return cleaned;
}

export function fitsPremium(product: Product, premium: string): boolean {
  const amount = new Decimal(premium);
  if (amount.lessThan(product.minimumInvestment)) return false;
  return product.maximumInvestment === null || amount.lessThanOrEqualTo(product.maximumInvestment);
}

export function filterProducts(products: readonly Product[], filters: CatalogFilters): Product[] {
  const premium = premiumFromInput(filters.fitsPremium);
  const issuer = filters.issuerName.trim().toLowerCase();
  return products.filter(
    (product) =>
      (filters.includeInactive || product.isActive) &&
      (filters.productType === null || product.productType === filters.productType) &&
      (issuer === '' || product.issuerName.toLowerCase().includes(issuer)) &&
      (filters.termYears === null || product.termYears === filters.termYears) &&
      (premium === null || fitsPremium(product, premium)),
  );
}

/** The rate a client earns in year 1: base plus any bonus. */
export function firstYearRate(product: Product): Decimal {
  return new Decimal(product.baseRate).plus(product.bonusRate);
}

// Yield is a ratio, so any premium gives the same figure up to cent rounding; this one keeps the
// rounding negligible.
const YIELD_PREMIUM = '100000.00';

/**
 * The effective annual yield over the surrender period (or the term) at the product's current
 * rates, as the compare screen would show it; null when the product's terms cannot be projected.
 */
export function effectiveYield(product: Product): string | null {
  try {
    return projectGrowth({ premium: YIELD_PREMIUM, years: product.termYears, startDate: '2000-01-01', product: projectionTermsOf(product) }).effectiveAnnualYield;
  } catch {
    return null;
  }
}

export function sortProducts(products: readonly Product[], key: CatalogSortKey): Product[] {
  const byName = (a: Product, b: Product) => a.productName.localeCompare(b.productName);
  const sorted = [...products];
  switch (key) {
    case 'rate':
      return sorted.sort((a, b) => new Decimal(b.baseRate).comparedTo(a.baseRate) || byName(a, b));
    case 'first-year-rate':
      return sorted.sort((a, b) => firstYearRate(b).comparedTo(firstYearRate(a)) || byName(a, b));
    case 'yield': {
      const yields = new Map(products.map((product) => [product.productId, new Decimal(effectiveYield(product) ?? '-1')]));
      const yieldOf = (product: Product) => yields.get(product.productId) ?? new Decimal(-1);
      return sorted.sort((a, b) => yieldOf(b).comparedTo(yieldOf(a)) || byName(a, b));
    }
    case 'term':
      return sorted.sort((a, b) => a.termYears - b.termYears || byName(a, b));
    case 'name':
      return sorted.sort(byName);
  }
}

/** Toggles a product in the compare selection, which holds at most `limit` products. */
export function toggleSelection(selected: readonly string[], productId: string, limit: number): string[] {
  if (selected.includes(productId)) return selected.filter((id) => id !== productId);
  if (selected.length >= limit) return [...selected];
  return [...selected, productId];
}
