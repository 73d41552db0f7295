// On a stock PostgreSQL (Debian's PostgreSQL 15 with its default settings, as .ci/run starts it,
// given by RATEDESK_TEST_SYSTEM_PG_URL): the server's statements are planned with estimates that
// match reality and are never JIT-compiled, and an empty delta pull answers in milliseconds. The
// embedded build has no JIT at all, so only a stock server shows this (issue 9: every pull used to
// spend 1.6 s compiling, because a never-analyzed one-row table blew the estimate up to 3.65e9 rows).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../../server/db/database.js';
import type { Database } from '../../../../server/db/schema.js';
import { checkDatabaseSettings } from '../../../../server/db/settings-check.js';
import { seedIfEmpty } from '../../../../server/seed/seed-demo.js';
import { pullStatement } from '../../../../server/sync/pull.js';
import { readSyncPosition } from '../../../../server/sync/sync-position.js';
import type { PullResponse } from '../../../../src-shared/sync/protocol.js';
import { productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';

const systemUrl = process.env.RATEDESK_TEST_SYSTEM_PG_URL;
if (!systemUrl) {
  console.warn(
    'skipped: the stock-PostgreSQL plan tests need RATEDESK_TEST_SYSTEM_PG_URL, a superuser URL of a stock PostgreSQL 15 with JIT (.ci/run starts Debian\'s)',
  );
}

const SERVER_ENTRY = fileURLToPath(new URL('../../../../server/server.ts', import.meta.url));

/** PostgreSQL's default: a statement whose estimated cost is above this is JIT-compiled when jit is on. */
const JIT_ABOVE_COST = 100_000;

interface ExplainedPlan {
  'Query Text'?: string;
  Plan: { 'Node Type': string; 'Total Cost': number; 'Plan Rows': number; 'Actual Rows'?: number };
  JIT?: unknown;
  'Execution Time'?: number;
}

const seedDemo = async (ownerUrl: string) => {
  await seedIfEmpty(ownerUrl, { size: 'demo' });
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function pullAll(api: ApiHarness, baseUrl: string, token: string): Promise<string> {
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const response = await fetch(`${baseUrl}/v1/sync/pull?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as PullResponse;
    cursor = body.cursor;
    if (!body.hasMore) return cursor;
  }
  throw new Error('the first sync did not end within 100 pages');
}

describe.skipIf(!systemUrl)('the server on a stock PostgreSQL 15 (default settings, JIT available)', () => {
  let api: ApiHarness;
  let baseUrl: string;
  let explain: pg.Client;

  beforeAll(async () => {
    api = await startApiHarness({ clusterUrl: systemUrl!, prepare: seedDemo });
    baseUrl = await api.app.listen({ port: 0, host: '127.0.0.1' });
    explain = new pg.Client({ connectionString: api.appDatabaseUrl });
    await explain.connect();
  });

  afterAll(async () => {
    await explain?.end();
    await api?.close();
  });

  it('is a server that JIT-compiles expensive statements unless told not to', async () => {
    const admin = new pg.Client({ connectionString: systemUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ jit: string; available: boolean }>(
        `SELECT current_setting('jit') AS jit, pg_jit_available() AS available`,
      );
      // A test that passed on a server without JIT would prove nothing.
      expect(rows[0]).toEqual({ jit: 'on', available: true });
    } finally {
      await admin.end();
    }
  });

  it('connects the server with jit off (set for the database by a migration), so the start-up check has nothing to say', async () => {
    const { rows } = await explain.query<{ jit: string }>(`SELECT current_setting('jit') AS jit`);
    expect(rows[0]?.jit).toBe('off');
    expect(await checkDatabaseSettings({ writer: api.app.db, reader: api.app.readDb })).toEqual([]);
  });

  it('warns at start-up, naming the setting and the role, when its role has jit on', async () => {
    const role = new URL(api.appDatabaseUrl).username;
    await sql`ALTER ROLE ${sql.id(role)} SET jit = on`.execute(api.owner);
    const server = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: api.appDatabaseUrl, DATABASE_SSL: 'disable', OKTA_ISSUER: api.idp.issuer, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const warning = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no jit warning within 30 s; output: ${output}`)), 30_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const line = output.split('\n').find((candidate) => candidate.includes('setting jit is on'));
          if (line) {
            clearTimeout(timer);
            resolve(line);
          }
        };
        server.stdout.on('data', read);
        server.stderr.on('data', read);
        server.once('exit', (code) => reject(new Error(`the server exited (${code}) before warning: ${output}`)));
      });
      expect(JSON.parse(warning)).toMatchObject({ level: 40, msg: expect.stringContaining(`for role "${role}"`) });
      expect(warning).toContain('ALTER ROLE');
    } finally {
      server.kill('SIGKILL');
      await sql`ALTER ROLE ${sql.id(role)} RESET jit`.execute(api.owner);
    }
  });

  it('answers an empty delta pull of the demo catalog in under 20 ms at p50, over real HTTP', async () => {
    const cursor = await pullAll(api, baseUrl, api.tokens.rep);
    const url = `${baseUrl}/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`;
    const headers = { authorization: `Bearer ${api.tokens.rep}` };
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const started = performance.now();
      const response = await fetch(url, { headers });
      const body = (await response.json()) as PullResponse;
      times.push(performance.now() - started);
      expect(response.status).toBe(200);
      expect(body.changes.products).toEqual([]);
    }
    const p50 = median(times.slice(5));
    console.log(`[stock-postgres] empty delta pull over HTTP: p50 ${p50.toFixed(2)} ms, max ${Math.max(...times.slice(5)).toFixed(2)} ms`);
    expect(p50).toBeLessThan(20);
  });

  it('plans the pull with a one-row estimate and runs it in milliseconds with no JIT, even with jit forced on', async () => {
    const userId = (await api.owner.selectFrom('users').select('userId').where('email', '=', 'rep@ratedesk.test').executeTakeFirstOrThrow()).userId;
    const state = await readSyncPosition(api.app.db, userId);
    const cases = [
      { name: 'empty delta', after: state.highWater, epoch: state.epoch as string | null, maxMs: 5 },
      { name: 'first page of a first sync', after: '0', epoch: null, maxMs: 100 },
    ];
    for (const jit of ['off', 'on']) {
      // 'on' is what a server gets whose database setting was not made (a migrator that does not own
      // the database, or a parameter group that turns it back on): the plan itself must stay cheap.
      await explain.query(`SET jit = ${jit}`);
      for (const { name, after, epoch, maxMs } of cases) {
        const compiled = pullStatement(after, epoch, 1000, userId).compile(api.app.db);
        const executions: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const { rows } = await explain.query<{ 'QUERY PLAN': [ExplainedPlan] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]);
          const plan = rows[0]!['QUERY PLAN'][0];
          expect(plan.JIT, `${name}, jit ${jit}: the plan was JIT-compiled`).toBeUndefined();
          expect(plan.Plan['Total Cost'], `${name}, jit ${jit}`).toBeLessThan(JIT_ABOVE_COST);
          // The pull answers one row, and the planner knows it (it estimated 3.65e9 before).
          expect([plan.Plan['Plan Rows'], plan.Plan['Actual Rows']]).toEqual([1, 1]);
          executions.push(plan['Execution Time'] ?? Number.NaN);
        }
        const ms = median(executions);
        console.log(`[stock-postgres] pull, ${name}, jit ${jit}: execution p50 ${ms.toFixed(2)} ms`);
        expect(ms, `${name}, jit ${jit}: execution time`).toBeLessThan(maxMs);
      }
    }
    await explain.query('RESET jit');
  });
});

