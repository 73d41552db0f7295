// The cached catalog's rows exactly as stored, read slice by slice, for checking the copy against
// the server (src-main/sync/local-checksums.ts). A slice is a range of rowids: a sequential scan of
// the table in bounded memory. Reading a million rate rows at once held about 700 MB of row objects
// at the end of a first sync (docs/performance.md). The same SELECT serves Kysely (any connection
// or transaction) and the prepared statement of catalog-bulk.ts.
import { sql } from 'kysely';
import {
  AVAILABILITY_COLUMNS,
  PRODUCT_COLUMNS,
  RATE_COLUMNS,
  columnName,
  type AvailabilityColumns,
  type ProductColumns,
  type RateColumns,
  type Timestamps,
} from './catalog-rows.js';
import {
  CATALOG_TERMS_WRITES,
  type StoredApprovalRow,
  type StoredCarrierRow,
  type StoredIndexLevelRow,
  type StoredStrategyRateRow,
  type StoredStrategyRow,
} from './catalog-terms-rows.js';
import type { ClientDb } from './schema.js';

/** Rows per slice: about a megabyte of row objects (measured a little faster than bigger slices, too). */
export const STORED_ROWS_SLICE = 2_000;

/**
 * A row as stored, without the timestamps (they are not part of the comparison) and with its
 * change version as text and the rowid the next slice starts after.
 */
type StoredRow<Columns> = Omit<Columns, Timestamps> & { changeVersion: string; rowKey: number };

export type StoredProductRow = StoredRow<ProductColumns>;
export type StoredAvailabilityRow = StoredRow<AvailabilityColumns>;
export type StoredRateRow = StoredRow<RateColumns>;

export interface StoredCatalogRows {
  products: StoredProductRow;
  availability: StoredAvailabilityRow;
  rates: StoredRateRow;
  carriers: StoredCarrierRow;
  approvals: StoredApprovalRow;
  strategies: StoredStrategyRow;
  strategyRates: StoredStrategyRateRow;
  indexLevels: StoredIndexLevelRow;
}
export type CatalogTable = keyof StoredCatalogRows;

/** Reads the slice of `table` after rowid `after` (-1 for the first), at most `limit` rows, in rowid order. */
export type ReadStoredSlice = <T extends CatalogTable>(table: T, after: number, limit: number) => Promise<readonly StoredCatalogRows[T][]> | readonly StoredCatalogRows[T][];

function withoutTimestamps(columns: readonly string[]): string[] {
  return columns.filter((column) => column !== 'createdAt' && column !== 'updatedAt');
}

const SOURCES: Readonly<Record<CatalogTable, { table: string; rowKey: string; columns: readonly string[] }>> = {
  products: { table: 'products', rowKey: 'product_key', columns: withoutTimestamps(PRODUCT_COLUMNS) },
  availability: { table: 'product_availability', rowKey: 'rowid', columns: withoutTimestamps(AVAILABILITY_COLUMNS) },
  rates: { table: 'rate_history', rowKey: 'rowid', columns: withoutTimestamps(RATE_COLUMNS) },
  ...termsSources(),
};

/** Issue 13's tables, by collection: rowid tables with a text key, like availability and rates. */
function termsSources() {
  const source = <C extends keyof typeof CATALOG_TERMS_WRITES>(collection: C) => {
    const { table, key, fields } = CATALOG_TERMS_WRITES[collection];
    return { table, rowKey: 'rowid', columns: withoutTimestamps([key, ...fields]) };
  };
  return {
    carriers: source('carriers'),
    approvals: source('approvals'),
    strategies: source('strategies'),
    strategyRates: source('strategyRates'),
    indexLevels: source('indexLevels'),
  };
}

/**
 * `SELECT ... FROM <table>` and its rowid column. Aliases are the camelCase names already (Kysely's
 * CamelCasePlugin leaves them as they are). change_version through TEXT: better-sqlite3 would hand
 * back an inexact JS number past 2^53.
 */
function selectAll(table: CatalogTable): { select: string; rowKey: string } {
  const source = SOURCES[table];
  const columns = source.columns.map((column) => `${columnName(column)} AS "${column}"`).join(', ');
  return {
    select: `SELECT ${source.rowKey} AS "rowKey", ${columns}, CAST(change_version AS TEXT) AS "changeVersion" FROM ${source.table}`,
    rowKey: source.rowKey,
  };
}

/** The slice query of `table` with two positional parameters: the rowid to start after, the limit. */
export function storedSliceSql(table: CatalogTable): string {
  const { select, rowKey } = selectAll(table);
  return `${select} WHERE ${rowKey} > ? ORDER BY ${rowKey} LIMIT ?`;
}

/** The same slices through Kysely, on any connection or transaction. */
export function kyselySliceReader(db: ClientDb): ReadStoredSlice {
  return async <T extends CatalogTable>(table: T, after: number, limit: number) => {
    const { select, rowKey } = selectAll(table);
    const { rows } = await sql<StoredCatalogRows[T]>`${sql.raw(select)} WHERE ${sql.raw(rowKey)} > ${after} ORDER BY ${sql.raw(rowKey)} LIMIT ${limit}`.execute(db);
    return rows;
  };
}

/** Calls `use` with every row of `table`, one slice in memory at a time. */
export async function forEachStoredRow<T extends CatalogTable>(read: ReadStoredSlice, table: T, use: (row: StoredCatalogRows[T]) => void): Promise<void> {
  let after = -1;
  for (;;) {
    const rows = await read(table, after, STORED_ROWS_SLICE);
    for (const row of rows) use(row);
    const last = rows.at(-1);
    if (last === undefined || rows.length < STORED_ROWS_SLICE) return;
    after = last.rowKey;
  }
}
