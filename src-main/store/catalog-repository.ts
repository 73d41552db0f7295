// The cached catalog: writes from sync (upserts, tombstones kept) and the reads behind the catalog
// screen and the comparison builder. Plain functions taking a connection or transaction first; the
// sync engine opens one transaction per pull page and calls the upserts inside it.
import { CatalogListRequest } from '../../src-shared/desktop-api.js';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import { ProductTypeSchema } from '../../src-shared/catalog.js';
import { parseOrThrow } from '../../src-shared/errors.js';
import { flag, isSet, moneyCents, moneyText, rateText, versionText } from './column-values.js';
import type { ClientDb, NewProductRow, ProductAvailabilityTable, RateHistoryTable } from './schema.js';
import type { Insertable, RawBuilder } from 'kysely';

/** Catalog rows as they arrive from sync: the domain row plus its server change version. */
export type CachedProduct = Product & { changeVersion: string };
export type CachedAvailability = AvailabilityWindow & { changeVersion: string };
export type CachedRate = RateHistoryEntry & { changeVersion: string };

/** Rows per INSERT: products have 29 bound columns, and SQLite allows 32,766 parameters. */
const CHUNK = 200;

/**
 * Orders change versions as numbers without converting them: versions are digits without leading
 * zeros (VERSION_PATTERN), so a shorter one is smaller and equal lengths compare as text. Anything
 * else still gets a consistent order here and is refused by versionText when the row is written.
 */
function compareVersions(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rows oldest first, so a CUSIP handed from one product to another within a page never
 * collides with the UNIQUE constraint mid-way. The server sends each table in version order, so
 * the usual case is a check and no copy.
 */
export function byVersion<T extends { changeVersion: string }>(rows: readonly T[]): readonly T[] {
  let previous: string | null = null;
  for (const { changeVersion } of rows) {
    if (previous !== null && compareVersions(previous, changeVersion) > 0) {
      return [...rows].sort((a, b) => compareVersions(a.changeVersion, b.changeVersion));
    }
    previous = changeVersion;
  }
  return rows;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < rows.length; index += CHUNK) out.push(rows.slice(index, index + CHUNK));
  return out;
}

/** A synced product as its cache row: exact decimal text in the stored form, flags as 0/1. Throws ValidationError naming the field. */
export function productRow(product: CachedProduct, index: number): NewProductRow {
  const at = (field: string): string => `products.${index}.${field}`;
  return {
    productId: product.productId,
    cusip: product.cusip,
    productName: product.productName,
    productType: product.productType,
    issuerName: product.issuerName,
    description: product.description,
    minimumInvestment: moneyText(product.minimumInvestment, at('minimumInvestment')),
    maximumInvestment: product.maximumInvestment === null ? null : moneyText(product.maximumInvestment, at('maximumInvestment')),
    baseRate: rateText(product.baseRate, at('baseRate')),
    bonusRate: rateText(product.bonusRate, at('bonusRate')),
    bonusYears: product.bonusYears,
    termYears: product.termYears,
    guaranteedMinimumRate: rateText(product.guaranteedMinimumRate, at('guaranteedMinimumRate')),
    compounding: product.compounding,
    surrenderSchedule: JSON.stringify(product.surrenderSchedule.map((charge, year) => rateText(charge, at(`surrenderSchedule.${year}`)))),
    freeWithdrawalPercent: rateText(product.freeWithdrawalPercent, at('freeWithdrawalPercent')),
    returnOfPremium: flag(product.returnOfPremium),
    returnOfPremiumPercentage:
      product.returnOfPremiumPercentage === null ? null : rateText(product.returnOfPremiumPercentage, at('returnOfPremiumPercentage')),
    termsAndConditions: product.termsAndConditions,
    isActive: flag(product.isActive),
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    createdBy: product.createdBy,
    updatedBy: product.updatedBy,
    changeVersion: versionText(product.changeVersion, at('changeVersion')),
  };
}

export const PRODUCT_UPDATES = [
  'cusip', 'productName', 'productType', 'issuerName', 'description', 'minimumInvestment', 'maximumInvestment',
  'baseRate', 'bonusRate', 'bonusYears', 'termYears', 'guaranteedMinimumRate', 'compounding', 'surrenderSchedule',
  'freeWithdrawalPercent', 'returnOfPremium', 'returnOfPremiumPercentage', 'termsAndConditions', 'isActive',
  'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'changeVersion',
] as const satisfies ReadonlyArray<keyof NewProductRow>;

