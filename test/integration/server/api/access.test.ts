// Who may call what, for every route of the app: no token, a tampered token, an expired token and
// a signed-in user whose roles lack the route's permission are all refused before the handler
// runs, and a user with the permission gets past the check. The table below must list every route
// the app serves; a new route without a row fails the completeness test.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { can, Permission, type Permission as PermissionName, type Role } from '../../../../src-shared/roles.js';
import { inject, useApiHarness, type ApiHarness, type ApiTokens } from '../../../support/api.js';

type RouteKey = `${'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'} ${string}`;

/** Every protected route and the permission it must require. */
const PROTECTED_ROUTES: Record<RouteKey, PermissionName> = {
  'GET /v1/me': Permission.catalogRead,
  'POST /v1/admin/products': Permission.catalogPublish,
  'PATCH /v1/admin/products/:productId': Permission.catalogPublish,
  'POST /v1/admin/products/:productId/deactivate': Permission.catalogPublish,
  'POST /v1/admin/products/:productId/reactivate': Permission.catalogPublish,
  'POST /v1/admin/products/:productId/availability': Permission.catalogPublish,
  'PATCH /v1/admin/availability/:availabilityId': Permission.catalogPublish,
  'POST /v1/admin/availability/:availabilityId/deactivate': Permission.catalogPublish,
  'POST /v1/admin/products/:productId/rates': Permission.catalogPublish,
  'POST /v1/admin/rates/:rateHistoryId/retract': Permission.catalogPublish,
  'POST /v1/admin/rate-sheets': Permission.catalogPublish,
  'GET /v1/admin/carriers': Permission.catalogPublish,
  'POST /v1/admin/carriers': Permission.catalogPublish,
  'PUT /v1/admin/carriers/:carrierId': Permission.catalogPublish,
  'POST /v1/admin/carriers/:carrierId/deactivate': Permission.catalogPublish,
  'POST /v1/admin/carriers/:carrierId/reactivate': Permission.catalogPublish,
  'GET /v1/admin/products/:productId/state-approvals': Permission.catalogPublish,
  'POST /v1/admin/products/:productId/state-approvals': Permission.catalogPublish,
  'POST /v1/admin/state-approvals/:approvalId/withdraw': Permission.catalogPublish,
  'POST /v1/admin/state-approvals/:approvalId/retire': Permission.catalogPublish,
  'POST /v1/admin/state-approval-sheets': Permission.catalogPublish,
  'GET /v1/admin/products/:productId/strategies': Permission.catalogPublish,
  'POST /v1/admin/products/:productId/strategies': Permission.catalogPublish,
  'PUT /v1/admin/strategies/:strategyId': Permission.catalogPublish,
  'POST /v1/admin/strategies/:strategyId/deactivate': Permission.catalogPublish,
  'POST /v1/admin/strategies/:strategyId/rates': Permission.catalogPublish,
  'POST /v1/admin/strategy-rates/:strategyRateId/retract': Permission.catalogPublish,
  'POST /v1/admin/strategy-rate-sheets': Permission.catalogPublish,
  'GET /v1/admin/indexes': Permission.catalogPublish,
  'GET /v1/admin/index-levels': Permission.catalogPublish,
  'POST /v1/admin/index-levels': Permission.catalogPublish,
  'POST /v1/admin/index-levels/:indexLevelId/retract': Permission.catalogPublish,
  'POST /v1/admin/index-level-sheets': Permission.catalogPublish,
  'POST /v1/admin/devices/:deviceId/revoke': Permission.fleetManage,
  'POST /v1/admin/devices/:deviceId/reinstate': Permission.fleetManage,
  'POST /v1/admin/users/:userId/revoke-access': Permission.fleetManage,
  'POST /v1/admin/users/:userId/reinstate-access': Permission.fleetManage,
  'GET /v1/admin/sync-policy': Permission.fleetManage,
  'PUT /v1/admin/sync-policy': Permission.fleetManage,
  'GET /v1/admin/fleet/devices': Permission.fleetRead,
  'GET /v1/admin/fleet/publications': Permission.fleetRead,
  'GET /v1/admin/fleet/delivery': Permission.fleetRead,
  'GET /v1/audit': Permission.auditRead,
  'GET /v1/compliance/comparisons': Permission.comparisonsReadAll,
  'GET /v1/compliance/comparisons.csv': Permission.comparisonsReadAll,
  'GET /v1/compliance/comparisons/:comparisonId': Permission.comparisonsReadAll,
  'GET /v1/sync/pull': Permission.catalogRead,
  'POST /v1/sync/push': Permission.comparisonsWrite,
  'GET /v1/sync/checksums': Permission.catalogRead,
  'GET /v1/sync/snapshot': Permission.catalogRead,
  'GET /v1/sync/snapshot/:id': Permission.catalogRead,
  'POST /v1/records/events': Permission.catalogRead,
  // Last: its "lets rep past" case signs the shared rep token out.
  'POST /v1/session/sign-out': Permission.catalogRead,
};

