// Statistics for the small bookkeeping tables every sync statement reads (issue 9). A table that
// was never analyzed is estimated from its size on disk as if it held hundreds or thousands of rows:
// sync_epoch (always one row) was estimated at 1,540 rows, and a pull that joined it blew its
// estimate up to 3.65e9 rows. Autovacuum analyzes a table only after enough rows change, which a
// one-row table never reaches, so the migration analyzes them once. sync_table_stats changes with
// every write and is then kept analyzed by autovacuum like any other table.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ANALYZE sync_epoch`.execute(db);
  await sql`ANALYZE sync_table_stats`.execute(db);
}
