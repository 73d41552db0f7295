// No JIT compilation for this database (issue 9). PostgreSQL JIT-compiles any statement whose
// estimated cost passes jit_above_cost (100,000 by default); the server's statements are short
// index lookups whose runs take milliseconds, while compiling one took about 1.6 s on a stock
// Debian PostgreSQL 15. JIT pays off only for long analytical queries, which this database does not
// serve. The setting is per database so it holds for every role that connects to it (the server's
// login roles on the writer and on replicas, which replay pg_db_role_setting) without knowing their
// names; a role-level setting (ALTER ROLE ... SET jit) still overrides it, for a reporting role that
// wants JIT back. Aurora: the same, or jit = 0 in the DB parameter group (docs/database.md#jit).
// The server checks at start-up that its connections see jit = off and warns otherwise.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Only the database's owner (or a superuser) may change its settings. A migrator without that
  // right gets a warning instead of a failed deployment; the server's start-up check repeats it.
  await sql`
    DO $$
    BEGIN
      EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'jit = off could not be set for database % (not its owner): run ALTER DATABASE % SET jit = off as its owner, or set jit = 0 in the parameter group', current_database(), current_database();
    END
    $$`.execute(db);
}