/**
 * A writer for the app that connects as the superuser, loads auto_explain with every plan sent back
 * as a NOTICE (nested statements included: triggers, functions), turns jit on as a stock server
 * has it, then becomes the app's least-privileged role, so the statements run exactly as the server
 * runs them and each one's plan is captured.
 */
function explainingDatabase(ownerUrl: string, role: string, plans: ExplainedPlan[]): Kysely<Database> {
  const pool = createPool({ connectionString: ownerUrl, max: 4 });
  pool.on('connect', (client) => {
    client.on('notice', (notice) => {
      const text = notice.message ?? '';
      const start = text.indexOf('{');
      if (text.startsWith('duration:') && start >= 0) plans.push(JSON.parse(text.slice(start)) as ExplainedPlan);
    });
  });
  const setup = [
    `LOAD 'auto_explain'`,
    'SET auto_explain.log_min_duration = 0',
    'SET auto_explain.log_nested_statements = on',
    'SET auto_explain.log_format = json',
    'SET auto_explain.log_level = notice',
    'SET jit = on',
    `SET ROLE ${pg.escapeIdentifier(role)}`,
  ];
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        for (const statement of setup) await connection.executeQuery(CompiledQuery.raw(statement));
      },
    }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

describe.skipIf(!systemUrl)('every statement the server runs often, on a stock PostgreSQL 15 with jit on', () => {
  let api: ApiHarness;
  const plans: ExplainedPlan[] = [];

  beforeAll(async () => {
    api = await startApiHarness({
      clusterUrl: systemUrl!,
      prepare: seedDemo,
      appDatabase: ({ ownerUrl, role }) => explainingDatabase(ownerUrl, role, plans),
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('is estimated below jit_above_cost, so none is JIT-compiled: sign-in, sync, uploads, admin writes, rate sheets and the audit log', async () => {
    const ok = (response: { status: number; body: string }, status = 200) => expect(response.status, response.body).toBe(status);
    ok(await api.call(api.tokens.rep, 'GET', '/v1/me'));
    ok(await api.call(api.tokens.admin, 'GET', '/v1/me'));

    // A first sync, an empty delta, the checksums.
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const response = await api.call(api.tokens.rep, 'GET', `/v1/sync/pull?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      ok(response);
      const body = response.json as PullResponse;
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    for (let i = 0; i < 7; i += 1) ok(await api.call(api.tokens.rep, 'GET', `/v1/sync/pull?cursor=${encodeURIComponent(cursor!)}`));
    ok(await api.call(api.tokens.rep, 'GET', '/v1/sync/checksums'));

    // Admin writes: a product, its window, rates published, one retracted, a rate sheet previewed and published.
    const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(901) }));
    ok(created, 201);
    const { productId } = created.json as { productId: string };
    ok(await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${productId}`, { description: 'Edited on a stock server' }));
    ok(await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productId}/availability`, { startDate: '2026-01-01', endDate: null }), 201);
    const published = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productId}/rates`, { baseRate: '4.9', bonusRate: '0', effectiveDate: '2099-01-01' });
    ok(published, 201);
    const { rateHistoryId } = published.json as { rateHistoryId: string };
    ok(await api.call(api.tokens.admin, 'POST', `/v1/admin/rates/${rateHistoryId}/retract`, { reason: 'Published by mistake' }));
    const sheet = `cusip,base_rate,bonus_rate,effective_date\n${testCusip(901)},4.80,0.50,2099-02-01\n`;
    for (const dryRun of [true, false]) ok(await api.call(api.tokens.admin, 'POST', `/v1/admin/rate-sheets?dryRun=${dryRun}`, sheet, { 'content-type': 'text/csv' }));

    // A rep uploads a comparison; the next pull brings the admin's changes and the rep's record.
    const comparisonId = crypto.randomUUID();
    const pushed = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', {
      comparisons: [
        {
          comparisonId,
          comparisonDate: '2026-12-03T15:00:00.000Z',
          asOfDate: '2026-12-03',
          investmentAmount: '100000.00',
          horizonYears: 5,
          clientReference: 'Stock server check',
          inputs: { premium: '100000.00', years: 5 },
          results: { products: [{ productId, endingValue: '125000.00' }] },
          engineVersion: 'projection-rules-1',
          items: [{ position: 1, productId, rateHistoryId: null, baseRate: '4.5000', bonusRate: '0.0000', productSnapshot: { productId } }],
        },
      ],
    });
    ok(pushed);
    ok(await api.call(api.tokens.rep, 'GET', `/v1/sync/pull?cursor=${encodeURIComponent(cursor!)}`));

    // Compliance reads the audit log.
    ok(await api.call(api.tokens.compliance, 'GET', '/v1/audit?limit=50'));
    ok(await api.call(api.tokens.compliance, 'GET', `/v1/audit?recordId=${productId}`));

    const text = (plan: ExplainedPlan) => (plan['Query Text'] ?? '').replace(/\s+/g, ' ').slice(0, 160);
    // The capture works: many statements, the pull among them.
    expect(plans.length).toBeGreaterThan(40);
    expect(plans.some((plan) => text(plan).includes('prepared sync_pull'))).toBe(true);
    const jitted = plans.filter((plan) => plan.JIT !== undefined).map(text);
    expect(jitted, 'statements that were JIT-compiled').toEqual([]);
    const costly = plans.filter((plan) => plan.Plan['Total Cost'] >= JIT_ABOVE_COST).map((plan) => `${plan.Plan['Total Cost']}: ${text(plan)}`);
    expect(costly, 'statements estimated above jit_above_cost').toEqual([]);
    const highest = [...plans].sort((a, b) => b.Plan['Total Cost'] - a.Plan['Total Cost'])[0]!;
    console.log(`[stock-postgres] ${plans.length} statements captured, none JIT-compiled; highest estimate ${highest.Plan['Total Cost']} (${text(highest)})`);
  });
});
