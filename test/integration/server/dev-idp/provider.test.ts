// The development identity provider and the access-token verifier together, over real HTTP: what
// the API server and the desktop app will see when they talk to "Okta" on a laptop.
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../../../server/auth/auth-error.js';
import { loadAuthConfig } from '../../../../server/auth/config.js';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '../../../../server/auth/verify-access-token.js';
import { startDevIdentityProvider, type RunningDevIdentityProvider } from '../../../../server/dev-idp/provider.js';
import { DevIdentityProviderForbiddenError } from '../../../../server/dev-idp/production-guard.js';
import {
  exchangeAuthorizationCode,
  getTokensByScriptedSignIn,
  obtainAuthorizationCode,
  refreshTokens,
  ScriptedSignInError,
  type TokenSet,
} from '../../../../server/dev-idp/scripted-sign-in.js';
import { rejectionOf } from '../../../support/rejection.js';

const demo = {
  rep: { username: 'rep@ratedesk.test', password: 'rep-password' },
  rep2: { username: 'rep2@ratedesk.test', password: 'rep2-password' },
  rep3: { username: 'rep3@ratedesk.test', password: 'rep3-password' },
  admin: { username: 'admin@ratedesk.test', password: 'admin-password' },
  compliance: { username: 'compliance@ratedesk.test', password: 'compliance-password' },
} as const;

let idp: RunningDevIdentityProvider;
let verifier: AccessTokenVerifier;
let repTokens: TokenSet;

function verifierFor(issuer: string, overrides: Partial<Record<string, string>> = {}): AccessTokenVerifier {
  return createAccessTokenVerifier(loadAuthConfig({ OKTA_ISSUER: issuer, ...overrides }));
}

const rejection = (promise: Promise<unknown>): Promise<AuthError> => rejectionOf(promise, AuthError);

/** Base64url segment with one character changed, still decodable. Not the last character: some of its bits are padding. */
function flipOneChar(segment: string): string {
  const middle = Math.floor(segment.length / 2);
  return `${segment.slice(0, middle)}${segment[middle] === 'A' ? 'B' : 'A'}${segment.slice(middle + 1)}`;
}

beforeAll(async () => {
  idp = await startDevIdentityProvider({ port: 0 });
  verifier = verifierFor(idp.issuer);
  repTokens = await getTokensByScriptedSignIn({ issuer: idp.issuer, ...demo.rep });
});

afterAll(async () => {
  await idp?.close();
});

