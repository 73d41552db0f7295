// Events about the compliance record that happen on this laptop (an illustration printed, a
// sign-out) and must reach the server (POST /v1/records/events), queued so they survive being
// offline, a quit or a crash. Each belongs to the user it happened to (owner_subject: the token's
// subject) and is uploaded only in that user's sync runs. Like the outbox, nothing here is ever
// deleted, so the queue is also this laptop's print history. Frozen: later changes go in new migrations.
import { sql, type Kysely } from 'kysely';
import { instant, uploadRetryColumns, uuid } from './checks.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE record_event_queue (
        event_id TEXT PRIMARY KEY CHECK ${uuid('event_id')},
        owner_subject TEXT NOT NULL CHECK (trim(owner_subject) <> '' AND length(owner_subject) <= 255),
        kind TEXT NOT NULL CHECK (kind IN ('ILLUSTRATION_PRINTED', 'SIGNED_OUT')),
        -- The comparison an ILLUSTRATION_PRINTED event is about (also inside payload): the print history's key.
        comparison_id TEXT NULL CHECK (comparison_id IS NULL OR ${uuid('comparison_id')}),
        payload TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected')),
        ${uploadRetryColumns()},
        created_at TEXT NOT NULL CHECK ${instant('created_at')},
        updated_at TEXT NOT NULL CHECK ${instant('updated_at')},
        CONSTRAINT record_event_rejected_has_reason CHECK ((status = 'rejected') = (rejected_reason IS NOT NULL AND trim(rejected_reason) <> ''))
      ) STRICT`,
    )
    .execute(db);
  // The uploader's query: one owner's pending events in creation order.
  await sql`CREATE INDEX record_event_queue_pending_idx ON record_event_queue (owner_subject, created_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX record_event_queue_comparison_idx ON record_event_queue (comparison_id, created_at) WHERE comparison_id IS NOT NULL`.execute(db);
}
