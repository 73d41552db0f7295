// PostgreSQL itself stopped (fast shutdown: every session terminated) and started again while
// desktop clients and raw HTTP pullers pull continuously and an admin publishes, against one API
// server that is never restarted. The test cluster is shared by every test file, so this runs on an
// embedded PostgreSQL of its own. Every answer must be a 200/304, or a 503 problem with Retry-After
// while the database is away (never a 500, never a hang); afterwards each client equals the server.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadServerConfig } from '../../server/config.js';
import { createDatabase } from '../../server/db/database.js';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../../server/db/embedded.js';
import { ensureLoginRole, migrateToLatest } from '../../server/db/migrate.js';
import type { Database } from '../../server/db/schema.js';
import { startDevIdentityProvider, type RunningDevIdentityProvider } from '../../server/dev-idp/provider.js';
import { getTokensByScriptedSignIn } from '../../server/dev-idp/scripted-sign-in.js';
import { md5Hex } from '../../server/sync/row-hash.js';
import { readComparisonsChecksum } from '../../src-main/sync/apply-page.js';
import { catalogChecksums } from '../../src-main/sync/local-checksums.js';
import { ChecksumReport } from '../../src-shared/sync/protocol.js';
import { DEMO_LOGINS, withCredentials } from './api.js';
import { apiClient, engineFor, openClient, tempFolder } from './client-sync-harness.js';
import { withDatabase } from './database.js';
import { compareCacheWithServer, reportFault, seededRandom, sleep, userIdOf } from './fault-report.js';
import { catalog, loadCatalogInTransactions } from './sync-fixtures.js';

export interface PostgresRestartOptions {
  restarts: number;
  /** How long PostgreSQL stays down each time. */
  outageMs: number;
  /** Desktop sync engines pulling in a loop. */
  clients: number;
  /** Raw HTTP pullers (small pages, following cursors) that check every answer. */
  pullers: number;
  seed: number;
}

interface Environment {
  dataDir: string;
  pgPort: number;
  postgres: RunningPostgres;
  owner: Kysely<Database>;
  idp: RunningDevIdentityProvider;
  app: FastifyInstance;
  baseUrl: string;
  rep: string;
  admin: string;
  productIds: string[];
  folder: ReturnType<typeof tempFolder>;
}

const DATABASE = 'ratedesk_fault';

export function usePostgresRestartEnvironment(products = 120): () => Environment {
  let env: Environment | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-fault-pg-'));
    cleanups.push(() => rm(parent, { recursive: true, force: true }));
    const dataDir = path.join(parent, 'data');
    const pgPort = await freePort();
    const postgres = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
    const state = { postgres };
    cleanups.push(() => state.postgres.stop());
    const superuser = new pg.Client({ connectionString: postgres.adminUrl });
    await superuser.connect();
    await superuser.query(`CREATE DATABASE ${DATABASE}`);
    await superuser.end();
    const url = withDatabase(postgres.adminUrl, DATABASE);
    await migrateToLatest(url);
    await ensureLoginRole(postgres.adminUrl, { role: 'fault_app', password: 'fault-app-pw' });
    const owner = createDatabase({ connectionString: url, max: 2 }, { onIdleClientError: () => undefined });
    cleanups.push(() => owner.destroy());
    await loadCatalogInTransactions(owner, catalog(products), 25);

    const idp = await startDevIdentityProvider({ port: 0 });
    cleanups.push(() => idp.close());
    const config = loadServerConfig({
      DATABASE_URL: withCredentials(url, 'fault_app', 'fault-app-pw'),
      OKTA_ISSUER: idp.issuer,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '1000000',
      READINESS_TIMEOUT_MS: '1000',
    });
    const app = await buildApp({ config, logger: false });
    cleanups.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const signIn = async (who: 'rep' | 'admin') => (await getTokensByScriptedSignIn({ issuer: idp.issuer, ...DEMO_LOGINS[who] })).accessToken;
    const [rep, admin] = await Promise.all([signIn('rep'), signIn('admin')]);
    const productIds = (await owner.selectFrom('products').select('productId').execute()).map((row) => row.productId);
    const folder = tempFolder('pg-restart-');
    cleanups.push(async () => folder.remove());
    env = {
      dataDir,
      pgPort,
      get postgres() {
        return state.postgres;
      },
      set postgres(next: RunningPostgres) {
        state.postgres = next;
      },
      owner,
      idp,
      app,
      baseUrl,
      rep,
      admin,
      productIds,
      folder,
    };
  }, 180_000);
  afterAll(async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  });
  return () => {
    if (!env) throw new Error('the PostgreSQL restart environment did not start');
    return env;
  };
}

