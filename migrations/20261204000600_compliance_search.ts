// The compliance console searches every saved comparison (server/compliance/search-query.ts):
// newest first with a keyset cursor on (comparison_date, comparison_id), filtered by rep, date,
// client reference, product, CUSIP and flags. These indexes keep a page as cheap on page 5,000 as
// on page 1, and a client-reference search from reading every row.
//
// Client reference is searched as a case-insensitive substring ("smith" finds "Margaret Smith").
// A btree (even with text_pattern_ops) serves only prefixes, so pg_trgm's GIN index is used: a
// trusted extension since PostgreSQL 13 (a migrator with CREATE on the database may install it,
// as with btree_gist), shipped with the embedded build, Debian's postgresql-15 and RDS/Aurora.
// Searches shorter than three characters cannot use trigrams and walk the date index instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  // The page order; also serves from/to (a range on comparison_date) without a sort.
  await sql`
    CREATE INDEX product_comparisons_comparison_date_id_idx
    ON product_comparisons (comparison_date DESC, comparison_id DESC)`.execute(db);
  await sql`
    CREATE INDEX product_comparisons_client_reference_trgm_idx
    ON product_comparisons USING gin (lower(client_reference) gin_trgm_ops)`.execute(db);
  // Rejected uploads are listed among the comparisons in the same order; a rejection whose upload
  // carried no usable comparison date sorts by when the server received it.
  await sql`
    CREATE INDEX comparison_upload_rejections_listed_at_idx
    ON comparison_upload_rejections ((coalesce(comparison_date, received_at)) DESC, rejection_id DESC)`.execute(db);
  await sql`
    CREATE INDEX comparison_upload_rejections_client_reference_trgm_idx
    ON comparison_upload_rejections USING gin (lower(client_reference) gin_trgm_ops)`.execute(db);
  // "Built on a retracted rate": the few retracted rows, then their items by rate_history_id
  // (product_comparison_items_rate_history_id_idx exists).
  await sql`CREATE INDEX rate_history_retracted_idx ON rate_history (rate_history_id) WHERE NOT is_active`.execute(db);
}
