// Signs a user in the way a browser would, without a browser: authorization request with PKCE,
// the sign-in form, the redirects, then the code exchange. Used by `npm run dev:token` and by tests
// to get real tokens from the development identity provider (or any Okta-compatible issuer whose
// sign-in form has username and password fields). No listener is needed on the redirect URI: we
// stop at the redirect that points to it and read the code from its Location header.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CookieJar } from './cookie-jar.js';
import { HTML_ENTITIES } from './pages.js';

export const DEFAULT_CLI_CLIENT_ID = 'ratedesk-cli';
export const DEFAULT_SCOPE = 'openid profile email offline_access';
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:53682/callback';
const MAX_HOPS = 12;

export interface ScriptedSignInOptions {
  issuer: string;
  clientId?: string;
  username: string;
  password: string;
  scope?: string;
  redirectUri?: string;
}

export interface TokenSet {
  accessToken: string;
  idToken: string | undefined;
  refreshToken: string | undefined;
  /** Seconds until the access token expires, as the token endpoint said. */
  expiresIn: number;
  scope: string | undefined;
}

export interface AuthorizationCodeResult {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export const ScriptedSignInErrorCode = {
  unreachable: 'unreachable',
  wrongCredentials: 'wrong_credentials',
  authorizationFailed: 'authorization_failed',
  tokenRequestFailed: 'token_request_failed',
  unexpectedResponse: 'unexpected_response',
} as const;
export type ScriptedSignInErrorCode = (typeof ScriptedSignInErrorCode)[keyof typeof ScriptedSignInErrorCode];

export class ScriptedSignInError extends Error {
  override readonly name = 'ScriptedSignInError';
  constructor(
    readonly code: ScriptedSignInErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().nonnegative(),
  id_token: z.string().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});
const OAuthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export async function getTokensByScriptedSignIn(options: ScriptedSignInOptions): Promise<TokenSet> {
  const clientId = options.clientId ?? DEFAULT_CLI_CLIENT_ID;
  const { code, codeVerifier, redirectUri } = await obtainAuthorizationCode(options);
  return exchangeAuthorizationCode({ issuer: options.issuer, clientId, code, codeVerifier, redirectUri });
}

/** The front-channel half of the flow: ends with an authorization code, before the exchange. */
export async function obtainAuthorizationCode(options: ScriptedSignInOptions): Promise<AuthorizationCodeResult> {
  const issuer = trimIssuer(options.issuer);
  const clientId = options.clientId ?? DEFAULT_CLI_CLIENT_ID;
  const redirectUri = options.redirectUri ?? DEFAULT_REDIRECT_URI;
  const codeVerifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');

  const authorize = new URL(`${issuer}/v1/authorize`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: options.scope ?? DEFAULT_SCOPE,
    redirect_uri: redirectUri,
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const jar = new CookieJar();
  let url = authorize;
  let response = await send(jar, url, { method: 'GET' }, issuer);
  let submitted = false;

  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) throw new ScriptedSignInError('unexpected_response', `redirect without Location from ${url.pathname}`);
      const next = new URL(location, url);
      if (sameEndpoint(next, redirectUri)) {
        return { code: readCallback(next, state, issuer), codeVerifier, redirectUri };
      }
      url = next;
      response = await send(jar, url, { method: 'GET' }, issuer);
      continue;
    }

    const html = await response.text();
    const form = signInForm(html);
    if (form && submitted) {
      throw new ScriptedSignInError(
        'wrong_credentials',
        `sign-in refused for ${options.username}: ${pageMessage(html) ?? `HTTP ${response.status}`}`,
      );
    }
    if (form && response.ok) {
      submitted = true;
      url = new URL(form.action, url);
      response = await send(
        jar,
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
        },
        issuer,
      );
      continue;
    }
    throw new ScriptedSignInError(
      'unexpected_response',
      `unexpected HTTP ${response.status} from ${url.pathname}: ${pageMessage(html) ?? 'no sign-in form found'}`,
    );
  }
  throw new ScriptedSignInError('unexpected_response', `more than ${MAX_HOPS} redirects during sign-in`);
}

export async function exchangeAuthorizationCode(input: {
  issuer: string;
  clientId: string;
  code: string;
  codeVerifier: string;
  redirectUri: string;
}): Promise<TokenSet> {
  return tokenRequest(input.issuer, {
    grant_type: 'authorization_code',
    client_id: input.clientId,
    code: input.code,
    code_verifier: input.codeVerifier,
    redirect_uri: input.redirectUri,
  });
}

