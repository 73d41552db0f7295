// Comparisons a rep saved on this laptop, and the outbox that uploads them. A comparison and its
// outbox entry are written in one transaction (saved-comparisons.ts). These rows are the only
// data in the cache that exists nowhere else until uploaded: a cache rebuild carries them over.
// Frozen: later changes go in new migrations.
import { sql, type Kysely } from 'kysely';
import { instant, uploadRetryColumns, uuid } from './checks.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE saved_comparisons (
        comparison_id TEXT PRIMARY KEY CHECK ${uuid('comparison_id')},
        created_at TEXT NOT NULL CHECK ${instant('created_at')},
        as_of_date TEXT NOT NULL CHECK (date(as_of_date) IS as_of_date),
        investment_amount TEXT NOT NULL CHECK (
          investment_amount GLOB '[0-9]*.[0-9][0-9]'
          AND investment_amount NOT GLOB '*[^0-9.]*'
          AND investment_amount NOT GLOB '*.*.*'
          AND investment_amount NOT GLOB '0[0-9]*'
          AND length(investment_amount) <= 16
          AND CAST(replace(investment_amount, '.', '') AS INTEGER) > 0
        ),
        horizon_years INTEGER NOT NULL CHECK (horizon_years BETWEEN 1 AND 50),
        client_reference TEXT NULL CHECK (client_reference IS NULL OR (trim(client_reference) <> '' AND length(client_reference) <= 120)),
        payload TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
        server_change_version INTEGER NULL CHECK (server_change_version IS NULL OR server_change_version >= 0)
      ) STRICT`,
    )
    .execute(db);
  await sql`CREATE INDEX saved_comparisons_created_at_idx ON saved_comparisons (created_at)`.execute(db);

  await sql
    .raw(
      `CREATE TABLE outbox (
        outbox_id INTEGER PRIMARY KEY,
        comparison_id TEXT NOT NULL UNIQUE REFERENCES saved_comparisons (comparison_id),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'uploading', 'applied', 'rejected')),
        ${uploadRetryColumns()},
        created_at TEXT NOT NULL CHECK ${instant('created_at')},
        updated_at TEXT NOT NULL CHECK ${instant('updated_at')},
        -- A rejected item must say why, so the rep sees the server's reason next to it.
        CONSTRAINT outbox_rejected_has_reason CHECK ((status = 'rejected') = (rejected_reason IS NOT NULL AND trim(rejected_reason) <> ''))
      ) STRICT`,
    )
    .execute(db);
  // The uploader's query: due pending entries in creation order.
  await sql`CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, outbox_id) WHERE status = 'pending'`.execute(db);
}
