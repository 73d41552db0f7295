// PostgreSQL going away and coming back, for real: the app reaches the test cluster through a TCP
// relay that the test cuts and restores. While it is cut, requests that need the database get a
// 503 problem with Retry-After (not a 500, and no internals); once it is back, the same app
// answers again without a restart because the pg Pool opens fresh connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { inject, startApiHarness, type ApiHarness } from '../../../support/api.js';
import { startTcpRelay, type TcpRelay } from '../../../support/tcp-relay.js';

let api: ApiHarness;
let relay: TcpRelay;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  api = await startApiHarness();
  const direct = new URL(api.appDatabaseUrl);
  // Cut and opened again on the same port, as PostgreSQL restarting would be.
  relay = await startTcpRelay(Number(direct.port));
  const viaRelay = new URL(api.appDatabaseUrl);
  viaRelay.port = String(relay.port);
  const { loadServerConfig } = await import('../../../../server/config.js');
  const config = loadServerConfig({ DATABASE_URL: viaRelay.toString(), OKTA_ISSUER: api.idp.issuer, READINESS_TIMEOUT_MS: '1000' });
  app = await buildApp({ config, logger: false });
});

afterAll(async () => {
  await app?.close();
  await relay?.cut();
  await api?.close();
});

describe('PostgreSQL unavailable', () => {
  it('answers 503 with Retry-After while the database is away and recovers without a restart', async () => {
    expect((await inject(app, api.tokens.compliance, 'GET', '/v1/audit?limit=1')).status).toBe(200);

    await relay.cut();
    const during = await inject(app, api.tokens.compliance, 'GET', '/v1/audit?limit=1');
    expect(during.status).toBe(503);
    expect(during.headers['content-type']).toContain('application/problem+json');
    expect(Number(during.headers['retry-after'])).toBeGreaterThan(0);
    expect(during.json).toMatchObject({ type: 'https://ratedesk.example/problems/service-unavailable', status: 503 });
    expect(during.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);

    // A first request of a new token needs the database for the sign-in bookkeeping, too.
    const signIn = await inject(app, api.tokens.admin, 'GET', '/v1/me');
    expect(signIn.status).toBe(503);

    const ready = await inject(app, undefined, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect((await inject(app, undefined, 'GET', '/healthz')).status).toBe(200);

    await relay.open();
    const after = await inject(app, api.tokens.compliance, 'GET', '/v1/audit?limit=1');
    expect(after.status).toBe(200);
    expect((await inject(app, api.tokens.admin, 'GET', '/v1/me')).status).toBe(200);
    expect((await inject(app, undefined, 'GET', '/readyz')).status).toBe(200);
  });
});
