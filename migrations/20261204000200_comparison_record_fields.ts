// What makes a saved comparison a complete record (issue 12): the app version that saved it, the
// laptop catalog's sync cursor at that moment, the "prepared" date every print of it carries, the
// exact disclosure texts shown with it and their SHA-256, and the optional best-interest
// documentation. Nullable: records stored before this migration have none of them, and the server
// requires appVersion, preparedOn and disclosures of new uploads (server/sync/verify-record-fields.ts).
//
// None of them joins the comparison's canonical row (the sync checksum): older clients, which do not
// know these fields, must keep verifying their copies, and sync_canonical_product_comparisons stays
// as 20261203100100_comparison_historical left it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Nullable columns without defaults: PostgreSQL adds them to the catalog without rewriting the table.
  await sql`
    ALTER TABLE product_comparisons
      ADD COLUMN app_version text NULL,
      ADD COLUMN catalog_cursor text NULL,
      ADD COLUMN prepared_on date NULL,
      ADD COLUMN disclosures jsonb NULL,
      ADD COLUMN disclosures_sha256 char(64) NULL,
      ADD COLUMN best_interest jsonb NULL,
      ADD CONSTRAINT product_comparisons_app_version_length CHECK (char_length(app_version) BETWEEN 1 AND 64),
      ADD CONSTRAINT product_comparisons_catalog_cursor_length CHECK (char_length(catalog_cursor) BETWEEN 1 AND 200),
      ADD CONSTRAINT product_comparisons_disclosures_sha256_hex CHECK (disclosures_sha256 ~ '^[0-9a-f]{64}$'),
      ADD CONSTRAINT product_comparisons_disclosures_array CHECK (jsonb_typeof(disclosures) = 'array'),
      ADD CONSTRAINT product_comparisons_disclosures_with_hash CHECK ((disclosures IS NULL) = (disclosures_sha256 IS NULL)),
      ADD CONSTRAINT product_comparisons_best_interest_object CHECK (jsonb_typeof(best_interest) = 'object')`.execute(db);
  await sql`
    COMMENT ON COLUMN product_comparisons.disclosures IS
      'The disclosure texts shown with the comparison, in reading order (a JSON array of strings); disclosures_sha256 is the SHA-256 of the UTF-8 of their JSON text (src-shared/records/disclosure-digest.ts), checked by the server on upload.'
  `.execute(db);
  await sql`
    COMMENT ON COLUMN product_comparisons.prepared_on IS
      'The business date the comparison was prepared (saved): the prepared date on every print and reprint of the record.'
  `.execute(db);
  await sql`
    COMMENT ON COLUMN product_comparisons.catalog_cursor IS
      'The sync cursor of the laptop catalog copy when the comparison was saved; null when that copy had never synced or the record predates the column.'
  `.execute(db);
}