/** Trades a refresh token for new tokens; with rotation the old refresh token stops working. */
export async function refreshTokens(input: {
  issuer: string;
  clientId?: string;
  refreshToken: string;
  scope?: string;
}): Promise<TokenSet> {
  return tokenRequest(input.issuer, {
    grant_type: 'refresh_token',
    client_id: input.clientId ?? DEFAULT_CLI_CLIENT_ID,
    refresh_token: input.refreshToken,
    ...(input.scope ? { scope: input.scope } : {}),
  });
}

async function tokenRequest(issuerInput: string, form: Record<string, string>): Promise<TokenSet> {
  const issuer = trimIssuer(issuerInput);
  const url = new URL(`${issuer}/v1/token`);
  const response = await send(
    new CookieJar(),
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    },
    issuer,
  );
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const oauthError = OAuthErrorSchema.safeParse(body);
    const reason = oauthError.success
      ? `${oauthError.data.error}${oauthError.data.error_description ? ` (${oauthError.data.error_description})` : ''}`
      : `HTTP ${response.status}`;
    throw new ScriptedSignInError('token_request_failed', `token request (${form.grant_type}) failed: ${reason}`);
  }
  const tokens = TokenResponseSchema.safeParse(body);
  if (!tokens.success) {
    throw new ScriptedSignInError('unexpected_response', 'the token endpoint answered without a usable access_token/expires_in');
  }
  return {
    accessToken: tokens.data.access_token,
    idToken: tokens.data.id_token,
    refreshToken: tokens.data.refresh_token,
    expiresIn: tokens.data.expires_in,
    scope: tokens.data.scope,
  };
}

async function send(jar: CookieJar, url: URL, init: RequestInit, issuer: string): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.headerFor(url.pathname);
  if (cookie) headers.set('cookie', cookie);
  if (!headers.has('accept')) headers.set('accept', 'text/html');
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new ScriptedSignInError('unreachable', `could not reach the identity provider at ${issuer} (is it running?)`, {
      cause: error,
    });
  }
  jar.storeFrom(response, url.pathname);
  return response;
}

function readCallback(callback: URL, expectedState: string, issuer: string): string {
  const params = callback.searchParams;
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new ScriptedSignInError('authorization_failed', `authorization failed: ${error}${description ? ` (${description})` : ''}`);
  }
  // state ties the answer to our request; iss (RFC 9207) rules out a mix-up with another issuer.
  if (params.get('state') !== expectedState) {
    throw new ScriptedSignInError('authorization_failed', 'authorization response state does not match the request');
  }
  const iss = params.get('iss');
  if (iss !== null && trimIssuer(iss) !== issuer) {
    throw new ScriptedSignInError('authorization_failed', `authorization response came from issuer ${iss}, expected ${issuer}`);
  }
  const code = params.get('code');
  if (!code) throw new ScriptedSignInError('authorization_failed', 'authorization response has no code');
  return code;
}

function sameEndpoint(candidate: URL, redirectUri: string): boolean {
  const target = new URL(redirectUri);
  return candidate.protocol === target.protocol && candidate.host === target.host && candidate.pathname === target.pathname;
}

/** A form with a password field is a sign-in form; its action is where credentials go. */
function signInForm(html: string): { action: string } | undefined {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, attributes = '', body = ''] = match;
    if (!/<input\b[^>]*type=["']?password/i.test(body)) continue;
    const action = /\baction=["']([^"']*)["']/i.exec(attributes)?.[1];
    if (action) return { action: decodeEntities(action) };
  }
  return undefined;
}

function pageMessage(html: string): string | undefined {
  const alert = /<[^>]+role=["']alert["'][^>]*>([\s\S]*?)<\/[^>]+>/i.exec(html)?.[1];
  const pre = [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/gi)].map((m) => m[1] ?? '').join('; ');
  const text = (alert ?? pre).replace(/<[^>]*>/g, '').trim();
  return text ? decodeEntities(text) : undefined;
}

function decodeEntities(text: string): string {
  return HTML_ENTITIES.reduceRight((decoded, [plain, entity]) => decoded.replaceAll(entity, plain), text);
}

function trimIssuer(issuer: string): string {
  return issuer.replace(/\/+$/, '');
}
