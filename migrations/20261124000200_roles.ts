// Group roles the server and report tools log in through (see 20261124001000_grants for their
// rights). Roles belong to the cluster, not to one database, so this must tolerate roles that already
// exist: another database on the same cluster, a parallel test run or a DBA may have created them.
// Two migrators racing both pass the NOT EXISTS check; the loser gets unique_violation or
// duplicate_object, which only means the role now exists.
//
// A migrator without CREATEROLE works as long as the roles were created beforehand.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    DECLARE
      role_name text;
    BEGIN
      FOREACH role_name IN ARRAY ARRAY['ratedesk_app', 'ratedesk_readonly'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
          BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
          END;
        END IF;
      END LOOP;
    END
    $$`.execute(db);
}
