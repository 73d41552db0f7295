// The sync writers' lock (docs/adr/0001-sync-cursor.md). stamp_change_version() takes it at a
// transaction's first synced row; a writer that will touch several rows should take it first
// thing instead. Otherwise an UPDATE locks its row before its trigger waits for this lock, while
// the lock holder may want that very row next: a deadlock that PostgreSQL breaks by failing one of
// them after deadlock_timeout.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/** pg_advisory_xact_lock key of the sync writers: the ASCII bytes of "RATESYNC" as a bigint. */
export const SYNC_LOCK_KEY = '5927111241324121667';

/** Takes the sync writers' lock until the end of the transaction `trx` (re-entrant). */
export async function acquireSyncWriteLock(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.raw(SYNC_LOCK_KEY)})`.execute(trx);
}

/**
 * A transaction that takes the sync writers' lock before anything else. For writers that lock rows
 * first (the admin routes lock a product FOR UPDATE, then write): taking this lock only at their
 * first stamped row would make them wait for it while holding that row, and an upload holding it
 * waits for the same row (its items' foreign-key check), a deadlock PostgreSQL ends by failing one.
 */
export function inSyncWriteTransaction<T>(db: Kysely<Database>, run: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await acquireSyncWriteLock(trx);
    return run(trx);
  });
}