describe('discovery', () => {
  it('publishes Okta-style endpoints under /oauth2/default', async () => {
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/default$/);
    expect(doc).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/v1/authorize`,
      token_endpoint: `${idp.issuer}/v1/token`,
      jwks_uri: `${idp.issuer}/v1/keys`,
      userinfo_endpoint: `${idp.issuer}/v1/userinfo`,
      revocation_endpoint: `${idp.issuer}/v1/revoke`,
      introspection_endpoint: `${idp.issuer}/v1/introspect`,
      end_session_endpoint: `${idp.issuer}/v1/logout`,
      code_challenge_methods_supported: ['S256'],
    });
    const keys = (await (await fetch(`${idp.issuer}/v1/keys`)).json()) as { keys: Record<string, unknown>[] };
    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys.keys[0]).not.toHaveProperty('d');
  });
});

describe('scripted sign-in and verification', () => {
  const expected = [
    { who: 'rep', subject: '00u-demo-rep', roles: ['sales_rep'], groups: ['RateDesk-Reps'] },
    { who: 'rep2', subject: '00u-demo-rep2', roles: ['sales_rep'], groups: ['RateDesk-Reps'] },
    { who: 'rep3', subject: '00u-demo-rep3', roles: ['sales_rep'], groups: ['RateDesk-Reps'] },
    { who: 'admin', subject: '00u-demo-admin', roles: ['sales_rep', 'admin'], groups: ['RateDesk-Admins', 'RateDesk-Reps'] },
    { who: 'compliance', subject: '00u-demo-compliance', roles: ['compliance'], groups: ['RateDesk-Compliance'] },
  ] as const;

  for (const { who, subject, roles, groups } of expected) {
    it(`gives ${who} a JWT access token the API accepts with the ${roles.join(' + ')} role(s)`, async () => {
      const tokens = await getTokensByScriptedSignIn({ issuer: idp.issuer, ...demo[who] });
      const principal = await verifier.verify(tokens.accessToken);
      expect(principal).toMatchObject({
        subject,
        email: demo[who].username,
        roles: [...roles],
        groups: [...groups],
        clientId: 'ratedesk-cli',
      });
      expect(principal.scopes).toEqual(expect.arrayContaining(['openid', 'offline_access']));
      expect(principal.tokenHash).toBe(createHash('sha256').update(tokens.accessToken).digest('hex'));
      expect(principal.sessionId).toEqual(expect.any(String));
      expect(principal.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);

      const claims = decodeJwt(tokens.accessToken);
      expect(claims).toMatchObject({ iss: idp.issuer, aud: 'api://ratedesk', cid: 'ratedesk-cli', uid: subject });
      expect(tokens.expiresIn).toBeGreaterThan(3_500);
      expect(tokens.refreshToken).toEqual(expect.any(String));
    });
  }

  it('issues an ID token for the client with profile, email and groups, signed with the published key', async () => {
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/v1/keys`));
    const { payload } = await jwtVerify(repTokens.idToken ?? '', jwks, { issuer: idp.issuer, audience: 'ratedesk-cli' });
    expect(payload).toMatchObject({
      sub: '00u-demo-rep',
      email: 'rep@ratedesk.test',
      name: 'Riley Rep',
      groups: ['RateDesk-Reps'],
    });
  });

  it('answers /v1/userinfo for the API access token with the ID token’s subject', async () => {
    const response = await fetch(`${idp.issuer}/v1/userinfo`, { headers: { authorization: `Bearer ${repTokens.accessToken}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sub: decodeJwt(repTokens.idToken ?? '').sub, email: 'rep@ratedesk.test' });

    const anonymous = await fetch(`${idp.issuer}/v1/userinfo`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a wrong password on the sign-in form', async () => {
    const attempt = getTokensByScriptedSignIn({ issuer: idp.issuer, username: demo.rep.username, password: 'admin-password' });
    await expect(attempt).rejects.toBeInstanceOf(ScriptedSignInError);
    await expect(attempt).rejects.toMatchObject({ code: 'wrong_credentials', message: expect.stringContaining('Wrong email or password') });
  });

  it('lets the desktop client redirect to a loopback listener on any port', async () => {
    const tokens = await getTokensByScriptedSignIn({
      issuer: idp.issuer,
      clientId: 'ratedesk-desktop',
      redirectUri: 'http://127.0.0.1:49321/callback',
      ...demo.admin,
    });
    expect((await verifier.verify(tokens.accessToken)).clientId).toBe('ratedesk-desktop');
  });

  it('refuses a redirect URI the client did not register', async () => {
    const attempt = getTokensByScriptedSignIn({ issuer: idp.issuer, redirectUri: 'https://evil.example/callback', ...demo.rep });
    await expect(attempt).rejects.toMatchObject({ code: 'unexpected_response', message: expect.stringContaining('redirect_uri') });
  });
});

describe('PKCE', () => {
  function authorizeUrl(extra: Record<string, string>): URL {
    const url = new URL(`${idp.issuer}/v1/authorize`);
    url.search = new URLSearchParams({
      client_id: 'ratedesk-cli',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: 'http://127.0.0.1:53682/callback',
      state: 'state-1',
      ...extra,
    }).toString();
    return url;
  }

  it('refuses an authorization request without a code challenge', async () => {
    const response = await fetch(authorizeUrl({}), { redirect: 'manual' });
    expect(response.status).toBe(303);
    const callback = new URL(response.headers.get('location') ?? '');
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('refuses the plain challenge method', async () => {
    const response = await fetch(authorizeUrl({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }), {
      redirect: 'manual',
    });
    const callback = new URL(response.headers.get('location') ?? '');
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('refuses to exchange a code without the matching verifier', async () => {
    const { code, redirectUri } = await obtainAuthorizationCode({ issuer: idp.issuer, ...demo.rep });
    const attempt = exchangeAuthorizationCode({
      issuer: idp.issuer,
      clientId: 'ratedesk-cli',
      code,
      redirectUri,
      codeVerifier: 'x'.repeat(43),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'token_request_failed', message: expect.stringContaining('invalid_grant') });
  });
});

describe('rejected access tokens', () => {
  it('rejects a request without a token', async () => {
    const error = await rejection(verifier.verify(undefined));
    expect(error.code).toBe('missing_token');
    expect(error.httpStatus).toBe(401);
  });

  it('rejects a token for another audience', async () => {
    const otherApi = verifierFor(idp.issuer, { OKTA_AUDIENCE: 'api://someone-else' });
    const error = await rejection(otherApi.verify(repTokens.accessToken));
    expect(error.code).toBe('invalid_token');
    expect(error.message).toContain('audience');
    expect(error.message).not.toContain(repTokens.accessToken);
  });

  it('rejects an ID token presented as an access token', async () => {
    const error = await rejection(verifier.verify(repTokens.idToken));
    expect(error.code).toBe('invalid_token');
  });

  it('rejects a token whose signature was tampered with', async () => {
    const [header = '', payload = '', signature = ''] = repTokens.accessToken.split('.');
    const error = await rejection(verifier.verify(`${header}.${payload}.${flipOneChar(signature)}`));
    expect(error.code).toBe('invalid_token');
    expect(error.message).toContain('signature');
  });

  it('rejects a token whose claims were changed to add a group', async () => {
    const [header = '', payload = '', signature = ''] = repTokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, groups: ['RateDesk-Reps', 'RateDesk-Admins'] })).toString('base64url');
    const error = await rejection(verifier.verify(`${header}.${forged}.${signature}`));
    expect(error.code).toBe('invalid_token');
  });

  it('rejects an unsigned (alg none) token', async () => {
    const claims = decodeJwt(repTokens.accessToken);
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      '',
    ].join('.');
    expect((await rejection(verifier.verify(unsigned))).code).toBe('invalid_token');
  });

  it('rejects a token signed by a key the issuer does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    // Same kid as the real key, so only the signature can tell them apart.
    const { kid } = decodeProtectedHeader(repTokens.accessToken);
    const forged = await new SignJWT({ ...decodeJwt(repTokens.accessToken) })
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(privateKey);
    expect((await rejection(verifier.verify(forged))).code).toBe('invalid_token');
  });

  it('rejects a token from another issuer', async () => {
    const other = await startDevIdentityProvider({ port: 0 });
    try {
      const tokens = await getTokensByScriptedSignIn({ issuer: other.issuer, ...demo.admin });
      const error = await rejection(verifier.verify(tokens.accessToken));
      expect(error.code).toBe('invalid_token');
    } finally {
      await other.close();
    }
  });

  it('rejects an expired token as expired', async () => {
    const shortLived = await startDevIdentityProvider({ port: 0, accessTokenTtlSeconds: 1 });
    try {
      const strict = verifierFor(shortLived.issuer, { OKTA_CLOCK_TOLERANCE_SECONDS: '0' });
      const tokens = await getTokensByScriptedSignIn({ issuer: shortLived.issuer, ...demo.rep });
      expect(tokens.expiresIn).toBeLessThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const error = await rejection(strict.verify(tokens.accessToken));
      expect(error.code).toBe('expired_token');
      expect(error.httpStatus).toBe(401);

      // A fresh token from the refresh token is accepted again: what the desktop app does silently.
      const renewed = await refreshTokens({ issuer: shortLived.issuer, refreshToken: tokens.refreshToken ?? '' });
      expect((await strict.verify(renewed.accessToken)).subject).toBe('00u-demo-rep');
    } finally {
      await shortLived.close();
    }
  });

  it('reports an unreachable issuer as unavailable, not as a bad token', async () => {
    const gone = await startDevIdentityProvider({ port: 0 });
    const issuer = gone.issuer;
    await gone.close();
    const error = await rejection(verifierFor(issuer).verify(repTokens.accessToken));
    expect(error.code).toBe('issuer_unavailable');
    expect(error.httpStatus).toBe(503);
  });
});

describe('refresh tokens', () => {
  it('yields a new access token and rotates the refresh token', async () => {
    const first = await getTokensByScriptedSignIn({ issuer: idp.issuer, ...demo.compliance });
    const renewed = await refreshTokens({ issuer: idp.issuer, refreshToken: first.refreshToken ?? '' });
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.refreshToken).toEqual(expect.any(String));
    expect(renewed.refreshToken).not.toBe(first.refreshToken);
    const principal = await verifier.verify(renewed.accessToken);
    expect(principal).toMatchObject({ subject: '00u-demo-compliance', roles: ['compliance'] });

    // The rotated-out refresh token is dead: a stolen copy cannot be replayed.
    await expect(refreshTokens({ issuer: idp.issuer, refreshToken: first.refreshToken ?? '' })).rejects.toMatchObject({
      code: 'token_request_failed',
    });
  });

  it('stops working once revoked (sign-out)', async () => {
    const tokens = await getTokensByScriptedSignIn({ issuer: idp.issuer, ...demo.rep });
    const revoke = await fetch(`${idp.issuer}/v1/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'ratedesk-cli', token: tokens.refreshToken ?? '', token_type_hint: 'refresh_token' }),
    });
    expect(revoke.status).toBe(200);
    await expect(refreshTokens({ issuer: idp.issuer, refreshToken: tokens.refreshToken ?? '' })).rejects.toMatchObject({
      code: 'token_request_failed',
    });
  });
});

