// The sync's writes to the cached catalog: version-guarded upserts (tombstones kept as inactive
// rows) and the emptying of tables before a re-download. Plain functions taking a connection or
// transaction first; the sync engine opens one transaction per pull page and calls the upserts
// inside it. catalog-bulk.ts runs the same SQL as prepared statements, for big pages.
import { sql } from 'kysely';
import { SyncCollection } from '../../src-shared/sync/protocol.js';
import { CATALOG_WRITES, columnName, type CachedAvailability, type CachedProduct, type CachedRate } from './catalog-rows.js';
import { CATALOG_TERMS_COLLECTIONS, CATALOG_TERMS_WRITES, type CatalogTermsCollection, type CatalogTermsValues } from './catalog-terms-rows.js';
import type { ClientDb } from './schema.js';

/** Rows per INSERT: products have 32 bound columns, and SQLite allows 32,766 parameters. */
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

/** One catalog table's write (CATALOG_WRITES), for a synced value of type T. */
export interface CatalogWrite<T> {
  /** The SQL table. */
  table: string;
  key: string;
  /** The columns an upsert overwrites. */
  updates: readonly string[];
  row: (value: T, index: number) => Readonly<Record<string, unknown>>;
}

/** The columns an upsert writes, key first: the order of its VALUES. */
export function writtenColumns(write: CatalogWrite<never>): string[] {
  return [write.key, ...write.updates];
}

/**
 * The upsert of a catalog table around its VALUES: `INSERT INTO t (columns) VALUES` and
 * `ON CONFLICT (key) DO UPDATE SET col = excluded.col, ... WHERE` the incoming copy is not older
 * than the cached one. This one text serves Kysely below and the prepared statements of
 * catalog-bulk.ts, so both paths write the same way.
 */
export function upsertSqlParts(write: CatalogWrite<never>): { insert: string; onConflict: string } {
  const set = write.updates.map((column) => `${columnName(column)} = excluded.${columnName(column)}`).join(', ');
  return {
    insert: `INSERT INTO ${write.table} (${writtenColumns(write).map(columnName).join(', ')}) VALUES`,
    onConflict: `ON CONFLICT (${columnName(write.key)}) DO UPDATE SET ${set} WHERE excluded.change_version >= ${write.table}.change_version`,
  };
}

/**
 * Inserts or updates rows by key, oldest first, in chunks. A row older than the cached one (lower
 * change version) is ignored, so replaying or reordering pages cannot roll a row back. Tombstones
 * (isActive false) are stored like any other row and stay inactive.
 */
async function upsert<T extends { changeVersion: string }>(db: ClientDb, write: CatalogWrite<T>, values: readonly T[]): Promise<void> {
  const columns = writtenColumns(write);
  const { insert, onConflict } = upsertSqlParts(write);
  for (const chunk of chunks(byVersion(values).map(write.row))) {
    const rows = chunk.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`);
    await sql`${sql.raw(insert)} ${sql.join(rows)} ${sql.raw(onConflict)}`.execute(db);
  }
}

/** Products by productId, version-guarded (see upsert). Throws ValidationError naming the field. */
export function upsertProducts(db: ClientDb, products: readonly CachedProduct[]): Promise<void> {
  return upsert(db, CATALOG_WRITES.products, products);
}

export function upsertAvailability(db: ClientDb, windows: readonly CachedAvailability[]): Promise<void> {
  return upsert(db, CATALOG_WRITES.availability, windows);
}

export function upsertRates(db: ClientDb, rates: readonly CachedRate[]): Promise<void> {
  return upsert(db, CATALOG_WRITES.rates, rates);
}

/** Issue 13's records of a page, by collection (a page from an older server has none). */
export type CatalogTermsChanges = { readonly [C in CatalogTermsCollection]: readonly CatalogTermsValues[C][] };

/** The write of one of issue 13's collections, for the generic upserts here and in catalog-bulk.ts. */
export function catalogTermsWrite(collection: CatalogTermsCollection): CatalogWrite<{ changeVersion: string }> {
  return CATALOG_TERMS_WRITES[collection] as unknown as CatalogWrite<{ changeVersion: string }>;
}

/** Carriers, approvals, strategies, strategy rates and index levels by key, version-guarded like products. */
export async function upsertCatalogTerms(db: ClientDb, changes: CatalogTermsChanges): Promise<void> {
  for (const collection of CATALOG_TERMS_COLLECTIONS) await upsert(db, catalogTermsWrite(collection), changes[collection]);
}

/**
 * Empties the named catalog tables (comparisons are never emptied: they are the rep's records),
 * with the tables that reference them: products are referenced by availability, rates, approvals
 * and strategies, strategies by strategy rates, so emptying products empties those too. Run it inside the transaction that also forgets the sync
 * cursor, so the next pull downloads them again.
 */
export async function emptyCatalogTables(db: ClientDb, collections: Iterable<SyncCollection>): Promise<void> {
  const wipe = new Set(collections);
  if (wipe.has(SyncCollection.products)) {
    wipe.add(SyncCollection.availability);
    wipe.add(SyncCollection.rates);
    wipe.add(SyncCollection.approvals);
    wipe.add(SyncCollection.strategies);
  }
  if (wipe.has(SyncCollection.strategies)) wipe.add(SyncCollection.strategyRates);
  // Products reference carriers, but a product whose carrier is missing still shows (without its
  // rating) until the re-download brings the carrier back, so emptying carriers empties nothing else.
  for (const collection of CATALOG_TERMS_COLLECTIONS) {
    if (wipe.has(collection)) await sql`DELETE FROM ${sql.table(CATALOG_TERMS_WRITES[collection].table)}`.execute(db);
  }
  if (wipe.has(SyncCollection.availability)) await db.deleteFrom('productAvailability').execute();
  if (wipe.has(SyncCollection.rates)) await db.deleteFrom('rateHistory').execute();
  if (wipe.has(SyncCollection.products)) await db.deleteFrom('products').execute();
}
