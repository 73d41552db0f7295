// audit_log is partitioned by UTC month; maintenance creates months ahead and never lets an insert
// fail. Also here: the change versions that the sync cursor relies on.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../../server/db/migrate.js';
import { createEmptyDatabase, type TestDatabase } from '../../../support/database.js';

let testDb: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  testDb = await createEmptyDatabase('audit');
  await migrateToLatest(testDb.url);
  // Bounds print in the session's time zone; UTC makes the expected text independent of the laptop's.
  pool = new pg.Pool({ connectionString: testDb.url, max: 4, options: '-c TimeZone=UTC' });
});

afterAll(async () => {
  await pool?.end();
  await testDb?.drop();
});

/** First instant of the UTC month `offset` months from now, and its partition name. */
function utcMonth(offset: number): { start: Date; name: string } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  const name = `audit_log_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
  return { start, name };
}

async function partitions(): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_log'::regclass`,
  );
  return new Map(rows.map((row) => [row.name, row.bound]));
}

async function insertAudit(occurredAt: Date | null): Promise<{ auditId: string; partition: string }> {
  const { rows } = await pool.query<{ audit_id: string; partition: string }>(
    `INSERT INTO audit_log (occurred_at, action_type, table_name, new_values)
     VALUES (coalesce($1::timestamptz, now()), 'PUBLISH', 'rate_history', '{"baseRate": "4.5000"}')
     RETURNING audit_id, tableoid::regclass::text AS partition`,
    [occurredAt],
  );
  const row = rows[0];
  if (!row) throw new Error('no row returned');
  return { auditId: row.audit_id, partition: row.partition };
}

async function partitionOf(auditId: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ partition: string }>('SELECT tableoid::regclass::text AS partition FROM audit_log WHERE audit_id = $1', [auditId]);
  return rows[0]?.partition;
}

describe('audit_log partitions', () => {
  it('exist for the current month and at least the next two, with UTC month bounds, plus a default', async () => {
    const existing = await partitions();
    for (const offset of [0, 1, 2]) {
      const { start, name } = utcMonth(offset);
      const end = utcMonth(offset + 1).start;
      expect(existing.get(name), name).toBe(
        `FOR VALUES FROM ('${start.toISOString().slice(0, 10)} 00:00:00+00') TO ('${end.toISOString().slice(0, 10)} 00:00:00+00')`,
      );
    }
    expect(existing.get('audit_log_default')).toBe('DEFAULT');
  });

  it('routes a row to the partition of its UTC month, at the exact month boundary', async () => {
    const next = utcMonth(1);
    const atBoundary = await insertAudit(next.start);
    expect(atBoundary.partition).toBe(next.name);
    const justBefore = await insertAudit(new Date(next.start.getTime() - 1));
    expect(justBefore.partition).toBe(utcMonth(0).name);
    const now = await insertAudit(null);
    expect(now.partition).toMatch(new RegExp(`^(${utcMonth(0).name}|${next.name})$`));
  });

  it('ensure_audit_partitions is idempotent', async () => {
    const before = await partitions();
    const { rows } = await pool.query('SELECT ensure_audit_partitions() AS created');
    expect(rows).toEqual([]);
    expect(await partitions()).toEqual(before);
  });

  it('never fails an insert: a row five years ahead lands in the default partition, and moves out when its month is created', async () => {
    const target = utcMonth(60);
    const farFuture = new Date(target.start.getTime() + 10 * 86_400_000 + 12_345);
    const { auditId, partition } = await insertAudit(farFuture);
    expect(partition).toBe('audit_log_default');
    const before = await pool.query('SELECT * FROM audit_log WHERE audit_id = $1', [auditId]);

    const { rows } = await pool.query<{ created: string }>('SELECT ensure_audit_partitions(61) AS created');
    const created = rows.map((row) => row.created);
    expect(created).toContain(target.name);
    expect(created).toContain(utcMonth(61).name);
    expect(created).not.toContain(utcMonth(0).name);

    expect(await partitionOf(auditId)).toBe(target.name);
    const inDefault = await pool.query('SELECT count(*)::int AS n FROM audit_log_default WHERE audit_id = $1', [auditId]);
    expect(inDefault.rows[0].n).toBe(0);
    const after = await pool.query('SELECT * FROM audit_log WHERE audit_id = $1', [auditId]);
    expect(after.rows).toEqual(before.rows);
    expect(after.rows[0].occurred_at.getTime()).toBe(farFuture.getTime());
  });

  it('refuses a nonsensical look-ahead with a clear error', async () => {
    await expect(pool.query('SELECT ensure_audit_partitions(-1)')).rejects.toMatchObject({
      code: '22023',
      message: expect.stringContaining('months_ahead must be between 0 and 240'),
    });
  });
});

