// Issue 14 security review, floods of bad tokens: 330 tampered tokens used to get 330 401s, each
// costing a signature check, and nothing in the audit log. Now each client address has a budget of
// failed sign-ins a minute; past it the address is refused (429) before any token is verified,
// except tokens that already signed in (reps behind the same office NAT keep working), and the
// failures are audited as one LOGIN_FAILED row per address with a count. Real tokens, real server.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { createAccessTokenVerifier } from '../../../../server/auth/verify-access-token.js';
import { counted } from '../../../support/counted-verifier.js';
import { useApiHarness, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
});

describe('failed sign-ins per client address', () => {
  it('refuses an address over budget before verifying, lets known reps and other addresses through, and audits one row per address', async () => {
    const verifier = counted(createAccessTokenVerifier(api.config.auth));
    const app = await buildApp({ config: { ...api.config, authFailuresPerMinute: 5 }, verifier, verifiedTokenCache: false, logger: false });
    const send = (remoteAddress: string, token: string | undefined) =>
      app.inject({ method: 'GET', url: '/v1/me', remoteAddress, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    const office = '203.0.113.7';
    const elsewhere = '198.51.100.20';
    let closed = false;
    try {
      // A rep in the office signs in before the flood starts.
      expect((await send(office, api.tokens.rep)).statusCode).toBe(200);

      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await send(office, i % 2 === 0 ? api.tokens.badSignature : undefined)).statusCode);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
      // Verifications: the rep's, then the five failures; the 35 refusals cost none.
      expect(verifier.calls).toBe(6);

      const limited = await send(office, api.tokens.badSignature);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json()).toMatchObject({ type: 'https://ratedesk.example/problems/rate-limited', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.headers['x-content-type-options']).toBe('nosniff');

      // The signed-in rep behind the same address is not locked out; another address is untouched.
      expect((await send(office, api.tokens.rep)).statusCode).toBe(200);
      expect((await send(elsewhere, api.tokens.badSignature)).statusCode).toBe(401);
      expect((await send(elsewhere, api.tokens.admin)).statusCode).toBe(200);

      await app.close();
      closed = true;
      const rows = await api.owner.selectFrom('auditLog').selectAll().where('actionType', '=', 'LOGIN_FAILED').where('ipAddress', 'in', [office, elsewhere]).execute();
      const byAddress = Object.fromEntries(rows.map((row) => [row.ipAddress, row.newValues]));
      expect(rows).toHaveLength(2);
      expect(byAddress[office]).toMatchObject({ failures: 5, refusedUnverified: 36, reasons: { invalid_token: 3, missing_token: 2 } });
      expect(byAddress[elsewhere]).toMatchObject({ failures: 1, refusedUnverified: 0, reasons: { invalid_token: 1 } });
    } finally {
      if (!closed) await app.close();
    }
  });

  it('keeps the per-user limit for signed-in callers', async () => {
    const app = await buildApp({ config: { ...api.config, rateLimitPerMinute: 2 }, logger: false });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${api.tokens.compliance}` } })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
    }
  });
});