interface Answers {
  ok: number;
  unavailable: number;
  /** Anything else: a 500, a 503 without Retry-After or problem body, a timeout. */
  bad: string[];
}

async function call(env: Environment, token: string, method: string, url: string, answers: Answers, body?: unknown): Promise<Response | null> {
  try {
    const response = await fetch(`${env.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // Far above any healthy answer: reaching it means the server hung on the dead database.
      signal: AbortSignal.timeout(20_000),
    });
    if (response.status === 503) {
      const text = await response.text();
      const retryAfter = Number(response.headers.get('retry-after'));
      if (!(retryAfter > 0) || !response.headers.get('content-type')?.includes('application/problem+json') || !text.includes('service-unavailable')) {
        answers.bad.push(`503 without Retry-After/problem: ${text.slice(0, 200)}`);
      } else {
        answers.unavailable += 1;
      }
      return null;
    }
    if (response.status >= 500) {
      answers.bad.push(`${method} ${url}: ${response.status} ${(await response.text()).slice(0, 200)}`);
      return null;
    }
    answers.ok += 1;
    return response;
  } catch (error) {
    answers.bad.push(`${method} ${url}: no answer (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

export async function runPostgresRestartScenario(env: Environment, options: PostgresRestartOptions, name = 'postgres-restart'): Promise<void> {
  const dice = seededRandom(options.seed);
  const answers: Answers = { ok: 0, unavailable: 0, bad: [] };
  let stop = false;
  let down = false;
  let okAfterLastRestart = 0;
  let restartsDone = 0;

  const puller = async () => {
    let cursor: string | null = null;
    while (!stop) {
      const query: string = cursor === null ? 'limit=50' : `limit=50&cursor=${encodeURIComponent(cursor)}`;
      const response = await call(env, env.rep, 'GET', `/v1/sync/pull?${query}`, answers);
      if (response) {
        const page = (await response.json()) as { cursor: string; hasMore: boolean };
        cursor = page.hasMore ? page.cursor : null;
        if (restartsDone === options.restarts && !down) okAfterLastRestart += 1;
      } else {
        await sleep(50);
      }
    }
  };

  const handles = await Promise.all(Array.from({ length: options.clients }, (_, n) => openClient(`${env.folder.path}/${name}-${options.seed}-${n}.sqlite`)));
  const engines = handles.map((handle) => engineFor(handle, apiClient(env.baseUrl, env.rep), { pageLimit: 40 + Math.floor(dice() * 100) }));
  let clientRuns = 0;
  let failedRuns = 0;
  const client = async (index: number) => {
    const engine = engines[index];
    if (!engine) return;
    while (!stop) {
      const outcome = await engine.runNow('timer');
      clientRuns += 1;
      if (!outcome.ok) {
        failedRuns += 1;
        // Only the outage may stop a run, and it says so (never an unexpected error).
        if (!/unavailable|offline|Retry|connection|terminated|fetch failed|socket/i.test(outcome.status.reason ?? '')) {
          answers.bad.push(`client run failed: ${outcome.status.state} ${outcome.status.reason ?? ''}`);
        }
        await sleep(100);
      }
    }
  };

  let publishes = 0;
  const publisher = async () => {
    let day = 0;
    while (!stop) {
      day += 1;
      const productId = env.productIds[Math.floor(dice() * env.productIds.length)] ?? '';
      const response = await call(env, env.admin, 'POST', `/v1/admin/products/${productId}/rates`, answers, {
        baseRate: `${1 + Math.floor(dice() * 6)}.${String(Math.floor(dice() * 10_000)).padStart(4, '0')}`,
        effectiveDate: `${2040 + Math.floor(day / 300)}-${String(1 + Math.floor((day % 300) / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`,
      });
      if (response) {
        if (response.status === 201) publishes += 1;
        else if (response.status !== 409) answers.bad.push(`publish: ${response.status} ${(await response.text()).slice(0, 200)}`);
      }
      await sleep(50);
    }
  };

  const workers = [
    ...Array.from({ length: options.pullers }, () => puller()),
    ...engines.map((_, index) => client(index)),
    publisher(),
  ];
  const checkUnavailable = async () => {
    // Asked while PostgreSQL is down: proves the outage was seen as a 503, not just waited out.
    const before = answers.unavailable;
    await call(env, env.rep, 'GET', '/v1/sync/pull?limit=10', answers);
    return answers.unavailable > before;
  };
  let outagesSeen = 0;
  try {
    await sleep(1_000);
    for (let round = 0; round < options.restarts; round += 1) {
      down = true;
      await env.postgres.stop();
      if (await checkUnavailable()) outagesSeen += 1;
      await sleep(options.outageMs);
      env.postgres = await startEmbeddedPostgres({ dataDir: env.dataDir, port: env.pgPort, persistent: true });
      down = false;
      restartsDone += 1;
      await sleep(1_000 + Math.floor(dice() * 1_000));
    }
    // Recovery without a server restart: pulls succeed again on the same app.
    const deadline = Date.now() + 20_000;
    while (okAfterLastRestart < 3 && Date.now() < deadline) await sleep(100);
  } finally {
    stop = true;
    await Promise.all(workers);
  }
  expect(answers.bad).toEqual([]);
  expect(outagesSeen, 'a 503 during every outage').toBe(options.restarts);
  expect(okAfterLastRestart, 'pulls answered after the last restart').toBeGreaterThanOrEqual(3);

  // Every client ends equal to the server: a last run each, then checksums and row by row.
  const reportResponse = await fetch(`${env.baseUrl}/v1/sync/checksums`, { headers: { authorization: `Bearer ${env.rep}` } });
  expect(reportResponse.status).toBe(200);
  const userId = await userIdOf(env.owner, 'rep@ratedesk.test');
  let rowsChecked = 0;
  let rowsLost = 0;
  for (const [index, handle] of handles.entries()) {
    const outcome = await engines[index]?.runNow('manual');
    expect(outcome?.status.reason).toBeUndefined();
    expect(outcome?.ok).toBe(true);
    const report = ChecksumReport.parse(await (await fetch(`${env.baseUrl}/v1/sync/checksums`, { headers: { authorization: `Bearer ${env.rep}` } })).json());
    expect({ ...(await catalogChecksums(handle.db, md5Hex)), comparisons: await readComparisonsChecksum(handle.db) }).toEqual(report.tables);
    const differences = await compareCacheWithServer(env.owner, handle, userId);
    expect(differences).toMatchObject({ missing: 0, stale: 0, extra: 0 });
    rowsChecked += differences.checked;
    rowsLost += differences.missing + differences.stale;
    await handle.close();
  }
  reportFault(name, {
    operations: answers.ok + answers.unavailable + clientRuns,
    faults: options.restarts,
    rowsChecked,
    rowsLost,
    extra: { 'answers 2xx/4xx': answers.ok, 'answers 503': answers.unavailable, 'bad answers': answers.bad.length, 'client runs': clientRuns, 'failed runs': failedRuns, publishes, seed: options.seed },
  });
}
