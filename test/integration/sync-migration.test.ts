// The sync migrations on a database that already has data: the stats are backfilled from the rows
// written before the triggers existed, and an existing database gets an epoch of its own.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import type { Database } from '../../server/db/schema.js';
import { currentChecksums } from '../../server/sync/checksums.js';
import { createEmptyDatabase, type TestDatabase } from '../support/database.js';
import { catalog, createUser, loadCatalogInTransactions, recomputedStats, storedStats } from '../support/sync-fixtures.js';

let database: TestDatabase;
let owner: Kysely<Database>;

beforeAll(async () => {
  database = await createEmptyDatabase('sync_migration');
  owner = createDatabase({ connectionString: database.url, max: 2 });
});

afterAll(async () => {
  await owner?.destroy();
  await database?.drop();
});

describe('migrating a database that already holds a catalog and comparisons', () => {
  it('backfills the stats so they equal the rows, and gives the database an epoch', async () => {
    // The schema as it was before sync verification existed.
    const migratorDb = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) });
    try {
      const { error } = await new Migrator({ db: migratorDb, provider: { getMigrations: async () => migrations } }).migrateTo('20261124001000_grants');
      expect(error).toBeUndefined();
    } finally {
      await migratorDb.destroy();
    }

    const generated = catalog(30, 4, 17);
    await loadCatalogInTransactions(owner, generated, 10);
    await owner.updateTable('products').set({ isActive: false, updatedBy: 'admin' }).where('productId', '=', generated[0]?.product.productId ?? '').execute();
    const rep = await createUser(owner);
    await sql`
      INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results, engine_version)
      VALUES ('6f1c2b7e-3d4a-4f5b-8c6d-7e8f9a0b1c2d', ${rep}, now(), 100000, 5, '2026-11-24', '{}', '{}', 'e1')`.execute(owner);
    await sql`
      INSERT INTO product_comparison_items (comparison_id, position, product_id, base_rate, bonus_rate, product_snapshot)
      VALUES ('6f1c2b7e-3d4a-4f5b-8c6d-7e8f9a0b1c2d', 1, ${generated[1]?.product.productId}, 4.5, 0, '{}')`.execute(owner);

    const { applied } = await migrateToLatest(database.url);
    expect(applied).toEqual(['20261124001100_sync_epoch', '20261124001200_comparison_sync', '20261124001300_sync_checksums']);

    const stats = await storedStats(owner);
    expect(stats).toEqual(await recomputedStats(owner));
    expect(stats.find((row) => row.tableName === 'rate_history')?.rowCount).toBe(String(30 * 4));
    const report = await currentChecksums(owner, { userId: rep });
    expect(report.tables.comparisons.count).toBe(1);
    expect(report.epoch).toMatch(/^[0-9a-f-]{36}$/);
  });
});
