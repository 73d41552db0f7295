// Crediting strategies of fixed indexed annuities and their dated current rates (issue 13;
// src-shared/catalog/fia-strategies.ts). A strategy belongs to an FIA product; index_name is null
// exactly for the fixed account. guaranteed_rate is the contract's guarantee for the strategy's rate
// (lowest cap / participation / declared rate, highest spread); floor_rate the least a year credits.
// Strategy rates are published and dated like rate_history: effective_date through end_date
// (inclusive), is_active = false when retracted; a published rate never breaks its guarantee.
// Both rules that span two tables are triggers raising check_violation with a constraint name, so
// the API maps them to field errors like any CHECK. Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE fia_strategies (
      strategy_id uuid NOT NULL DEFAULT gen_random_uuid(),
      product_id uuid NOT NULL,
      strategy_code varchar(40) NOT NULL,
      strategy_name varchar(255) NOT NULL,
      index_name varchar(120) NULL,
      crediting_method varchar(16) NOT NULL,
      guaranteed_rate numeric(8,4) NOT NULL,
      floor_rate numeric(8,4) NOT NULL DEFAULT 0,
      sort_order smallint NOT NULL DEFAULT 0,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      updated_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT fia_strategies_pkey PRIMARY KEY (strategy_id),
      CONSTRAINT fia_strategies_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES products (product_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT fia_strategies_product_id_strategy_code_key UNIQUE (product_id, strategy_code),
      CONSTRAINT fia_strategies_strategy_code_format CHECK (strategy_code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
      CONSTRAINT fia_strategies_strategy_name_not_blank CHECK (btrim(strategy_name) <> ''),
      CONSTRAINT fia_strategies_index_name_not_blank CHECK (btrim(index_name) <> ''),
      CONSTRAINT fia_strategies_crediting_method_known CHECK (crediting_method IN ('cap', 'participation', 'spread', 'fixed')),
      CONSTRAINT fia_strategies_index_name_by_method CHECK ((crediting_method = 'fixed') = (index_name IS NULL)),
      CONSTRAINT fia_strategies_guaranteed_rate_range CHECK (guaranteed_rate >= 0 AND guaranteed_rate <= 1000),
      CONSTRAINT fia_strategies_floor_rate_range CHECK (floor_rate >= 0 AND floor_rate <= 25),
      CONSTRAINT fia_strategies_sort_order_range CHECK (sort_order BETWEEN 0 AND 99),
      CONSTRAINT fia_strategies_created_by_not_blank CHECK (btrim(created_by) <> ''),
      CONSTRAINT fia_strategies_updated_by_not_blank CHECK (btrim(updated_by) <> '')
    )`.execute(db);
  await sql`
    CREATE FUNCTION fia_strategy_product_is_fia() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM public.products p WHERE p.product_id = NEW.product_id AND p.product_type = 'FIA') THEN
        RAISE EXCEPTION 'a crediting strategy belongs to a fixed indexed annuity (product %)', NEW.product_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'fia_strategies_product_is_fia', TABLE = 'fia_strategies';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER fia_strategies_product_is_fia BEFORE INSERT OR UPDATE OF product_id ON fia_strategies
    FOR EACH ROW EXECUTE FUNCTION fia_strategy_product_is_fia()`.execute(db);
  await sql`
    CREATE TRIGGER fia_strategies_stamp_change_version BEFORE INSERT OR UPDATE ON fia_strategies
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`
    CREATE TRIGGER fia_strategies_set_updated_at BEFORE UPDATE ON fia_strategies
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()`.execute(db);
  await sql`CREATE INDEX fia_strategies_change_version_idx ON fia_strategies (change_version)`.execute(db);

  await sql`
    CREATE TABLE fia_strategy_rates (
      strategy_rate_id uuid NOT NULL DEFAULT gen_random_uuid(),
      strategy_id uuid NOT NULL,
      rate numeric(8,4) NOT NULL,
      effective_date date NOT NULL,
      end_date date NULL,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT fia_strategy_rates_pkey PRIMARY KEY (strategy_rate_id),
      CONSTRAINT fia_strategy_rates_strategy_id_fkey FOREIGN KEY (strategy_id)
        REFERENCES fia_strategies (strategy_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT fia_strategy_rates_rate_range CHECK (rate >= 0 AND rate <= 1000),
      CONSTRAINT fia_strategy_rates_end_date_not_before_effective_date CHECK (end_date IS NULL OR end_date >= effective_date),
      CONSTRAINT fia_strategy_rates_created_by_not_blank CHECK (btrim(created_by) <> '')
    )`.execute(db);
  await sql`
    CREATE FUNCTION fia_strategy_rate_keeps_guarantee() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      s public.fia_strategies%ROWTYPE;
    BEGIN
      SELECT * INTO s FROM public.fia_strategies WHERE strategy_id = NEW.strategy_id;
      IF FOUND AND ((s.crediting_method = 'spread' AND NEW.rate > s.guaranteed_rate)
                 OR (s.crediting_method <> 'spread' AND NEW.rate < s.guaranteed_rate)) THEN
        RAISE EXCEPTION 'rate % breaks the guaranteed % of strategy %', NEW.rate, s.guaranteed_rate, s.strategy_code
          USING ERRCODE = 'check_violation', CONSTRAINT = 'fia_strategy_rates_keep_guarantee', TABLE = 'fia_strategy_rates';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER fia_strategy_rates_keep_guarantee BEFORE INSERT OR UPDATE OF rate, strategy_id ON fia_strategy_rates
    FOR EACH ROW EXECUTE FUNCTION fia_strategy_rate_keeps_guarantee()`.execute(db);
  await sql`
    CREATE TRIGGER fia_strategy_rates_stamp_change_version BEFORE INSERT OR UPDATE ON fia_strategy_rates
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`CREATE INDEX fia_strategy_rates_strategy_id_effective_date_idx ON fia_strategy_rates (strategy_id, effective_date)`.execute(db);
  await sql`CREATE INDEX fia_strategy_rates_change_version_idx ON fia_strategy_rates (change_version)`.execute(db);

  await sql`GRANT INSERT, UPDATE ON fia_strategies, fia_strategy_rates TO ratedesk_app`.execute(db);
}
