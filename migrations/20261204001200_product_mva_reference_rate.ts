// The reference rate at issue of an MVA product (issue 13): i of the MVA formula for a contract issued
// now, as the admin last published it (percent, 0 to 25). Only MVA products carry one; existing MVA
// products have none until an admin enters it (the illustration then says the MVA scenarios cannot
// be shown), so nothing is invented. The products row checksum adds it in the sync migration that
// follows. Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE products ADD COLUMN mva_reference_rate numeric(8,4) NULL`.execute(db);
  await sql`
    ALTER TABLE products
      ADD CONSTRAINT products_mva_reference_rate_range CHECK (mva_reference_rate >= 0 AND mva_reference_rate <= 25),
      ADD CONSTRAINT products_mva_reference_rate_only_with_mva CHECK (mva_applies OR mva_reference_rate IS NULL)`.execute(db);
  await sql`COMMENT ON COLUMN products.mva_reference_rate IS 'i of the MVA formula for a contract issued now, percent; null without an MVA (and on MVA products entered before it).'`.execute(db);
}
