// Revoking a user's access from RateDesk itself (issue 14), apart from Okta: a rep who leaves or
// whose laptop is lost must stop receiving rates at the next contact, even while Okta still issues
// tokens. Uploads of what they already saved stay allowed (the compliance record must not lose
// them); everything else is refused. Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users
      ADD COLUMN access_revoked_at timestamptz NULL,
      ADD COLUMN access_revoked_by uuid NULL REFERENCES users (user_id),
      ADD COLUMN access_revoke_reason text NULL CHECK (access_revoke_reason IS NULL OR length(access_revoke_reason) BETWEEN 1 AND 500),
      ADD CONSTRAINT users_access_revocation_complete
        CHECK ((access_revoked_at IS NULL) = (access_revoked_by IS NULL) AND (access_revoked_at IS NULL) = (access_revoke_reason IS NULL))`.execute(db);
  await sql`CREATE INDEX users_access_revoked_by ON users (access_revoked_by)`.execute(db);
}
