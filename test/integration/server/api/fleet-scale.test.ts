// The fleet view at 10,000 devices (issue 14: "paged and fast"): the device page and the delivery
// page walk the (last_pull_at, device_id, user_id) index and stop at the page's end (EXPLAIN of the
// very statements the server ran shows no sequential scan of device_receipts), and each answer,
// counts included, comes back well under a second.
import { CompiledQuery, Kysely, PostgresDialect, CamelCasePlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetDeliveryPage, FleetDevicePage } from '../../../../src-shared/admin/fleet.js';
import { createPool } from '../../../../server/db/database.js';
import type { Database } from '../../../../server/db/schema.js';
import { startApiHarness, type ApiHarness } from '../../../support/api.js';

const DEVICES = 10_000;
const REPS = 2_000;

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

let api: ApiHarness;
const statements: Statement[] = [];

/** The app's own pool and role, logging every statement it sends. */
function recordingDatabase(appDatabaseUrl: string): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPool({ connectionString: appDatabaseUrl, max: 4 }) }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    log: (event) => {
      if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
}

async function seedFleet(owner: Kysely<Database>): Promise<void> {
  await sql`
    INSERT INTO users (okta_user_id, email, first_name, last_name)
    SELECT 'fleet-' || n, 'rep' || n || '@fleet.test', 'Rep', 'No. ' || n FROM generate_series(1, ${REPS}) AS n`.execute(owner);
  await sql`
    INSERT INTO devices (device_id, first_seen_at)
    SELECT md5('device' || n)::uuid, now() - interval '90 days' FROM generate_series(1, ${DEVICES}) AS n`.execute(owner);
  // Pulls spread over 60 days, cursors over 0..9999 (every tenth device has none yet).
  await sql`
    INSERT INTO device_receipts (device_id, user_id, first_pull_at, last_pull_at, app_version, protocol_version, cursor_version, checksums)
    SELECT md5('device' || n)::uuid, u.user_id, now() - interval '90 days', now() - (n % 60) * interval '1 day' - n * interval '1 second',
      '1.4.0', 2, CASE WHEN n % 10 = 0 THEN NULL ELSE n END, 'verified'
    FROM generate_series(1, ${DEVICES}) AS n
    JOIN users u ON u.okta_user_id = 'fleet-' || (1 + n % ${REPS})`.execute(owner);
  await sql`ANALYZE users, devices, device_receipts`.execute(owner);
}

async function plansOf(predicate: (statement: Statement) => boolean): Promise<string[]> {
  const picked = statements.filter(predicate);
  expect(picked.length).toBeGreaterThan(0);
  const plans: string[] = [];
  for (const statement of picked) {
    const result = await api.owner.executeQuery(CompiledQuery.raw(`EXPLAIN ${statement.sql}`, [...statement.parameters]));
    plans.push((result.rows as Record<string, string>[]).map((row) => Object.values(row)[0]).join('\n'));
  }
  return plans;
}

async function timed<T>(url: string): Promise<{ body: T; ms: number }> {
  const started = performance.now();
  const response = await api.call(api.tokens.admin, 'GET', url);
  const ms = performance.now() - started;
  expect(response.status, response.body).toBe(200);
  return { body: response.json as T, ms };
}

beforeAll(async () => {
  api = await startApiHarness({ appDatabase: ({ appDatabaseUrl }) => recordingDatabase(appDatabaseUrl) });
  await seedFleet(api.owner);
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('the fleet view with 10,000 devices', () => {
  it('pages devices stalest first by the last-pull index, counts included, in well under a second', async () => {
    await timed('/v1/admin/fleet/devices?limit=100');
    statements.length = 0;
    const first = await timed<FleetDevicePage>('/v1/admin/fleet/devices?limit=100');
    const second = await timed<FleetDevicePage>(`/v1/admin/fleet/devices?limit=100&cursor=${first.body.nextCursor}`);
    console.info(`[fleet-scale] device page of 100 out of ${DEVICES}: ${first.ms.toFixed(1)} ms, next page ${second.ms.toFixed(1)} ms`);
    expect(first.body.total).toBe(DEVICES);
    expect(first.body.devices).toHaveLength(100);
    expect(first.body.devices[0]?.cacheAgeDays).toBe(59);
    expect(first.body.staleCount).toBeGreaterThan(8_000);
    expect((second.body.devices[0]?.lastPullAt ?? '') >= (first.body.devices.at(-1)?.lastPullAt ?? '')).toBe(true);
    expect(Math.max(first.ms, second.ms)).toBeLessThan(300);

    const pagePlans = await plansOf((statement) => statement.sql.includes('ORDER BY r.last_pull_at'));
    for (const plan of pagePlans) {
      expect(plan).toContain('device_receipts_last_pull');
      expect(plan).not.toMatch(/Seq Scan on device_receipts/);
    }
  });

  it('answers who lacks a publication, paged, with both counts, in well under a second', async () => {
    statements.length = 0;
    const lacks = await timed<FleetDeliveryPage>('/v1/admin/fleet/delivery?version=5000&has=false&limit=100');
    const has = await timed<FleetDeliveryPage>('/v1/admin/fleet/delivery?version=5000&has=true&limit=100');
    console.info(`[fleet-scale] delivery pages of 100 out of ${DEVICES}: lacking ${lacks.ms.toFixed(1)} ms, having ${has.ms.toFixed(1)} ms`);
    // Cursors 5000..9999 not a multiple of ten have it (4,500); those below and the 1,000 without a cursor lack it.
    expect([lacks.body.withIt, lacks.body.withoutIt]).toEqual([4_500, 5_500]);
    expect(lacks.body.devices.every((device) => device.cursorVersion === null || BigInt(device.cursorVersion) < 5000n)).toBe(true);
    expect(has.body.devices.every((device) => BigInt(device.cursorVersion ?? '0') >= 5000n)).toBe(true);
    expect(Math.max(lacks.ms, has.ms)).toBeLessThan(300);

    const pagePlans = await plansOf((statement) => statement.sql.includes('ORDER BY r.last_pull_at'));
    for (const plan of pagePlans) expect(plan).not.toMatch(/Seq Scan on device_receipts/);
  });
});
