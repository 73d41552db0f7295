// Migration 20261203200000 on a database that already holds products (issue 11): existing annuities
// get the statutory-minimum nonforfeiture rate, CDs paying simple interest become brokered, other
// CDs bank CDs with a 12-month penalty; the CD rows are re-stamped so clients pull them, and the
// checksum stats and the TypeScript canonical form still agree with the rows.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../migrations/index.js';
import { migrateToLatest } from '../../../../server/db/migrate.js';
import type { Database } from '../../../../server/db/schema.js';
import { productFromRow } from '../../../../server/admin/catalog-rows.js';
import { canonicalRowHash } from '../../../../server/sync/row-hash.js';
import { canonicalProduct } from '../../../../src-shared/sync/row-canonical.js';
import { migrateTo, useTestDatabase, type TestDatabase } from '../../../support/database.js';
import { recomputedStats, storedStats } from '../../../support/sync-fixtures.js';

const MIGRATION = '20261203200000_product_cd_terms_and_nonforfeiture';

let database: TestDatabase;
let owner: Kysely<Database>;

useTestDatabase('product_terms_migration', { max: 2, migrated: false }, (db, testDb) => {
  [owner, database] = [db, testDb];
});

describe(MIGRATION, () => {
  it('gives existing products the new fields by the documented defaults and keeps the checksums true', async () => {
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf(MIGRATION) - 1];
    if (before === undefined) throw new Error('no migration before this one');
    await migrateTo(database.url, before);

    // Three products as the schema before this migration holds them (CUSIPs with valid check digits).
    await sql`
      INSERT INTO products (cusip, product_name, product_type, issuer_name, minimum_investment, base_rate, term_years,
                            guaranteed_minimum_rate, compounding, created_by, updated_by)
      VALUES ('037833100', 'Summit 5', 'MYGA', 'Summit Life', 10000, 4.5, 5, 1, 'annual', 'admin', 'admin'),
             ('17275R102', 'Bank 3-Year CD', 'CD', 'Bluewater Bank', 1000, 4.25, 3, 0, 'daily', 'admin', 'admin'),
             ('38259P508', 'Brokered 5-Year CD', 'CD', 'Harbor Bank', 1000, 4.6, 5, 0, 'simple', 'admin', 'admin')`.execute(owner);
    const versionsBefore = new Map(
      (await sql<{ cusip: string; v: string }>`SELECT cusip, change_version::text AS v FROM products`.execute(owner)).rows.map((row) => [row.cusip, BigInt(row.v)]),
    );

    const { applied } = await migrateToLatest(database.url);
    expect(applied).toContain(MIGRATION);

    const rows = await owner.selectFrom('products').selectAll().orderBy('cusip').execute();
    expect(rows.map((row) => [row.cusip, row.nonforfeitureRate, row.brokered, row.earlyWithdrawalPenaltyMonths])).toEqual([
      ['037833100', '1.0000', false, null],
      ['17275R102', '1.0000', false, 12],
      ['38259P508', '1.0000', true, null],
    ]);
    // The CD rows changed, so they carry new versions (clients pull them); the MYGA did not.
    for (const row of rows) {
      const old = versionsBefore.get(row.cusip) ?? 0n;
      expect(BigInt(row.changeVersion) > old).toBe(row.productType === 'CD');
    }

    expect(await storedStats(owner)).toEqual(await recomputedStats(owner));
    const serverHashes = await sql<{ cusip: string; h: string }>`SELECT cusip, row_hash_products(p)::text AS h FROM products p`.execute(owner);
    for (const row of rows) {
      const typescript = canonicalRowHash(canonicalProduct({ ...productFromRow(row), changeVersion: row.changeVersion }));
      expect(String(typescript)).toBe(serverHashes.rows.find((hash) => hash.cusip === row.cusip)?.h);
    }
  });

  it('refuses out-of-range and misplaced values by name', async () => {
    const violations: Array<[string, RegExp]> = [
      [`UPDATE products SET nonforfeiture_rate = 3.5 WHERE cusip = '037833100'`, /products_nonforfeiture_rate_range/],
      [`UPDATE products SET brokered = true WHERE cusip = '037833100'`, /products_brokered_only_cd/],
      [`UPDATE products SET early_withdrawal_penalty_months = 6 WHERE cusip = '38259P508'`, /products_early_withdrawal_penalty_months_bank_cd_only/],
      [`UPDATE products SET early_withdrawal_penalty_months = 61 WHERE cusip = '17275R102'`, /products_early_withdrawal_penalty_months_range/],
    ];
    for (const [statement, constraint] of violations) {
      await expect(sql.raw(statement).execute(owner)).rejects.toThrow(constraint);
    }
  });
});
