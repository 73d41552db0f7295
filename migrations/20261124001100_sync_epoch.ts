// The identity of this database's sync history (docs/adr/0001-sync-cursor.md, "Epoch"). Every
// cursor a client holds carries it. A new database gets a new epoch from this migration; a database
// restored from a backup keeps the epoch of the backup, so the restore runbook rotates it, and every
// client then re-downloads instead of trusting versions that may now be reused by other changes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row, enforced by a boolean key that can only be true.
  await sql`
    CREATE TABLE sync_epoch (
      singleton boolean NOT NULL DEFAULT true,
      epoch uuid NOT NULL DEFAULT gen_random_uuid(),
      rotated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT sync_epoch_pkey PRIMARY KEY (singleton),
      CONSTRAINT sync_epoch_single_row CHECK (singleton)
    )`.execute(db);
  await sql`INSERT INTO sync_epoch DEFAULT VALUES`.execute(db);
  await sql`
    COMMENT ON TABLE sync_epoch IS
      'One row: the random identity of this database''s change-version history. Sync cursors embed it; a cursor with another epoch is refused (409 resync-required). Rotate it with SELECT rotate_sync_epoch() after any restore.'
  `.execute(db);

  // SECURITY DEFINER so an operator role can be allowed to run it without owning the table; EXECUTE
  // is not granted to the application role, which must never be able to force every client into a
  // full re-download.
  await sql`
    CREATE FUNCTION rotate_sync_epoch() RETURNS uuid
    LANGUAGE sql
    SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $fn$
      UPDATE public.sync_epoch SET epoch = gen_random_uuid(), rotated_at = now() RETURNING epoch
    $fn$`.execute(db);
  await sql`
    COMMENT ON FUNCTION rotate_sync_epoch() IS
      'Restore runbook step: gives the sync history a new identity so every client re-downloads (its unsent comparisons are kept). Run after a point-in-time or snapshot restore, before the server takes traffic. Returns the new epoch.'
  `.execute(db);
  await sql`REVOKE ALL ON FUNCTION rotate_sync_epoch() FROM PUBLIC`.execute(db);

  await sql`REVOKE ALL ON sync_epoch FROM PUBLIC`.execute(db);
  await sql`GRANT SELECT ON sync_epoch TO ratedesk_app, ratedesk_readonly`.execute(db);
}