describe('change versions', () => {
  const insertProduct = (client: pg.PoolClient | pg.Pool, cusip: string) =>
    client.query<{ product_id: string; change_version: string; change_tx: string; updated_at: Date }>(
      `INSERT INTO products (cusip, product_name, product_type, issuer_name, minimum_investment, base_rate,
         term_years, guaranteed_minimum_rate, compounding, created_by, updated_by)
       VALUES ($1, 'Summit Ridge Secure 3', 'MYGA', 'Summit Ridge Life', '10000.00', '4.0000', 3, '1.0000', 'annual', 'admin', 'admin')
       RETURNING product_id, change_version, change_tx, updated_at`,
      [cusip],
    );

  it('increase across transactions, for every synced table, and on every update', async () => {
    const product = (await insertProduct(pool, '037833100')).rows[0]!;
    const window = (
      await pool.query(
        `INSERT INTO product_availability (product_id, start_date, created_by) VALUES ($1, '2026-01-01', 'admin') RETURNING change_version`,
        [product.product_id],
      )
    ).rows[0];
    const rate = (
      await pool.query(
        `INSERT INTO rate_history (product_id, base_rate, effective_date, created_by) VALUES ($1, '4.0000', '2026-01-01', 'admin')
         RETURNING rate_history_id, change_version`,
        [product.product_id],
      )
    ).rows[0];
    const user = (await pool.query(`INSERT INTO users (okta_user_id, email) VALUES ('00u-cv', 'cv@ratedesk.example') RETURNING user_id`)).rows[0];
    const comparisonId = crypto.randomUUID();
    const comparison = (
      await pool.query(
        `INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results, engine_version)
         VALUES ($1, $2, now(), '10000.00', 3, '2026-11-24', '{}', '{}', '1') RETURNING change_version`,
        [comparisonId, user.user_id],
      )
    ).rows[0];
    const item = (
      await pool.query(
        `INSERT INTO product_comparison_items (comparison_id, position, product_id, rate_history_id, base_rate, bonus_rate, product_snapshot)
         VALUES ($1, 1, $2, $3, '4.0000', '0.0000', '{}') RETURNING change_version`,
        [comparisonId, product.product_id, rate.rate_history_id],
      )
    ).rows[0];
    const updated = (
      await pool.query(`UPDATE products SET base_rate = '4.2500', updated_by = 'admin2' WHERE product_id = $1 RETURNING change_version, updated_at`, [
        product.product_id,
      ])
    ).rows[0];

    const versions = [product.change_version, window.change_version, rate.change_version, comparison.change_version, item.change_version, updated.change_version].map(
      (v: string) => BigInt(v),
    );
    for (let i = 1; i < versions.length; i += 1) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
    expect(updated.updated_at.getTime()).toBeGreaterThanOrEqual(product.updated_at.getTime());
  });

  it('rows written in one transaction share change_tx and get consecutive versions', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const a = (await insertProduct(client, '594918104')).rows[0]!;
      const b = (await insertProduct(client, '88160R101')).rows[0]!;
      const txid = (await client.query<{ txid: string }>('SELECT txid_current()::text AS txid')).rows[0]!.txid;
      await client.query('COMMIT');
      expect(a.change_tx).toBe(txid);
      expect(b.change_tx).toBe(txid);
      expect(BigInt(b.change_version)).toBe(BigInt(a.change_version) + 1n);
    } finally {
      client.release();
    }
  });

  it('serializes writers, so a version drawn earlier is never committed after a later one is visible', async () => {
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query('BEGIN');
      const early = (await insertProduct(first, '46625H100')).rows[0]!;

      await second.query('BEGIN');
      let secondDone = false;
      const late = insertProduct(second, '02079K305').then((result) => {
        secondDone = true;
        return result.rows[0]!;
      });
      // The second writer waits on the sync lock while the first is open...
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(secondDone).toBe(false);
      const waiting = await pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
      expect(waiting.rows[0].n).toBe(1);

      // ...and draws its version only after the first has committed.
      await first.query('COMMIT');
      const lateRow = await late;
      await second.query('COMMIT');
      expect(BigInt(lateRow.change_version)).toBeGreaterThan(BigInt(early.change_version));
    } finally {
      first.release();
      second.release();
    }
  });
});
