// Devices and their delivery receipts (issue 14). A device is one installation of the desktop app
// (its id is made on first start and kept in its settings); a receipt is what the last pull of one
// rep on that device reported: the cursor reached, app and protocol versions, whether the copy
// verified, what waits in the outbox. "Has device D received publication X" is then
// cursor_version >= the publication's change_version. One upsert per pull, never a row per pull:
// the table stays as large as the fleet. Revocation columns live with the device (an admin acts
// on a lost laptop). Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE devices (
      device_id uuid PRIMARY KEY,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz NULL,
      revoked_by uuid NULL REFERENCES users (user_id),
      revoke_reason text NULL CHECK (revoke_reason IS NULL OR length(revoke_reason) BETWEEN 1 AND 500),
      CONSTRAINT devices_revocation_complete CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
    )`.execute(db);
  await sql`
    CREATE TABLE device_receipts (
      device_id uuid NOT NULL REFERENCES devices (device_id),
      user_id uuid NOT NULL REFERENCES users (user_id),
      first_pull_at timestamptz NOT NULL DEFAULT now(),
      last_pull_at timestamptz NOT NULL,
      app_version text NULL CHECK (app_version IS NULL OR length(app_version) <= 64),
      protocol_version integer NOT NULL CHECK (protocol_version >= 1),
      -- The version the device's copy is complete to (the cursor of its last page with hasMore false),
      -- null before its first complete download.
      cursor_version bigint NULL CHECK (cursor_version IS NULL OR cursor_version >= 0),
      checksums text NOT NULL DEFAULT 'unknown' CHECK (checksums IN ('verified', 'mismatch', 'unknown')),
      pending_uploads integer NOT NULL DEFAULT 0 CHECK (pending_uploads >= 0),
      rejected_uploads integer NOT NULL DEFAULT 0 CHECK (rejected_uploads >= 0),
      PRIMARY KEY (device_id, user_id)
    )`.execute(db);
  // The fleet view pages by last contact and asks "who is behind version V".
  await sql`CREATE INDEX device_receipts_last_pull ON device_receipts (last_pull_at, device_id, user_id)`.execute(db);
  await sql`CREATE INDEX device_receipts_cursor ON device_receipts (cursor_version)`.execute(db);
  await sql`CREATE INDEX device_receipts_user ON device_receipts (user_id)`.execute(db);
  await sql`CREATE INDEX devices_revoked_by ON devices (revoked_by)`.execute(db);
  // SELECT comes from the default privileges of 20261124001000_grants; never DELETE: a receipt is history.
  await sql`GRANT INSERT, UPDATE ON devices, device_receipts TO ratedesk_app`.execute(db);
}
