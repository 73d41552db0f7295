// Which catalog products a rep's filters keep and in which order they are listed: one copy for the
// catalog screen (which also filters full-text search hits, since search takes no filters) and for
// the desktop store's list query. The store filters and sorts in SQL; for it, the rules are spelt
// out as data (catalogSortSteps) and as a LIKE pattern (issuerLikePattern), and the comparisons
// are chosen so SQLite can do the same: ASCII case folding (NOCASE, LIKE), exact decimals.
//
// Rates and yields are those in force on the row's business date (catalog-row.ts), never the
// product's own rate columns, and whether a product can be sold that day counts: "fits this
// premium" keeps only products a client could buy that day, and every order lists sellable
// products first.
import { Decimal } from '../decimal.js';
import type { Product, ProductType } from '../catalog.js';
import type { CatalogProduct } from './catalog-row.js';
import { premiumFromInput } from '../format/display.js';
import { projectGrowth, projectionTermsOf } from '../projection.js';

export interface CatalogFilters {
  productType: ProductType | null;
  /** Part of the issuer's name, any case; blank: any issuer. */
  issuerName: string;
  termYears: number | null;
  /**
   * The premium as typed ("$100,000"); ignored while it is not an amount. Keeps the products a
   * client with this premium can buy on the day: within the amount limits and sellable.
   */
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

export function filterProducts<Row extends CatalogProduct>(products: readonly Row[], filters: CatalogFilters): Row[] {
  const premium = premiumFromInput(filters.fitsPremium);
  return products.filter(
    (product) =>
      (filters.includeInactive || product.isActive) &&
      (filters.productType === null || product.productType === filters.productType) &&
      issuerMatches(product.issuerName, filters.issuerName) &&
      (filters.termYears === null || product.termYears === filters.termYears) &&
      (premium === null || (fitsPremium(product, premium) && product.asOf.available)),
  );
}

/** The rate a client earns in year 1: base plus any bonus (of a product whose rates are as-of resolved). */
export function firstYearRate(product: Pick<Product, 'baseRate' | 'bonusRate'>): Decimal {
  return new Decimal(product.baseRate).plus(product.bonusRate);
}

// Yield is a ratio, so any premium gives the same figure up to cent rounding; this one keeps the
// rounding negligible.
const YIELD_PREMIUM = '100000.00';

/**
 * The effective annual yield over the surrender period (or the term) at the product's rates as
 * given, as the compare screen would show it; null when the product's terms cannot be projected.
 * Pass a product whose rates are those in force (rates/as-of.ts productTermsAsOf; catalog-row.ts
 * does).
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

/**
 * What a sort compares, in order; each later key breaks ties of the earlier ones. available: can
 * be sold on the day; ratesGuaranteed: not an FIA; baseRate, firstYearRate, effectiveYield: in
 * force on the day, a product without a rate in force counting as lowest.
 */
export type CatalogSortField =
  | 'available'
  | 'ratesGuaranteed'
  | 'baseRate'
  | 'firstYearRate'
  | 'effectiveYield'
  | 'termYears'
  | 'productName'
  | 'productId';
export interface CatalogSortStep {
  field: CatalogSortField;
  direction: 'asc' | 'desc';
}

const byName: readonly CatalogSortStep[] = [
  // Case-insensitive (A-Z folded, like SQLite's NOCASE), then by code point.
  { field: 'productName', direction: 'asc' },
  { field: 'productId', direction: 'asc' },
];

// An FIA's rate and yield are at its current crediting rate, which is not guaranteed; ranked
// among MYGA and CD figures, which are, a 6% FIA "yield" would top guaranteed 5% ones. So rate and
// yield orders list guaranteed figures first and FIAs after them, each group by its own figure
// (every FIA figure is also marked "not guaranteed" on screen). Grouping, rather than ranking
// FIAs by their guaranteed minimum, keeps the column a rep sorts by the figure the rows show.
const guaranteedFirst: CatalogSortStep = { field: 'ratesGuaranteed', direction: 'desc' };

/**
 * Every catalog order, key by key, within the sellable and the unsellable group (catalogSortSteps).
 * rate: highest base rate in force first; first-year-rate: highest base plus bonus; yield:
 * highest effective yield (products that cannot be projected last), the three with guaranteed
 * figures before FIAs; term: shortest first, then highest base rate; name: alphabetical. Ties end
 * on the name, then the id, so the order never depends on how rows happened to be stored.
 */
export const CATALOG_SORT_ORDER: Record<CatalogSortKey, readonly CatalogSortStep[]> = {
  [CatalogSortKey.rate]: [guaranteedFirst, { field: 'baseRate', direction: 'desc' }, ...byName],
  [CatalogSortKey.firstYearRate]: [guaranteedFirst, { field: 'firstYearRate', direction: 'desc' }, ...byName],
  [CatalogSortKey.yield]: [guaranteedFirst, { field: 'effectiveYield', direction: 'desc' }, ...byName],
  [CatalogSortKey.term]: [{ field: 'termYears', direction: 'asc' }, { field: 'baseRate', direction: 'desc' }, ...byName],
  [CatalogSortKey.name]: byName,
};

/**
 * The full order of a key: products a client can buy on the day first (a rep looks for what can
 * be sold; a product opening next quarter must not top a list by yield), withdrawn and not yet or
 * no longer sellable ones after, each group in the key's order.
 */
export function catalogSortSteps(key: CatalogSortKey): readonly CatalogSortStep[] {
  return [{ field: 'available', direction: 'desc' }, ...CATALOG_SORT_ORDER[key]];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A missing figure (no rate in force, no projection) counts below every real one, as NULL does in the store's DESC orders. */
function figure(value: string | null | undefined): Decimal {
  return new Decimal(value ?? '-1');
}

function flagOrder(a: boolean, b: boolean): number {
  return Number(a) - Number(b);
}

export function sortProducts<Row extends CatalogProduct>(products: readonly Row[], key: CatalogSortKey): Row[] {
  const steps = catalogSortSteps(key);
  const compareField = (field: CatalogSortField, a: Row, b: Row): number => {
    switch (field) {
      case 'available':
        return flagOrder(a.asOf.available, b.asOf.available);
      case 'ratesGuaranteed':
        return flagOrder(a.asOf.ratesGuaranteed, b.asOf.ratesGuaranteed);
      case 'baseRate':
        return figure(a.asOf.rateInForce?.baseRate).comparedTo(figure(b.asOf.rateInForce?.baseRate));
      case 'firstYearRate':
        return figure(a.asOf.year1Rate).comparedTo(figure(b.asOf.year1Rate));
      case 'effectiveYield':
        return figure(a.asOf.effectiveYield).comparedTo(figure(b.asOf.effectiveYield));
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
