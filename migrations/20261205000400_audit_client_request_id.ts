// Issue 14: audit_log.request_id holds the server's own request id; the id a caller sends in
// x-request-id is only its word, so it is kept apart, in client_request_id, and only in the short
// plain form the server accepts (anything else is dropped before it gets here). audit_log is
// partitioned: the column and its CHECK are added on the parent and reach every partition, and
// ensure_audit_partitions() copies them (LIKE ... INCLUDING CONSTRAINTS) into new ones. Frozen: no
// application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_log
      ADD COLUMN client_request_id text NULL
      CONSTRAINT audit_log_client_request_id_format CHECK (client_request_id ~ '^[A-Za-z0-9._:-]{1,64}$')`.execute(db);
}
