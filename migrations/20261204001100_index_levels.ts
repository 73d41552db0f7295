// Index history as catalog data (issue 13; src-shared/catalog/index-levels.ts): year-end levels of an
// index with their source, published by admins and synced like rates. One active level per index
// and date; a wrong figure is retracted (is_active = false) and a corrected one published, never
// updated in place or deleted. Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE index_levels (
      index_level_id uuid NOT NULL DEFAULT gen_random_uuid(),
      index_name varchar(120) NOT NULL,
      level_date date NOT NULL,
      level numeric(14,4) NOT NULL,
      source varchar(300) NOT NULL,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT index_levels_pkey PRIMARY KEY (index_level_id),
      CONSTRAINT index_levels_index_name_not_blank CHECK (btrim(index_name) <> ''),
      CONSTRAINT index_levels_level_date_year_end CHECK (extract(month FROM level_date) = 12),
      CONSTRAINT index_levels_level_positive CHECK (level > 0),
      CONSTRAINT index_levels_source_not_blank CHECK (btrim(source) <> ''),
      CONSTRAINT index_levels_created_by_not_blank CHECK (btrim(created_by) <> '')
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX index_levels_one_active_per_date ON index_levels (index_name, level_date) WHERE is_active`.execute(db);
  await sql`
    CREATE TRIGGER index_levels_stamp_change_version BEFORE INSERT OR UPDATE ON index_levels
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`CREATE INDEX index_levels_change_version_idx ON index_levels (change_version)`.execute(db);
  await sql`GRANT INSERT, UPDATE ON index_levels TO ratedesk_app`.execute(db);
}
