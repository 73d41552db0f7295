// The sync writers' lock (docs/adr/0001-sync-cursor.md). stamp_change_version() takes it at a
// transaction's first synced row; a writer that will touch several rows should take it first
// thing instead. Otherwise an UPDATE locks its row before its trigger waits for this lock, while
// the lock holder may want that very row next: a deadlock that PostgreSQL breaks by failing one of
// them after deadlock_timeout.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** pg_advisory_xact_lock key of the sync writers: the ASCII bytes of "RATESYNC" as a bigint. */
export const SYNC_LOCK_KEY = '5927111241324121667';

/** Takes the sync writers' lock until the end of the transaction `trx` (re-entrant). */
export async function acquireSyncWriteLock(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.raw(SYNC_LOCK_KEY)})`.execute(trx);
}
