import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientMigrationError, NewerClientDatabaseError, backupFileOf, executedMigrations, migrateClientDatabase } from '../../../../src-main/store/migrate.js';
import { clientMigrations } from '../../../../src-main/store/migrations/index.js';
import { openClientDatabase } from '../../../../src-main/store/open-database.js';
import { cachedProduct, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

const ALL = Object.keys(clientMigrations);

function firstMigrations(count: number): Record<string, Migration> {
  return Object.fromEntries(Object.entries(clientMigrations).slice(0, count));
}

function tableNames(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all().map(String);
  } finally {
    sqlite.close();
  }
}

/**
 * A product as a cache at the first migration holds it. The current upsert writes columns later
 * migrations added (issue 11's product fields), so an old cache's row is written with its own columns.
 */
function insertFirstSchemaProduct(sqlite: Database.Database, overrides: { productId?: string; cusip?: string; productType?: string; compounding?: string } = {}): void {
  const product = { ...cachedProduct(), ...overrides };
  sqlite
    .prepare(
      `INSERT INTO products (product_id, cusip, product_name, product_type, issuer_name, description, minimum_investment, maximum_investment,
        base_rate, bonus_rate, bonus_years, term_years, guaranteed_minimum_rate, compounding, surrender_schedule, free_withdrawal_percent,
        return_of_premium, return_of_premium_percentage, terms_and_conditions, is_active, created_at, updated_at, created_by, updated_by, change_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      product.productId, product.cusip, product.productName, product.productType, product.issuerName, product.description,
      product.minimumInvestment, product.maximumInvestment, product.baseRate, product.bonusRate, product.bonusYears, product.termYears,
      product.guaranteedMinimumRate, product.compounding, JSON.stringify(product.surrenderSchedule), product.freeWithdrawalPercent,
      product.returnOfPremium ? 1 : 0, product.returnOfPremiumPercentage, product.termsAndConditions, product.isActive ? 1 : 0,
      product.createdAt, product.updatedAt, product.createdBy, product.updatedBy, Number(product.changeVersion),
    );
}

let folder: TempFolder;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

describe('migrateClientDatabase', () => {
  it('creates every table on a new file, in WAL mode with foreign keys on, without a backup', async () => {
    const file = folder.file('cache.sqlite');
    const handle = openClientDatabase({ file });
    const result = await migrateClientDatabase(handle);
    expect(result).toEqual({ applied: ALL, backupFile: null });
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await handle.close();
    expect(tableNames(file)).toEqual(expect.arrayContaining(['products', 'product_availability', 'rate_history', 'products_fts', 'saved_comparisons', 'outbox', 'sync_state']));
    expect(existsSync(backupFileOf(file))).toBe(false);
  });

  it('does nothing the second time', async () => {
    const file = folder.file('cache.sqlite');
    const handle = openClientDatabase({ file });
    await migrateClientDatabase(handle);
    expect(await migrateClientDatabase(handle)).toEqual({ applied: [], backupFile: null });
    expect(executedMigrations(handle)).toEqual(ALL);
    await handle.close();
  });

  it('backs up an existing cache before migrating it, with its data', async () => {
    const file = folder.file('cache.sqlite');
    const old = openClientDatabase({ file });
    await migrateClientDatabase(old, { migrations: firstMigrations(1) });
    insertFirstSchemaProduct(old.sqlite);
    await old.close();

    const handle = openClientDatabase({ file });
    const result = await migrateClientDatabase(handle);
    await handle.close();
    expect(result.applied).toEqual(ALL.slice(1));
    expect(result.backupFile).toBe(backupFileOf(file));
    const backup = new Database(backupFileOf(file), { readonly: true });
    expect(backup.prepare('SELECT product_name FROM products').pluck().all()).toEqual(['Summit Ridge SecureGrowth 5']);
    expect(backup.prepare('SELECT name FROM kysely_migration').pluck().all()).toEqual(ALL.slice(0, 1));
    backup.close();
  });

  it('indexes products that were cached before the search migration', async () => {
    const file = folder.file('cache.sqlite');
    const old = openClientDatabase({ file });
    await migrateClientDatabase(old, { migrations: firstMigrations(1) });
    insertFirstSchemaProduct(old.sqlite);
    await migrateClientDatabase(old);
    const hits = old.sqlite.prepare(`SELECT rowid FROM products_fts WHERE products_fts MATCH 'summit'`).all();
    expect(hits).toHaveLength(1);
    await old.close();
  });

  it('refuses a cache written by a newer app and leaves it untouched', async () => {
    const file = folder.file('cache.sqlite');
    const handle = openClientDatabase({ file });
    await migrateClientDatabase(handle);
    handle.sqlite.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)`).run('29990101000000_from_the_future', new Date().toISOString());
    const error = await migrateClientDatabase(handle).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewerClientDatabaseError);
    expect(error).toMatchObject({ unknownMigrations: ['29990101000000_from_the_future'], message: expect.stringMatching(/newer version of RateDesk/) });
    expect(existsSync(backupFileOf(file))).toBe(false);
    await handle.close();
  });

  it('rolls back every pending migration when one fails, naming it', async () => {
    const file = folder.file('cache.sqlite');
    const handle = openClientDatabase({ file });
    await migrateClientDatabase(handle, { migrations: firstMigrations(2) });
    const failing: Migration = {
      async up(db) {
        await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
        throw new Error('disk says no');
      },
    };
    const error = await migrateClientDatabase(handle, { migrations: { ...clientMigrations, '29990101000000_breaks': failing } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClientMigrationError);
    expect(error).toMatchObject({ migrationName: '29990101000000_breaks', message: expect.stringMatching(/disk says no/) });
    // The good migrations that ran before the failing one were rolled back with it.
    expect(executedMigrations(handle)).toEqual(ALL.slice(0, 2));
    const tables = handle.sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
    expect(tables).not.toContain('half_done');
    expect(tables).not.toContain('saved_comparisons');
    await handle.close();
  });

  it('gives cached products the issue 11 fields with the values the server migration gives them', async () => {
    const file = folder.file('cache.sqlite');
    const handle = openClientDatabase({ file });
    await migrateClientDatabase(handle, { migrations: firstMigrations(ALL.indexOf('20261203200100_product_cd_terms_and_nonforfeiture')) });
    insertFirstSchemaProduct(handle.sqlite);
    insertFirstSchemaProduct(handle.sqlite, { productId: '00000000-0000-4000-8000-00000000cd01', cusip: '17275R102', productType: 'CD', compounding: 'daily' });
    insertFirstSchemaProduct(handle.sqlite, { productId: '00000000-0000-4000-8000-00000000cd02', cusip: '38259P508', productType: 'CD', compounding: 'simple' });
    await migrateClientDatabase(handle);
    const rows = handle.sqlite
      .prepare(`SELECT product_type, compounding, nonforfeiture_rate, brokered, early_withdrawal_penalty_months FROM products ORDER BY product_type, compounding`)
      .raw()
      .all();
    // An annuity: the statutory minimum 1.0000; a daily CD: a bank CD with 12 months; a simple-interest CD: brokered.
    expect(rows).toEqual([
      ['CD', 'daily', '1.0000', 0, 12],
      ['CD', 'simple', '1.0000', 1, null],
      ['MYGA', 'annual', '1.0000', 0, null],
    ]);
    await handle.close();
  });
});
