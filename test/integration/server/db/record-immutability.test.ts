// Compliance records cannot change (20261204000100_record_immutability): UPDATE, DELETE and TRUNCATE
// of comparisons, their items, audit rows (through the parent or a partition named directly) and
// record events are refused for the migrator that owns them and for the server's role, whatever
// grants say. The one way out is purge_expired_records (20261204000500_retention_routine): only
// records older than the retention period, only by the migrator, and audited.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLoginRole, migrateToLatest } from '../../../../server/db/migrate.js';
import { purgeExpiredRecords, retentionYearsFrom } from '../../../../server/records/retention.js';
import { adminUrl, createEmptyDatabase, type TestDatabase } from '../../../support/database.js';
import {
  insertPrintEvent,
  insertRecordComparison,
  insertRecordProduct,
  insertRecordUser,
  insertSignOutEvent,
} from '../../../support/record-fixtures.js';

const IMMUTABLE = 'RD001';
const DENIED = '42501';
const suffix = randomBytes(4).toString('hex');
const appLogin = { role: `test_rec_app_${suffix}`, password: `pw-${randomBytes(8).toString('hex')}` };

let testDb: TestDatabase;
let owner: pg.Client;
let app: pg.Client;
let userId: string;
let productId: string;
let comparisonId: string;
let printEventId: string;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  return client;
}

/** The audit partition of the current UTC month, e.g. audit_log_2026_12. */
function currentPartition(): string {
  const now = new Date();
  return `audit_log_${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

beforeAll(async () => {
  testDb = await createEmptyDatabase('records');
  await migrateToLatest(testDb.url);
  await ensureLoginRole(adminUrl(), appLogin);
  owner = await connect(testDb.url);
  const url = new URL(testDb.url);
  url.username = appLogin.role;
  url.password = appLogin.password;
  app = await connect(url.toString());

  userId = await insertRecordUser(owner, 'rep');
  productId = await insertRecordProduct(owner);
  comparisonId = await insertRecordComparison(owner, userId, productId);
  printEventId = await insertPrintEvent(owner, userId, comparisonId);
  await insertSignOutEvent(owner, userId);
  // One audit row in the current month's partition, one far ahead in the default partition.
  await owner.query(`INSERT INTO audit_log (action_type, table_name, record_id) VALUES ('COMPARISON_SAVED', 'product_comparisons', $1)`, [comparisonId]);
  await owner.query(`INSERT INTO audit_log (occurred_at, action_type) VALUES (now() + interval '15 years', 'LOGIN')`);
});

afterAll(async () => {
  await app?.end();
  await owner?.end();
  await testDb?.drop();
  const admin = await connect(adminUrl());
  try {
    await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(appLogin.role)}`);
  } finally {
    await admin.end();
  }
});

/** Each record table with an UPDATE that would change a row of it. */
function targets(): { table: string; update: string }[] {
  return [
    { table: 'product_comparisons', update: `UPDATE product_comparisons SET investment_amount = '1.00'` },
    { table: 'product_comparison_items', update: `UPDATE product_comparison_items SET base_rate = '24.9999'` },
    { table: 'audit_log', update: `UPDATE audit_log SET action_type = 'CREATE'` },
    { table: currentPartition(), update: `UPDATE ${currentPartition()} SET action_type = 'CREATE'` },
    { table: 'audit_log_default', update: `UPDATE audit_log_default SET action_type = 'CREATE'` },
    { table: 'record_events', update: `UPDATE record_events SET page_count = 1` },
  ];
}

async function rowCount(table: string): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

async function expectRefused(client: pg.Client, statement: string, code: string, operation?: string): Promise<void> {
  const error: unknown = await client.query(statement).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, statement).toMatchObject({ code });
  if (operation) expect((error as Error).message).toMatch(new RegExp(`immutable compliance records \\(FINRA 4511, SEC 17a-4\\): ${operation} refused`));
}

