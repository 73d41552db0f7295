// The desktop sign-in end to end against the development identity provider, over real HTTP:
// authorization code + PKCE through a loopback listener, silent refresh with rotating refresh
// tokens, revocation, offline behaviour, and the encrypted token vault on disk.
//
// Two stand-ins, because the real things cannot run on this machine:
// - The system browser: `browse()` (test/support/system-browser.ts) does what a browser does with
//   the authorize URL the app hands to shell.openExternal (GET it, fill in the dev IdP's sign-in
//   form, follow redirects) and finally requests the app's loopback redirect URI with real HTTP.
// - Electron's safeStorage (needs the Electron binary and the OS keychain): AES-256-GCM with a
//   random key (test/support/client-test-cipher.ts) behind the same SecretCipher seam.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../../../../server/auth/config.js';
import { createAccessTokenVerifier } from '../../../../server/auth/verify-access-token.js';
import { startDevIdentityProvider, type RunningDevIdentityProvider } from '../../../../server/dev-idp/provider.js';
import { refreshTokens, ScriptedSignInError } from '../../../../server/dev-idp/scripted-sign-in.js';
import { NeedsSignInError, OfflineError, SignInError } from '../../../../src-main/auth/auth-errors.js';
import { listenForRedirect } from '../../../../src-main/auth/loopback-redirect.js';
import { authorizeUrlFor, createOktaClient, SIGN_IN_SCOPES } from '../../../../src-main/auth/okta-client.js';
import { openAuthSession, type AuthSession, type AuthSessionOptions } from '../../../../src-main/auth/session.js';
import type { SessionState } from '../../../../src-main/auth/session-state.js';
import { TOKEN_VAULT_KEY, TokenVault, type StoredTokens } from '../../../../src-main/auth/token-vault.js';
import { createJsonFileStore } from '../../../../src-main/settings/json-file-store.js';
import { DEMO_LOGINS } from '../../../support/api.js';
import { createTestCipher, type TestCipher } from '../../../support/client-test-cipher.js';
import { DESKTOP_CLIENT_ID, revokeRefreshToken } from '../../../support/dev-idp-revoke.js';
import { browse, type BrowserVisit } from '../../../support/system-browser.js';

const { rep, admin } = DEMO_LOGINS;

let idp: RunningDevIdentityProvider;
// Access tokens live 2 s here, so every token is "about to expire" and gets renewed.
let shortIdp: RunningDevIdentityProvider;
let workDir: string;

beforeAll(async () => {
  [idp, shortIdp] = await Promise.all([startDevIdentityProvider({ port: 0 }), startDevIdentityProvider({ port: 0, accessTokenTtlSeconds: 2 })]);
  workDir = mkdtempSync(join(tmpdir(), 'ratedesk-client-auth-'));
});

