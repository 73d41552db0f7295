// SQLite settings for a full download (a first sync, or a re-download after a repair or a new
// server epoch): about a hundred page transactions writing up to a million rows on the cache's one
// connection. The sync engine wraps such a download in withFullDownloadTuning; everything else
// runs with the settings open-database.ts gives every connection.
import { sql, type Kysely } from 'kysely';
import type { ClientDatabase } from './schema.js';

/**
 * WAL size (in 4 KB pages, about 400 MB) allowed before a checkpoint while a full download runs.
 * Each of its ~100 page transactions touches index pages all over the big tables (random UUID keys);
 * with SQLite's default (a checkpoint every 1,000 pages) the same index pages are copied back into
 * the database after almost every transaction. Checkpointing rarely copies each page once: the
 * apply of the 1,000,000-row benchmark catalog measured about 1.6 times faster (docs/performance.md).
 */
const FULL_DOWNLOAD_WAL_AUTOCHECKPOINT = 100_000;

/**
 * SQLite page cache (in KiB, as a negative cache_size) while a full download runs, instead of the
 * default 2 MB. The random-UUID primary key index of a million rate rows is about 50 MB; once it
 * fits, each row's insert stops reading index pages back from the file: the benchmark's apply
 * measured about 15% faster with 64 MB (32 MB gained nothing). Given back when the download ends.
 */
const FULL_DOWNLOAD_CACHE_KIB = 65_536;

/** The connection's current value of a numeric PRAGMA, or `fallback`. */
async function pragmaNumber(db: Kysely<ClientDatabase>, name: string, fallback: number): Promise<number> {
  const { rows } = await sql<Record<string, unknown>>`PRAGMA ${sql.raw(name)}`.execute(db);
  const value = Object.values(rows[0] ?? {})[0];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : fallback;
}

/**
 * Runs a full download with rare WAL checkpoints and a bigger page cache, then puts both back,
 * checkpoints and shrinks the WAL, and lets SQLite free the cache's memory.
 */
export async function withFullDownloadTuning<T>(db: Kysely<ClientDatabase>, run: () => Promise<T>): Promise<T> {
  const usualCheckpoint = await pragmaNumber(db, 'wal_autocheckpoint', 1000);
  const usualCache = await pragmaNumber(db, 'cache_size', -2000);
  await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(FULL_DOWNLOAD_WAL_AUTOCHECKPOINT))}`.execute(db);
  await sql`PRAGMA cache_size = ${sql.raw(String(-FULL_DOWNLOAD_CACHE_KIB))}`.execute(db);
  try {
    return await run();
  } finally {
    // None of these may hide the run's own error: the settings are per connection (a reopened
    // cache starts from the defaults), and a checkpoint that cannot run now (a reader in the
    // way) runs later by itself. TRUNCATE gives the WAL's disk space back.
    await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(usualCheckpoint))}`.execute(db).catch(() => undefined);
    await sql`PRAGMA cache_size = ${sql.raw(String(usualCache))}`.execute(db).catch(() => undefined);
    await sql`PRAGMA shrink_memory`.execute(db).catch(() => undefined);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db).catch(() => undefined);
  }
}
