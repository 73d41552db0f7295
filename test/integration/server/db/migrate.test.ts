// The schema is built by the migrations alone, from an empty database, and a second run is a no-op.
// `npm run db:migrate` is exercised as a real process against a PostgreSQL given by DATABASE_URL: the
// system PostgreSQL 15 when CI provides one (RATEDESK_TEST_SYSTEM_PG_URL), else the test cluster.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseConfigError, loadDatabaseConfig } from '../../../../server/db/config.js';
import { freePort } from '../../../../server/db/embedded.js';
import { knownMigrations, migrateToLatest } from '../../../../server/db/migrate.js';
import { adminUrl, createEmptyDatabase, withDatabase, type TestDatabase } from '../../../support/database.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../../..');

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('migrateToLatest', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createEmptyDatabase('migrations');
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('applies every migration to an empty database, then nothing on a second run', async () => {
    const first = await migrateToLatest(testDb.url);
    expect(first.applied).toEqual(knownMigrations());
    expect(first.applied.length).toBeGreaterThanOrEqual(10);

    const second = await migrateToLatest(testDb.url);
    expect(second.applied).toEqual([]);
  });

  it('creates the eight tables of the design, plus the comparison items and monthly audit partitions', async () => {
    const tables = await query<{ relname: string; relkind: string }>(
      testDb.url,
      `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    );
    expect(tables.map((t) => t.relname)).toEqual(
      expect.arrayContaining([
        'users',
        'user_roles',
        'user_sessions',
        'audit_log',
        'products',
        'product_availability',
        'rate_history',
        'product_comparisons',
        'product_comparison_items',
      ]),
    );
    expect(tables.find((t) => t.relname === 'audit_log')?.relkind).toBe('p');
  });

  it('uses timestamptz for every point in time and NUMERIC(8,4)/(15,2) for rates and money', async () => {
    const columns = await query<{ table_name: string; column_name: string; data_type: string; numeric_precision: number | null; numeric_scale: number | null }>(
      testDb.url,
      `SELECT table_name, column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely%'`,
    );
    expect(columns.filter((c) => c.data_type === 'timestamp without time zone')).toEqual([]);
    expect(columns.filter((c) => ['real', 'double precision', 'money'].includes(c.data_type))).toEqual([]);
    const typeOf = (table: string, column: string) => {
      const found = columns.find((c) => c.table_name === table && c.column_name === column);
      return found && `${found.data_type}(${found.numeric_precision},${found.numeric_scale})`;
    };
    for (const [table, column] of [
      ['products', 'base_rate'],
      ['products', 'bonus_rate'],
      ['products', 'guaranteed_minimum_rate'],
      ['rate_history', 'base_rate'],
      ['rate_history', 'bonus_rate'],
      ['product_comparison_items', 'base_rate'],
    ]) {
      expect(typeOf(table!, column!), `${table}.${column}`).toBe('numeric(8,4)');
    }
    for (const [table, column] of [
      ['products', 'minimum_investment'],
      ['products', 'maximum_investment'],
      ['product_comparisons', 'investment_amount'],
    ]) {
      expect(typeOf(table!, column!), `${table}.${column}`).toBe('numeric(15,2)');
    }
  });

  it('indexes every foreign key column and keeps no standalone boolean index', async () => {
    const unindexed = await query<{ fk: string }>(
      testDb.url,
      `SELECT c.conname AS fk FROM pg_constraint c
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
         AND NOT EXISTS (
           SELECT 1 FROM pg_index i
           WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
             AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
             AND (i.indkey::int2[])[0] = c.conkey[1])`,
    );
    expect(unindexed).toEqual([]);
    const booleanIndexes = await query<{ index: string }>(
      testDb.url,
      `SELECT i.indexrelid::regclass::text AS index FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
       WHERE i.indnatts = 1 AND NOT i.indisunique AND a.atttypid = 'boolean'::regtype
         AND i.indrelid::regclass::text NOT LIKE 'pg_%'`,
    );
    expect(booleanIndexes).toEqual([]);
  });

  it('refuses a database that has a migration this version does not know', async () => {
    const newer = await createEmptyDatabase('migrations_newer');
    try {
      await migrateToLatest(newer.url);
      await query(newer.url, `INSERT INTO kysely_migration (name, timestamp) VALUES ('29991231000000_from_a_newer_server', now()::text)`);
      await expect(migrateToLatest(newer.url)).rejects.toThrow(/29991231000000_from_a_newer_server.*newer RateDesk server/);
    } finally {
      await newer.drop();
    }
  });

  it('reports a database it cannot reach with a clear message', async () => {
    const port = await freePort();
    await expect(migrateToLatest(`postgres://nobody:secret@127.0.0.1:${port}/ratedesk`)).rejects.toThrow(
      new RegExp(`Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/ratedesk`),
    );
  });
});

