// Per-test-file PostgreSQL databases on the cluster started by postgres-global-setup.ts.
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import type { Database } from '../../server/db/schema.js';

export interface TestDatabase {
  /** Superuser connection string for this database (the migrator in tests). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return inject('pgAdminUrl');
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Creates an empty database with a unique name on the run's cluster, or on the cluster of
 * `clusterUrl` (a superuser URL). Call drop() in afterAll.
 */
export async function createEmptyDatabase(prefix = 'test', clusterUrl = adminUrl()): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(clusterUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: clusterUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Registers beforeAll/afterAll for a test file's own database, empty (for migration tests, which
 * migrate it step by step) or `migrated` to the latest: a Kysely pool of `max` connections as its
 * owner, handed to `opened` before the first test; closed and dropped after the last.
 */
export function useTestDatabase(
  prefix: string,
  options: { max: number; migrated: boolean },
  opened: (db: Kysely<Database>, testDb: TestDatabase) => void,
): void {
  let testDb: TestDatabase | undefined;
  let db: Kysely<Database> | undefined;
  beforeAll(async () => {
    testDb = await createEmptyDatabase(prefix);
    if (options.migrated) await migrateToLatest(testDb.url);
    db = createDatabase({ connectionString: testDb.url, max: options.max });
    opened(db, testDb);
  });
  afterAll(async () => {
    await db?.destroy();
    await testDb?.drop();
  });
}

/** useTestDatabase, migrated to the latest. */
export function useMigratedDatabase(prefix: string, max: number, opened: (db: Kysely<Database>, testDb: TestDatabase) => void): void {
  useTestDatabase(prefix, { max, migrated: true }, opened);
}

/** Applies the migrations up to and including `target` (a data migration's test: N-1, rows, N); returns the names applied. */
export async function migrateTo(url: string, target: string): Promise<string[]> {
  const migratorDb = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    const { error, results } = await new Migrator({ db: migratorDb, provider: { getMigrations: async () => migrations } }).migrateTo(target);
    expect(error).toBeUndefined();
    return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  } finally {
    await migratorDb.destroy();
  }
}