describe('sign-out', () => {
  it('ends at the app’s loopback logout URI with its state, and refuses unregistered ones', async () => {
    const tokens = await getTokensByScriptedSignIn({ issuer: idp.issuer, clientId: 'ratedesk-desktop', ...demo.rep });
    const logout = new URL(`${idp.issuer}/v1/logout`);
    logout.search = new URLSearchParams({
      id_token_hint: tokens.idToken ?? '',
      post_logout_redirect_uri: 'http://127.0.0.1:51234/logout',
      state: 'bye',
    }).toString();

    const page = await fetch(logout, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe(`${idp.issuer}/v1/logout/confirm`);
    const cookie = page.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const confirm = await fetch(action ?? '', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ xsrf: xsrf ?? '', logout: 'yes' }),
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('http://127.0.0.1:51234/logout?state=bye');

    logout.searchParams.set('post_logout_redirect_uri', 'https://evil.example/logout');
    const refused = await fetch(logout, { redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();
  });
});

describe('signing key changes', () => {
  it('accepts tokens from a restarted provider with a new key (JWKS refetched on unknown kid)', async () => {
    const first = await startDevIdentityProvider({ port: 0 });
    const { port, issuer } = first;
    const restartTolerant = createAccessTokenVerifier({ ...loadAuthConfig({ OKTA_ISSUER: issuer }), jwksCooldownMs: 0 });
    const before = await getTokensByScriptedSignIn({ issuer, ...demo.rep });
    await restartTolerant.verify(before.accessToken);
    await first.close();

    const second = await startDevIdentityProvider({ port });
    try {
      const after = await getTokensByScriptedSignIn({ issuer: second.issuer, ...demo.rep });
      expect(second.issuer).toBe(issuer);
      expect((await restartTolerant.verify(after.accessToken)).subject).toBe('00u-demo-rep');
    } finally {
      await second.close();
    }
  });
});

describe('production guard', () => {
  it('refuses to start the development identity provider in production', async () => {
    await expect(startDevIdentityProvider({ port: 0, env: { NODE_ENV: 'production' } })).rejects.toBeInstanceOf(
      DevIdentityProviderForbiddenError,
    );
    await expect(startDevIdentityProvider({ port: 0, env: { RATEDESK_ENV: 'production' } })).rejects.toThrow(/production/);
  });
});
