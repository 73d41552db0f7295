// Events about the compliance record that happen on the laptop, possibly offline, and reach the
// server through a queue (src-shared/records/record-events.ts): an illustration printed from a saved
// comparison (with the SHA-256 and page count of the PDF handed over) and a sign-out. Each row is
// written together with its audit_log row (server/records/record-events.ts); event_id comes from
// the laptop, so a retried upload is idempotent. Rows are records: INSERT only, never changed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE record_events (
      event_id uuid NOT NULL,
      user_id uuid NOT NULL,
      session_id uuid NULL,
      kind text NOT NULL,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      comparison_id uuid NULL,
      pdf_sha256 char(64) NULL,
      page_count integer NULL,
      copy_number integer NULL,
      reprint boolean NULL,
      printed_on date NULL,
      historical boolean NULL,
      CONSTRAINT record_events_pkey PRIMARY KEY (event_id),
      CONSTRAINT record_events_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (user_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT record_events_session_id_fkey FOREIGN KEY (session_id)
        REFERENCES user_sessions (session_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT record_events_comparison_id_fkey FOREIGN KEY (comparison_id)
        REFERENCES product_comparisons (comparison_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT record_events_kind_known CHECK (kind IN ('ILLUSTRATION_PRINTED', 'SIGNED_OUT')),
      CONSTRAINT record_events_printed_complete CHECK (
        kind <> 'ILLUSTRATION_PRINTED' OR (
          comparison_id IS NOT NULL AND pdf_sha256 IS NOT NULL AND page_count IS NOT NULL AND copy_number IS NOT NULL
          AND reprint IS NOT NULL AND printed_on IS NOT NULL AND historical IS NOT NULL)),
      CONSTRAINT record_events_signed_out_bare CHECK (
        kind <> 'SIGNED_OUT' OR (
          comparison_id IS NULL AND pdf_sha256 IS NULL AND page_count IS NULL AND copy_number IS NULL
          AND reprint IS NULL AND printed_on IS NULL AND historical IS NULL)),
      CONSTRAINT record_events_pdf_sha256_hex CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
      CONSTRAINT record_events_page_count_range CHECK (page_count BETWEEN 1 AND 500),
      CONSTRAINT record_events_copy_number_positive CHECK (copy_number >= 1)
    )`.execute(db);
  await sql`
    COMMENT ON TABLE record_events IS ${sql.lit(
      'Record events uploaded by the laptop: ILLUSTRATION_PRINTED (a PDF handed over, with its SHA-256 and page count) and ' +
        'SIGNED_OUT. occurred_at is the laptop clock, received_at the server clock. Immutable (refuse_record_change); each ' +
        'row has an audit_log row written in the same transaction.',
    )}`.execute(db);
  // The prints of one record in order (compliance: "was this PDF handed over?"); a user's events.
  await sql`CREATE INDEX record_events_comparison_id_occurred_at_idx ON record_events (comparison_id, occurred_at)`.execute(db);
  await sql`CREATE INDEX record_events_user_id_occurred_at_idx ON record_events (user_id, occurred_at DESC)`.execute(db);
  await sql`CREATE INDEX record_events_session_id_idx ON record_events (session_id)`.execute(db);

  // SELECT comes from the default privileges of 20261124001000_grants; write rights never do.
  await sql`GRANT INSERT ON record_events TO ratedesk_app`.execute(db);

  await sql`
    CREATE TRIGGER record_events_refuse_change BEFORE UPDATE OR DELETE ON record_events
    FOR EACH ROW EXECUTE FUNCTION refuse_record_change()`.execute(db);
  await sql`
    CREATE TRIGGER record_events_refuse_truncate BEFORE TRUNCATE ON record_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change()`.execute(db);
  await sql`ALTER TABLE record_events ENABLE ALWAYS TRIGGER record_events_refuse_change`.execute(db);
  await sql`ALTER TABLE record_events ENABLE ALWAYS TRIGGER record_events_refuse_truncate`.execute(db);
}
