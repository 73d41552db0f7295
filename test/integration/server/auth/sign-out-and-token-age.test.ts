// Issue 14 security review, sessions: a sign-out ends the server session so its token stops working
// at once (though the auth plugin had its user cached), and a token older than the maximum age is
// refused even before its exp. Real server, real dev IdP tokens, real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { getTokensByScriptedSignIn } from '../../../../server/dev-idp/scripted-sign-in.js';
import { SIGN_OUT_PATH } from '../../../../src-shared/sign-out.js';
import { DEMO_LOGINS, inject, useApiHarness, type ApiHarness, type DemoLogin } from '../../../support/api.js';

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
});

/** A token of its own (a new sign-in, so a new session), not the harness's shared ones. */
async function freshToken(who: DemoLogin): Promise<string> {
  return (await getTokensByScriptedSignIn({ issuer: api.idp.issuer, ...DEMO_LOGINS[who] })).accessToken;
}

describe('POST /v1/session/sign-out', () => {
  it('ends the session: the token is refused at once, the session row is closed and LOGOUT audited', async () => {
    const token = await freshToken('rep');
    const me = await api.call(token, 'GET', '/v1/me');
    expect(me.status).toBe(200);
    // Cached now: the next request is served from the auth plugin's user cache.
    expect((await api.call(token, 'GET', '/v1/me')).status).toBe(200);
    const { sessionId } = me.json as { sessionId: string };

    const signedOut = await api.call(token, 'POST', SIGN_OUT_PATH, undefined, { 'x-request-id': 'desktop-sign-out-1' });
    expect(signedOut.status, signedOut.body).toBe(200);
    expect(signedOut.json).toEqual({ sessionId, ended: true });

    const after = await api.call(token, 'GET', '/v1/me');
    expect(after.status).toBe(401);
    expect((after.json as { detail: string }).detail).toContain('has ended');
    expect((await api.call(token, 'GET', '/v1/sync/checksums')).status).toBe(401);

    const session = await api.owner.selectFrom('userSessions').selectAll().where('sessionId', '=', sessionId).executeTakeFirstOrThrow();
    expect(session.isActive).toBe(false);
    expect(session.logoutTime).not.toBeNull();
    const logout = await api.owner.selectFrom('auditLog').selectAll().where('recordId', '=', sessionId).where('actionType', '=', 'LOGOUT').execute();
    expect(logout).toHaveLength(1);
    expect(logout[0]).toMatchObject({ sessionId, requestId: signedOut.headers['x-request-id'], clientRequestId: 'desktop-sign-out-1', newValues: { via: 'sign-out', sessionEnded: true } });
  });

  it('is open to every RateDesk role and ends only the caller’s own session', async () => {
    const compliance = await freshToken('compliance');
    const other = await freshToken('compliance');
    expect((await api.call(other, 'GET', '/v1/me')).status).toBe(200);
    const answer = await api.call(compliance, 'POST', SIGN_OUT_PATH);
    expect(answer.status, answer.body).toBe(200);
    expect((await api.call(compliance, 'GET', '/v1/me')).status).toBe(401);
    expect((await api.call(other, 'GET', '/v1/me')).status).toBe(200);
  });

  it('takes effect at once after a SIGNED_OUT record event too', async () => {
    const token = await freshToken('rep2');
    expect((await api.call(token, 'GET', '/v1/me')).status).toBe(200);
    const event = { kind: 'SIGNED_OUT', eventId: crypto.randomUUID(), occurredAt: new Date().toISOString() };
    const recorded = await api.call(token, 'POST', '/v1/records/events', { events: [event] });
    expect(recorded.status, recorded.body).toBe(200);
    expect((await api.call(token, 'GET', '/v1/me')).status).toBe(401);
    // The desktop still calls the route afterwards: refused as ended, which it ignores.
    expect((await api.call(token, 'POST', SIGN_OUT_PATH)).status).toBe(401);
  });
});

describe('maximum token age', () => {
  it('refuses a token issued longer ago than RATEDESK_MAX_TOKEN_AGE_SECONDS though it has not expired', async () => {
    const token = await freshToken('admin');
    const config = { ...api.config, auth: { ...api.config.auth, maxTokenAgeSeconds: 120 } };
    let skewMs = 0;
    const app = await buildApp({ config, logger: false, tokenClock: () => new Date(Date.now() + skewMs) });
    try {
      expect((await inject(app, token, 'GET', '/v1/me')).status).toBe(200);
      // Two and a half minutes on: the token (an hour's life) is past the two-minute maximum age.
      skewMs = 150_000;
      const refused = await inject(app, token, 'GET', '/v1/me');
      expect(refused.status).toBe(401);
      expect(refused.json).toMatchObject({ type: 'https://ratedesk.example/problems/token-expired', detail: expect.stringContaining('120 seconds') });
    } finally {
      await app.close();
    }
  });
});
