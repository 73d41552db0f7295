// Three product fields (issue 11, docs/projection-rules.md):
// - nonforfeiture_rate: an annuity's NAIC Model 805 nonforfeiture rate (1% to 3%); guaranteed
//   surrender values are never below 87.5% of premium accumulated at it. Existing products get
//   1.0000, the statutory minimum: the lowest floor the law allows, so no figure can show more
//   than the contract guarantees. CDs carry the column but the projection ignores it.
// - brokered: a CD sold through a broker (market price before maturity). Until now a CD paying
//   simple interest was taken for a brokered one, so existing rows are set by that convention.
// - early_withdrawal_penalty_months: a bank CD's penalty in months of interest, null for every
//   other product. Existing bank CDs get 12 months, the top of the penalties banks commonly state
//   for CDs of these terms, so "value if withdrawn early" never shows more than a contract pays
//   until an admin enters the real figure.
// Also redefines the products row checksum (as in 20261124001300_sync_checksums, fields appended
// after terms_and_conditions in the same order as src-shared/sync/row-canonical.ts) and
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
  ['is_active', 'boolean'],
  ['created_by', 'text'],
  ['updated_by', 'text'],
  ['change_version', 'integer'],
];

// The same text forms as 20261124001300_sync_checksums (copied: migrations never import each other's code).
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
      ADD COLUMN nonforfeiture_rate numeric(8,4) NOT NULL DEFAULT 1.0000,
      ADD COLUMN brokered boolean NOT NULL DEFAULT false,
      ADD COLUMN early_withdrawal_penalty_months smallint NULL`.execute(db);

  // Through the stamping trigger (it takes the sync writers' lock), so clients pull the CD rows again.
  await sql`
    UPDATE products
    SET brokered = (compounding = 'simple'),
        early_withdrawal_penalty_months = CASE WHEN compounding = 'simple' THEN NULL ELSE 12 END
    WHERE product_type = 'CD'`.execute(db);

  await sql`
    ALTER TABLE products
      ADD CONSTRAINT products_nonforfeiture_rate_range CHECK (nonforfeiture_rate >= 1 AND nonforfeiture_rate <= 3),
      ADD CONSTRAINT products_brokered_only_cd CHECK (NOT brokered OR product_type = 'CD'),
      ADD CONSTRAINT products_early_withdrawal_penalty_months_range
        CHECK (early_withdrawal_penalty_months >= 0 AND early_withdrawal_penalty_months <= 60),
      -- Same rule as cdRuleIssues in src-shared/catalog.ts: a penalty only on bank CDs. That every
      -- bank CD states one is checked on admin input (productInputRuleIssues), not here, so a
      -- row written without the column (operators' SQL, older tools) is not refused for it.
      ADD CONSTRAINT products_early_withdrawal_penalty_months_bank_cd_only
        CHECK (early_withdrawal_penalty_months IS NULL OR (product_type = 'CD' AND NOT brokered))`.execute(db);

  await sql`
    COMMENT ON COLUMN products.nonforfeiture_rate IS
      'NAIC Model 805 nonforfeiture rate, percent 1 to 3: surrender values of an annuity are never below 87.5% of premium accumulated at it. Ignored for CDs.'
  `.execute(db);
  await sql`COMMENT ON COLUMN products.brokered IS 'A CD sold through a broker: before maturity only saleable at market price. Only CDs.'`.execute(db);
  await sql`
    COMMENT ON COLUMN products.early_withdrawal_penalty_months IS
      'A bank CD''s early-withdrawal penalty in months of interest (0 = none); null for every other product.'
  `.execute(db);

  const text = PRODUCT_FIELDS.map(([column, kind]) => fieldText(column, kind)).join(`\n      || ${SEPARATOR} || `);
  await sql`
    CREATE OR REPLACE FUNCTION sync_canonical_products(public.products) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN ${sql.raw(text)}`.execute(db);
  await sql`SELECT recompute_sync_table_stats()`.execute(db);
}
