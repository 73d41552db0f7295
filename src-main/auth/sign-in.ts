// One interactive sign-in, authorization code + PKCE as a native app (RFC 8252): listen on a
// loopback port, open the system browser at the authorize URL, wait for the redirect, exchange
// the code (with the PKCE verifier that never left this process) and validate the ID token.
// Returns the tokens for the vault; AuthSession (session.ts) is what the app calls.
import { z } from 'zod';
import { SignInError } from './auth-errors.js';
import { listenForRedirect } from './loopback-redirect.js';
import { authorizeUrlFor, classifyOktaFailure, createOktaClient, SIGN_IN_SCOPES } from './okta-client.js';
import type { SessionUser, StoredTokens } from './token-vault.js';

export interface SignInOptions {
  issuer: string;
  clientId: string;
  /** Hands the authorize URL to the system browser (shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const IdTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  groups: z.array(z.string()).optional(),
});

export async function signInWithBrowser(options: SignInOptions): Promise<StoredTokens> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const listener = await listenForRedirect({ path: '/callback', ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  try {
    const okta = createOktaClient({ issuer, clientId: options.clientId, redirectUri: listener.redirectUri, ...fetchOption(options) });

    // State, nonce, the PKCE verifier and its S256 challenge (checked against the issuer's
    // discovery document, which also proves the issuer is reachable before the browser opens).
    let params: Awaited<ReturnType<typeof okta.token.prepareTokenParams>>;
    try {
      params = await okta.token.prepareTokenParams({ responseType: 'code', scopes: [...SIGN_IN_SCOPES], codeChallengeMethod: 'S256' });
    } catch (error) {
      throw failure(error, `could not reach the sign-in service at ${issuer}`);
    }
    const state = params.state;
    if (!state || !params.codeVerifier) throw new SignInError('exchange-failed', 'okta-auth-js did not prepare state and a PKCE verifier');

    await options.openExternal(authorizeUrlFor(okta, params));
    const { code } = await listener.waitForCode({ state, issuer });

    let tokens: Awaited<ReturnType<typeof okta.token.exchangeCodeForTokens>>['tokens'];
    try {
      ({ tokens } = await okta.token.exchangeCodeForTokens({ ...params, authorizationCode: code }));
    } catch (error) {
      throw failure(error, 'the sign-in could not be completed');
    }
    const { accessToken, idToken, refreshToken } = tokens;
    if (!accessToken || !idToken) throw new SignInError('exchange-failed', 'the identity provider did not return an access token and an ID token');
    return {
      issuer,
      clientId: options.clientId,
      accessToken: accessToken.accessToken,
      accessTokenExpiresAt: accessToken.expiresAt,
      ...(refreshToken ? { refreshToken: refreshToken.refreshToken } : {}),
      idToken: idToken.idToken,
      scopes: accessToken.scopes,
      user: userFromClaims(idToken.claims),
    };
  } finally {
    await listener.close();
  }
}

/** Who signed in, from the (validated) ID token's claims. */
export function userFromClaims(claims: unknown): SessionUser {
  const parsed = IdTokenClaimsSchema.safeParse(claims);
  if (!parsed.success) throw new SignInError('exchange-failed', 'the ID token does not name the signed-in user (sub)');
  const { sub, name, email, groups } = parsed.data;
  return { subject: sub, ...(name ? { name } : {}), ...(email ? { email } : {}), groups: groups ?? [] };
}

function failure(error: unknown, context: string): SignInError {
  if (error instanceof SignInError) return error;
  const { kind, detail } = classifyOktaFailure(error);
  const code = kind === 'unreachable' || kind === 'provider-error' ? 'unreachable' : 'exchange-failed';
  return new SignInError(code, `${context}: ${detail}`, { cause: error });
}

function fetchOption(options: SignInOptions): { fetch?: typeof fetch } {
  return options.fetch ? { fetch: options.fetch } : {};
}
