// Users, roles and sessions kept from verified tokens; structured request logs without secrets;
// per-user rate limits. Real tokens from the development identity provider, real PostgreSQL.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { getTokensByScriptedSignIn } from '../../../../server/dev-idp/scripted-sign-in.js';
import { DEMO_LOGINS, inject, useApiHarness, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

useApiHarness((started) => {
  api = started;
});

describe('GET /v1/me and sign-in bookkeeping', () => {
  it('creates the user on first sight, with the roles of their Okta groups', async () => {
    const response = await api.call(api.tokens.admin, 'GET', '/v1/me');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      oktaUserId: '00u-demo-admin',
      email: 'admin@ratedesk.test',
      roles: ['sales_rep', 'admin'],
      permissions: ['audit:read', 'catalog:publish', 'catalog:read', 'comparisons:read_all', 'comparisons:read_own', 'comparisons:write', 'fleet:manage', 'fleet:read'],
    });
    const me = response.json as { userId: string; sessionId: string };

    const user = await api.owner.selectFrom('users').selectAll().where('oktaUserId', '=', '00u-demo-admin').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ userId: me.userId, email: 'admin@ratedesk.test', firstName: 'Avery', lastName: 'Admin' });
    expect(user.lastLogin).not.toBeNull();

    const roles = await api.owner.selectFrom('userRoles').selectAll().where('userId', '=', me.userId).orderBy('roleName').execute();
    expect(roles.map((role) => [role.roleName, role.oktaGroupName, role.revokedAt])).toEqual([
      ['admin', 'RateDesk-Admins', null],
      ['sales_rep', 'RateDesk-Reps', null],
    ]);
  });

  it('records the sign-in as a session keyed by the token hash, never the token', async () => {
    const me = (await api.call(api.tokens.rep, 'GET', '/v1/me', undefined, { 'user-agent': 'RateDesk/1.0 test' })).json as {
      userId: string;
      sessionId: string;
    };
    const session = await api.owner.selectFrom('userSessions').selectAll().where('sessionId', '=', me.sessionId).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ userId: me.userId, jwtTokenHash: sha256(api.tokens.rep), isActive: true, userAgent: 'RateDesk/1.0 test' });
    expect(session.ipAddress).toBe('127.0.0.1');

    // The token must not appear anywhere in the database.
    const signature = api.tokens.rep.split('.')[2] ?? '';
    const leaks = await sql<{ n: string }>`
      SELECT (SELECT count(*) FROM user_sessions t WHERE to_jsonb(t)::text LIKE ${`%${signature}%`})
           + (SELECT count(*) FROM audit_log t WHERE to_jsonb(t)::text LIKE ${`%${signature}%`})
           + (SELECT count(*) FROM users t WHERE to_jsonb(t)::text LIKE ${`%${signature}%`}) AS n`.execute(api.owner);
    expect(Number(leaks.rows[0]?.n)).toBe(0);

    const login = await api.owner
      .selectFrom('auditLog')
      .selectAll()
      .where('actionType', '=', 'LOGIN')
      .where('recordId', '=', me.sessionId)
      .executeTakeFirstOrThrow();
    expect(login).toMatchObject({ userId: me.userId, sessionId: me.sessionId, tableName: 'user_sessions', userAgent: 'RateDesk/1.0 test' });
  });

  it('reuses the session for later requests with the same token and writes nothing for them', async () => {
    const first = (await api.call(api.tokens.compliance, 'GET', '/v1/me')).json as { sessionId: string; userId: string };
    const before = await api.owner.selectFrom('users').select('lastLogin').where('userId', '=', first.userId).executeTakeFirstOrThrow();
    for (let i = 0; i < 5; i += 1) {
      const again = (await api.call(api.tokens.compliance, 'GET', '/v1/me')).json as { sessionId: string };
      expect(again.sessionId).toBe(first.sessionId);
    }
    const sessions = await api.owner.selectFrom('userSessions').select('sessionId').where('userId', '=', first.userId).execute();
    expect(sessions).toHaveLength(1);
    const after = await api.owner.selectFrom('users').select('lastLogin').where('userId', '=', first.userId).executeTakeFirstOrThrow();
    expect(after.lastLogin).toBe(before.lastLogin);
  });

  it('treats a new token as a new sign-in: new session, last_login updated', async () => {
    const first = (await api.call(api.tokens.rep, 'GET', '/v1/me')).json as { sessionId: string; userId: string };
    const before = await api.owner.selectFrom('users').select('lastLogin').where('userId', '=', first.userId).executeTakeFirstOrThrow();
    const fresh = (await getTokensByScriptedSignIn({ issuer: api.idp.issuer, ...DEMO_LOGINS.rep })).accessToken;
    const second = (await api.call(fresh, 'GET', '/v1/me')).json as { sessionId: string; userId: string };
    expect(second.userId).toBe(first.userId);
    expect(second.sessionId).not.toBe(first.sessionId);
    const after = await api.owner.selectFrom('users').select('lastLogin').where('userId', '=', first.userId).executeTakeFirstOrThrow();
    expect(Date.parse(after.lastLogin ?? '')).toBeGreaterThan(Date.parse(before.lastLogin ?? ''));
  });

  it('creates one user and one session when the first requests of a token arrive together', async () => {
    const fresh = (await getTokensByScriptedSignIn({ issuer: api.idp.issuer, ...DEMO_LOGINS.noRole })).accessToken;
    // The no-role user may not read the catalog, but is refused before any write; use a fresh app
    // (empty token cache) and an allowed caller instead.
    const other = await buildApp({ config: api.config, logger: false });
    try {
      const token = (await getTokensByScriptedSignIn({ issuer: api.idp.issuer, ...DEMO_LOGINS.compliance })).accessToken;
      const answers = await Promise.all(Array.from({ length: 8 }, () => inject(other, token, 'GET', '/v1/me')));
      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
      const sessions = await api.owner.selectFrom('userSessions').select('sessionId').where('jwtTokenHash', '=', sha256(token)).execute();
      expect(sessions).toHaveLength(1);
      const refused = await inject(other, fresh, 'GET', '/v1/me');
      expect(refused.status).toBe(403);
      const noRoleUser = await api.owner.selectFrom('users').select('userId').where('oktaUserId', '=', '00u-demo-norole').executeTakeFirst();
      expect(noRoleUser).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('revokes a role the token no longer carries and grants it back when it returns', async () => {
    const me = (await api.call(api.tokens.rep, 'GET', '/v1/me')).json as { userId: string };
    // As if Okta had put the rep in the compliance group before: the next sign-in takes it away.
    await api.owner
      .insertInto('userRoles')
      .values({ userId: me.userId, roleName: 'compliance', oktaGroupName: 'RateDesk-Compliance', assignedBy: 'okta' })
      .execute();
    const fresh = (await getTokensByScriptedSignIn({ issuer: api.idp.issuer, ...DEMO_LOGINS.rep })).accessToken;
    expect((await api.call(fresh, 'GET', '/v1/me')).status).toBe(200);
    const revoked = await api.owner
      .selectFrom('userRoles')
      .selectAll()
      .where('userId', '=', me.userId)
      .where('roleName', '=', 'compliance')
      .executeTakeFirstOrThrow();
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.revokedBy).toBe('okta');
    const audit = await api.owner
      .selectFrom('auditLog')
      .select(['actionType', 'oldValues'])
      .where('recordId', '=', revoked.userRoleId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actionType: 'ROLE_REVOKED', oldValues: { role: 'compliance' } });
  });

  it('refuses a user deactivated in RateDesk even with a valid token', async () => {
    const token = (await getTokensByScriptedSignIn({ issuer: api.idp.issuer, ...DEMO_LOGINS.compliance })).accessToken;
    await api.owner.updateTable('users').set({ isActive: false }).where('oktaUserId', '=', '00u-demo-compliance').execute();
    try {
      const response = await api.call(token, 'GET', '/v1/me');
      expect(response.status).toBe(403);
      expect((response.json as { detail: string }).detail).toContain('deactivated');
    } finally {
      await api.owner.updateTable('users').set({ isActive: true }).where('oktaUserId', '=', '00u-demo-compliance').execute();
    }
  });
});

