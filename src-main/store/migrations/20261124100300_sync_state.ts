// Small key/value state of the sync engine (cursor, epoch, last success, ...). Emptied by a cache
// rebuild, which makes the next sync a full download. Frozen: later changes go in new migrations.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY CHECK (trim(key) <> ''),
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
}