export const AVAILABILITY_UPDATES = [
  'productId', 'startDate', 'endDate', 'isActive', 'createdAt', 'createdBy', 'changeVersion',
] as const satisfies ReadonlyArray<keyof Insertable<ProductAvailabilityTable>>;

export const RATE_UPDATES = [
  'productId', 'baseRate', 'bonusRate', 'effectiveDate', 'endDate', 'isActive', 'createdAt', 'createdBy', 'changeVersion',
] as const satisfies ReadonlyArray<keyof Insertable<RateHistoryTable>>;

/**
 * `SET col = excluded.col, ...` for the listed columns (names go through CamelCasePlugin). Typed
 * `never` because the value is the incoming row's own column, which fits its column by definition.
 */
function fromExcluded<C extends string>(columns: readonly C[]): Record<C, RawBuilder<never>> {
  const set = {} as Record<C, RawBuilder<never>>;
  for (const column of columns) set[column] = sql.ref<never>(`excluded.${column}`);
  return set;
}

/**
 * Inserts or updates products by productId. A row older than the cached one (lower change
 * version) is ignored, so replaying or reordering pages cannot roll a product back. Tombstones
 * (isActive false) are stored like any other row and stay inactive.
 */
export async function upsertProducts(db: ClientDb, products: readonly CachedProduct[]): Promise<void> {
  const rows = byVersion(products).map(productRow);
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('products')
      .values(chunk)
      .onConflict((conflict) =>
        conflict
          .column('productId')
          .doUpdateSet(fromExcluded(PRODUCT_UPDATES))
          .where(sql.ref('excluded.changeVersion'), '>=', sql.ref('products.changeVersion')),
      )
      .execute();
  }
}

export function availabilityRow(window: CachedAvailability, index: number): Insertable<ProductAvailabilityTable> {
  return {
    availabilityId: window.availabilityId,
    productId: window.productId,
    startDate: window.startDate,
    endDate: window.endDate,
    isActive: flag(window.isActive),
    createdAt: window.createdAt,
    createdBy: window.createdBy,
    changeVersion: versionText(window.changeVersion, `availability.${index}.changeVersion`),
  };
}

export function rateRow(entry: CachedRate, index: number): Insertable<RateHistoryTable> {
  return {
    rateHistoryId: entry.rateHistoryId,
    productId: entry.productId,
    baseRate: rateText(entry.baseRate, `rates.${index}.baseRate`),
    bonusRate: rateText(entry.bonusRate, `rates.${index}.bonusRate`),
    effectiveDate: entry.effectiveDate,
    endDate: entry.endDate,
    isActive: flag(entry.isActive),
    createdAt: entry.createdAt,
    createdBy: entry.createdBy,
    changeVersion: versionText(entry.changeVersion, `rates.${index}.changeVersion`),
  };
}

export async function upsertAvailability(db: ClientDb, windows: readonly CachedAvailability[]): Promise<void> {
  const rows = byVersion(windows).map(availabilityRow);
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('productAvailability')
      .values(chunk)
      .onConflict((conflict) =>
        conflict
          .column('availabilityId')
          .doUpdateSet(fromExcluded(AVAILABILITY_UPDATES))
          .where(sql.ref('excluded.changeVersion'), '>=', sql.ref('productAvailability.changeVersion')),
      )
      .execute();
  }
}

export async function upsertRates(db: ClientDb, rates: readonly CachedRate[]): Promise<void> {
  const rows = byVersion(rates).map(rateRow);
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('rateHistory')
      .values(chunk)
      .onConflict((conflict) =>
        conflict
          .column('rateHistoryId')
          .doUpdateSet(fromExcluded(RATE_UPDATES))
          .where(sql.ref('excluded.changeVersion'), '>=', sql.ref('rateHistory.changeVersion')),
      )
      .execute();
  }
}

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

// Explicit list: the generated twins and the rowid alias stay internal.
const PRODUCT_COLUMNS = [
  'products.productId', 'products.cusip', 'products.productName', 'products.productType', 'products.issuerName',
  'products.description', 'products.minimumInvestment', 'products.maximumInvestment', 'products.baseRate',
  'products.bonusRate', 'products.bonusYears', 'products.termYears', 'products.guaranteedMinimumRate',
  'products.compounding', 'products.surrenderSchedule', 'products.freeWithdrawalPercent', 'products.returnOfPremium',
  'products.returnOfPremiumPercentage', 'products.termsAndConditions', 'products.isActive', 'products.createdAt',
  'products.updatedAt', 'products.createdBy', 'products.updatedBy',
] as const;

