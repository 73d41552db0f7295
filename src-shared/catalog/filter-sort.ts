// Which catalog products a rep's filters keep and in which order they are listed: one copy for the
// catalog screen (which also filters full-text search hits, since search takes no filters) and for
// the desktop store's list query. The store filters and sorts in SQL; for it, the rules are spelt
// out as data (CATALOG_SORT_ORDER) and as a LIKE pattern (issuerLikePattern), and the comparisons
// are chosen so SQLite can do the same: ASCII case folding (NOCASE, LIKE), exact decimals.
import { Decimal } from '../decimal.js';
import type { Product, ProductType } from '../catalog.js';
import { premiumFromInput } from '../format/display.js';
import { projectGrowth, projectionTermsOf } from '../projection.js';

export interface CatalogFilters {
  productType: ProductType | null;
  /** Part of the issuer's name, any case; blank: any issuer. */
  issuerName: string;
  termYears: number | null;
  /** The premium as typed ("$100,000"); ignored while it is not an amount. */
  fitsPremium: string;
  includeInactive: boolean;
}

export const emptyFilters: CatalogFilters = { productType: null, issuerName: '', termYears: null, fitsPremium: '', includeInactive: false };

/** A client with this premium may buy the product: minimum <= premium <= maximum (none: no maximum). */
export function fitsPremium(product: Pick<Product, 'minimumInvestment' | 'maximumInvestment'>, premium: string): boolean {
  const amount = new Decimal(premium);
  if (amount.lessThan(product.minimumInvestment)) return false;
  return product.maximumInvestment === null || amount.lessThanOrEqualTo(product.maximumInvestment);
}

/** Folds A-Z only, as SQLite's NOCASE and LIKE do, so a SQL query can apply the same rules. */
function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** The issuer filter: the trimmed text appears anywhere in the issuer's name, ignoring case; blank matches all. */
export function issuerMatches(issuerName: string, filterText: string): boolean {
  const wanted = foldCase(filterText.trim());
  return wanted === '' || foldCase(issuerName).includes(wanted);
}

/**
 * The issuer filter for SQL: `issuer_name LIKE ? ESCAPE '\'` with this pattern matches exactly what
 * issuerMatches does; null when the filter is blank (no condition).
 */
export function issuerLikePattern(filterText: string): string | null {
  const wanted = filterText.trim();
  if (wanted === '') return null;
  return `%${wanted.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
}

export function filterProducts(products: readonly Product[], filters: CatalogFilters): Product[] {
  const premium = premiumFromInput(filters.fitsPremium);
  return products.filter(
    (product) =>
      (filters.includeInactive || product.isActive) &&
      (filters.productType === null || product.productType === filters.productType) &&
      issuerMatches(product.issuerName, filters.issuerName) &&
      (filters.termYears === null || product.termYears === filters.termYears) &&
      (premium === null || fitsPremium(product, premium)),
  );
}

/** The rate a client earns in year 1: base plus any bonus. */
export function firstYearRate(product: Pick<Product, 'baseRate' | 'bonusRate'>): Decimal {
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

export const CatalogSortKey = { rate: 'rate', firstYearRate: 'first-year-rate', yield: 'yield', term: 'term', name: 'name' } as const;
export type CatalogSortKey = (typeof CatalogSortKey)[keyof typeof CatalogSortKey];

/** What a sort compares, in order; each later key breaks ties of the earlier ones. */
export type CatalogSortField = 'baseRate' | 'firstYearRate' | 'effectiveYield' | 'termYears' | 'productName' | 'productId';
export interface CatalogSortStep {
  field: CatalogSortField;
  direction: 'asc' | 'desc';
}

const byName: readonly CatalogSortStep[] = [
  // Case-insensitive (A-Z folded, like SQLite's NOCASE), then by code point.
  { field: 'productName', direction: 'asc' },
  { field: 'productId', direction: 'asc' },
];

/**
 * Every catalog order, key by key. rate: highest base rate first; first-year-rate: highest base
 * plus bonus; yield: highest effective yield (products that cannot be projected last); term:
 * shortest first, then highest base rate; name: alphabetical. Ties end on the name, then the id,
 * so the order never depends on how rows happened to be stored.
 */
export const CATALOG_SORT_ORDER: Record<CatalogSortKey, readonly CatalogSortStep[]> = {
  [CatalogSortKey.rate]: [{ field: 'baseRate', direction: 'desc' }, ...byName],
  [CatalogSortKey.firstYearRate]: [{ field: 'firstYearRate', direction: 'desc' }, ...byName],
  [CatalogSortKey.yield]: [{ field: 'effectiveYield', direction: 'desc' }, ...byName],
  [CatalogSortKey.term]: [{ field: 'termYears', direction: 'asc' }, { field: 'baseRate', direction: 'desc' }, ...byName],
  [CatalogSortKey.name]: byName,
};

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortProducts(products: readonly Product[], key: CatalogSortKey): Product[] {
  const steps = CATALOG_SORT_ORDER[key];
  // Each projection is a full year-by-year run: computed once per product, and only when needed.
  const yields = steps.some((step) => step.field === 'effectiveYield')
    ? new Map(products.map((product) => [product.productId, new Decimal(effectiveYield(product) ?? '-1')]))
    : new Map<string, Decimal>();
  const compareField = (field: CatalogSortField, a: Product, b: Product): number => {
    switch (field) {
      case 'baseRate':
        return new Decimal(a.baseRate).comparedTo(b.baseRate);
      case 'firstYearRate':
        return firstYearRate(a).comparedTo(firstYearRate(b));
      case 'effectiveYield':
        return (yields.get(a.productId) ?? new Decimal(-1)).comparedTo(yields.get(b.productId) ?? new Decimal(-1));
      case 'termYears':
        return a.termYears - b.termYears;
      case 'productName':
        return compareText(foldCase(a.productName), foldCase(b.productName));
      case 'productId':
        return compareText(a.productId.toLowerCase(), b.productId.toLowerCase());
    }
  };
  return [...products].sort((a, b) => {
    for (const step of steps) {
      const order = compareField(step.field, a, b);
      if (order !== 0) return step.direction === 'asc' ? order : -order;
    }
    return 0;
  });
}
