// Issue ages and market value adjustment terms on products (issue 13; src-shared/catalog/issue-ages-and-mva.ts):
// - minimum_issue_age / maximum_issue_age: whole years 0..120, null = no limit on that side.
// - mva_applies, mva_spread (k of the MVA formula in src-shared/mva.ts, percent 0..5),
//   mva_reference_index (where i and j are read), mva_factor_floor (<= 0) and mva_factor_cap (>= 0).
// Existing products get no age limits and no MVA: nothing they showed before changes, and an admin
// enters the real terms. Only constant defaults, so no row is rewritten and no client re-pulls.
// Also redefines the products row checksum with the new fields appended after
// early_withdrawal_penalty_months, in the order of src-shared/sync/row-canonical.ts, and
// recomputes the stats. Frozen: no application imports.
import { sql, type Kysely } from 'kysely';

type FieldKind = 'uuid' | 'text' | 'numeric' | 'integer' | 'boolean' | 'numeric_array';

const PRODUCT_FIELDS: ReadonlyArray<readonly [column: string, kind: FieldKind]> = [
  ['product_id', 'uuid'],
  ['cusip', 'text'],
  ['product_name', 'text'],
  ['product_type', 'text'],
  ['issuer_name', 'text'],
  ['description', 'text'],
  ['minimum_investment', 'numeric'],
  ['maximum_investment', 'numeric'],
  ['base_rate', 'numeric'],
  ['bonus_rate', 'numeric'],
  ['bonus_years', 'integer'],
  ['term_years', 'integer'],
  ['guaranteed_minimum_rate', 'numeric'],
  ['compounding', 'text'],
  ['surrender_schedule', 'numeric_array'],
  ['free_withdrawal_percent', 'numeric'],
  ['return_of_premium', 'boolean'],
  ['return_of_premium_percentage', 'numeric'],
  ['terms_and_conditions', 'text'],
  ['nonforfeiture_rate', 'numeric'],
  ['brokered', 'boolean'],
  ['early_withdrawal_penalty_months', 'integer'],
  ['minimum_issue_age', 'integer'],
  ['maximum_issue_age', 'integer'],
  ['mva_applies', 'boolean'],
  ['mva_spread', 'numeric'],
  ['mva_reference_index', 'text'],
  ['mva_factor_floor', 'numeric'],
  ['mva_factor_cap', 'numeric'],
  ['is_active', 'boolean'],
  ['created_by', 'text'],
  ['updated_by', 'text'],
  ['change_version', 'integer'],
];

// The same text forms as 20261203200000_product_cd_terms_and_nonforfeiture (copied: migrations never import each other's code).
const NULL_MARK = `(chr(92) || 'N')`;
const SEPARATOR = 'chr(31)';

function fieldText(column: string, kind: FieldKind): string {
  const value = `($1).${column}`;
  switch (kind) {
    case 'uuid':
    case 'numeric':
    case 'integer':
    case 'numeric_array':
      return `coalesce(${value}::text, ${NULL_MARK})`;
    case 'text':
      return `coalesce(replace(replace(${value}::text, chr(92), chr(92) || chr(92)), chr(31), chr(92) || 's'), ${NULL_MARK})`;
    case 'boolean':
      return `CASE WHEN ${value} THEN 't' WHEN NOT ${value} THEN 'f' ELSE ${NULL_MARK} END`;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE products
      ADD COLUMN minimum_issue_age smallint NULL,
      ADD COLUMN maximum_issue_age smallint NULL,
      ADD COLUMN mva_applies boolean NOT NULL DEFAULT false,
      ADD COLUMN mva_spread numeric(8,4) NULL,
      ADD COLUMN mva_reference_index text NULL,
      ADD COLUMN mva_factor_floor numeric(8,4) NULL,
      ADD COLUMN mva_factor_cap numeric(8,4) NULL`.execute(db);

  await sql`
    ALTER TABLE products
      ADD CONSTRAINT products_minimum_issue_age_range CHECK (minimum_issue_age BETWEEN 0 AND 120),
      ADD CONSTRAINT products_maximum_issue_age_range CHECK (maximum_issue_age BETWEEN 0 AND 120),
      ADD CONSTRAINT products_issue_age_range CHECK (maximum_issue_age >= minimum_issue_age),
      ADD CONSTRAINT products_mva_spread_range CHECK (mva_spread >= 0 AND mva_spread <= 5),
      ADD CONSTRAINT products_mva_reference_index_not_blank
        CHECK (btrim(mva_reference_index) <> '' AND length(mva_reference_index) <= 255),
      ADD CONSTRAINT products_mva_factor_floor_range CHECK (mva_factor_floor >= -100 AND mva_factor_floor <= 0),
      ADD CONSTRAINT products_mva_factor_cap_range CHECK (mva_factor_cap >= 0 AND mva_factor_cap <= 100),
      -- Same rule as issueAgeAndMvaRuleIssues: an MVA states its spread and index; without one, no MVA terms.
      ADD CONSTRAINT products_mva_terms_complete CHECK (
        CASE WHEN mva_applies THEN mva_spread IS NOT NULL AND mva_reference_index IS NOT NULL
        ELSE mva_spread IS NULL AND mva_reference_index IS NULL AND mva_factor_floor IS NULL AND mva_factor_cap IS NULL END),
      ADD CONSTRAINT products_mva_not_cd CHECK (NOT mva_applies OR product_type <> 'CD')`.execute(db);

  await sql`COMMENT ON COLUMN products.minimum_issue_age IS 'Youngest owner age at issue, whole years; null = no lower limit.'`.execute(db);
  await sql`COMMENT ON COLUMN products.maximum_issue_age IS 'Oldest owner age at issue, whole years; null = no upper limit.'`.execute(db);
  await sql`
    COMMENT ON COLUMN products.mva_applies IS
      'Withdrawals above the free amount inside the guarantee period are adjusted by factor = ((1 + i) / (1 + j + k))^(n/12) - 1 (src-shared/mva.ts). Never on CDs.'
  `.execute(db);
  await sql`COMMENT ON COLUMN products.mva_spread IS 'k of the MVA formula, percent 0 to 5; set exactly when mva_applies.'`.execute(db);
  await sql`COMMENT ON COLUMN products.mva_reference_index IS 'The rate i (at issue) and j (now) are read from, e.g. a Treasury constant maturity; set exactly when mva_applies.'`.execute(db);
  await sql`COMMENT ON COLUMN products.mva_factor_floor IS 'Lowest MVA factor in percent (-100 to 0); null = none.'`.execute(db);
  await sql`COMMENT ON COLUMN products.mva_factor_cap IS 'Highest MVA factor in percent (0 to 100); null = none.'`.execute(db);

  const text = PRODUCT_FIELDS.map(([column, kind]) => fieldText(column, kind)).join(`\n      || ${SEPARATOR} || `);
  await sql`
    CREATE OR REPLACE FUNCTION sync_canonical_products(public.products) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN ${sql.raw(text)}`.execute(db);
  await sql`SELECT recompute_sync_table_stats()`.execute(db);
}
