// A real OpenID Connect provider (oidc-provider) on localhost that answers like an Okta custom
// authorization server: same URLs (/oauth2/default/v1/...), JWT access tokens with Okta's claim
// names (cid, uid, scp, groups), PKCE required, refresh token rotation for native apps. The server
// and the desktop app run against it exactly as against Okta, with only OKTA_ISSUER changed.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import Provider, { errors, type ClientMetadata, type Configuration } from 'oidc-provider';
import { DEMO_CLIENTS, DEMO_USERS, DEV_API_AUDIENCE, displayName, findUserBySubject, type DemoUser } from './demo-directory.js';
import { createInteractionRoutes, HttpError, interactionPath, sendHtml } from './interactions.js';
import { errorPage, logoutPage, signedOutPage } from './pages.js';
import { assertDevIdentityProviderAllowed } from './production-guard.js';
import { handleUserinfo } from './userinfo.js';

/** Okta's default custom authorization server lives under this path. */
export const DEV_IDP_MOUNT_PATH = '/oauth2/default';

export interface DevIdentityProviderOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  accessTokenTtlSeconds?: number;
  clients?: readonly ClientMetadata[];
  users?: readonly DemoUser[];
  audience?: string;
  /** Checked by the production guard; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface RunningDevIdentityProvider {
  /** e.g. http://127.0.0.1:8788/oauth2/default */
  issuer: string;
  port: number;
  audience: string;
  close(): Promise<void>;
}

// Okta's access tokens list granted scopes in `scp`; the API audience accepts the OIDC ones too.
const API_SCOPES = 'openid profile email offline_access';

export async function startDevIdentityProvider(options: DevIdentityProviderOptions = {}): Promise<RunningDevIdentityProvider> {
  assertDevIdentityProviderAllowed(options.env ?? process.env);
  const host = options.host ?? '127.0.0.1';
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
  if (!Number.isSafeInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds <= 0) {
    throw new TypeError('accessTokenTtlSeconds must be a positive whole number of seconds');
  }
  const users = options.users ?? DEMO_USERS;
  const audience = options.audience ?? DEV_API_AUDIENCE;

  // The issuer must name the port, so listen first and build the provider once it is known.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const issuer = `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}${DEV_IDP_MOUNT_PATH}`;

  try {
    // Development keys live in memory only: every start signs with a new key, and the API server
    // picks it up through the JWKS refetch on an unknown key id.
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    const signingKey = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
    const clients = options.clients ?? DEMO_CLIENTS;
    const provider = new Provider(issuer, configuration({ issuer, users, audience, accessTokenTtlSeconds, clients, signingKey }));
    handle = createRequestHandler({ issuer, audience, users, provider, publicKey });
  } catch (error) {
    await closeServer(server);
    throw error;
  }

  return {
    issuer,
    port,
    audience,
    close: () => closeServer(server),
  };
}

interface RequestHandlerInput {
  issuer: string;
  audience: string;
  users: readonly DemoUser[];
  provider: Provider;
  publicKey: CryptoKey;
}

function createRequestHandler({ issuer, audience, users, provider, publicKey }: RequestHandlerInput) {
  const providerCallback = provider.callback();
  const interactions = createInteractionRoutes(provider, DEV_IDP_MOUNT_PATH, users);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://dev-idp.invalid');
    const path = url.pathname;
    if (path !== DEV_IDP_MOUNT_PATH && !path.startsWith(`${DEV_IDP_MOUNT_PATH}/`)) {
      sendHtml(res, 404, errorPage('Not found', { path, hint: `the issuer is ${issuer}` }));
      return;
    }
    if (await interactions.handle(req, res, path)) return;
    if (path === `${DEV_IDP_MOUNT_PATH}/v1/userinfo`) {
      const corsAllowed = allowCors(req, res);
      if (req.method === 'OPTIONS') {
        res.statusCode = corsAllowed ? 204 : 403;
        res.end();
        return;
      }
      return handleUserinfo(req, res, { issuer, audience, publicKey, users });
    }
    if (path === `${DEV_IDP_MOUNT_PATH}/v1/authorize` && req.method === 'GET') askConsentForOfflineAccess(url);
    // Mounted the way Express mounts it: the provider sees paths relative to the mount point and
    // works out its public URLs from originalUrl (which must end with the rewritten url).
    Object.assign(req, { originalUrl: `${path}${url.search}` });
    req.url = `${path.slice(DEV_IDP_MOUNT_PATH.length) || '/'}${url.search}`;
    providerCallback(req, res);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('[dev-idp]', error);
      sendHtml(res, status, errorPage('Something went wrong', { error: error instanceof Error ? error.message : String(error) }));
    });
  };
}

