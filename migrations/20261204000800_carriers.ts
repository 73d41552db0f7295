// Carriers as their own catalog records (issue 13; src-shared/catalog/carriers.ts): name, NAIC company
// code, and the AM Best financial strength rating an admin entered with its outlook and as-of date
// (all three or none: not rated). products.carrier_id references the issuer; null for products
// entered before carriers were records. Retired with is_active = false, never deleted (the tombstone
// the sync carries). Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE carriers (
      carrier_id uuid NOT NULL DEFAULT gen_random_uuid(),
      carrier_name varchar(255) NOT NULL,
      naic_code char(5) NOT NULL,
      am_best_rating varchar(3) NULL,
      am_best_outlook varchar(10) NULL,
      rating_as_of date NULL,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      updated_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT carriers_pkey PRIMARY KEY (carrier_id),
      CONSTRAINT carriers_naic_code_key UNIQUE (naic_code),
      CONSTRAINT carriers_carrier_name_not_blank CHECK (btrim(carrier_name) <> ''),
      CONSTRAINT carriers_naic_code_digits CHECK (naic_code ~ '^[0-9]{5}$'),
      CONSTRAINT carriers_am_best_rating_known
        CHECK (am_best_rating IN ('A++', 'A+', 'A', 'A-', 'B++', 'B+', 'B', 'B-', 'C++', 'C+', 'C', 'C-', 'D', 'E', 'F', 'S')),
      CONSTRAINT carriers_am_best_outlook_known CHECK (am_best_outlook IN ('positive', 'stable', 'negative', 'developing')),
      CONSTRAINT carriers_rating_complete CHECK (
        (am_best_rating IS NULL AND am_best_outlook IS NULL AND rating_as_of IS NULL)
        OR (am_best_rating IS NOT NULL AND am_best_outlook IS NOT NULL AND rating_as_of IS NOT NULL)),
      CONSTRAINT carriers_created_by_not_blank CHECK (btrim(created_by) <> ''),
      CONSTRAINT carriers_updated_by_not_blank CHECK (btrim(updated_by) <> '')
    )`.execute(db);
  await sql`
    COMMENT ON TABLE carriers IS ${sql.lit(
      'Issuers of products. am_best_rating/outlook/rating_as_of are entered by an admin from AM Best (never fetched); ' +
        'all three or none (not rated). is_active = false retires a carrier; rows are never deleted.',
    )}`.execute(db);
  await sql`
    CREATE TRIGGER carriers_stamp_change_version BEFORE INSERT OR UPDATE ON carriers
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`
    CREATE TRIGGER carriers_set_updated_at BEFORE UPDATE ON carriers
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()`.execute(db);
  await sql`CREATE INDEX carriers_change_version_idx ON carriers (change_version)`.execute(db);

  await sql`ALTER TABLE products ADD COLUMN carrier_id uuid NULL`.execute(db);
  await sql`
    ALTER TABLE products ADD CONSTRAINT products_carrier_id_fkey FOREIGN KEY (carrier_id)
      REFERENCES carriers (carrier_id) ON DELETE RESTRICT ON UPDATE RESTRICT`.execute(db);
  await sql`CREATE INDEX products_carrier_id_idx ON products (carrier_id)`.execute(db);
  await sql`COMMENT ON COLUMN products.carrier_id IS 'The issuing carrier (carriers); null for products entered before carriers were records.'`.execute(db);

  await sql`GRANT INSERT, UPDATE ON carriers TO ratedesk_app`.execute(db);
}
