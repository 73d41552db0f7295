// okta-auth-js set up for a native app's main process (RFC 8252): no window, no localStorage,
// no automatic renewal. We use it for what it does well (PKCE parameters, the token endpoint,
// ID token validation against the issuer's keys, refresh, revocation) and keep tokens ourselves
// (token-vault.ts), so its token manager gets a throwaway in-memory store per instance.
import {
  AuthApiError,
  buildAuthorizeParams,
  OAuthError,
  getOAuthUrls,
  isAuthApiError,
  isOAuthError,
  OktaAuth,
  type FetchOptions,
  type HttpRequestClient,
  type HttpResponse,
  type RefreshToken,
  type SimpleStorage,
} from '@okta/okta-auth-js/core';

export const SIGN_IN_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** A stalled network (captive portal, sleeping Wi-Fi) must fail, not hang a sync forever. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export interface OktaClientOptions {
  issuer: string;
  clientId: string;
  /** Needed to sign in (it must match the authorize request); not for refresh or revocation. */
  redirectUri?: string;
  requestTimeoutMs?: number;
  /** Defaults to the global fetch; tests pass a wrapper that counts requests. */
  fetch?: typeof fetch;
}

export function createOktaClient(options: OktaClientOptions): OktaAuth {
  const memory = () => ({ storageProvider: createMemoryStorage() });
  return new OktaAuth({
    issuer: options.issuer.replace(/\/+$/, ''),
    clientId: options.clientId,
    ...(options.redirectUri ? { redirectUri: options.redirectUri } : {}),
    scopes: [...SIGN_IN_SCOPES],
    responseType: 'code',
    pkce: true,
    tokenManager: { storage: createMemoryStorage(), autoRenew: false, autoRemove: false, syncStorage: false },
    services: { autoRenew: false, syncStorage: false, renewOnTabActivation: false },
    // One store per instance: okta-auth-js's Node default is a process-wide cache shared by all.
    storageManager: {
      token: memory(),
      transaction: memory(),
      'shared-transaction': memory(),
      'original-uri': memory(),
      cache: memory(),
    },
    httpRequestClient: createHttpRequestClient(options.fetch ?? fetch, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
  });
}

/** The authorize URL okta-auth-js would navigate a browser to, for the prepared parameters. */
export function authorizeUrlFor(okta: OktaAuth, params: Parameters<typeof buildAuthorizeParams>[0]): string {
  return getOAuthUrls(okta, params).authorizeUrl + buildAuthorizeParams(params);
}

/** okta-auth-js's token objects, rebuilt from what the vault keeps (its URLs from our issuer). */
export function refreshTokenObject(okta: OktaAuth, token: { refreshToken: string; expiresAt: number; scopes: string[] }): RefreshToken {
  const urls = requiredUrls(okta);
  return { ...token, tokenUrl: urls.tokenUrl, authorizeUrl: urls.authorizeUrl, issuer: urls.issuer };
}

function requiredUrls(okta: OktaAuth): { issuer: string; tokenUrl: string; authorizeUrl: string } {
  const { issuer, tokenUrl, authorizeUrl } = getOAuthUrls(okta);
  if (!issuer || !tokenUrl || !authorizeUrl) throw new Error('okta-auth-js has no issuer URLs: the client was created without an issuer');
  return { issuer, tokenUrl, authorizeUrl };
}

export interface RevokeOptions {
  clientId: string;
  token: string;
  tokenTypeHint: 'refresh_token' | 'access_token';
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * RFC 7009 revocation for a public client: client_id in the form body. okta-auth-js's own
 * revokeToken sends `Authorization: Basic base64(client_id)` (no colon, no secret), which Okta
 * tolerates but RFC 6749 2.3.1 does not define and other servers (oidc-provider) refuse.
 * Resolves when the server confirms; rejects like okta-auth-js calls do (see classifyOktaFailure).
 */
export async function revokeToken(okta: OktaAuth, options: RevokeOptions): Promise<void> {
  const { revokeUrl } = getOAuthUrls(okta);
  if (!revokeUrl) throw new Error('okta-auth-js has no revocation URL: the client was created without an issuer');
  const body = new URLSearchParams({ token: options.token, token_type_hint: options.tokenTypeHint, client_id: options.clientId }).toString();
  let outcome: Awaited<ReturnType<typeof sendRequest>>;
  try {
    outcome = await sendRequest(options.fetch ?? fetch, options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, 'POST', revokeUrl, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      data: body,
    });
  } catch (error) {
    // The shapes okta-auth-js's HTTP layer gives its callers, so one classifier serves both.
    throw new AuthApiError({ errorSummary: error instanceof Error ? error.message : String(error) });
  }
  if (!outcome.ok) throw errorFromResponse(outcome.response);
}

function errorFromResponse(response: HttpResponse): Error {
  const json = response.responseJSON;
  if (json && typeof json['error'] === 'string') {
    return new OAuthError(json['error'], typeof json['error_description'] === 'string' ? json['error_description'] : json['error'], response);
  }
  return new AuthApiError({ errorSummary: `HTTP ${response.status}` }, response);
}

export const OktaFailureKind = {
  /** The server rejected the grant (invalid_grant, invalid_client, ...): only a new sign-in helps. */
  rejected: 'rejected',
  /** No HTTP answer at all. */
  unreachable: 'unreachable',
  /** 5xx from the identity provider. */
  providerError: 'provider-error',
  /** Anything else: bad response, ID token that does not validate, SDK misuse. */
  other: 'other',
} as const;
export type OktaFailureKind = (typeof OktaFailureKind)[keyof typeof OktaFailureKind];

const REJECTED_GRANT_ERRORS: ReadonlySet<string> = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * Sorts an okta-auth-js failure. Its HTTP layer turns a failed fetch into an AuthApiError with no
 * response attached (`xhr`), while every HTTP answer travels with the error, so "no xhr" is the
 * reliable sign that the request never got an answer.
 */
export function classifyOktaFailure(error: unknown): { kind: OktaFailureKind; oauthError?: string; detail: string } {
  if (isOAuthError(error)) {
    const status = responseStatus(error.resp);
    if (status !== undefined && status >= 500) return { kind: 'provider-error', detail: `HTTP ${status}` };
    const kind = REJECTED_GRANT_ERRORS.has(error.errorCode) ? 'rejected' : 'other';
    return { kind, oauthError: error.errorCode, detail: `${error.errorCode}: ${error.errorSummary}` };
  }
  if (isAuthApiError(error)) {
    const status = error.xhr?.status;
    if (error.xhr === undefined) return { kind: 'unreachable', detail: error.errorSummary || error.message };
    const code = error.xhr.responseJSON?.['error'];
    if (typeof code === 'string' && REJECTED_GRANT_ERRORS.has(code)) return { kind: 'rejected', oauthError: code, detail: code };
    if (status !== undefined && status >= 500) return { kind: 'provider-error', detail: `HTTP ${status}` };
    return { kind: 'other', detail: error.errorSummary || `HTTP ${status ?? '?'}` };
  }
  return { kind: 'other', detail: error instanceof Error ? error.message : String(error) };
}

function responseStatus(resp: unknown): number | undefined {
  if (resp !== null && typeof resp === 'object' && 'status' in resp && typeof resp.status === 'number') return resp.status;
  return undefined;
}

function createMemoryStorage(): SimpleStorage {
  const values = new Map<string, unknown>();
  return {
    getItem: (key) => values.get(key),
    setItem: (key, value) => {
      values.set(key, value);
    },
    removeItem: (key) => {
      values.delete(key);
    },
  };
}

// okta-auth-js's own Node client (fetch/fetchRequest.js) with what it lacks: a timeout, and no
// following of redirects (token endpoints answer directly; a redirect means a wrong issuer).
// The contract is its own: resolve with the response, reject with the response for HTTP errors.
function createHttpRequestClient(fetchImpl: typeof fetch, timeoutMs: number): HttpRequestClient {
  return async (method, url, options) => {
    const { ok, response } = await sendRequest(fetchImpl, timeoutMs, method, url, options);
    if (!ok) throw response;
    return response;
  };
}

async function sendRequest(
  fetchImpl: typeof fetch,
  timeoutMs: number,
  method: string,
  url: string,
  options: FetchOptions,
): Promise<{ ok: boolean; response: HttpResponse }> {
  const headers = new Headers(options.headers);
  const response = await fetchImpl(url, {
    method,
    headers,
    body: encodeBody(options.data, headers.get('content-type') ?? ''),
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const json = /application\/(?:[\w.-]+\+)?json/i.test(response.headers.get('content-type') ?? '') ? parseObject(text) : undefined;
  return {
    ok: response.ok && !(json && 'error' in json),
    response: {
      status: response.status,
      responseText: text,
      headers: Object.fromEntries(response.headers),
      ...(json ? { responseType: 'json', responseJSON: json } : {}),
    },
  };
}

function encodeBody(data: unknown, contentType: string): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (contentType.includes('json')) return JSON.stringify(data);
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) form.set(key, String(value));
  return form.toString();
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : undefined;
  } catch {
    return undefined;
  }
}
