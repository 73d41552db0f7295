// PostgreSQL going away and coming back, for real: the app reaches the test cluster through a TCP
// relay that the test cuts and restores. While it is cut, requests that need the database get a
// 503 problem with Retry-After (not a 500, and no internals); once it is back, the same app
// answers again without a restart because the pg Pool opens fresh connections.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { freePort } from '../../../../server/db/embedded.js';
import { inject, startApiHarness, type ApiHarness } from '../../../support/api.js';

class TcpRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  /** Like PostgreSQL dying: open connections drop and new ones are refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let api: ApiHarness;
let relay: TcpRelay;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  api = await startApiHarness();
  const direct = new URL(api.appDatabaseUrl);
  relay = new TcpRelay(await freePort(), { host: direct.hostname, port: Number(direct.port) });
  await relay.open();
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
