// The cache of verified access tokens in front of the real verifier, with real tokens from the
// development identity provider: a repeated token skips the signature check, and nothing else
// changes for a caller: a bad token is refused every time, an expired one is refused even though
// it verified a moment ago, and the cache forgets by age and by size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../../../server/auth/auth-error.js';
import { loadAuthConfig } from '../../../../server/auth/config.js';
import { cachingVerifier } from '../../../../server/auth/verified-token-cache.js';
import { createAccessTokenVerifier } from '../../../../server/auth/verify-access-token.js';
import { startDevIdentityProvider, type RunningDevIdentityProvider } from '../../../../server/dev-idp/provider.js';
import { getTokensByScriptedSignIn } from '../../../../server/dev-idp/scripted-sign-in.js';
import { DEMO_LOGINS } from '../../../support/api.js';
import { counted } from '../../../support/counted-verifier.js';

function tamper(token: string): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const middle = Math.floor(signature.length / 2);
  return `${header}.${payload}.${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
}

let idp: RunningDevIdentityProvider;
let shortLived: RunningDevIdentityProvider;
let rep: string;
let admin: string;
let compliance: string;

beforeAll(async () => {
  [idp, shortLived] = await Promise.all([startDevIdentityProvider({ port: 0 }), startDevIdentityProvider({ port: 0, accessTokenTtlSeconds: 2 })]);
  const signIn = async (who: keyof typeof DEMO_LOGINS) => (await getTokensByScriptedSignIn({ issuer: idp.issuer, ...DEMO_LOGINS[who] })).accessToken;
  [rep, admin, compliance] = await Promise.all([signIn('rep'), signIn('admin'), signIn('compliance')]);
}, 60_000);

afterAll(async () => {
  await Promise.all([idp?.close(), shortLived?.close()]);
});

const realVerifier = () => counted(createAccessTokenVerifier(loadAuthConfig({ OKTA_ISSUER: idp.issuer })));

describe('the verified-token cache', () => {
  it('checks a repeated token once and answers the same principal', async () => {
    const inner = realVerifier();
    const verifier = cachingVerifier(inner);
    const first = await verifier.verify(rep);
    const again = await verifier.verify(rep);
    expect(again).toEqual(first);
    expect(first.subject).toBe('00u-demo-rep');
    expect(inner.calls).toBe(1);
    // Another token is its own entry.
    expect((await verifier.verify(admin)).subject).not.toBe(first.subject);
    expect(inner.calls).toBe(2);
  });

  it('never remembers a refusal: a tampered token is checked and refused every time', async () => {
    const inner = realVerifier();
    const verifier = cachingVerifier(inner);
    await verifier.verify(rep);
    for (let i = 0; i < 3; i += 1) {
      await expect(verifier.verify(tamper(rep))).rejects.toMatchObject({ code: 'invalid_token', message: 'access token signature is invalid' });
    }
    expect(inner.calls).toBe(4);
    await expect(verifier.verify(undefined)).rejects.toBeInstanceOf(AuthError);
    await expect(verifier.verify('  ')).rejects.toMatchObject({ code: 'missing_token' });
  });

  it('refuses a token once it expires, although it verified moments before', async () => {
    const token = (await getTokensByScriptedSignIn({ issuer: shortLived.issuer, ...DEMO_LOGINS.rep })).accessToken;
    const verifier = cachingVerifier(createAccessTokenVerifier(loadAuthConfig({ OKTA_ISSUER: shortLived.issuer, OKTA_CLOCK_TOLERANCE_SECONDS: '0' })));
    const principal = await verifier.verify(token);
    await new Promise((resolve) => setTimeout(resolve, principal.expiresAt.getTime() - Date.now() + 100));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'expired_token' });
  }, 15_000);

  it('checks a token again after maxAgeMs', async () => {
    let now = Date.now();
    const inner = realVerifier();
    const verifier = cachingVerifier(inner, { maxAgeMs: 60_000, now: () => now });
    await verifier.verify(rep);
    now += 59_000;
    await verifier.verify(rep);
    expect(inner.calls).toBe(1);
    now += 1_000;
    await verifier.verify(rep);
    expect(inner.calls).toBe(2);
  });

  it('holds at most maxEntries tokens, forgetting the least recently used', async () => {
    const inner = realVerifier();
    const verifier = cachingVerifier(inner, { maxEntries: 2 });
    await verifier.verify(rep);
    await verifier.verify(admin);
    await verifier.verify(rep); // rep is now the most recently used
    await verifier.verify(compliance); // evicts admin
    expect(inner.calls).toBe(3);
    await verifier.verify(rep);
    expect(inner.calls).toBe(3);
    await verifier.verify(admin);
    expect(inner.calls).toBe(4);
  });
});
