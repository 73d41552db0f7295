// The reads of the cached catalog behind the catalog screen, the product page and the comparison
// builder. Plain functions taking a connection or transaction first; rows become domain values
// through the mappers of catalog-rows.ts. The sync's writes are in catalog-upserts.ts.
//
// The catalog list is for one business date, passed in (the store never reads a clock): it orders
// by the rate in force that day, not by products.base_rate (which goes stale when a future-dated
// rate takes effect: docs/database.md), and each row carries that day's figures (catalogRowOf, the
// same function whatever fetched the products).
import { sql, type RawBuilder } from 'kysely';
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import { catalogRowOf, type CatalogProduct } from '../../src-shared/catalog/catalog-row.js';
import { catalogSortSteps, issuerLikePattern, type CatalogSortField } from '../../src-shared/catalog/filter-sort.js';
import { agesOf, type ClientContext } from '../../src-shared/client-context.js';
import { CatalogListRequest } from '../../src-shared/desktop-api/index.js';
import { parseOrThrow } from '../../src-shared/errors.js';
import { IsoDateString } from '../../src-shared/validation/decimal-strings.js';
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
  // Oldest first, ties by id: the order compareProducts and the product page read them in.
  const [windows, rates] = await Promise.all([
    db.selectFrom('productAvailability').select(AVAILABILITY_COLUMNS).where('productId', '=', productId).orderBy('startDate').orderBy('availabilityId').execute(),
    db.selectFrom('rateHistory').select(RATE_COLUMNS).where('productId', '=', productId).orderBy('effectiveDate').orderBy('rateHistoryId').execute(),
  ]);
  return { product: productFromRow(row), availability: windows.map(availabilityFromRow), rates: rates.map(rateFromRow) };
}

/**
 * A value of the rate publication in force on `day` for the product of the outer row: the same
 * entry as rateInForce (src-shared/rates/as-of.ts) picks: active, effective_date <= day <=
 * end_date (inclusive, null = open), the latest effective, then the latest created, then the
 * smallest id. Rates are TEXT with exactly 4 decimals (CHECKed), so dropping the point gives the
 * exact integer in ten-thousandths of a percent, as products.base_rate_units does.
 */
