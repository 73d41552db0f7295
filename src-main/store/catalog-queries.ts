// The reads of the cached catalog behind the catalog screen, the product page and the comparison
// builder. Plain functions taking a connection or transaction first; rows become domain values
// through the mappers of catalog-rows.ts. The sync's writes are in catalog-upserts.ts.
import { sql, type RawBuilder } from 'kysely';
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import { CATALOG_SORT_ORDER, issuerLikePattern, type CatalogSortField } from '../../src-shared/catalog/filter-sort.js';
import { CatalogListRequest } from '../../src-shared/desktop-api/index.js';
import { parseOrThrow } from '../../src-shared/errors.js';
import { AVAILABILITY_COLUMNS, PRODUCT_COLUMNS, RATE_COLUMNS, availabilityFromRow, productFromRow, rateFromRow } from './catalog-rows.js';
import { moneyCents } from './column-values.js';
import type { ClientDb } from './schema.js';

/** The highest change version in the cached catalog, "0" when empty (for diagnostics and checks). */
export async function catalogHighWaterMark(db: ClientDb): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    SELECT CAST(max(v) AS TEXT) AS version FROM (
      SELECT max(change_version) AS v FROM products
      UNION ALL SELECT max(change_version) FROM product_availability
      UNION ALL SELECT max(change_version) FROM rate_history
    )`.execute(db);
  return rows[0]?.version ?? '0';
}

export interface ProductDetail {
  product: Product;
  /** Every window, active or not, by start date. */
  availability: AvailabilityWindow[];
  /** Every rate publication, retracted ones included (isActive false), by effective date. */
  rates: RateHistoryEntry[];
}

/** A product with its windows and rate history (the shape compareProducts takes), or null. */
export async function loadProductDetail(db: ClientDb, productId: string): Promise<ProductDetail | null> {
  const row = await db.selectFrom('products').select(PRODUCT_COLUMNS).where('productId', '=', productId).executeTakeFirst();
  if (row === undefined) return null;
  const windows = await db
    .selectFrom('productAvailability')
    .select(AVAILABILITY_COLUMNS)
    .where('productId', '=', productId)
    .orderBy('startDate')
    .orderBy('availabilityId')
    .execute();
  const rates = await db
    .selectFrom('rateHistory')
    .select(RATE_COLUMNS)
    .where('productId', '=', productId)
    .orderBy('effectiveDate')
    .orderBy('rateHistoryId')
    .execute();
  return { product: productFromRow(row), availability: windows.map(availabilityFromRow), rates: rates.map(rateFromRow) };
}

/**
 * The column each sort field reads (names folded as NOCASE does); null for the fields only the
 * screen sorts by (CatalogSort lists the orders the store takes, none of which uses them).
 */
const SORT_COLUMNS: Record<CatalogSortField, RawBuilder<unknown> | null> = {
  baseRate: sql`base_rate_units`,
  termYears: sql`term_years`,
  productName: sql`product_name COLLATE NOCASE`,
  productId: sql`product_id`,
  firstYearRate: null,
  effectiveYield: null,
};

/** What the catalog screen may ask for: the renderer contract itself, validated again here. */
const ProductListQuery = CatalogListRequest;
export type ProductListQueryInput = CatalogListRequest;

/** Filters and sorts the cached catalog. Amount and rate comparisons are on exact integers. */
export async function listProducts(db: ClientDb, filters: ProductListQueryInput = {}): Promise<Product[]> {
  const query = parseOrThrow(ProductListQuery, filters);
  let select = db.selectFrom('products').select(PRODUCT_COLUMNS);
  if (!query.includeInactive) select = select.where('isActive', '=', 1);
  if (query.productType !== undefined) select = select.where('productType', '=', query.productType);
  const issuerPattern = issuerLikePattern(query.issuerName ?? '');
  // SQLite's LIKE folds A-Z only, as issuerMatches does, so the store and the screen agree.
  if (issuerPattern !== null) select = select.where(sql<boolean>`issuer_name LIKE ${issuerPattern} ESCAPE '\\'`);
  if (query.termYears !== undefined) select = select.where('termYears', '=', query.termYears);
  if (query.fitsPremium !== undefined) {
    const cents = moneyCents(query.fitsPremium, 'fitsPremium');
    select = select
      .where('minimumInvestmentCents', '<=', cents)
      .where((eb) => eb.or([eb('maximumInvestmentCents', 'is', null), eb('maximumInvestmentCents', '>=', cents)]));
  }
  for (const step of CATALOG_SORT_ORDER[query.sort]) {
    const column = SORT_COLUMNS[step.field];
    if (column === null) throw new Error(`the store cannot sort by ${step.field}`);
    select = select.orderBy(column, step.direction);
  }
  const rows = await select.limit(query.limit).offset(query.offset).execute();
  return rows.map(productFromRow);
}