interface ConfigurationInput {
  issuer: string;
  users: readonly DemoUser[];
  audience: string;
  accessTokenTtlSeconds: number;
  clients: readonly ClientMetadata[];
  signingKey: Record<string, unknown>;
}

function configuration({ issuer, users, audience, accessTokenTtlSeconds, clients, signingKey }: ConfigurationInput): Configuration {
  const userFor = (accountId: string | undefined) => (accountId ? findUserBySubject(users, accountId) : undefined);
  return {
    clients: [...clients],
    jwks: { keys: [signingKey] },
    // Cookie signing keys: per process, like the signing key.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    responseTypes: ['code'],
    routes: {
      authorization: '/v1/authorize',
      token: '/v1/token',
      jwks: '/v1/keys',
      revocation: '/v1/revoke',
      introspection: '/v1/introspect',
      end_session: '/v1/logout',
      userinfo: '/v1/userinfo',
      pushed_authorization_request: '/v1/par',
    },
    claims: {
      // Okta adds groups to ID tokens through a groups claim; here it comes with `openid`.
      openid: ['sub', 'groups'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    // Like Okta: the ID token from the token endpoint carries the profile claims of its scopes.
    conformIdTokenClaims: false,
    discovery: {
      userinfo_endpoint: `${issuer}/v1/userinfo`,
      claim_types_supported: ['normal'],
    },
    features: {
      devInteractions: { enabled: false },
      // The desktop app sends plain bearer tokens; the API does not check DPoP proofs.
      dPoP: { enabled: false },
      // Our own /v1/userinfo (see userinfo.ts) serves the API-audience tokens Okta-style.
      userinfo: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // okta-auth-js never sends `resource`: every token is for the API, as with Okta.
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          if (resourceIndicator !== audience) throw new errors.InvalidTarget(`unknown resource ${resourceIndicator}`);
          return {
            scope: API_SCOPES,
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtlSeconds,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: {
      url: async (_ctx, interaction) => interactionPath(DEV_IDP_MOUNT_PATH, interaction.uid),
    },
    async findAccount(_ctx, sub) {
      const user = userFor(sub);
      if (!user) return undefined;
      return {
        accountId: user.subject,
        async claims() {
          return {
            sub: user.subject,
            email: user.email,
            email_verified: true,
            name: displayName(user),
            given_name: user.givenName,
            family_name: user.familyName,
            preferred_username: user.email,
            groups: [...user.groups],
          };
        },
      };
    },
    // Custom claims an Okta admin adds to the authorization server; the API reads them.
    async extraTokenClaims(_ctx, token) {
      const user = 'accountId' in token ? userFor(token.accountId) : undefined;
      if (!user) return undefined;
      return { groups: [...user.groups], email: user.email, name: displayName(user) };
    },
    formats: {
      customizers: {
        // Okta's claim names: `sub` is the login, `uid` the user id, `cid` the client, `scp` a list.
        jwt: async (_ctx, token, parts) => {
          const payload = parts.payload;
          const user = 'accountId' in token ? userFor(token.accountId) : undefined;
          payload.ver = 1;
          payload.cid = payload.client_id;
          payload.scp = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
          delete payload.client_id;
          delete payload.scope;
          if (user) {
            payload.uid = user.subject;
            payload.sub = user.email;
          }
        },
      },
    },
    rotateRefreshToken: () => true,
    clientBasedCORS: (_ctx, origin) => isLoopbackOrigin(origin),
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 15 * 60,
      Session: 12 * 3600,
      Grant: 14 * 24 * 3600,
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Sign-in failed', Object.fromEntries(Object.entries(out).map(([key, value]) => [key, String(value)])));
    },
  };
}

/**
 * OpenID Connect Core (11) grants offline_access only with prompt=consent, and oidc-provider
 * enforces that; Okta issues refresh tokens without it and okta-auth-js never sends it. Consent
 * is automatic here, so asking for it changes nothing but the refresh token Okta would issue.
 */
function askConsentForOfflineAccess(url: URL): void {
  const scopes = (url.searchParams.get('scope') ?? '').split(' ');
  const prompts = (url.searchParams.get('prompt') ?? '').split(' ').filter(Boolean);
  if (!scopes.includes('offline_access') || prompts.includes('consent') || prompts.includes('none')) return;
  url.searchParams.set('prompt', [...prompts, 'consent'].join(' '));
}

// The desktop app's web host runs on a loopback origin; nothing else may call from a browser.
function isLoopbackOrigin(origin: string): boolean {
  const url = URL.parse(origin);
  return url !== null && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}

function allowCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (!origin || !isLoopbackOrigin(origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-methods', 'GET, POST');
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'authorization');
  return true;
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