describe('request logs', () => {
  it('writes one structured line per request with the user and request id, and never the token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ config: api.config, logger: { level: 'info', stream } });
    try {
      const ok = await inject(app, api.tokens.admin, 'GET', '/v1/me?x=1', undefined, { 'x-request-id': 'log-test-1' });
      expect(ok.status).toBe(400);
      await inject(app, api.tokens.admin, 'GET', '/v1/me', undefined, { 'x-request-id': 'log-test-2', cookie: 'session=secret-cookie' });
      await inject(app, api.tokens.badSignature, 'GET', '/v1/me', undefined, { 'x-request-id': 'log-test-3' });
    } finally {
      await app.close();
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = entries.filter((entry) => entry.msg === 'request completed');
    // The server's own ids, with the caller's beside them.
    expect(completed.map((entry) => [entry.clientRequestId, entry.statusCode])).toEqual([
      ['log-test-1', 400],
      ['log-test-2', 200],
      ['log-test-3', 401],
    ]);
    for (const entry of completed) expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(completed[1]).toMatchObject({ method: 'GET', route: '/v1/me', path: '/v1/me', userId: expect.any(String) });
    const everything = lines.join('\n');
    for (const token of [api.tokens.admin, api.tokens.badSignature]) {
      expect(everything).not.toContain(token.split('.')[2]);
    }
    expect(everything).not.toContain('secret-cookie');
    expect(everything).not.toContain('x=1');
  });
});

describe('rate limits', () => {
  it('limits each user separately and answers 429 with Retry-After', async () => {
    const app = await buildApp({ config: { ...api.config, rateLimitPerMinute: 3 }, logger: false });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await inject(app, api.tokens.admin, 'GET', '/v1/me')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await inject(app, api.tokens.admin, 'GET', '/v1/me');
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json).toMatchObject({ type: 'https://ratedesk.example/problems/rate-limited', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another user has a budget of their own.
      expect((await inject(app, api.tokens.rep, 'GET', '/v1/me')).status).toBe(200);
      // Health checks are not limited.
      for (let i = 0; i < 5; i += 1) expect((await inject(app, undefined, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
