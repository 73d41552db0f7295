// Least privilege, checked by logging in the way the server does: as a LOGIN role that is a member
// of ratedesk_app (and, for reports, of ratedesk_readonly). Every refusal is SQLSTATE 42501.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLoginRole, migrateToLatest } from '../../../../server/db/migrate.js';
import { adminUrl, createEmptyDatabase, type TestDatabase } from '../../../support/database.js';

const DENIED = '42501';
const suffix = randomBytes(4).toString('hex');
const appLogin = { role: `test_app_${suffix}`, password: `pw-${randomBytes(8).toString('hex')}` };
const readonlyLogin = { role: `test_ro_${suffix}`, password: `pw-${randomBytes(8).toString('hex')}` };

let testDb: TestDatabase;
let owner: pg.Client;
let app: pg.Client;
let readonly: pg.Client;

function loginUrl(login: { role: string; password: string }): string {
  const url = new URL(testDb.url);
  url.username = login.role;
  url.password = login.password;
  return url.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

beforeAll(async () => {
  testDb = await createEmptyDatabase('roles');
  await migrateToLatest(testDb.url);
  await ensureLoginRole(adminUrl(), appLogin);
  await ensureLoginRole(adminUrl(), { ...readonlyLogin, memberOf: 'ratedesk_readonly' });
  owner = await connect(testDb.url);
  app = await connect(loginUrl(appLogin));
  readonly = await connect(loginUrl(readonlyLogin));
});

afterAll(async () => {
  await app?.end();
  await readonly?.end();
  await owner?.end();
  await testDb?.drop();
  const admin = await connect(adminUrl());
  try {
    for (const login of [appLogin, readonlyLogin]) await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(login.role)}`);
  } finally {
    await admin.end();
  }
});

const product = (cusip: string) => ({
  text: `INSERT INTO products (cusip, product_name, product_type, issuer_name, minimum_investment, base_rate,
           term_years, guaranteed_minimum_rate, compounding, created_by, updated_by)
         VALUES ($1, 'Harborview CD 12', 'CD', 'Harborview Bank', '1000.00', '4.1000', 1, '0.0000', 'daily', 'admin', 'admin')
         RETURNING product_id, change_version`,
  values: [cusip],
});

describe('the application role (ratedesk_app)', () => {
  let productId: string;

  it('inserts, reads and updates catalog rows; the trigger stamps a change version', async () => {
    const inserted = await app.query(product('037833100'));
    productId = inserted.rows[0].product_id;
    expect(inserted.rows[0].change_version).toMatch(/^\d+$/);
    const updated = await app.query(`UPDATE products SET is_active = false WHERE product_id = $1 RETURNING change_version`, [productId]);
    expect(BigInt(updated.rows[0].change_version)).toBeGreaterThan(BigInt(inserted.rows[0].change_version));
    const read = await app.query('SELECT is_active FROM products WHERE product_id = $1', [productId]);
    expect(read.rows).toEqual([{ is_active: false }]);
  });

  it('cannot DELETE a product (catalog rows are soft-deleted)', async () => {
    await expect(app.query('DELETE FROM products WHERE product_id = $1', [productId])).rejects.toMatchObject({ code: DENIED });
  });

  it('appends to and reads the audit log, but can neither UPDATE, DELETE nor TRUNCATE it', async () => {
    const inserted = await app.query(
      `INSERT INTO audit_log (action_type, table_name, record_id, new_values) VALUES ('DEACTIVATE', 'products', $1, '{"isActive": false}')
       RETURNING audit_id, occurred_at, tableoid::regclass::text AS partition`,
      [productId],
    );
    const { audit_id: auditId, partition } = inserted.rows[0];
    const read = await app.query('SELECT action_type FROM audit_log WHERE audit_id = $1', [auditId]);
    expect(read.rows).toEqual([{ action_type: 'DEACTIVATE' }]);

    await expect(app.query(`UPDATE audit_log SET action_type = 'CREATE' WHERE audit_id = $1`, [auditId])).rejects.toMatchObject({ code: DENIED });
    await expect(app.query('DELETE FROM audit_log WHERE audit_id = $1', [auditId])).rejects.toMatchObject({ code: DENIED });
    await expect(app.query('TRUNCATE audit_log')).rejects.toMatchObject({ code: DENIED });
    // Nor through the partition the row landed in.
    expect(partition).toMatch(/^audit_log_\d{4}_\d{2}$/);
    await expect(app.query(`DELETE FROM ${partition} WHERE audit_id = $1`, [auditId])).rejects.toMatchObject({ code: DENIED });
    await expect(app.query(`UPDATE ${partition} SET action_type = 'CREATE' WHERE audit_id = $1`, [auditId])).rejects.toMatchObject({ code: DENIED });

    const still = await owner.query('SELECT action_type FROM audit_log WHERE audit_id = $1', [auditId]);
    expect(still.rows).toEqual([{ action_type: 'DEACTIVATE' }]);
  });

  it('saves a comparison but cannot change or delete it afterwards (a compliance record)', async () => {
    const user = await app.query(
      `INSERT INTO users (okta_user_id, email, first_name, last_name) VALUES ('00u-rep', 'rep@ratedesk.example', 'Rita', 'Rep') RETURNING user_id`,
    );
    const comparisonId = crypto.randomUUID();
    await app.query(
      `INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results, engine_version)
       VALUES ($1, $2, now(), '50000.00', 5, '2026-11-24', '{}', '{}', '1.0.0')`,
      [comparisonId, user.rows[0].user_id],
    );
    await app.query(
      `INSERT INTO product_comparison_items (comparison_id, position, product_id, base_rate, bonus_rate, product_snapshot)
       VALUES ($1, 1, $2, '4.1000', '0.0000', '{}')`,
      [comparisonId, productId],
    );
    await expect(
      app.query(`UPDATE product_comparisons SET investment_amount = '1.00' WHERE comparison_id = $1`, [comparisonId]),
    ).rejects.toMatchObject({ code: DENIED });
    await expect(app.query(`UPDATE product_comparison_items SET base_rate = '9.0000' WHERE comparison_id = $1`, [comparisonId])).rejects.toMatchObject({
      code: DENIED,
    });
    await expect(app.query('DELETE FROM product_comparisons WHERE comparison_id = $1', [comparisonId])).rejects.toMatchObject({ code: DENIED });
    const saved = await app.query('SELECT investment_amount FROM product_comparisons WHERE comparison_id = $1', [comparisonId]);
    expect(saved.rows).toEqual([{ investment_amount: '50000.00' }]);
  });

  it('has no DDL rights: no CREATE TABLE, no ALTER or DROP of existing tables', async () => {
    await expect(app.query('CREATE TABLE sneaky (id int)')).rejects.toMatchObject({ code: DENIED });
    await expect(app.query('ALTER TABLE products DROP CONSTRAINT products_base_rate_range')).rejects.toMatchObject({ code: DENIED });
    await expect(app.query('DROP TABLE rate_history')).rejects.toMatchObject({ code: DENIED });
    await expect(app.query('CREATE INDEX ON products (product_name)')).rejects.toMatchObject({ code: DENIED });
  });

  it('can run the partition maintenance without DDL rights; the partitions belong to the owner', async () => {
    const created = await app.query('SELECT ensure_audit_partitions(14) AS name');
    expect(created.rows.length).toBeGreaterThan(0);
    for (const { name } of created.rows as { name: string }[]) {
      const ownerOf = await owner.query(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = $1::regclass`, [name]);
      expect(ownerOf.rows[0].owner).not.toBe(appLogin.role);
      // A new partition is as append-only for the application as the older ones.
      await expect(app.query(`DELETE FROM ${name}`)).rejects.toMatchObject({ code: DENIED });
    }
    const again = await app.query('SELECT ensure_audit_partitions(14) AS name');
    expect(again.rows).toEqual([]);
  });

  it('cannot rewrite the sequence-based change versions by hand', async () => {
    const inserted = await app.query(
      `INSERT INTO products (cusip, product_name, product_type, issuer_name, minimum_investment, base_rate,
         term_years, guaranteed_minimum_rate, compounding, created_by, updated_by, change_version)
       VALUES ('594918104', 'Sneaky', 'CD', 'Bank', '1000.00', '4.0000', 1, '0.0000', 'daily', 'admin', 'admin', 1)
       RETURNING change_version`,
    );
    expect(BigInt(inserted.rows[0].change_version)).toBeGreaterThan(1n);
  });
});

describe('the read-only role (ratedesk_readonly)', () => {
  it('reads every table but writes none', async () => {
    const rows = await readonly.query('SELECT count(*)::int AS n FROM products');
    expect(rows.rows[0].n).toBeGreaterThan(0);
    await expect(readonly.query('SELECT count(*) FROM audit_log')).resolves.toBeTruthy();
    await expect(readonly.query(product('88160R101'))).rejects.toMatchObject({ code: DENIED });
    await expect(readonly.query(`INSERT INTO audit_log (action_type) VALUES ('LOGIN')`)).rejects.toMatchObject({ code: DENIED });
    await expect(readonly.query('UPDATE products SET is_active = true')).rejects.toMatchObject({ code: DENIED });
    await expect(readonly.query('SELECT ensure_audit_partitions(3)')).rejects.toMatchObject({ code: DENIED });
  });
});