afterAll(async () => {
  await Promise.all([idp?.close(), shortIdp?.close()]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface CountingFetch {
  fetch: typeof fetch;
  tokenRequests(): number;
}

/** The real fetch, with a tally of token endpoint requests. */
function countingFetch(): CountingFetch {
  const urls: string[] = [];
  return {
    fetch: (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
    tokenRequests: () => urls.filter((url) => new URL(url).pathname.endsWith('/v1/token')).length,
  };
}

interface Harness {
  session: AuthSession;
  vaultFile: string;
  cipher: TestCipher;
  counter: CountingFetch;
  states: SessionState[];
  /** The browser's last visit (set once openExternal ran). */
  lastVisit(): Promise<BrowserVisit>;
  /** What is on disk, read by a fresh vault as the next app start would. */
  storedTokens(): Promise<StoredTokens | undefined>;
  cacheClears(): number;
}

let harnessCount = 0;

async function harness(
  provider: RunningDevIdentityProvider,
  options: Partial<AuthSessionOptions> & { user?: { username: string; password: string }; vaultFile?: string; cipher?: TestCipher } = {},
): Promise<Harness> {
  harnessCount += 1;
  const vaultFile = options.vaultFile ?? join(workDir, `session-${harnessCount}.json`);
  const cipher = options.cipher ?? createTestCipher();
  const counter = countingFetch();
  let visit: Promise<BrowserVisit> | undefined;
  let cacheClears = 0;
  const session = await openAuthSession({
    issuer: provider.issuer,
    clientId: DESKTOP_CLIENT_ID,
    vault: new TokenVault(createJsonFileStore(vaultFile), cipher),
    // Like shell.openExternal: hands the URL over and returns; the browser carries on alone.
    openExternal: async (url) => {
      visit = browse(url, options.user ?? rep);
    },
    clearCache: async () => {
      cacheClears += 1;
    },
    fetch: counter.fetch,
    ...options,
  });
  const result: Harness = {
    session,
    vaultFile,
    cipher,
    counter,
    states: [],
    lastVisit: () => visit ?? Promise.reject(new Error('the browser was never opened')),
    storedTokens: () => new TokenVault(createJsonFileStore(vaultFile), cipher).load(),
    cacheClears: () => cacheClears,
  };
  result.session.onStateChange((state) => result.states.push(state));
  return result;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (error: unknown) => error,
  );
}

/** Whether the identity provider still honours this refresh token (spends it when it does). */
async function refreshTokenStillWorks(provider: RunningDevIdentityProvider, refreshToken: string): Promise<boolean> {
  try {
    await refreshTokens({ issuer: provider.issuer, clientId: DESKTOP_CLIENT_ID, refreshToken });
    return true;
  } catch (error) {
    if (error instanceof ScriptedSignInError && /invalid_grant/.test(error.message)) return false;
    throw error;
  }
}

describe('sign-in through the system browser and the loopback listener', () => {
  it('signs the rep in with a token the API accepts, and tells the renderer who, never the token', async () => {
    const h = await harness(idp);
    expect(h.session.state).toEqual({ status: 'signed-out' });

    const summary = await h.session.signIn();
    const visit = await h.lastVisit();
    expect(visit.finalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?code=/);
    expect(visit.status).toBe(200);
    expect(visit.text).toContain('return to RateDesk');

    expect(summary).toMatchObject({
      user: { subject: '00u-demo-rep', name: 'Riley Rep', email: 'rep@ratedesk.test', groups: ['RateDesk-Reps'] },
      tokenPersistence: 'encrypted',
    });
    expect(Date.parse(summary.accessTokenExpiresAt)).toBeGreaterThan(Date.now() + 3_500_000);
    expect(h.session.state).toMatchObject({ status: 'signed-in', offline: false, user: { email: 'rep@ratedesk.test' } });
    expect(h.states.map((state) => state.status)).toEqual(['signed-in']);

    const accessToken = await h.session.getAccessToken();
    const principal = await createAccessTokenVerifier(loadAuthConfig({ OKTA_ISSUER: idp.issuer })).verify(accessToken);
    expect(principal).toMatchObject({ subject: '00u-demo-rep', roles: ['sales_rep'], clientId: DESKTOP_CLIENT_ID });
    expect(principal.scopes).toEqual(expect.arrayContaining(['openid', 'offline_access']));

    const stored = await h.storedTokens();
    expect(stored?.accessToken).toBe(accessToken);
    expect(stored?.refreshToken).toEqual(expect.any(String));
    for (const secret of [stored?.accessToken, stored?.refreshToken, stored?.idToken]) {
      expect(JSON.stringify(h.session.state)).not.toContain(secret);
      expect(JSON.stringify(summary)).not.toContain(secret);
    }
  });

  it('gives an admin the admin role', async () => {
    const h = await harness(idp, { user: admin });
    await h.session.signIn();
    const principal = await createAccessTokenVerifier(loadAuthConfig({ OKTA_ISSUER: idp.issuer })).verify(await h.session.getAccessToken());
    expect(principal.roles).toEqual(['sales_rep', 'admin']);
  });

  it('keeps nothing on disk that reveals a token or who signed in', async () => {
    const h = await harness(idp);
    await h.session.signIn();
    const stored = await h.storedTokens();
    const onDisk = readFileSync(h.vaultFile, 'utf8');
    expect(JSON.parse(onDisk)).toHaveProperty(TOKEN_VAULT_KEY);
    for (const secret of [stored?.accessToken, stored?.refreshToken, stored?.idToken, 'rep@ratedesk.test', 'Riley']) {
      expect(secret).toBeDefined();
      expect(onDisk).not.toContain(secret);
    }
    // Another key (another OS user, a reset keychain) cannot read it.
    expect(await new TokenVault(createJsonFileStore(h.vaultFile), createTestCipher(), { warn: () => undefined }).load()).toBeUndefined();
  });

  it('is signed in again after a restart, without the network', async () => {
    const first = await harness(idp);
    await first.session.signIn();
    const token = await first.session.getAccessToken();

    const restarted = await harness(idp, { vaultFile: first.vaultFile, cipher: first.cipher });
    expect(restarted.session.state).toMatchObject({ status: 'signed-in', user: { subject: '00u-demo-rep' } });
    expect(await restarted.session.getAccessToken()).toBe(token);
    expect(restarted.counter.tokenRequests()).toBe(0);
  });

  it('refuses the sign-in when the identity provider answers with error=access_denied', async () => {
    // What Okta sends when the rep cancels or is not assigned to the app (the dev IdP has no such step).
    const h = await harness(idp, {
      openExternal: async (url) => {
        const authorize = new URL(url);
        const redirect = new URL(authorize.searchParams.get('redirect_uri') ?? '');
        redirect.search = new URLSearchParams({
          error: 'access_denied',
          error_description: 'User is not assigned to the client application.',
          state: authorize.searchParams.get('state') ?? '',
        }).toString();
        void fetch(redirect).then((response) => response.text());
      },
    });
    const error = await rejectionOf(h.session.signIn());
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({ code: 'denied' });
    expect((error as Error).message).toContain('access_denied (User is not assigned to the client application.)');
    expect(h.session.state).toEqual({ status: 'signed-out' });
    expect(await h.storedTokens()).toBeUndefined();
  });

  it('refuses a redirect that carries another state, and says so in the browser', async () => {
    let page: Promise<{ status: number; text: string }> | undefined;
    const h = await harness(idp, {
      openExternal: async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
        redirect.search = new URLSearchParams({ code: 'stolen-code', state: 'someone-elses-state' }).toString();
        page = fetch(redirect).then(async (response) => ({ status: response.status, text: await response.text() }));
      },
    });
    const error = await rejectionOf(h.session.signIn());
    expect(error).toMatchObject({ name: 'SignInError', code: 'mismatch' });
    expect((error as Error).message).toContain('state mismatch');
    expect(await page).toMatchObject({ status: 400, text: expect.stringContaining('state mismatch') });
    expect(h.session.state.status).toBe('signed-out');
  });
});

describe('PKCE', () => {
  interface ObtainedCode {
    code: string;
    codeVerifier: string;
    redirectUri: string;
    authorizeUrl: URL;
  }

  /** The front-channel half as the app does it, stopping before the exchange. */
  async function obtainCode(): Promise<ObtainedCode> {
    const listener = await listenForRedirect({ timeoutMs: 30_000 });
    try {
      const okta = createOktaClient({ issuer: idp.issuer, clientId: DESKTOP_CLIENT_ID, redirectUri: listener.redirectUri });
      const params = await okta.token.prepareTokenParams({ responseType: 'code', scopes: [...SIGN_IN_SCOPES] });
      const authorizeUrl = new URL(authorizeUrlFor(okta, params));
      const visit = browse(authorizeUrl.toString(), rep);
      const { code } = await listener.waitForCode({ state: params.state ?? '', issuer: idp.issuer });
      await visit;
      return { code, codeVerifier: params.codeVerifier ?? '', redirectUri: listener.redirectUri, authorizeUrl };
    } finally {
      await listener.close();
    }
  }

  async function redeem(obtained: ObtainedCode, codeVerifier: string | undefined) {
    const response = await fetch(`${idp.issuer}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: DESKTOP_CLIENT_ID,
        code: obtained.code,
        redirect_uri: obtained.redirectUri,
        ...(codeVerifier === undefined ? {} : { code_verifier: codeVerifier }),
      }).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('sends an S256 challenge of a verifier that never leaves the app', async () => {
    const obtained = await obtainCode();
    expect(obtained.authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(obtained.authorizeUrl.searchParams.get('code_challenge')).toBe(createHash('sha256').update(obtained.codeVerifier).digest('base64url'));
    expect(obtained.codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(obtained.authorizeUrl.toString()).not.toContain(obtained.codeVerifier);
  });

  it('makes an intercepted code useless without the verifier', async () => {
    const wrongVerifier = await redeem(await obtainCode(), 'x'.repeat(43));
    // The same request with the right verifier succeeds (next test): only the verifier differs.
    expect(wrongVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    expect(await redeem(await obtainCode(), undefined)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('accepts the code once, with the right verifier', async () => {
    const obtained = await obtainCode();
    expect(await redeem(obtained, obtained.codeVerifier)).toMatchObject({ status: 200, body: { access_token: expect.any(String) } });
    expect(await redeem(obtained, obtained.codeVerifier)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('silent renewal', () => {
  it('hands out the current token while it has more than a minute left, without asking the IdP', async () => {
    let clockOffset = 0;
    const h = await harness(idp, { now: () => Date.now() + clockOffset });
    await h.session.signIn();
    const stored = await h.storedTokens();
    const requestsAfterSignIn = h.counter.tokenRequests();

    clockOffset = (stored?.accessTokenExpiresAt ?? 0) * 1000 - Date.now() - 61_000;
    expect(await h.session.getAccessToken()).toBe(stored?.accessToken);
    expect(h.counter.tokenRequests()).toBe(requestsAfterSignIn);

    // 59 s before expiry: renewed before handing it over.
    clockOffset = (stored?.accessTokenExpiresAt ?? 0) * 1000 - Date.now() - 59_000;
    const renewed = await h.session.getAccessToken();
    expect(renewed).not.toBe(stored?.accessToken);
    expect(h.counter.tokenRequests()).toBe(requestsAfterSignIn + 1);

    // The server answered 401 to a token that looked fine: the next call renews instead of reusing it.
    clockOffset = 0;
    expect(await h.session.getAccessToken()).toBe(renewed);
    h.session.reportRejectedToken(renewed);
    expect(await h.session.getAccessToken()).not.toBe(renewed);
    expect(h.counter.tokenRequests()).toBe(requestsAfterSignIn + 2);
  });

  it('renews an expiring token with the refresh token and keeps the rotated refresh token in the vault', async () => {
    const h = await harness(shortIdp);
    await h.session.signIn();
    const before = await h.storedTokens();
    expect(before?.refreshToken).toEqual(expect.any(String));

    const token = await h.session.getAccessToken();
    expect(token).not.toBe(before?.accessToken);
    const principal = await createAccessTokenVerifier(loadAuthConfig({ OKTA_ISSUER: shortIdp.issuer })).verify(token);
    expect(principal).toMatchObject({ subject: '00u-demo-rep', roles: ['sales_rep'] });

    const after = await h.storedTokens();
    expect(after?.accessToken).toBe(token);
    expect(after?.refreshToken).toEqual(expect.any(String));
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.user).toEqual(before?.user);
    expect(h.session.state).toMatchObject({ status: 'signed-in', offline: false });
    // Rotation: the old refresh token is spent; the vault's one still works.
    expect(await refreshTokenStillWorks(shortIdp, before?.refreshToken ?? '')).toBe(false);
  });

  it('makes one refresh request for many concurrent callers', async () => {
    const h = await harness(shortIdp);
    await h.session.signIn();
    const before = h.counter.tokenRequests();
    const tokens = await Promise.all(Array.from({ length: 6 }, () => h.session.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(h.counter.tokenRequests()).toBe(before + 1);
    // Had two requests raced, the second would have presented a spent refresh token and failed.
    expect(h.session.state.status).toBe('signed-in');
  });

  it('asks for a new sign-in when the refresh token was revoked, and loses nothing else', async () => {
    const h = await harness(shortIdp);
    await h.session.signIn();
    const stored = await h.storedTokens();
    await revokeRefreshToken(shortIdp.issuer, stored?.refreshToken ?? '');

    const error = await rejectionOf(h.session.getAccessToken());
    expect(error).toBeInstanceOf(NeedsSignInError);
    expect(error).toMatchObject({ reason: 'session-ended' });
    expect(h.session.state).toMatchObject({ status: 'needs-sign-in', reason: 'session-ended', user: { subject: '00u-demo-rep' } });
    expect(h.cacheClears()).toBe(0);
    // The next start knows who was signed in and that a sign-in is needed.
    const restarted = await harness(shortIdp, { vaultFile: h.vaultFile, cipher: h.cipher });
    expect(restarted.session.state).toMatchObject({ status: 'needs-sign-in', user: { email: 'rep@ratedesk.test' } });
    expect((await restarted.storedTokens())?.refreshToken).toBeUndefined();

    // Signing in again picks up where the rep left off.
    await h.session.signIn();
    expect(h.session.state.status).toBe('signed-in');
    await expect(h.session.getAccessToken()).resolves.toEqual(expect.any(String));
  });

  it('stays signed in when the IdP cannot be reached, and says so with a typed error', async () => {
    const offlineIdp = await startDevIdentityProvider({ port: 0 });
    let clockOffset = 0;
    const h = await harness(offlineIdp, { now: () => Date.now() + clockOffset });
    await h.session.signIn();
    const stored = await h.storedTokens();
    await offlineIdp.close();

    // 30 s left: renewal fails, but the token still works for the server.
    clockOffset = (stored?.accessTokenExpiresAt ?? 0) * 1000 - Date.now() - 30_000;
    expect(await h.session.getAccessToken()).toBe(stored?.accessToken);
    expect(h.session.state).toMatchObject({ status: 'signed-in', offline: true });

    clockOffset = (stored?.accessTokenExpiresAt ?? 0) * 1000 - Date.now() + 1_000;
    const error = await rejectionOf(h.session.getAccessToken());
    expect(error).toBeInstanceOf(OfflineError);
    expect(error).toMatchObject({ reason: 'unreachable' });
    expect(h.session.state).toMatchObject({ status: 'signed-in', offline: true, user: { subject: '00u-demo-rep' } });
    expect(await h.storedTokens()).toEqual(stored);

    // Starting the app offline: still signed in, working on the cache.
    const restarted = await harness(offlineIdp, { vaultFile: h.vaultFile, cipher: h.cipher });
    expect(restarted.session.state).toMatchObject({ status: 'signed-in', user: { subject: '00u-demo-rep' } });
  });
});

describe('a stalled identity provider', () => {
  it('times out as offline instead of hanging the sync', async () => {
    const stalledIdp = await startDevIdentityProvider({ port: 0 });
    let clockOffset = 0;
    const h = await harness(stalledIdp, { now: () => Date.now() + clockOffset, requestTimeoutMs: 300 });
    await h.session.signIn();
    const stored = await h.storedTokens();
    await stalledIdp.close();
    // Same address, now a server that accepts connections and never answers (a captive network).
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(stalledIdp.port, '127.0.0.1', resolve));
    try {
      clockOffset = (stored?.accessTokenExpiresAt ?? 0) * 1000 - Date.now() + 1_000;
      const started = Date.now();
      const error = await rejectionOf(h.session.getAccessToken());
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(OfflineError);
      expect(h.session.state).toMatchObject({ status: 'signed-in', offline: true });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('sign-out', () => {
  it('removes the tokens and revokes the session at the IdP', async () => {
    const h = await harness(idp);
    await h.session.signIn();
    const stored = await h.storedTokens();

    const result = await h.session.signOut();
    expect(result).toEqual({ needsConfirmation: false, revoked: true, cacheCleared: false });
    expect(h.session.state).toEqual({ status: 'signed-out' });
    expect(await h.storedTokens()).toBeUndefined();
    expect(JSON.parse(readFileSync(h.vaultFile, 'utf8'))).not.toHaveProperty(TOKEN_VAULT_KEY);
    expect(await refreshTokenStillWorks(idp, stored?.refreshToken ?? '')).toBe(false);
    await expect(h.session.getAccessToken()).rejects.toMatchObject({ name: 'NeedsSignInError', reason: 'signed-out' });
    expect(h.cacheClears()).toBe(0);
  });

  it('warns before clearing a cache with pending uploads, and clears it once confirmed', async () => {
    let pending = 3;
    const h = await harness(idp, { pendingUploads: async () => pending });
    await h.session.signIn();

    expect(await h.session.signOut({ clearCache: true })).toEqual({ needsConfirmation: true, pendingUploads: 3 });
    expect(h.session.state.status).toBe('signed-in');
    expect(await h.storedTokens()).toBeDefined();
    expect(h.cacheClears()).toBe(0);

    expect(await h.session.signOut({ clearCache: true, confirmed: true })).toEqual({ needsConfirmation: false, revoked: true, cacheCleared: true });
    expect(h.cacheClears()).toBe(1);
    expect(await h.storedTokens()).toBeUndefined();

    pending = 0;
    await h.session.signIn();
    expect(await h.session.signOut({ clearCache: true })).toMatchObject({ needsConfirmation: false, cacheCleared: true });
  });

  it('says so before any sign-out while the rep has uploads pending, records the sign-out for the rep before revoking, and then knows nobody', async () => {
    const asked: string[] = [];
    const recorded: { subject: string; tokenStillWorked: boolean }[] = [];
    // The hook reads the session it belongs to, made just below.
    const session: { current?: Harness } = {};
    const h = await harness(idp, {
      pendingUploads: async (subject) => {
        asked.push(subject);
        return 2;
      },
      beforeSignOut: async (user) => {
        // The audit entry is sent with the rep's own token, so it must still be valid here.
        const token = await session.current?.session.getAccessToken({ subject: user.subject });
        recorded.push({ subject: user.subject, tokenStillWorked: typeof token === 'string' && token.length > 0 });
      },
    });
    session.current = h;
    await h.session.signIn();
    const subject = h.session.currentUser()?.subject ?? '';
    expect(subject).not.toBe('');

    expect(await h.session.signOut()).toEqual({ needsConfirmation: true, pendingUploads: 2 });
    expect(asked).toEqual([subject]);
    expect(h.session.state.status).toBe('signed-in');
    expect(recorded).toEqual([]);

    expect(await h.session.signOut({ confirmed: true })).toEqual({ needsConfirmation: false, revoked: true, cacheCleared: false });
    expect(recorded).toEqual([{ subject, tokenStillWorked: true }]);
    expect(h.session.currentUser()).toBeNull();
    // Nobody signed in: nothing pending to anyone, so a second sign-out asks nothing and records nothing.
    expect(await h.session.signOut()).toMatchObject({ needsConfirmation: false });
    expect(recorded).toHaveLength(1);
  });

  it('hands a sync run a token only for its own rep', async () => {
    const h = await harness(idp);
    await h.session.signIn();
    const subject = h.session.currentUser()?.subject ?? '';
    await expect(h.session.getAccessToken({ subject })).resolves.toEqual(expect.any(String));
    await expect(h.session.getAccessToken({ subject: '00u-someone-else' })).rejects.toMatchObject({ name: 'NeedsSignInError' });
  });

  it('signs out offline too; only the revocation is skipped', async () => {
    const goneIdp = await startDevIdentityProvider({ port: 0 });
    const h = await harness(goneIdp);
    await h.session.signIn();
    await goneIdp.close();
    expect(await h.session.signOut()).toEqual({ needsConfirmation: false, revoked: false, cacheCleared: false });
    expect(h.session.state).toEqual({ status: 'signed-out' });
    expect(await h.storedTokens()).toBeUndefined();
  });
});
