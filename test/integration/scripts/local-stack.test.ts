// `npm start` brings up the whole local stack with one command: embedded PostgreSQL (a fresh data
// folder here), migrations, the demo catalog, the development identity provider and the API. This
// test starts that same stack in-process on free ports and calls the API as the README says.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../server/db/embedded.js';
import { getTokensByScriptedSignIn } from '../../../server/dev-idp/scripted-sign-in.js';
import { startLocalStack, type LocalStack } from '../../../scripts/local-stack.js';

let stack: LocalStack;
let dataRoot: string;

beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-local-stack-'));
  for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'OKTA_ISSUER', 'DATABASE_SSL']) delete process.env[name];
  process.env.RATEDESK_DATA_DIR = path.join(dataRoot, 'postgres');
  process.env.EMBEDDED_PG_PORT = String(await freePort());
  process.env.DEV_IDP_PORT = String(await freePort());
  process.env.PORT = String(await freePort());
  process.env.LOG_LEVEL = 'silent';
  stack = await startLocalStack({ log: () => undefined });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dataRoot, { recursive: true, force: true });
});

describe('the local stack (npm start)', () => {
  it('serves health and readiness', async () => {
    expect((await fetch(`${stack.apiUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.apiUrl}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('lets a demo rep sign in through the identity provider and pull the demo catalog', async () => {
    const tokens = await getTokensByScriptedSignIn({
      issuer: stack.issuer,
      username: 'rep@ratedesk.test',
      password: 'rep-password',
    });
    const me = await fetch(`${stack.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { roles: string[] }).roles).toContain('sales_rep');

    let cursor: string | undefined;
    let products = 0;
    for (let page = 0; page < 100; page += 1) {
      const query = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
      const response = await fetch(`${stack.apiUrl}/v1/sync/pull?${query}`, {
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { cursor: string; hasMore: boolean; changes: { products: unknown[] } };
      products += body.changes.products.length;
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    expect(products).toBe(200);
  });

  it('keeps the data across a restart and does not load the demo catalog twice', async () => {
    await stack.stop();
    stack = await startLocalStack({ log: () => undefined });
    const tokens = await getTokensByScriptedSignIn({ issuer: stack.issuer, username: 'rep@ratedesk.test', password: 'rep-password' });
    const response = await fetch(`${stack.apiUrl}/v1/sync/checksums`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { tables: { products: { count: number | string } } };
    expect(String(report.tables.products.count)).toBe('200');
  }, 120_000);
});
