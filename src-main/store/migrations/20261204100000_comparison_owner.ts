// Who a saved comparison belongs to: the signed-in rep's subject (the ID token's `sub`), on the
// comparison and on its outbox entry, so a shared laptop lists, prints and uploads each rep's own
// comparisons only. NULL is a comparison saved before this migration: held (never listed, printed
// or uploaded) until start-up assigns it to the user of the stored session (compose.ts).
// Frozen: later changes go in new migrations.
import { sql, type Kysely } from 'kysely';

const subject = (column: string): string => `CHECK (${column} IS NULL OR (trim(${column}) <> '' AND length(${column}) <= 255))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE saved_comparisons ADD COLUMN owner_subject TEXT NULL ${subject('owner_subject')}`).execute(db);
  await sql.raw(`ALTER TABLE outbox ADD COLUMN owner_subject TEXT NULL ${subject('owner_subject')}`).execute(db);
  // The saved list's query: one owner's comparisons, newest first.
  await sql`CREATE INDEX saved_comparisons_owner_created_idx ON saved_comparisons (owner_subject, created_at)`.execute(db);
  // The uploader's query, per owner.
  await sql`CREATE INDEX outbox_owner_pending_idx ON outbox (owner_subject, next_attempt_at, outbox_id) WHERE status = 'pending'`.execute(db);
}
