// When a product may be sold. Dates are business dates (DATE, no time zone); end_date NULL means open
// ended, and both ends are inclusive. Windows are retired with is_active = false, never deleted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE product_availability (
      availability_id uuid NOT NULL DEFAULT gen_random_uuid(),
      product_id uuid NOT NULL,
      start_date date NOT NULL,
      end_date date NULL,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT product_availability_pkey PRIMARY KEY (availability_id),
      CONSTRAINT product_availability_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT product_availability_end_date_not_before_start_date
        CHECK (end_date IS NULL OR end_date >= start_date),
      CONSTRAINT product_availability_created_by_not_blank CHECK (btrim(created_by) <> '')
    )`.execute(db);
  await sql`
    CREATE TRIGGER product_availability_stamp_change_version BEFORE INSERT OR UPDATE ON product_availability
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  // One full index serves the foreign key and "windows of a product"; a product has a handful of
  // windows, so a partial index on is_active would save nothing.
  await sql`CREATE INDEX product_availability_product_id_start_date_idx ON product_availability (product_id, start_date)`.execute(db);
  await sql`CREATE INDEX product_availability_change_version_idx ON product_availability (change_version)`.execute(db);
}