describe('the migrator (owner of the tables)', () => {
  for (const { table, update } of targets()) {
    it(`cannot UPDATE, DELETE or TRUNCATE ${table}`, async () => {
      const before = await owner.query(`SELECT * FROM ${table} ORDER BY 1`);
      expect(before.rows.length, `${table} has rows to refuse`).toBeGreaterThan(0);
      await expectRefused(owner, update, IMMUTABLE, 'UPDATE');
      await expectRefused(owner, `DELETE FROM ${table}`, IMMUTABLE, 'DELETE');
      await expectRefused(owner, `TRUNCATE ${table} CASCADE`, IMMUTABLE, 'TRUNCATE');
      expect((await owner.query(`SELECT * FROM ${table} ORDER BY 1`)).rows).toEqual(before.rows);
    });
  }

  it('is refused even as a superuser with triggers switched to replica mode', async () => {
    await owner.query('BEGIN');
    try {
      await owner.query('SET LOCAL session_replication_role = replica');
      await expectRefused(owner, `DELETE FROM product_comparisons WHERE comparison_id = '${comparisonId}'`, IMMUTABLE, 'DELETE');
    } finally {
      await owner.query('ROLLBACK');
    }
  });

  it('cannot delete a recent record by setting ratedesk.retention_purge by hand', async () => {
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT set_config('ratedesk.retention_purge', (now() + interval '1 day')::text, true)`);
      await expectRefused(owner, `DELETE FROM product_comparison_items WHERE comparison_id = '${comparisonId}'`, IMMUTABLE, 'DELETE');
    } finally {
      await owner.query('ROLLBACK');
    }
    expect(await rowCount(`product_comparison_items WHERE comparison_id = '${comparisonId}'`)).toBe(1);
  });

  it('cannot delete even an expired record outside the routine, nor through a look-alike routine in another schema', async () => {
    const old = await insertRecordComparison(owner, userId, productId, `now() - interval '9 years'`);
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT set_config('ratedesk.retention_purge', (now() - interval '7 years')::text, true)`);
      await expectRefused(owner, `DELETE FROM product_comparison_items WHERE comparison_id = '${old}'`, IMMUTABLE, 'DELETE');
    } finally {
      await owner.query('ROLLBACK');
    }
    await owner.query('CREATE SCHEMA IF NOT EXISTS lookalike');
    await owner.query(`
      CREATE OR REPLACE FUNCTION lookalike.purge_expired_records(retention_years integer) RETURNS integer
      LANGUAGE plpgsql SET search_path = pg_catalog AS $$
      BEGIN
        PERFORM set_config('ratedesk.retention_purge', (now() - interval '7 years')::text, true);
        DELETE FROM public.product_comparison_items WHERE comparison_id = '${old}';
        RETURN 0;
      END $$`);
    await expectRefused(owner, 'SELECT lookalike.purge_expired_records(6)', IMMUTABLE, 'DELETE');
    expect(await rowCount(`product_comparison_items WHERE comparison_id = '${old}'`)).toBe(1);
  });
});