/** Routes anyone may call, and the prefix of the docs UI's static files. */
const PUBLIC_ROUTES = ['GET /healthz', 'GET /readyz', 'GET /openapi.json'];
const PUBLIC_PREFIX = '/docs';

/** Roles each demo token carries (see server/dev-idp/demo-directory.ts and NO_ROLE_USER). */
const TOKEN_ROLES: Record<Exclude<keyof ApiTokens, 'badSignature'>, Role[]> = {
  rep: ['sales_rep'],
  rep2: ['sales_rep'],
  admin: ['sales_rep', 'admin'],
  compliance: ['compliance'],
  noRole: [],
};

function concreteUrl(pattern: string): string {
  return pattern.replace(/:(\w+)/g, () => randomUUID());
}

function methodAndUrl(key: string): { method: 'GET' | 'POST' | 'PATCH'; url: string } {
  const [method = 'GET', pattern = '/'] = key.split(' ');
  return { method: method as 'GET' | 'POST' | 'PATCH', url: concreteUrl(pattern) };
}

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
});

describe('route table', () => {
  it('lists every protected route the app serves, with the permission the route declares', () => {
    const served = Object.fromEntries(
      api.app.routeAccessList
        .filter((route) => route.method !== 'HEAD' && route.access.permission)
        .map((route) => [`${route.method} ${route.url}`, route.access.permission]),
    );
    expect(served).toEqual(PROTECTED_ROUTES);
  });

  it('has no public route other than health, the OpenAPI document and the docs UI', () => {
    const publicRoutes = api.app.routeAccessList
      .filter((route) => route.method !== 'HEAD' && route.access.public)
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !key.split(' ')[1]?.startsWith(PUBLIC_PREFIX));
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });
});

for (const [key, permission] of Object.entries(PROTECTED_ROUTES)) {
  describe(key, () => {
    it('refuses a request without a token (401, WWW-Authenticate)', async () => {
      const { method, url } = methodAndUrl(key);
      const response = await api.call(undefined, method, url, method === 'GET' ? undefined : {});
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/unauthorized', status: 401 });
    });

    it('refuses a token with a bad signature (401)', async () => {
      const { method, url } = methodAndUrl(key);
      const response = await api.call(api.tokens.badSignature, method, url, method === 'GET' ? undefined : {});
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/unauthorized', detail: expect.stringContaining('signature') });
    });

    it('refuses an expired token as expired (401 token-expired)', async () => {
      const { app, token } = await api.expired();
      const { method, url } = methodAndUrl(key);
      const response = await inject(app, token, method, url, method === 'GET' ? undefined : {});
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/token-expired', status: 401 });
    });

    const lacking = Object.entries(TOKEN_ROLES).filter(([, roles]) => !can(roles, permission));
    for (const [who] of lacking) {
      it(`refuses ${who} (roles lack ${permission}) with 403`, async () => {
        const { method, url } = methodAndUrl(key);
        const response = await api.call(api.tokens[who as keyof ApiTokens], method, url, method === 'GET' ? undefined : {});
        expect(response.status).toBe(403);
        expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/forbidden', detail: expect.stringContaining(permission) });
      });
    }

    const allowed = Object.entries(TOKEN_ROLES).find(([, roles]) => can(roles, permission));
    it(`lets ${allowed?.[0]} past the access check`, async () => {
      const { method, url } = methodAndUrl(key);
      const response = await api.call(api.tokens[(allowed?.[0] ?? 'admin') as keyof ApiTokens], method, url, method === 'GET' ? undefined : {});
      // Random ids and empty bodies are refused by validation or lookup, never by access control.
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    });
  });
}
