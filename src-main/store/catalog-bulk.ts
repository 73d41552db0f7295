// The sync's fast path to the cached catalog, on the raw better-sqlite3 connection behind the
// handle's Kysely instance (ClientDatabaseHandle.catalogBulk):
// - writing pages: the same upserts as catalog-upserts.ts (same SQL, same column values, same
//   version guard, same triggers keeping the FTS index in step) as statements prepared once per
//   connection and reused for every row. A first sync writes about a million rows; building and
//   compiling a Kysely query per 200-row chunk cost more than the writes themselves
//   (docs/performance.md). The writes never open a transaction: they go into the caller's, on this
//   same connection, so a page and its cursor still commit together.
// - reading the stored rows back for the checksums, slice by slice (stored-catalog-rows.ts),
//   without Kysely's per-row result mapping.
import type Database from 'better-sqlite3';
import { CATALOG_WRITES, type CachedAvailability, type CachedProduct, type CachedRate } from './catalog-rows.js';
import { CATALOG_TERMS_COLLECTIONS, type CatalogTermsCollection } from './catalog-terms-rows.js';
import { createCatalogStage, type CatalogStage } from './catalog-stage.js';
import { byVersion, catalogTermsWrite, upsertSqlParts, writtenColumns, type CatalogTermsChanges, type CatalogWrite } from './catalog-upserts.js';
import { storedSliceSql, type CatalogTable, type ReadStoredSlice, type StoredCatalogRows } from './stored-catalog-rows.js';

/** Upserts of synced catalog rows into the transaction open on the same connection, and slices of the stored rows. */
export interface CatalogBulk {
  /** Version-guarded like upsertProducts: an older copy never replaces a newer one. Throws ValidationError naming the field. */
  upsertProducts(products: readonly CachedProduct[]): void;
  upsertAvailability(windows: readonly CachedAvailability[]): void;
  upsertRates(rates: readonly CachedRate[]): void;
  /** Issue 13's records, version-guarded the same way. */
  upsertCatalogTerms(changes: CatalogTermsChanges): void;
  readStoredSlice: ReadStoredSlice;
  /** The bulk load of a catalog snapshot (catalog-stage.ts). */
  snapshotStage: CatalogStage;
}

interface Statements {
  products: Database.Statement;
  availability: Database.Statement;
  rates: Database.Statement;
}

/** upsertSqlParts with one row of named parameters equal to the row objects' keys, so the row builders of catalog-rows.ts feed it unchanged. */
function upsertSql(write: CatalogWrite<never>): string {
  const { insert, onConflict } = upsertSqlParts(write);
  return `${insert} (${writtenColumns(write).map((column) => `@${column}`).join(', ')}) ${onConflict}`;
}

export function createCatalogBulk(sqlite: Database.Database): CatalogBulk {
  // Prepared on first use: the handle exists before the migrations have created the tables.
  let statements: Statements | null = null;
  const slices = new Map<CatalogTable, Database.Statement<[number, number]>>();
  const termsStatements = new Map<CatalogTermsCollection, Database.Statement>();

  function prepared(): Statements {
    if (!sqlite.inTransaction) {
      // Outside a transaction each row would commit on its own, and a page could end half-written.
      throw new Error('catalog rows are written only inside the transaction of their sync page');
    }
    statements ??= {
      products: sqlite.prepare(upsertSql(CATALOG_WRITES.products)),
      availability: sqlite.prepare(upsertSql(CATALOG_WRITES.availability)),
      rates: sqlite.prepare(upsertSql(CATALOG_WRITES.rates)),
    };
    return statements;
  }

  function write<T extends { changeVersion: string }, R>(rows: readonly T[], statement: (all: Statements) => Database.Statement, toRow: (row: T, index: number) => R): void {
    if (rows.length === 0) return;
    const insert = statement(prepared());
    byVersion(rows).forEach((row, index) => insert.run(toRow(row, index)));
  }

  return {
    snapshotStage: createCatalogStage(sqlite),
    upsertProducts: (products) => write(products, (all) => all.products, CATALOG_WRITES.products.row),
    upsertAvailability: (windows) => write(windows, (all) => all.availability, CATALOG_WRITES.availability.row),
    upsertRates: (rates) => write(rates, (all) => all.rates, CATALOG_WRITES.rates.row),
    upsertCatalogTerms(changes) {
      for (const collection of CATALOG_TERMS_COLLECTIONS) {
        const terms = catalogTermsWrite(collection);
        write(changes[collection], () => {
          let statement = termsStatements.get(collection);
          if (statement === undefined) {
            statement = sqlite.prepare(upsertSql(terms));
            termsStatements.set(collection, statement);
          }
          return statement;
        }, terms.row);
      }
    },
    readStoredSlice<T extends CatalogTable>(table: T, after: number, limit: number) {
      let statement = slices.get(table);
      if (statement === undefined) {
        statement = sqlite.prepare<[number, number]>(storedSliceSql(table));
        slices.set(table, statement);
      }
      // The SELECT's aliases are exactly the fields of StoredCatalogRows[T].
      return statement.all(after, limit) as StoredCatalogRows[T][];
    },
  };
}
