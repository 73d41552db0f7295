// The sync migrations on a database that already has data: the stats are backfilled from the rows
// written before the triggers existed, and an existing database gets an epoch of its own.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../../server/db/migrate.js';
import type { Database } from '../../../../server/db/schema.js';
import { currentChecksums } from '../../../../server/sync/checksums.js';
import { migrateTo, useTestDatabase, type TestDatabase } from '../../../support/database.js';
import type { GeneratedProduct } from '../../../../server/seed/catalog-generator.js';
import { catalog, createUser, recomputedStats, storedStats } from '../../../support/sync-fixtures.js';

let database: TestDatabase;
let owner: Kysely<Database>;

useTestDatabase('sync_migration', { max: 2, migrated: false }, (db, testDb) => {
  [owner, database] = [db, testDb];
});

// The catalog columns of the schema at 20261124001000_grants. Today's loader also writes columns
// later migrations added, so the rows are inserted here with these columns only.
const SEED_PRODUCT_COLUMNS = [
  'productId', 'cusip', 'productName', 'productType', 'issuerName', 'description', 'minimumInvestment', 'maximumInvestment',
  'baseRate', 'bonusRate', 'bonusYears', 'termYears', 'guaranteedMinimumRate', 'compounding', 'surrenderSchedule',
  'freeWithdrawalPercent', 'returnOfPremium', 'returnOfPremiumPercentage', 'termsAndConditions', 'isActive',
  'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;
const SEED_AVAILABILITY_COLUMNS = ['availabilityId', 'productId', 'startDate', 'endDate', 'isActive', 'createdAt', 'createdBy'] as const;
const SEED_RATE_COLUMNS = ['rateHistoryId', 'productId', 'baseRate', 'bonusRate', 'effectiveDate', 'endDate', 'isActive', 'createdAt', 'createdBy'] as const;

function pick<K extends string>(row: object, columns: readonly K[]): Record<K, unknown> {
  const values = row as Record<string, unknown>;
  return Object.fromEntries(columns.map((column) => [column, values[column]])) as Record<K, unknown>;
}

async function loadIntoSeedSchema(db: Kysely<Database>, entries: readonly GeneratedProduct[]): Promise<void> {
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await untyped.transaction().execute(async (trx) => {
    await trx.insertInto('products').values(entries.map((entry) => pick(entry.product, SEED_PRODUCT_COLUMNS))).execute();
    await trx.insertInto('productAvailability').values(entries.flatMap((entry) => entry.availability.map((row) => pick(row, SEED_AVAILABILITY_COLUMNS)))).execute();
    await trx.insertInto('rateHistory').values(entries.flatMap((entry) => entry.rates.map((row) => pick(row, SEED_RATE_COLUMNS)))).execute();
  });
}

describe('migrating a database that already holds a catalog and comparisons', () => {
  it('backfills the stats so they equal the rows, and gives the database an epoch', async () => {
    // The schema as it was before sync verification existed.
    await migrateTo(database.url, '20261124001000_grants');

    const generated = catalog(30, 4, 17);
    await loadIntoSeedSchema(owner, generated);
    await owner.updateTable('products').set({ isActive: false, updatedBy: 'admin' }).where('productId', '=', generated[0]?.product.productId ?? '').execute();
    const rep = await createUser(owner);
    await sql`
      INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results, engine_version)
      VALUES ('6f1c2b7e-3d4a-4f5b-8c6d-7e8f9a0b1c2d', ${rep}, now(), 100000, 5, '2026-11-24', '{}', '{}', 'e1')`.execute(owner);
    await sql`
      INSERT INTO product_comparison_items (comparison_id, position, product_id, base_rate, bonus_rate, product_snapshot)
      VALUES ('6f1c2b7e-3d4a-4f5b-8c6d-7e8f9a0b1c2d', 1, ${generated[1]?.product.productId}, 4.5, 0, '{}')`.execute(owner);

    // The sync migrations themselves (later ones are about other things), then the rest on top.
    const applied = await migrateTo(database.url, '20261124001300_sync_checksums');
    expect(applied).toEqual(['20261124001100_sync_epoch', '20261124001200_comparison_sync', '20261124001300_sync_checksums']);
    await migrateToLatest(database.url);

    const stats = await storedStats(owner);
    expect(stats).toEqual(await recomputedStats(owner));
    expect(stats.find((row) => row.tableName === 'rate_history')?.rowCount).toBe(String(30 * 4));
    const report = await currentChecksums(owner, { userId: rep });
    expect(report.tables.comparisons.count).toBe(1);
    expect(report.epoch).toMatch(/^[0-9a-f-]{36}$/);
  });
});
