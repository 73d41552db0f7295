// The server-set offline policy (issue 14): how many days a desktop may quote from its cache
// without a sync. One row, changed by admins (audited), sent with every pull. Frozen: no
// application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sync_policy (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      max_offline_days integer NOT NULL DEFAULT 30 CHECK (max_offline_days BETWEEN 1 AND 365),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid NULL REFERENCES users (user_id)
    )`.execute(db);
  await sql`CREATE INDEX sync_policy_updated_by ON sync_policy (updated_by)`.execute(db);
  await sql`INSERT INTO sync_policy (singleton) VALUES (true)`.execute(db);
  await sql`GRANT UPDATE ON sync_policy TO ratedesk_app`.execute(db);
}
