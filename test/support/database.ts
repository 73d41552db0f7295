// Per-test-file PostgreSQL databases on the cluster started by postgres-global-setup.ts.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
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
 * Registers beforeAll/afterAll for a test file's own migrated database: a Kysely pool of `max`
 * connections as its owner, handed to `opened` before the first test; closed and dropped after the last.
 */
export function useMigratedDatabase(prefix: string, max: number, opened: (db: Kysely<Database>, testDb: TestDatabase) => void): void {
  let testDb: TestDatabase | undefined;
  let db: Kysely<Database> | undefined;
  beforeAll(async () => {
    testDb = await createEmptyDatabase(prefix);
    await migrateToLatest(testDb.url);
    db = createDatabase({ connectionString: testDb.url, max });
    opened(db, testDb);
  });
  afterAll(async () => {
    await db?.destroy();
    await testDb?.drop();
  });
}
