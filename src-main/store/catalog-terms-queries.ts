// Reads of the cached catalog records of issue 13 (carriers, state approvals, FIA strategies and
// their rates, index levels) as the shared domain values, for the catalog filter, the product page,
// Compare and the illustration. Every row is returned, retired ones too (isActive false): the
// shared rules (approvedOn, strategyRateInForce, indexHistoryOf) decide what counts on a day.
import type { Carrier } from '../../src-shared/catalog/carriers.js';
import type { FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import type { Kysely } from 'kysely';
import { CATALOG_TERMS_WRITES, type CatalogTermsCollection } from './catalog-terms-rows.js';
import type { ClientDb } from './schema.js';

// SQLite caps bound parameters (32,766 in the bundled build); lists are read in slices well below it.
const SLICE = 500;

async function inSlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];
  for (let start = 0; start < unique.length; start += SLICE) rows.push(...(await read(unique.slice(start, start + SLICE))));
  return rows;
}

/**
 * Every column of a collection's rows whose `column` is one of `values` (all rows when no filter is
 * given), in `order`, with the flag as a boolean: the cached row is then the shared value, since
 * the cache's CHECKs admit only what the wire schema does. The columns are the ones the sync
 * writes (catalog-terms-rows.ts), so a column added there is read here too.
 */
async function readTerms<T>(
  db: ClientDb,
  collection: CatalogTermsCollection,
  filter: { column: string; values: readonly string[] } | null,
  order: readonly string[],
): Promise<T[]> {
  const { table, key, fields } = CATALOG_TERMS_WRITES[collection];
  // The table and columns are chosen at run time from the write list, which the typed schema cannot follow.
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const read = async (slice: readonly string[] | null): Promise<T[]> => {
    let query = untyped.selectFrom(table).select([key, ...fields]);
    if (filter !== null && slice !== null) query = query.where(filter.column, 'in', slice);
    for (const column of order) query = query.orderBy(column);
    const rows = await query.execute();
    return rows.map((row) => ({ ...row, isActive: row.isActive === 1 }) as T);
  };
  return filter === null ? read(null) : inSlices(filter.values, read);
}

/** Every cached carrier by id. */
export async function carriersById(db: ClientDb): Promise<Map<string, Carrier>> {
  const rows = await readTerms<Carrier>(db, 'carriers', null, []);
  return new Map(rows.map((carrier) => [carrier.carrierId, carrier]));
}

/** The state approvals of the given products. */
export function approvalsOfProducts(db: ClientDb, productIds: readonly string[]): Promise<StateApproval[]> {
  return readTerms(db, 'approvals', { column: 'productId', values: productIds }, ['productId', 'stateCode', 'approvedFrom']);
}

/** The crediting strategies of the given products, in each product's display order. */
export function strategiesOfProducts(db: ClientDb, productIds: readonly string[]): Promise<FiaStrategy[]> {
  return readTerms(db, 'strategies', { column: 'productId', values: productIds }, ['productId', 'sortOrder', 'strategyCode']);
}

/** The published rates of the given strategies. */
export function strategyRatesOf(db: ClientDb, strategyIds: readonly string[]): Promise<FiaStrategyRate[]> {
  return readTerms(db, 'strategyRates', { column: 'strategyId', values: strategyIds }, ['strategyId', 'effectiveDate']);
}

/** The year-end levels of the given indexes, oldest first. */
export function indexLevelsOf(db: ClientDb, indexNames: readonly string[]): Promise<IndexLevelRow[]> {
  return readTerms(db, 'indexLevels', { column: 'indexName', values: indexNames }, ['indexName', 'levelDate']);
}
