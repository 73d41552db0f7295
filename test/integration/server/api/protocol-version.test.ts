// The protocol check (issue 14) on the real app: with RATEDESK_MIN_PROTOCOL_VERSION raised, a
// client below it gets 426 with a problem naming the minimum, before its token is looked at; the
// health checks and the docs stay open; a client at the minimum is served as before.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { loadServerConfig, ServerConfigError } from '../../../../server/config.js';
import { ClientHeader } from '../../../../src-shared/sync/client-report.js';
import { inject, useApiHarness, type ApiHarness } from '../../../support/api.js';

const MINIMUM = 3;
let api: ApiHarness;
let defaultApp: FastifyInstance | undefined;

useApiHarness(
  (started) => {
    api = started;
  },
  { env: { RATEDESK_MIN_PROTOCOL_VERSION: String(MINIMUM) } },
);

afterAll(async () => {
  await defaultApp?.close();
});

const protocol = (version: string): Record<string, string> => ({ [ClientHeader.protocol]: version });

function expectUpdateRequired(response: Awaited<ReturnType<ApiHarness['call']>>, stated: string): void {
  expect(response.status, response.body).toBe(426);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.headers['upgrade']).toBe(`ratedesk-sync/${MINIMUM}`);
  expect(response.json).toMatchObject({
    type: 'https://ratedesk.example/problems/protocol-unsupported',
    status: 426,
    minimumProtocolVersion: MINIMUM,
    detail: `The app speaks sync protocol ${stated}; this server requires protocol ${MINIMUM} or later. Update RateDesk to continue syncing.`,
  });
}

describe('a client below the minimum protocol', () => {
  it('gets 426 naming the minimum, with a valid token, a bad one or none', async () => {
    expectUpdateRequired(await api.call(api.tokens.rep, 'GET', '/v1/me', undefined, protocol('2')), '2');
    expectUpdateRequired(await api.call(api.tokens.badSignature, 'GET', '/v1/sync/checksums', undefined, protocol('2')), '2');
    expectUpdateRequired(await api.call(undefined, 'POST', '/v1/sync/push', { comparisons: [] }, protocol('1')), '1');
  });

  it('counts a request that states no protocol as protocol 1, and refuses a header that is not a version', async () => {
    expectUpdateRequired(await api.call(api.tokens.rep, 'GET', '/v1/me'), '1');
    expectUpdateRequired(await api.call(api.tokens.rep, 'GET', '/v1/me', undefined, protocol('3.0')), 'an unreadable version');
    expectUpdateRequired(await api.call(api.tokens.admin, 'GET', '/v1/admin/products?limit=1', undefined, protocol('0')), 'an unreadable version');
  });

  it('still reaches the health checks and the API docs', async () => {
    expect((await api.call(undefined, 'GET', '/healthz', undefined, protocol('1'))).status).toBe(200);
    expect((await api.call(undefined, 'GET', '/readyz')).status).toBe(200);
    expect((await api.call(undefined, 'GET', '/docs/json', undefined, protocol('1'))).status).toBe(200);
  });
});

describe('a client at or above the minimum', () => {
  it('is served, and still needs its token', async () => {
    const me = await api.call(api.tokens.rep, 'GET', '/v1/me', undefined, protocol(String(MINIMUM)));
    expect(me.status, me.body).toBe(200);
    expect((await api.call(undefined, 'GET', '/v1/me', undefined, protocol(String(MINIMUM + 1)))).status).toBe(401);
  });
});

describe('RATEDESK_MIN_PROTOCOL_VERSION', () => {
  it('defaults to 1, so builds that state no protocol keep working', async () => {
    const config = loadServerConfig({ DATABASE_URL: api.appDatabaseUrl, OKTA_ISSUER: api.idp.issuer });
    expect(config.minProtocolVersion).toBe(1);
    defaultApp = await buildApp({ logger: false, config: { ...api.config, minProtocolVersion: config.minProtocolVersion } });
    const response = await inject(defaultApp, api.tokens.rep, 'GET', '/v1/me');
    expect(response.status, response.body).toBe(200);
  });

  it('refuses a value that is not a whole number from 1', () => {
    for (const value of ['0', 'two', '2.5']) {
      expect(() => loadServerConfig({ DATABASE_URL: api.appDatabaseUrl, OKTA_ISSUER: api.idp.issuer, RATEDESK_MIN_PROTOCOL_VERSION: value })).toThrow(ServerConfigError);
    }
    expect(() => loadServerConfig({ DATABASE_URL: api.appDatabaseUrl, OKTA_ISSUER: api.idp.issuer, RATEDESK_MIN_PROTOCOL_VERSION: '0' })).toThrow(
      'RATEDESK_MIN_PROTOCOL_VERSION must be at least 1',
    );
  });
});
