// Least privilege. The migrator (whoever runs the migrations) owns every object. The server logs in
// as a member of ratedesk_app, reports and a reader endpoint as a member of ratedesk_readonly.
//
// ratedesk_app: SELECT everywhere; INSERT/UPDATE on the catalog and on users, roles and sessions;
// INSERT only (plus SELECT) on audit_log and on comparisons, which are compliance records; no DELETE
// anywhere (rows are soft-deleted); no CREATE on the schema; EXECUTE on ensure_audit_partitions so a
// server job can add partitions without DDL rights.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO ratedesk_app, ratedesk_readonly', current_database());
    END
    $$`.execute(db);
  await sql`GRANT USAGE ON SCHEMA public TO ratedesk_app, ratedesk_readonly`.execute(db);

  // PostgreSQL 15 no longer lets PUBLIC create in schema public, but a database upgraded from an
  // older major version still does. Only the schema owner may revoke it; a migrator that is not the
  // owner leaves it to the DBA rather than failing the migration.
  await sql`
    DO $$
    BEGIN
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'not the owner of schema public: revoke CREATE from PUBLIC by hand';
    END
    $$`.execute(db);

  await sql`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ratedesk_app, ratedesk_readonly`.execute(db);
  await sql`
    GRANT INSERT, UPDATE ON products, product_availability, rate_history, users, user_roles, user_sessions
    TO ratedesk_app`.execute(db);
  await sql`GRANT INSERT ON audit_log, product_comparisons, product_comparison_items TO ratedesk_app`.execute(db);
  await sql`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ratedesk_app`.execute(db);

  await sql`REVOKE ALL ON FUNCTION ensure_audit_partitions(integer) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ensure_audit_partitions(integer) TO ratedesk_app`.execute(db);

  // Objects the migrator creates later (tables of future migrations, and the audit partitions that
  // ensure_audit_partitions creates as its owner) are readable by both roles. Write rights are NOT
  // defaulted: each new table grants them explicitly, and a new audit partition must stay read-only
  // so that nobody can UPDATE or DELETE audit rows by naming the partition directly.
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ratedesk_app, ratedesk_readonly`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ratedesk_app`.execute(db);
}
