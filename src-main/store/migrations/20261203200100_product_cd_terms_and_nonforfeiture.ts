// The three product fields of server migration 20261203200000_product_cd_terms_and_nonforfeiture,
// with the values that migration gives existing rows, so a cached row still matches the server's
// checksum before the next pull brings the re-stamped CD rows. The rule tying a penalty to bank
// CDs (a CHECK across columns on the server) cannot be added to an existing SQLite table; the
// server's CHECK guarantees it and the wire schema (productRuleIssues) refuses a penalty on any
// other product. Frozen: the check builders
// are local, as in 20261124100000_catalog.
import { sql, type Kysely } from 'kysely';

/** Exact decimal text with 4 places whose value, in ten-thousandths, lies in [min, max]. */
function rate4(column: string, min: number, max: number): string {
  return `(${column} GLOB '[0-9]*.[0-9][0-9][0-9][0-9]'
    AND ${column} NOT GLOB '*[^0-9.]*'
    AND ${column} NOT GLOB '*.*.*'
    AND ${column} NOT GLOB '0[0-9]*'
    AND length(${column}) <= 6
    AND CAST(replace(${column}, '.', '') AS INTEGER) BETWEEN ${min} AND ${max})`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`ALTER TABLE products ADD COLUMN nonforfeiture_rate TEXT NOT NULL DEFAULT '1.0000' CHECK ${rate4('nonforfeiture_rate', 10_000, 30_000)}`)
    .execute(db);
  await sql
    .raw(`ALTER TABLE products ADD COLUMN brokered INTEGER NOT NULL DEFAULT 0 CHECK (brokered IN (0, 1) AND (brokered = 0 OR product_type = 'CD'))`)
    .execute(db);
  await sql
    .raw(
      `ALTER TABLE products ADD COLUMN early_withdrawal_penalty_months INTEGER NULL
        CHECK (early_withdrawal_penalty_months IS NULL OR early_withdrawal_penalty_months BETWEEN 0 AND 60)`,
    )
    .execute(db);
  await sql`
    UPDATE products
    SET brokered = (compounding = 'simple'),
        early_withdrawal_penalty_months = CASE WHEN compounding = 'simple' THEN NULL ELSE 12 END
    WHERE product_type = 'CD'`.execute(db);
}
