// The catalog. Rates are percents (4.5000 means 4.5 %) in NUMERIC(8,4); money is NUMERIC(15,2).
// Rows are never deleted: a withdrawn product is is_active = false, which reaches offline clients as
// a tombstone through its change_version.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Format and check digit (the "modulus 10 double-add-double" of the CUSIP standard): letters count
  // 10..35, * @ # count 36..38, every second character is doubled and the digits of each value are
  // summed. IMMUTABLE so it can sit in a CHECK constraint.
  await sql`
    CREATE FUNCTION cusip_is_valid(cusip text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog
    AS $fn$
    DECLARE
      total integer := 0;
      v integer;
      c text;
    BEGIN
      IF cusip !~ '^[0-9A-Z*@#]{8}[0-9]$' THEN
        RETURN false;
      END IF;
      FOR i IN 1..8 LOOP
        c := substr(cusip, i, 1);
        v := CASE
          WHEN c BETWEEN '0' AND '9' THEN ascii(c) - 48
          WHEN c BETWEEN 'A' AND 'Z' THEN ascii(c) - 55
          WHEN c = '*' THEN 36
          WHEN c = '@' THEN 37
          ELSE 38
        END;
        IF i % 2 = 0 THEN
          v := v * 2;
        END IF;
        total := total + v / 10 + v % 10;
      END LOOP;
      RETURN (10 - total % 10) % 10 = ascii(substr(cusip, 9, 1)) - 48;
    END
    $fn$`.execute(db);
  await sql`
    COMMENT ON FUNCTION cusip_is_valid(text) IS
      'True when the text is 9 characters [0-9A-Z*@#]{8}[0-9] whose last digit is the CUSIP check digit (037833100 is valid, 037833101 is not).'
  `.execute(db);

  await sql`
    CREATE TABLE products (
      product_id uuid NOT NULL DEFAULT gen_random_uuid(),
      cusip char(9) NOT NULL,
      product_name varchar(255) NOT NULL,
      product_type varchar(10) NOT NULL,
      issuer_name varchar(255) NOT NULL,
      description text NOT NULL DEFAULT '',
      minimum_investment numeric(15,2) NOT NULL,
      maximum_investment numeric(15,2) NULL,
      base_rate numeric(8,4) NOT NULL,
      bonus_rate numeric(8,4) NOT NULL DEFAULT 0,
      bonus_years smallint NOT NULL DEFAULT 1,
      term_years smallint NOT NULL,
      guaranteed_minimum_rate numeric(8,4) NOT NULL,
      compounding varchar(10) NOT NULL,
      surrender_schedule numeric(8,4)[] NOT NULL DEFAULT '{}',
      free_withdrawal_percent numeric(8,4) NOT NULL DEFAULT 0,
      return_of_premium boolean NOT NULL DEFAULT false,
      return_of_premium_percentage numeric(8,4) NULL,
      terms_and_conditions text NULL,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL,
      updated_by varchar(255) NOT NULL,
      change_version bigint NOT NULL,
      change_tx bigint NOT NULL,
      CONSTRAINT products_pkey PRIMARY KEY (product_id),
      CONSTRAINT products_cusip_key UNIQUE (cusip),
      -- Two checks so the error says which is wrong; CHECKs are evaluated in name order, so a
      -- malformed value is reported as a format error first.
      CONSTRAINT products_cusip_format CHECK (cusip::text ~ '^[0-9A-Z*@#]{8}[0-9]$'),
      CONSTRAINT products_cusip_valid CHECK (cusip_is_valid(cusip::text)),
      CONSTRAINT products_product_name_not_blank CHECK (btrim(product_name) <> ''),
      CONSTRAINT products_product_type_known CHECK (product_type IN ('MYGA', 'FIA', 'CD')),
      CONSTRAINT products_issuer_name_not_blank CHECK (btrim(issuer_name) <> ''),
      CONSTRAINT products_minimum_investment_positive CHECK (minimum_investment > 0),
      CONSTRAINT products_maximum_investment_not_below_minimum
        CHECK (maximum_investment IS NULL OR maximum_investment >= minimum_investment),
      CONSTRAINT products_base_rate_range CHECK (base_rate >= 0 AND base_rate <= 25),
      CONSTRAINT products_bonus_rate_range CHECK (bonus_rate >= 0 AND bonus_rate <= 25),
      CONSTRAINT products_guaranteed_minimum_rate_range
        CHECK (guaranteed_minimum_rate >= 0 AND guaranteed_minimum_rate <= 25),
      CONSTRAINT products_term_years_range CHECK (term_years BETWEEN 1 AND 30),
      CONSTRAINT products_bonus_years_range CHECK (bonus_years >= 0 AND bonus_years <= term_years),
      CONSTRAINT products_bonus_years_cover_bonus CHECK (bonus_years >= 1 OR bonus_rate = 0),
      CONSTRAINT products_compounding_known CHECK (compounding IN ('annual', 'daily', 'simple')),
      -- One charge per contract year, each a percent; no NULL elements (a NULL would slip through
      -- the ALL() comparisons) and no more years than the term.
      CONSTRAINT products_surrender_schedule_valid CHECK (
        (cardinality(surrender_schedule) = 0 OR array_ndims(surrender_schedule) = 1)
        AND cardinality(surrender_schedule) <= term_years
        AND array_position(surrender_schedule, NULL) IS NULL
        AND 0 <= ALL (surrender_schedule)
        AND 100 >= ALL (surrender_schedule)
      ),
      CONSTRAINT products_free_withdrawal_percent_range
        CHECK (free_withdrawal_percent >= 0 AND free_withdrawal_percent <= 100),
      CONSTRAINT products_return_of_premium_percentage_range
        CHECK (return_of_premium_percentage >= 0 AND return_of_premium_percentage <= 100),
      -- Same rule as productRuleIssues in src-shared/catalog.ts: a percentage exactly when the
      -- product returns premium, and then a positive one.
      CONSTRAINT products_return_of_premium_percentage_required CHECK (
        (return_of_premium AND return_of_premium_percentage IS NOT NULL AND return_of_premium_percentage > 0)
        OR (NOT return_of_premium AND return_of_premium_percentage IS NULL)
      ),
      CONSTRAINT products_created_by_not_blank CHECK (btrim(created_by) <> ''),
      CONSTRAINT products_updated_by_not_blank CHECK (btrim(updated_by) <> '')
    )`.execute(db);

  await sql`
    CREATE TRIGGER products_stamp_change_version BEFORE INSERT OR UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION stamp_change_version()`.execute(db);
  await sql`
    CREATE TRIGGER products_set_updated_at BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()`.execute(db);

  // Listing active products of a type by rate replaces the seed's boolean and (is_active, type)
  // indexes. The change_version index is not partial: a pull needs deactivated rows too.
  await sql`CREATE INDEX products_active_type_base_rate_idx ON products (product_type, base_rate DESC) WHERE is_active`.execute(db);
  await sql`CREATE INDEX products_change_version_idx ON products (change_version)`.execute(db);
}
