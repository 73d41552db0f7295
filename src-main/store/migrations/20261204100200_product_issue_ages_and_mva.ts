// The issue ages and market value adjustment terms of server migration
// 20261204000700_product_issue_ages_and_mva. Existing rows get what that migration gives them (no
// age limits, no MVA), so a cached row still matches the server's checksum. The rules across
// columns (ages in order, MVA terms complete, no MVA on a CD) cannot be added to an existing
// SQLite table; the server's CHECKs guarantee them and the wire schema (productRuleIssues) refuses
// a row that breaks them. Frozen: the check builder is local, as in 20261203200100.
import { sql, type Kysely } from 'kysely';

/** Exact decimal text with 4 places and at most 3 integer digits whose value, in ten-thousandths, lies in [min, max]. */
function percent4(column: string, min: number, max: number): string {
  const shape = [`GLOB '[0-9]*.[0-9][0-9][0-9][0-9]'`, `NOT GLOB '*[^0-9.]*'`, `NOT GLOB '*.*.*'`, `NOT GLOB '0[0-9]*'`];
  const value = `length(${column}) <= 8 AND CAST(replace(${column}, '.', '') AS INTEGER) BETWEEN ${min} AND ${max}`;
  return `(${shape.map((test) => `${column} ${test}`).join(' AND ')} AND ${value})`;
}

const age = (column: string) => `${column} INTEGER NULL CHECK (${column} IS NULL OR ${column} BETWEEN 0 AND 120)`;

const COLUMNS = [
  age('minimum_issue_age'),
  age('maximum_issue_age'),
  `mva_applies INTEGER NOT NULL DEFAULT 0 CHECK (mva_applies IN (0, 1))`,
  `mva_spread TEXT NULL CHECK (mva_spread IS NULL OR ${percent4('mva_spread', 0, 50_000)})`,
  `mva_reference_index TEXT NULL`,
  // Zero or a negative percent: "-" then the digits of a percent in (0, 100].
  `mva_factor_floor TEXT NULL CHECK (mva_factor_floor IS NULL OR mva_factor_floor = '0.0000'
    OR (substr(mva_factor_floor, 1, 1) = '-' AND ${percent4('substr(mva_factor_floor, 2)', 1, 1_000_000)}))`,
  `mva_factor_cap TEXT NULL CHECK (mva_factor_cap IS NULL OR ${percent4('mva_factor_cap', 0, 1_000_000)})`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) await sql.raw(`ALTER TABLE products ADD COLUMN ${column}`).execute(db);
}
