// Wipes the laptop's cache when an admin revoked the device or the rep (issue 14): every row of
// every table goes (catalog, saved comparisons, queues, sync state), and the deleted data must not
// be recoverable from the file. secure_delete overwrites what a DELETE frees, VACUUM rebuilds the
// file without free pages, and a TRUNCATE checkpoint empties the write-ahead log, which otherwise
// still holds old pages. Copies the store made of the file (the pre-migration backup, a broken
// file kept aside by a rebuild) hold the same data and are removed too.
//
// The schema and Kysely's migration bookkeeping stay, so the same connection keeps working (a new
// sign-in downloads the catalog again) and the next start does not re-run migrations on it.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { ClientDatabase } from './schema.js';

interface TableEntry {
  name: string;
  sql: string | null;
}

/** Kysely's bookkeeping: migration names and a lock, no data of anyone's. */
const KEPT_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function emptyEveryTable(db: Kysely<ClientDatabase>): Promise<void> {
  const tables = (await sql<TableEntry>`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows;
  const virtual = tables.filter((table) => /^CREATE VIRTUAL TABLE/i.test(table.sql ?? ''));
  // A virtual table's shadow tables (products_fts_data, ...) are its own business: emptied through it.
  const isShadow = (name: string) => virtual.some((table) => name.startsWith(`${table.name}_`));
  await db.transaction().execute(async (trx) => {
    // Every table is emptied, so the foreign keys hold again at commit whatever the order.
    await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
    for (const table of tables) {
      if (KEPT_TABLES.has(table.name) || isShadow(table.name) || virtual.includes(table)) continue;
      await sql.raw(`DELETE FROM ${quoted(table.name)}`).execute(trx);
    }
    for (const table of virtual) {
      // An external-content FTS5 index (products_fts) is cleared with its own command.
      await sql.raw(`INSERT INTO ${quoted(table.name)} (${quoted(table.name)}) VALUES ('delete-all')`).execute(trx);
    }
  });
}

/** Removes the copies of `file` the store keeps beside it (never the live file or its -wal/-shm). */
function removeCopies(file: string): string[] {
  const folder = dirname(file);
  const prefix = `${basename(file)}.`;
  const copies = readdirSync(folder).filter((name) => name.startsWith(prefix));
  for (const name of copies) rmSync(join(folder, name), { force: true, recursive: true });
  return copies;
}

export interface WipeCacheOptions {
  db: Kysely<ClientDatabase>;
  /** The cache file; given, the store's copies of it beside it are removed too. */
  file?: string;
}

/** Deletes everything the cache holds, unrecoverably; the connection stays open and usable. */
export async function wipeClientCache({ db, file }: WipeCacheOptions): Promise<void> {
  await sql`PRAGMA secure_delete = ON`.execute(db);
  await emptyEveryTable(db);
  // VACUUM cannot run inside a transaction; nothing else holds one on this single connection.
  await sql`VACUUM`.execute(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  if (file !== undefined) removeCopies(file);
}
