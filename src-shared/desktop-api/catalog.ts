// Catalog: search, list and one product's detail, all from the local cache (works offline).
import { z } from 'zod';
import { CatalogProduct } from '../catalog/catalog-row.js';
import { Carrier } from '../catalog/carriers.js';
import { StateApproval } from '../catalog/state-approvals.js';
import { ClientContext, ClientFit } from '../client-context.js';
import { CatalogSortKey } from '../catalog/filter-sort.js';
import { AvailabilityWindow, MAX_TERM_YEARS, Product, ProductTypeSchema, RateHistoryEntry } from '../catalog.js';
import { typeMessage } from '../errors.js';
import { IsoDateString, MoneyString, UuidString } from '../validation/decimal-strings.js';
import type { MethodTable } from './results.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';

export const MAX_SEARCH_TEXT_LENGTH = 200;

/**
 * What the client context (client-context.ts, kept by main) does to a list: ignore it (the admin
 * list, the Compare picker), keep only the products that fit, or keep all and mark the rest. Each
 * row then carries its fit; without a context nothing is filtered and no row carries one.
 */
export const ClientFitMode = z.enum(['ignore', 'only', 'mark'], { error: 'must be "ignore", "only" or "mark"' });
export type ClientFitMode = z.infer<typeof ClientFitMode>;

/** A listed product with its carrier (null: none recorded) and, with a context asked for, its fit. */
export const CatalogListRow = z.intersection(CatalogProduct, z.object({ carrier: Carrier.nullable().optional(), clientFit: ClientFit.nullable().optional() }));
export type CatalogListRow = CatalogProduct & { carrier?: Carrier | null | undefined; clientFit?: ClientFit | null | undefined };

export const CatalogSearchRequest = z.strictObject({
  text: z.string({ error: typeMessage('text') }).max(MAX_SEARCH_TEXT_LENGTH, `must be at most ${MAX_SEARCH_TEXT_LENGTH} characters`),
  limit: wholeNumberBetween(1, 500).default(50),
  /** The business date whose rates and availability the rows show; the business date today when left out. */
  asOfDate: IsoDateString.optional(),
  clientFit: ClientFitMode.default('ignore'),
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
  /** The client context's filter (ClientFitMode); the sort and paging apply to what it keeps. */
  clientFit: ClientFitMode.default('ignore'),
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
  /** The product's carrier record; null when none is recorded. */
  carrier: Carrier.nullable().optional(),
  /** Every approval of the product, ended and retired ones too (the page says which apply on asOfDate). */
  approvals: z.array(StateApproval).optional(),
  /** Whether it fits the client context on asOfDate; null without a context. */
  clientFit: ClientFit.nullable().optional(),
});
export type ProductDetailView = z.infer<typeof ProductDetailView>;

export const ProductFitRequest = z.strictObject({
  productIds: z.array(UuidString, { error: typeMessage('a list of product ids') }).min(1, 'must name at least one product').max(50, 'must name at most 50 products'),
  asOfDate: IsoDateString.optional(),
});
export type ProductFitRequest = z.input<typeof ProductFitRequest>;

/** Compare's carriers and warnings: each product's carrier and its fit to the context (null without one). */
export const ProductFitView = z.strictObject({
  clientContext: ClientContext.nullable(),
  products: z.array(z.strictObject({ productId: UuidString, carrier: Carrier.nullable(), clientFit: ClientFit.nullable() })),
});
export type ProductFitView = z.infer<typeof ProductFitView>;

export const catalogMethods = {
  /** Each product with what applies to it on the day (catalog-row.ts): show those figures, not its own rate columns. */
  catalogSearch: { args: z.tuple([CatalogSearchRequest]), result: z.array(CatalogListRow) },
  catalogList: { args: z.tuple([CatalogListRequest]), result: z.array(CatalogListRow) },
  /** null: no such product in the local catalog. */
  productDetail: { args: z.tuple([ProductDetailRequest]), result: ProductDetailView.nullable() },
  /** The client the rep works with (client-context.ts); null when none is set. Cleared on sign-out. */
  getClientContext: { args: z.tuple([]), result: ClientContext.nullable() },
  /** Sets the client context, or clears it with null ("New client"); answers what is kept. */
  setClientContext: { args: z.tuple([ClientContext.nullable()]), result: ClientContext.nullable() },
  productFit: { args: z.tuple([ProductFitRequest]), result: ProductFitView },
} as const satisfies MethodTable;