describe('the application role (ratedesk_app)', () => {
  for (const { table, update } of targets()) {
    it(`has no right to UPDATE, DELETE or TRUNCATE ${table}`, async () => {
      await expectRefused(app, update, DENIED);
      await expectRefused(app, `DELETE FROM ${table}`, DENIED);
      await expectRefused(app, `TRUNCATE ${table} CASCADE`, DENIED);
    });
  }

  it('is refused by the triggers even when a DBA grants it UPDATE, DELETE and TRUNCATE by mistake', async () => {
    const tables = targets().map((target) => target.table);
    await owner.query(`GRANT UPDATE, DELETE, TRUNCATE ON ${tables.join(', ')} TO ratedesk_app`);
    try {
      for (const { table, update } of targets()) {
        await expectRefused(app, update, IMMUTABLE, 'UPDATE');
        await expectRefused(app, `DELETE FROM ${table}`, IMMUTABLE, 'DELETE');
        await expectRefused(app, `TRUNCATE ${table} CASCADE`, IMMUTABLE, 'TRUNCATE');
      }
    } finally {
      await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${tables.join(', ')} FROM ratedesk_app`);
    }
    expect(await rowCount(`record_events WHERE event_id = '${printEventId}'`)).toBe(1);
  });
});

describe('audit partitions created later', () => {
  it('refuse changes too, and rows still move out of the default partition into them', async () => {
    const far = (await owner.query<{ name: string }>(`SELECT 'audit_log_' || to_char(now() + interval '15 years', 'YYYY_MM') AS name`)).rows[0]?.name;
    const months = (await owner.query<{ n: number }>(
      `SELECT ((extract(year FROM age(date_trunc('month', now() + interval '15 years'), date_trunc('month', now()))) * 12)
         + extract(month FROM age(date_trunc('month', now() + interval '15 years'), date_trunc('month', now()))))::int AS n`,
    )).rows[0]?.n;
    const created = (await app.query<{ created: string }>('SELECT ensure_audit_partitions($1) AS created', [months])).rows.map((row) => row.created);
    expect(created).toContain(far);
    expect(await rowCount('audit_log_default')).toBe(0);
    expect(await rowCount(String(far))).toBe(1);
    await expectRefused(owner, `UPDATE ${far} SET action_type = 'CREATE'`, IMMUTABLE, 'UPDATE');
    await expectRefused(owner, `DELETE FROM ${far}`, IMMUTABLE, 'DELETE');
    await expectRefused(owner, `TRUNCATE ${far}`, IMMUTABLE, 'TRUNCATE');
  });
});

describe('the retention routine', () => {
  it('accepts only a whole number of at least six years from RATEDESK_RECORD_RETENTION_YEARS', () => {
    expect(retentionYearsFrom({})).toBe(6);
    expect(retentionYearsFrom({ RATEDESK_RECORD_RETENTION_YEARS: ' 7 ' })).toBe(7);
    expect(() => retentionYearsFrom({ RATEDESK_RECORD_RETENTION_YEARS: '5' })).toThrow(/at least 6 \(FINRA Rule 4511\(b\)/);
    expect(() => retentionYearsFrom({ RATEDESK_RECORD_RETENTION_YEARS: '6.5' })).toThrow(/whole number of years/);
    expect(() => retentionYearsFrom({ RATEDESK_RECORD_RETENTION_YEARS: 'six' })).toThrow(/whole number of years/);
  });

  it('refuses fewer than six years', async () => {
    await expectRefused(owner, 'SELECT purge_expired_records(5)', '22023');
    await expect(owner.query('SELECT purge_expired_records(5)')).rejects.toThrow(/retention_years must be a whole number from 6 to 100, got 5/);
  });

  it('cannot be run by the application role', async () => {
    await expectRefused(app, 'SELECT purge_expired_records(6)', DENIED);
    expect((await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action_type = 'RETENTION_PURGE'`)).rows[0]?.n).toBe(0);
  });

  it('removes only the records received before the retention period, with their items and prints, and audits itself', async () => {
    const expired = await insertRecordComparison(owner, userId, productId, `now() - interval '6 years 1 day'`);
    const expiredPrint = await insertPrintEvent(owner, userId, expired);
    const kept = await insertRecordComparison(owner, userId, productId, `now() - interval '6 years' + interval '1 day'`);
    const keptPrint = await insertPrintEvent(owner, userId, kept);
    const olderCount = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM product_comparisons WHERE received_at < now() - interval '6 years'`)).rows[0]?.n;
    const recentBefore = await rowCount(`product_comparisons WHERE received_at >= now() - interval '6 years'`);
    const signOutsBefore = await rowCount(`record_events WHERE kind = 'SIGNED_OUT'`);

    const report = await purgeExpiredRecords(testDb.url, 6);
    expect(report).toMatchObject({ retentionYears: 6, comparisonsRemoved: olderCount, itemsRemoved: olderCount, recordEventsRemoved: 1 });
    expect(olderCount).toBe(2); // this one, and the one planted by the look-alike test
    expect(Date.parse(report.cutoff)).toBeGreaterThan(Date.now() - 6 * 366 * 86_400_000);

    expect(await rowCount(`product_comparisons WHERE comparison_id = '${expired}'`)).toBe(0);
    expect(await rowCount(`product_comparison_items WHERE comparison_id = '${expired}'`)).toBe(0);
    expect(await rowCount(`record_events WHERE event_id = '${expiredPrint}'`)).toBe(0);
    expect(await rowCount(`product_comparisons WHERE comparison_id IN ('${kept}', '${comparisonId}')`)).toBe(2);
    expect(await rowCount(`record_events WHERE event_id IN ('${keptPrint}', '${printEventId}')`)).toBe(2);
    expect(await rowCount(`product_comparisons WHERE received_at >= now() - interval '6 years'`)).toBe(recentBefore);
    expect(await rowCount(`record_events WHERE kind = 'SIGNED_OUT'`)).toBe(signOutsBefore);

    const audit = await owner.query(`SELECT user_id, table_name, new_values FROM audit_log WHERE action_type = 'RETENTION_PURGE'`);
    expect(audit.rows).toEqual([
      {
        user_id: null,
        table_name: 'product_comparisons',
        new_values: { ...report, databaseRole: expect.any(String) },
      },
    ]);
  });

  it('runs from npm run db:retention with the migrator’s URL, and refuses a period under six years', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: testDb.url, RATEDESK_RECORD_RETENTION_YEARS: '5' };
    const refused = await run('npx', ['tsx', 'server/db/retention-cli.ts'], { env }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('RATEDESK_RECORD_RETENTION_YEARS must be at least 6');

    const { stdout } = await run('npx', ['tsx', 'server/db/retention-cli.ts'], { env: { ...env, RATEDESK_RECORD_RETENTION_YEARS: '6' } });
    expect(stdout).toMatch(/Retention 6 years at .*: removed 0 saved comparison\(s\) received before \d{4}-\d\d-\d\dT.*Audited as RETENTION_PURGE\./);
    expect((await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action_type = 'RETENTION_PURGE'`)).rows[0]?.n).toBe(2);
  }, 60_000);
});
