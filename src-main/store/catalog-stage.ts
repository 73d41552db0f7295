// The bulk load of a catalog snapshot's big collections (issue 15; docs/performance.md): the rows
// are first appended to TEMP tables without keys, indexes or CHECKs (cheap, and in the temporary
// database, so nothing of them reaches the cache file yet), then copied into the cache in ONE
// transaction by INSERT ... SELECT ... ORDER BY key, all in SQLite's C code. Inserting the random
// UUID keys in key order makes every primary-key index an append instead of a random insert; the
// secondary indexes are dropped and built again inside the same transaction (one sort instead of
// a million random inserts), so an interrupted copy rolls back to the cache as it was.
//
// The rows are the page path's: each synced value becomes its cache row through the table's ONE
// row builder (CATALOG_WRITES, catalogTermsWrite: exact decimal text, flags 0/1, the version
// checked), and the copy ends with the page upsert's own ON CONFLICT clause (version-guarded, so a
// row the snapshot holds twice keeps its newest copy, as pages would). The cache's STRICT types,
// NOT NULLs and CHECKs apply to every copied row: a malformed one fails the whole copy.
// Products are not staged: they have a UNIQUE CUSIP that must be written in version order, FTS
// triggers, and a few thousand rows; they keep the prepared upserts of catalog-bulk.ts.
import type Database from 'better-sqlite3';
import { CATALOG_WRITES, columnName } from './catalog-rows.js';
import { catalogTermsWrite, upsertSqlParts, writtenColumns, type CatalogWrite } from './catalog-upserts.js';

/** The collections loaded through the stage, parents before children. */
export const STAGED_COLLECTIONS = ['carriers', 'availability', 'rates', 'approvals', 'strategies', 'strategyRates', 'indexLevels'] as const;
export type StagedCollection = (typeof STAGED_COLLECTIONS)[number];

export function isStagedCollection(collection: string): collection is StagedCollection {
  return (STAGED_COLLECTIONS as readonly string[]).includes(collection);
}

type SyncedRow = { changeVersion: string };

/**
 * SQLite page cache (KiB) while the copy runs, instead of the full download's 64 MB: the copy writes
 * in key order, so it needs only the right edge of each b-tree, and with a big cache the sorter
 * holds far more in memory. On the 1,000,000 rates of the full benchmark catalog the copy measured
 * about twice as fast with 8 MB (3.3-4.6 s against 7.0-10.1 s, same machine, same run) and the
 * process's peak RSS fell from about 355 MB to 216 MB (docs/performance.md).
 */
const COPY_CACHE_KIB = 8192;

function writeOf(collection: StagedCollection): CatalogWrite<SyncedRow> {
  return collection === 'availability' || collection === 'rates' ? (CATALOG_WRITES[collection] as unknown as CatalogWrite<SyncedRow>) : catalogTermsWrite(collection);
}

export interface CatalogStage {
  /**
   * Appends synced values of `collection` (structurally checked by the caller) to its stage,
   * inside the transaction open on the connection. Throws ValidationError naming the field, as
   * the page path does (the index in the path is the row's in `rows`).
   */
  add(collection: StagedCollection, rows: readonly SyncedRow[]): void;
  /** Copies every staged row into the cache, inside the transaction open on the connection, and empties the stage. */
  copyIntoCatalog(): void;
  /** Forgets the staged rows (a refused or interrupted snapshot). */
  clear(): void;
}

/**
 * Rows per staging INSERT: one native call per 100 rows instead of per row measured about 1.5x
 * faster; at most 40 columns, far below SQLite's 32,766 parameters.
 */
const ROWS_PER_INSERT = 100;

interface Staged {
  write: CatalogWrite<SyncedRow>;
  fields: string[];
  insertOne: Database.Statement;
  insertMany: Database.Statement;
}

function requireTransaction(sqlite: Database.Database): void {
  // Outside a transaction every staged row would be a commit of its own (and a copy half-done).
  if (!sqlite.inTransaction) throw new Error('snapshot rows are staged and copied only inside a transaction');
}

export function createCatalogStage(sqlite: Database.Database): CatalogStage {
  const staged = new Map<StagedCollection, Staged>();

  function stageOf(collection: StagedCollection): Staged {
    let stage = staged.get(collection);
    if (stage === undefined) {
      const write = writeOf(collection);
      const fields = writtenColumns(write);
      const name = `temp.stage_${write.table}`;
      sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS stage_${write.table} (${fields.map(columnName).join(', ')})`);
      sqlite.exec(`DELETE FROM ${name}`);
      const values = `(${fields.map(() => '?').join(', ')})`;
      stage = {
        write,
        fields,
        insertOne: sqlite.prepare(`INSERT INTO ${name} VALUES ${values}`),
        insertMany: sqlite.prepare(`INSERT INTO ${name} VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => values).join(', ')}`),
      };
      staged.set(collection, stage);
    }
    return stage;
  }

  function copy(collection: StagedCollection, { write, fields }: Staged): void {
    const columns = fields.map(columnName).join(', ');
    const indexes = sqlite.prepare<[string], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(write.table);
    for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
    // WHERE true: SQLite's parser needs it between a SELECT and an upsert's ON CONFLICT.
    sqlite.exec(
      `INSERT INTO ${write.table} (${columns}) SELECT ${columns} FROM temp.stage_${write.table} WHERE true ` +
        `ORDER BY ${columnName(write.key)}, CAST(change_version AS INTEGER) ${upsertSqlParts(write).onConflict}`,
    );
    // The same text as before: sqlite_schema ends up exactly as the migrations left it.
    for (const index of indexes) sqlite.exec(index.sql);
    sqlite.exec(`DROP TABLE temp.stage_${write.table}`);
    staged.delete(collection);
  }

  return {
    add(collection, values) {
      requireTransaction(sqlite);
      const { write, fields, insertOne, insertMany } = stageOf(collection);
      let batch: unknown[] = [];
      values.forEach((value, index) => {
        const row = write.row(value, index);
        for (const field of fields) batch.push(row[field]);
        if (batch.length === fields.length * ROWS_PER_INSERT) {
          insertMany.run(batch);
          batch = [];
        }
      });
      for (let start = 0; start < batch.length; start += fields.length) insertOne.run(batch.slice(start, start + fields.length));
    },
    copyIntoCatalog() {
      requireTransaction(sqlite);
      const usualCache = sqlite.pragma('cache_size', { simple: true }) as number;
      sqlite.pragma(`cache_size = -${COPY_CACHE_KIB}`);
      try {
        for (const collection of STAGED_COLLECTIONS) {
          const stage = staged.get(collection);
          if (stage !== undefined) copy(collection, stage);
        }
      } finally {
        sqlite.pragma(`cache_size = ${usualCache}`);
      }
    },
    clear() {
      for (const { write } of staged.values()) sqlite.exec(`DROP TABLE IF EXISTS temp.stage_${write.table}`);
      staged.clear();
    },
  };
}