describe('npm run db:migrate with DATABASE_URL', () => {
  const serverUrl = process.env.RATEDESK_TEST_SYSTEM_PG_URL ?? adminUrl();
  const name = `cli_${randomBytes(5).toString('hex')}`;
  const databaseUrl = withDatabase(serverUrl, name);

  beforeAll(async () => {
    await query(serverUrl, `CREATE DATABASE "${name}"`);
  });
  afterAll(async () => {
    await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  const migrateCli = (env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'server/db/migrate-cli.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_SSL: '', DATABASE_READ_URL: '', ...env },
      timeout: 120_000,
    });

  it('applies the migrations, and says the database is up to date when run again', async () => {
    const first = await migrateCli({ DATABASE_URL: databaseUrl });
    expect(first.stdout).toContain(`Applied ${knownMigrations().length} migration(s)`);
    for (const migration of knownMigrations()) expect(first.stdout).toContain(migration);

    const second = await migrateCli({ DATABASE_URL: databaseUrl });
    expect(second.stdout).toContain(`Database is up to date (${knownMigrations().length} migrations)`);
    const applied = await query<{ count: string }>(databaseUrl, 'SELECT count(*) FROM kysely_migration');
    expect(applied[0]?.count).toBe(String(knownMigrations().length));
  });

  it('exits with code 1 and a clear message when the database cannot be reached', async () => {
    const port = await freePort();
    const failure = await migrateCli({ DATABASE_URL: `postgres://nobody:secret@127.0.0.1:${port}/ratedesk` }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`Migration failed: Cannot connect to PostgreSQL at 127.0.0.1:${port}/ratedesk`);
    expect(failure?.stderr).not.toContain('secret');
  });
});

describe('database settings (DATABASE_URL and friends)', () => {
  it('without DATABASE_URL uses the embedded server in the given data folder, as the local login role', () => {
    const config = loadDatabaseConfig({ RATEDESK_DATA_DIR: '/tmp/ratedesk-data', EMBEDDED_PG_PORT: '55123' });
    expect(config).toMatchObject({ kind: 'embedded', dataDir: '/tmp/ratedesk-data', port: 55123 });
    expect(config.writer).toMatchObject({
      connectionString: 'postgres://ratedesk_server:ratedesk-server-local@127.0.0.1:55123/ratedesk',
      ssl: false,
      max: 10,
      statement_timeout: 5000,
    });
    expect(config.reader).toBe(config.writer);
  });

  it('verifies TLS by default for a remote host, and takes sslmode out of the URL', () => {
    const config = loadDatabaseConfig({
      DATABASE_URL: 'postgres://app:pw@db.cluster-abc.us-east-1.rds.amazonaws.com:5432/ratedesk',
      DATABASE_READ_URL: 'postgres://app:pw@db.cluster-ro-abc.us-east-1.rds.amazonaws.com:5432/ratedesk?sslmode=require',
      DATABASE_POOL_MAX: '4',
    });
    expect(config.kind).toBe('external');
    expect(config.writer).toMatchObject({ ssl: { rejectUnauthorized: true }, max: 4 });
    expect(config.reader.connectionString).toBe('postgres://app:pw@db.cluster-ro-abc.us-east-1.rds.amazonaws.com:5432/ratedesk');
    expect(config.reader.ssl).toEqual({ rejectUnauthorized: false });
    expect(loadDatabaseConfig({ DATABASE_URL: 'postgres://app:pw@localhost:5432/ratedesk' }).writer.ssl).toBe(false);
  });

  it('explains what is wrong with a setting, naming it', () => {
    expect(() => loadDatabaseConfig({ DATABASE_URL: 'mysql://db/ratedesk' })).toThrow(/DATABASE_URL: must be a URL like postgres:/);
    expect(() => loadDatabaseConfig({ DATABASE_URL: 'postgres://db.example/ratedesk', DATABASE_SSL: 'prefer' })).toThrow(/DATABASE_SSL/);
    expect(() => loadDatabaseConfig({ DATABASE_URL: 'postgres://db.example/ratedesk?sslmode=verify-ca' })).toThrow(
      'DATABASE_URL: sslmode=verify-ca is not supported',
    );
    expect(() => loadDatabaseConfig({ DATABASE_READ_URL: 'postgres://reader.example/ratedesk' })).toThrow(DatabaseConfigError);
    expect(() =>
      loadDatabaseConfig({ DATABASE_URL: 'postgres://db.example/ratedesk', DATABASE_CA_FILE: '/nonexistent/global-bundle.pem' }),
    ).toThrow(/^DATABASE_CA_FILE: cannot read \/nonexistent\/global-bundle\.pem/);
    expect(() => loadDatabaseConfig({ DATABASE_POOL_MAX: 'lots' })).toThrow(/DATABASE_POOL_MAX/);
  });
});

describe('npm run db:migrate without DATABASE_URL (the embedded default)', () => {
  let dataRoot: string;
  beforeAll(async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    dataRoot = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-embedded-cli-'));
  });
  afterAll(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('starts the embedded PostgreSQL in the data folder, migrates, and is a no-op the second time', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: '',
      DATABASE_READ_URL: '',
      DATABASE_SSL: '',
      RATEDESK_DATA_DIR: path.join(dataRoot, 'postgres'),
      EMBEDDED_PG_PORT: String(port),
    };
    const migrate = () =>
      run(process.execPath, ['--import', 'tsx', 'server/db/migrate-cli.ts'], { cwd: repoRoot, env, timeout: 120_000 });

    const first = await migrate();
    expect(first.stdout).toContain(`Using the embedded PostgreSQL in ${path.join(dataRoot, 'postgres')}`);
    expect(first.stdout).toContain(`Applied ${knownMigrations().length} migration(s)`);

    const second = await migrate();
    expect(second.stdout).toContain(`Database is up to date (${knownMigrations().length} migrations)`);
  });
});
