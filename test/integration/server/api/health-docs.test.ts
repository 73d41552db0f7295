// Health, readiness, the OpenAPI document and the docs UI, against the real app and database.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { loadServerConfig } from '../../../../server/config.js';
import { createDatabase } from '../../../../server/db/database.js';
import { migrateToLatest } from '../../../../server/db/migrate.js';
import { createEmptyDatabase, type TestDatabase } from '../../../support/database.js';
import { inject, useApiHarness, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
});

describe('GET /healthz', () => {
  it('answers 200 without a token or a database query', async () => {
    const response = await api.call(undefined, 'GET', '/healthz');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /readyz', () => {
  it('is ready when PostgreSQL answers and every migration is applied', async () => {
    const response = await api.call(undefined, 'GET', '/readyz');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: 'ready', checks: { database: { status: 'ok' }, migrations: { status: 'ok' } } });
  });

  it('is not ready (503 problem) on a database whose migrations are not applied', async () => {
    const empty: TestDatabase = await createEmptyDatabase('api_unmigrated');
    const app = await buildApp({ config: api.config, db: createDatabase({ connectionString: empty.url, max: 1 }), logger: false });
    try {
      const response = await inject(app, undefined, 'GET', '/readyz');
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/service-unavailable', status: 503 });
    } finally {
      await app.close();
      await app.db.destroy();
      await empty.drop();
    }
  });

  it('names the migrations that are pending', async () => {
    const partial: TestDatabase = await createEmptyDatabase('api_partial');
    await migrateToLatest(partial.url);
    const db = createDatabase({ connectionString: partial.url, max: 1 });
    const last = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
    const name = last.rows[0]?.name ?? '';
    await sql`DELETE FROM kysely_migration WHERE name = ${name}`.execute(db);
    const app = await buildApp({ config: api.config, db, logger: false });
    try {
      const response = await inject(app, undefined, 'GET', '/readyz');
      expect(response.status).toBe(503);
      expect((response.json as { detail: string }).detail).toContain(name);
    } finally {
      await app.close();
      await db.destroy();
      await partial.drop();
    }
  });

  it('reports not ready within the timeout when PostgreSQL does not answer', async () => {
    const config = loadServerConfig({
      DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/none',
      OKTA_ISSUER: api.idp.issuer,
      READINESS_TIMEOUT_MS: '500',
    });
    const app = await buildApp({ config, logger: false });
    try {
      const started = Date.now();
      const response = await inject(app, undefined, 'GET', '/readyz');
      expect(response.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await app.close();
    }
  });
});

describe('OpenAPI and docs', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await api.call(undefined, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = response.json as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content: Record<string, unknown> }; parameters?: { name: string }[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes)).toEqual(expect.arrayContaining(['bearerAuth', 'okta']));

    const create = document.paths['/v1/admin/products']?.post;
    const body = create?.requestBody?.content['application/json'] as { schema: { properties: Record<string, unknown>; additionalProperties?: unknown } };
    expect(Object.keys(body.schema.properties)).toEqual(expect.arrayContaining(['cusip', 'baseRate', 'minimumInvestment']));
    expect(body.schema.additionalProperties).toBe(false);

    const sheet = document.paths['/v1/admin/rate-sheets']?.post;
    expect(Object.keys(sheet?.requestBody?.content ?? {})).toEqual(expect.arrayContaining(['text/csv', 'application/json']));
    expect(sheet?.parameters?.map((parameter) => parameter.name)).toContain('dryRun');

    expect(document.paths['/v1/audit']?.get?.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['userId', 'tableName', 'recordId', 'from', 'to', 'limit', 'cursor']),
    );
    expect(document.paths['/healthz']?.get?.security).toEqual([]);
    expect(document.paths['/openapi.json']).toBeUndefined();
  });

  it('documents every protected route that the app serves', async () => {
    const document = (await api.call(undefined, 'GET', '/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = api.app.routeAccessList.filter((route) => route.access.permission && route.method !== 'HEAD');
    expect(served.length).toBeGreaterThan(5);
    for (const route of served) expect(documented).toContain(`${route.method} ${route.url}`);
  });

  it('serves the browsable docs at /docs', async () => {
    const response = await api.call(undefined, 'GET', '/docs/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});

describe('security headers and compression', () => {
  it('sends helmet security headers and a request id on every answer', async () => {
    const response = await api.call(undefined, 'GET', '/healthz', undefined, { 'x-request-id': 'probe-123' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBeDefined();
    // The server's own id, whatever the caller sent (its id is only logged and audited beside it).
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every request an id of its own, also when the caller sends one', async () => {
    const first = await api.call(undefined, 'GET', '/healthz', undefined, { 'x-request-id': 'same-id' });
    const second = await api.call(undefined, 'GET', '/healthz', undefined, { 'x-request-id': 'bad id\twith spaces' });
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('compresses large answers for clients that accept it', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await api.call(undefined, 'GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/not-found', status: 404 });
  });
});

describe('error handling', () => {
  it('hides the internals of unexpected errors behind a 500 problem that quotes the request id', async () => {
    const app = await buildApp({ config: api.config, logger: false });
    app.get('/boom', { config: { public: true } }, async () => {
      throw new Error('connection to db-7.internal:5432 failed for user ratedesk_app');
    });
    try {
      const response = await inject(app, undefined, 'GET', '/boom', undefined, { 'x-request-id': 'req-boom-1' });
      expect(response.status).toBe(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/internal-error', requestId: response.headers['x-request-id'] });
      expect(response.body).not.toContain('db-7.internal');
      expect(response.body).not.toContain('ratedesk_app');
    } finally {
      await app.close();
    }
  });

  it('refuses at start-up a route that declares neither a permission nor public access', async () => {
    const app = await buildApp({ config: api.config, logger: false });
    try {
      expect(() => app.get('/v1/forgotten', async () => 'open')).toThrow(/declares no access rule/);
    } finally {
      await app.close();
    }
  });
});
