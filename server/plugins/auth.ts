// Authentication and authorization for every route, decided by the route's own declaration
// (`config: { permission }` or `config: { public: true }`, see http/request-context.ts):
//   1. a route that declares neither is refused when it is registered, so a forgotten check
//      cannot ship;
//   2. onRequest verifies the bearer token (before the body is read) and checks the permission
//      against the token's roles, so a refused caller costs no database work;
//   3. the caller's user, roles and session are then recorded (record-sign-in.ts) and set as
//      request.user. The token -> user mapping is cached for a minute, so a busy client does not
//      cause a write (or even a query) per request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GroupRoleMapping } from '../../src-shared/roles.js';
import { requirePermission } from '../auth/require-permission.js';
import { bearerToken, type AccessTokenVerifier, type VerifiedPrincipal } from '../auth/verify-access-token.js';
import type { RequestUser, RouteAccess } from '../http/request-context.js';
import { recordSignIn } from './record-sign-in.js';
import { createTokenCache } from './token-cache.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, in registration order (for tests and the docs). */
    routeAccessList: RegisteredRoute[];
  }
}

export interface AuthPluginOptions {
  verifier: AccessTokenVerifier;
  groupRoles: GroupRoleMapping;
  /** Routes under these prefixes are public (routes a third-party plugin adds, e.g. the docs UI). */
  publicPrefixes?: readonly string[];
  clock?: () => Date;
  /** How long a token's user and session stay cached (default 60 s, never past the token's expiry). */
  userCacheTtlMs?: number;
  userCacheMaxEntries?: number;
}

export function authPlugin(app: FastifyInstance, options: AuthPluginOptions): void {
  const clock = options.clock ?? (() => new Date());
  const ttlMs = options.userCacheTtlMs ?? 60_000;
  const cache = createTokenCache<RequestUser>(options.userCacheMaxEntries ?? 10_000, () => clock().getTime());
  const pending = new Map<string, Promise<RequestUser>>();
  const publicPrefixes = options.publicPrefixes ?? [];
  const routes: RegisteredRoute[] = [];

  app.decorate('routeAccessList', routes);
  app.decorateRequest('user', undefined);

  app.addHook('onRoute', (route) => {
    const isPublicPrefix = publicPrefixes.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`));
    if (isPublicPrefix) route.config = { ...route.config, public: true };
    const config = route.config ?? {};
    if (!config.public && !config.permission) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no access rule: add config: { permission: '...' } or config: { public: true }`,
      );
    }
    if (config.public && config.permission) {
      throw new Error(`Route ${String(route.method)} ${route.url} is both public and protected by "${config.permission}"`);
    }
    const access: RouteAccess = config.permission ? { permission: config.permission } : { public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, access });
  });

  async function resolveUser(principal: VerifiedPrincipal, request: FastifyRequest): Promise<RequestUser> {
    const cached = cache.get(principal.tokenHash);
    if (cached) return cached;
    // Concurrent first requests with one token share one sign-in write.
    let inFlight = pending.get(principal.tokenHash);
    if (!inFlight) {
      const meta = { ipAddress: request.ip || null, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
      inFlight = app.db
        .transaction()
        .execute((trx) => recordSignIn(trx, principal, options.groupRoles, meta, clock()))
        .then((user) => {
          const untilExpiry = principal.expiresAt.getTime() - clock().getTime();
          cache.set(principal.tokenHash, user, Math.min(ttlMs, untilExpiry));
          return user;
        })
        .finally(() => pending.delete(principal.tokenHash));
      pending.set(principal.tokenHash, inFlight);
    }
    return inFlight;
  }

  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config;
    if (access.public) return;
    const principal = await options.verifier.verify(bearerToken(request.headers.authorization));
    if (!access.permission) throw new Error(`route ${request.routeOptions.url} has no permission`);
    requirePermission(principal, access.permission);
    request.user = await resolveUser(principal, request);
    request.log = request.log.child({ userId: request.user.userId });
  });
}