/** A products row as selected with PRODUCT_COLUMNS (also what the search query returns). */
export interface ProductColumns {
  productId: string;
  cusip: string;
  productName: string;
  productType: string;
  issuerName: string;
  description: string;
  minimumInvestment: string;
  maximumInvestment: string | null;
  baseRate: string;
  bonusRate: string;
  bonusYears: number;
  termYears: number;
  guaranteedMinimumRate: string;
  compounding: string;
  surrenderSchedule: string;
  freeWithdrawalPercent: string;
  returnOfPremium: number;
  returnOfPremiumPercentage: string | null;
  termsAndConditions: string | null;
  isActive: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

/** Columns as the search query selects them (snake_case; the plugin camel-cases the result). */
export const PRODUCT_SQL_COLUMNS = PRODUCT_COLUMNS.map((column) =>
  column.replace(/^products\./, 'p.').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
).join(', ');

export function productFromColumns(row: ProductColumns): Product {
  return {
    productId: row.productId,
    cusip: row.cusip,
    productName: row.productName,
    // The CHECKs admit only the schema's values, so these narrowings cannot fail on a cached row.
    productType: ProductTypeSchema.parse(row.productType),
    issuerName: row.issuerName,
    description: row.description,
    minimumInvestment: row.minimumInvestment,
    maximumInvestment: row.maximumInvestment,
    baseRate: row.baseRate,
    bonusRate: row.bonusRate,
    bonusYears: row.bonusYears,
    termYears: row.termYears,
    guaranteedMinimumRate: row.guaranteedMinimumRate,
    compounding: CompoundingValues.parse(row.compounding),
    surrenderSchedule: SurrenderSchedule.parse(JSON.parse(row.surrenderSchedule)),
    freeWithdrawalPercent: row.freeWithdrawalPercent,
    returnOfPremium: isSet(row.returnOfPremium),
    returnOfPremiumPercentage: row.returnOfPremiumPercentage,
    termsAndConditions: row.termsAndConditions,
    isActive: isSet(row.isActive),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

const CompoundingValues = z.enum(['annual', 'daily', 'simple']);
const SurrenderSchedule = z.array(z.string());

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
    .select(['availabilityId', 'productId', 'startDate', 'endDate', 'isActive', 'createdAt', 'createdBy'])
    .where('productId', '=', productId)
    .orderBy('startDate')
    .orderBy('availabilityId')
    .execute();
  const rates = await db
    .selectFrom('rateHistory')
    .select(['rateHistoryId', 'productId', 'baseRate', 'bonusRate', 'effectiveDate', 'endDate', 'isActive', 'createdAt', 'createdBy'])
    .where('productId', '=', productId)
    .orderBy('effectiveDate')
    .orderBy('rateHistoryId')
    .execute();
  return {
    product: productFromColumns(row),
    availability: windows.map((window) => ({ ...window, isActive: isSet(window.isActive) })),
    rates: rates.map((entry) => ({ ...entry, isActive: isSet(entry.isActive) })),
  };
}

/** What the catalog screen may ask for: the renderer contract itself, validated again here. */
const ProductListQuery = CatalogListRequest;
export type ProductListQueryInput = CatalogListRequest;

/** Filters and sorts the cached catalog. Amount and rate comparisons are on exact integers. */
export async function listProducts(db: ClientDb, filters: ProductListQueryInput = {}): Promise<Product[]> {
  const query = parseOrThrow(ProductListQuery, filters);
  let select = db.selectFrom('products').select(PRODUCT_COLUMNS);
  if (!query.includeInactive) select = select.where('isActive', '=', 1);
  if (query.productType !== undefined) select = select.where('productType', '=', query.productType);
  if (query.issuerName !== undefined) select = select.where('issuerName', '=', query.issuerName);
  if (query.termYears !== undefined) select = select.where('termYears', '=', query.termYears);
  if (query.fitsPremium !== undefined) {
    const cents = moneyCents(query.fitsPremium, 'fitsPremium');
    select = select
      .where('minimumInvestmentCents', '<=', cents)
      .where((eb) => eb.or([eb('maximumInvestmentCents', 'is', null), eb('maximumInvestmentCents', '>=', cents)]));
  }
  if (query.sort === 'rate') {
    select = select.orderBy('baseRateUnits', 'desc').orderBy('productName').orderBy('productId');
  } else if (query.sort === 'term') {
    select = select.orderBy('termYears').orderBy('baseRateUnits', 'desc').orderBy('productName').orderBy('productId');
  } else {
    select = select.orderBy(sql`product_name COLLATE NOCASE`).orderBy('productId');
  }
  const rows = await select.limit(query.limit).offset(query.offset).execute();
  return rows.map(productFromColumns);
}