function inForce(day: string, value: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(SELECT ${value} FROM rate_history AS r
    WHERE r.product_id = products.product_id AND r.is_active = 1
      AND r.effective_date <= ${day} AND (r.end_date IS NULL OR r.end_date >= ${day})
    ORDER BY r.effective_date DESC, r.created_at DESC, r.rate_history_id ASC LIMIT 1)`;
}

/** isAvailableOn in SQL: the product is active and an active window of it contains `day` (1 or 0). */
function availableOn(day: string): RawBuilder<unknown> {
  return sql`(products.is_active = 1 AND EXISTS (SELECT 1 FROM product_availability AS w
    WHERE w.product_id = products.product_id AND w.is_active = 1
      AND w.start_date <= ${day} AND (w.end_date IS NULL OR w.end_date >= ${day})))`;
}

/**
 * The value each sort field compares, for the products row being sorted on `day` (names folded as
 * NOCASE does); null for the field only the screen sorts by (CatalogSort lists the orders the
 * store takes). A product without a rate in force has NULL, which DESC puts last and ASC first,
 * as the screen's "lowest" does.
 */
function sortColumns(day: string): Record<CatalogSortField, RawBuilder<unknown> | null> {
  return {
    available: availableOn(day),
    // currentRateGuaranteed (src-shared/format/current-rates.ts): everything but an FIA.
    ratesGuaranteed: sql`(products.product_type <> 'FIA')`,
    baseRate: inForce(day, sql`CAST(replace(r.base_rate, '.', '') AS INTEGER)`),
    firstYearRate: inForce(day, sql`CAST(replace(r.base_rate, '.', '') AS INTEGER) + CAST(replace(r.bonus_rate, '.', '') AS INTEGER)`),
    termYears: sql`term_years`,
    productName: sql`product_name COLLATE NOCASE`,
    productId: sql`product_id`,
    effectiveYield: null,
  };
}

/**
 * clientFitOf (src-shared/client-context.ts) in SQL, 1 or 0: a CD, or an active approval for the
 * client's state covering `day` (an index probe on (state_code, product_id)); and every age given
 * within the issue ages (NULL = no limit on that side).
 */
function fitsClient(context: ClientContext, day: string): RawBuilder<unknown> {
  const ages = agesOf(context).map(
    ({ age }) => sql`(products.minimum_issue_age IS NULL OR products.minimum_issue_age <= ${age}) AND (products.maximum_issue_age IS NULL OR products.maximum_issue_age >= ${age})`,
  );
  return sql`((products.product_type = 'CD' OR EXISTS (SELECT 1 FROM product_state_approvals AS a
    WHERE a.state_code = ${context.stateCode} AND a.product_id = products.product_id AND a.is_active = 1
      AND a.approved_from <= ${day} AND (a.approved_until IS NULL OR a.approved_until >= ${day})))
    AND ${sql.join(ages, sql` AND `)})`;
}

/** What the catalog screen may ask for: the renderer contract itself, validated again here, with the day required. */
const ProductListQuery = CatalogListRequest.required({ asOfDate: true });
export type ProductListQueryInput = CatalogListRequest & { asOfDate: string };

/**
 * Filters and sorts the cached catalog as of `asOfDate`, by the shared catalog rules
 * (src-shared/catalog/filter-sort.ts). Amount and rate comparisons are on exact integers. With a
 * client context and clientFit "only", only what may be sold to that client on the day is listed.
 */
export async function listProducts(db: ClientDb, filters: ProductListQueryInput, clientContext: ClientContext | null = null): Promise<CatalogProduct[]> {
  const query = parseOrThrow(ProductListQuery, filters);
  const day = query.asOfDate;
  let select = db.selectFrom('products').select(PRODUCT_COLUMNS);
  const fit = clientContext === null || query.clientFit === 'ignore' ? null : fitsClient(clientContext, day);
  // Filtered here, before the sort and the page, so a page is a page of what fits.
  if (fit !== null && query.clientFit === 'only') select = select.where(sql<boolean>`${fit}`);
  // Shown with the rest: what fits comes first, then the others, each in the order asked for.
  if (fit !== null && query.clientFit === 'mark') select = select.orderBy(fit, 'desc');
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
      .where((eb) => eb.or([eb('maximumInvestmentCents', 'is', null), eb('maximumInvestmentCents', '>=', cents)]))
      // A client cannot buy what is not sellable that day, whatever the amount (filterProducts).
      .where(sql<boolean>`${availableOn(day)}`);
  }
  const columns = sortColumns(day);
  for (const step of catalogSortSteps(query.sort)) {
    const column = columns[step.field];
    if (column === null) throw new Error(`the store cannot sort by ${step.field}`);
    select = select.orderBy(column, step.direction);
  }
  const rows = await select.limit(query.limit).offset(query.offset).execute();
  return catalogRowsOn(db, rows.map(productFromRow), day, { yields: query.yields });
}

// Well below SQLite's limit on bound parameters (32766), whatever the list's limit.
const ID_CHUNK = 500;

/**
 * The catalog rows of `products` on `day`, in the order given: each product with its rate in force,
 * next scheduled change, availability and figures (catalogRowOf). Reads only the rates that can
 * still apply (active, not ended before the day) and the active windows of these products.
 */
export async function catalogRowsOn(db: ClientDb, products: readonly Product[], day: string, options: { yields?: boolean } = {}): Promise<CatalogProduct[]> {
  parseOrThrow(IsoDateString, day, ['asOfDate']);
  const rates = new Map<string, RateHistoryEntry[]>();
  const windows = new Map<string, AvailabilityWindow[]>();
  const ids = [...new Set(products.map((product) => product.productId))];
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const chunk = ids.slice(start, start + ID_CHUNK);
    const rateRows = await db
      .selectFrom('rateHistory')
      .select(RATE_COLUMNS)
      .where('productId', 'in', chunk)
      .where('isActive', '=', 1)
      .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', day)]))
      .execute();
    for (const row of rateRows) push(rates, row.productId, rateFromRow(row));
    const windowRows = await db.selectFrom('productAvailability').select(AVAILABILITY_COLUMNS).where('productId', 'in', chunk).where('isActive', '=', 1).execute();
    for (const row of windowRows) push(windows, row.productId, availabilityFromRow(row));
  }
  return products.map((product) => catalogRowOf(product, rates.get(product.productId) ?? [], windows.get(product.productId) ?? [], day, options));
}

function push<T>(groups: Map<string, T[]>, key: string, value: T): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [value]);
  else group.push(value);
}
