// btree_gist lets one GiST index combine `product_id WITH =` and a date range `WITH &&`, which the
// rate_history exclusion constraint needs. gen_random_uuid() is built into PostgreSQL 13+.
// btree_gist is a trusted extension, so a migrator that is not a superuser (Aurora's master user,
// or a role with CREATE on the database) can install it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);
}
