// A fleet pulling at once (issue 15, target 5): a burst of simultaneous pulls over a pool of two
// connections is answered without a single 5xx. The server serves them in turn, or tells the ones it
// cannot serve in time to come back later (429 with Retry-After), and a client that honours
// Retry-After gets the same page as a lone pull. The same burst against a server whose gate lets
// every pull through is answered with 503s (the pool's acquisition timeout): proof the test can fail.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { loadServerConfig } from '../../../../server/config.js';
import { createDatabase } from '../../../../server/db/database.js';
import { startApiHarness, type ApiHarness } from '../../../support/api.js';
import { catalog, loadCatalogInTransactions } from '../../../support/sync-fixtures.js';

const BURST = 60;
/** Pool of two, and a short wait for a connection, so a pool queue shows as 503s quickly. */
const SMALL_POOL = { DATABASE_POOL_MAX: '2', DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '100', RATE_LIMIT_PER_MINUTE: '1000000' };

let api: ApiHarness;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  api = await startApiHarness({
    env: SMALL_POOL,
    prepare: async (ownerUrl) => {
      const owner = createDatabase({ connectionString: ownerUrl, max: 1 });
      try {
        // A first page of about 1,000 rows: each pull holds its connection for a while.
        await loadCatalogInTransactions(owner, catalog(160, 4), 40);
      } finally {
        await owner.destroy();
      }
    },
  });
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await api?.close();
});

/** A real HTTP server on the harness's database, with the small pool and `env` on top. */
async function serve(env: Record<string, string>): Promise<string> {
  const config = loadServerConfig({ DATABASE_URL: api.appDatabaseUrl, OKTA_ISSUER: api.idp.issuer, LOG_LEVEL: 'silent', ...SMALL_POOL, ...env });
  const app = await buildApp({ logger: false, config });
  servers.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** Each pull of a burst asks for its own page size, so no two are the same page (the server shares those: shared-catalog-page.ts). */
const limits = Array.from({ length: BURST }, (_, index) => 900 + index);

async function pull(baseUrl: string, limit = 1000): Promise<Answer> {
  const response = await fetch(`${baseUrl}/v1/sync/pull?limit=${limit}`, { headers: { authorization: `Bearer ${api.tokens.rep}`, 'accept-encoding': 'identity' } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
}

/** The page without serverTime, the one field two answers of the same page may differ in. */
function content(body: string): unknown {
  const { serverTime: _serverTime, ...page } = JSON.parse(body) as Record<string, unknown>;
  return page;
}

/** One pull first, so the sign-in, the revocation lookup and the device receipt are not part of the burst. */
async function warm(baseUrl: string): Promise<void> {
  expect((await pull(baseUrl)).status).toBe(200);
}

/** Each burst answer equals the same pull made alone afterwards (nothing changed in between). */
async function expectLonePages(baseUrl: string, answers: readonly Answer[]): Promise<void> {
  for (const [index, answer] of answers.entries()) {
    expect(answer.status).toBe(200);
    const lone = await pull(baseUrl, limits[index]);
    expect(content(answer.body)).toEqual(content(lone.body));
  }
}

describe('a burst of pulls over a pool of two connections', () => {
  it('is answered 503 in part when every pull goes straight to the pool (the failure the gate prevents)', async () => {
    const baseUrl = await serve({ SYNC_ADMISSION_CONCURRENCY: '1000' });
    await warm(baseUrl);
    const answers = await Promise.all(limits.map((limit) => pull(baseUrl, limit)));
    expect(answers.filter((answer) => answer.status === 503).length).toBeGreaterThan(0);
  });

  it('is served in turn, every pull the same page, when the line may wait long enough', async () => {
    const baseUrl = await serve({ SYNC_ADMISSION_WAIT_MS: '60000' });
    await warm(baseUrl);
    const answers = await Promise.all(limits.map((limit) => pull(baseUrl, limit)));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    await expectLonePages(baseUrl, answers);
  });

  it('tells the pulls it cannot serve in time to come back (429, Retry-After), never 5xx; retrying after it, all get the page', async () => {
    const baseUrl = await serve({ SYNC_ADMISSION_QUEUE: '4' });
    await warm(baseUrl);
    const statuses: number[] = [];
    const retryAfters: string[] = [];
    const pullUntilServed = async (limit: number): Promise<Answer> => {
      for (;;) {
        const answer = await pull(baseUrl, limit);
        statuses.push(answer.status);
        if (answer.status !== 429) return answer;
        retryAfters.push(answer.retryAfter ?? 'missing');
        expect(JSON.parse(answer.body)).toMatchObject({ status: 429, type: 'https://ratedesk.example/problems/rate-limited' });
        // As the desktop does: not before Retry-After, with jitter so the refused do not return together.
        await new Promise((resolve) => setTimeout(resolve, Number(answer.retryAfter) * 1000 * (1 + Math.random())));
      }
    };
    const answers = await Promise.all(limits.map(pullUntilServed));
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(retryAfters.length).toBeGreaterThan(0);
    for (const value of retryAfters) expect(value).toMatch(/^[1-9][0-9]*$/);
    await expectLonePages(baseUrl, answers);
  });
});
