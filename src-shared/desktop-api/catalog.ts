// Catalog: search, list and one product's detail, all from the local cache (works offline).
import { z } from 'zod';
import { CatalogProduct } from '../catalog/catalog-row.js';
import { CatalogSortKey } from '../catalog/filter-sort.js';
import { AvailabilityWindow, MAX_TERM_YEARS, Product, ProductTypeSchema, RateHistoryEntry } from '../catalog.js';
import { typeMessage } from '../errors.js';
import { IsoDateString, MoneyString, UuidString } from '../validation/decimal-strings.js';
import type { MethodTable } from './results.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';

export const MAX_SEARCH_TEXT_LENGTH = 200;

export const CatalogSearchRequest = z.strictObject({
  text: z.string({ error: typeMessage('text') }).max(MAX_SEARCH_TEXT_LENGTH, `must be at most ${MAX_SEARCH_TEXT_LENGTH} characters`),
  limit: wholeNumberBetween(1, 500).default(50),
  /** The business date whose rates and availability the rows show; the business date today when left out. */
  asOfDate: IsoDateString.optional(),
});
export type CatalogSearchRequest = z.input<typeof CatalogSearchRequest>;

/** The orders the store sorts in (src-shared/catalog/filter-sort.ts CATALOG_SORT_ORDER); the screen sorts by the others itself. */
export const CatalogSort = { rate: CatalogSortKey.rate, term: CatalogSortKey.term, name: CatalogSortKey.name } as const;

export const CatalogListRequest = z.strictObject({
  productType: ProductTypeSchema.optional(),
  issuerName: z.string({ error: typeMessage('text') }).max(255, 'must be at most 255 characters').optional(),
  termYears: wholeNumberBetween(1, MAX_TERM_YEARS, 'a whole number of years').optional(),
  /** Only products a client with this premium may buy on asOfDate (minimum <= premium <= maximum, and sellable). */
  fitsPremium: MoneyString.optional(),
  includeInactive: z.boolean({ error: typeMessage('true or false') }).default(false),
  /**
   * rate: highest base rate in force first; term: shortest first; name: alphabetical. Sellable
   * products come first in every order (src-shared/catalog/filter-sort.ts catalogSortSteps).
   */
  sort: z.enum(CatalogSort).default('rate'),
  limit: wholeNumberBetween(1, 10_000).default(500),
  offset: z.int({ error: typeMessage('a whole number') }).min(0, 'must not be negative').default(0),
  /** The business date whose rates and availability filter, order and fill the rows; the business date today when left out. */
  asOfDate: IsoDateString.optional(),
  /** false: leave each row's effectiveYield null (a projection per row; the admin list shows none). */
  yields: z.boolean({ error: typeMessage('true or false') }).default(true),
});
export type CatalogListRequest = z.input<typeof CatalogListRequest>;

export const ProductDetailRequest = z.strictObject({
  productId: UuidString,
  /** The business date whose rates and availability apply; today (laptop clock) when left out. */
  asOfDate: IsoDateString.optional(),
});
export type ProductDetailRequest = z.input<typeof ProductDetailRequest>;

export const ProductDetailView = z.strictObject({
  asOfDate: IsoDateString,
  product: Product,
  availability: z.array(AvailabilityWindow),
  /** Every publication, retracted ones included (isActive false), by effective date. */
  rates: z.array(RateHistoryEntry),
  /** The publication that applies on asOfDate; null when none does. */
  rateInForce: RateHistoryEntry.nullable(),
  availableOnDate: z.boolean(),
  /** Publications taking effect after asOfDate, soonest first. */
  scheduledChanges: z.array(RateHistoryEntry),
});
export type ProductDetailView = z.infer<typeof ProductDetailView>;

export const catalogMethods = {
  /** Each product with what applies to it on the day (catalog-row.ts): show those figures, not its own rate columns. */
  catalogSearch: { args: z.tuple([CatalogSearchRequest]), result: z.array(CatalogProduct) },
  catalogList: { args: z.tuple([CatalogListRequest]), result: z.array(CatalogProduct) },
  /** null: no such product in the local catalog. */
  productDetail: { args: z.tuple([ProductDetailRequest]), result: ProductDetailView.nullable() },
} as const satisfies MethodTable;
