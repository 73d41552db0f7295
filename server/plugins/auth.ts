// Authentication and authorization for every route, decided by the route's own declaration
// (`config: { permission }` or `config: { public: true }`, see http/request-context.ts):
//   1. a route that declares neither is refused when it is registered, so a forgotten check
//      cannot ship;
//   2. onRequest verifies the bearer token (before the body is read) and checks the permission
//      against the token's roles, so a refused caller costs no database work;
//   3. the caller's user, roles and session are then recorded (record-sign-in.ts) and set as
//      request.user. The token -> user mapping is cached for a minute, so a busy client does not
//      cause a write (or even a query) per request; a session ended on this server (sign-out) is
//      refused at once all the same (sessionEnded).
// Before any of that, an address that has failed too often this minute is refused with a 429
// without its token being verified (auth/auth-failure-budget.ts), and a token older than the
// maximum age is refused even when its `exp` is later: a stolen token does not live as long as
// the identity provider allows.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GroupRoleMapping } from '../../src-shared/roles.js';
import { AuthError } from '../auth/auth-error.js';
import { createAuthFailureBudget } from '../auth/auth-failure-budget.js';
import { requirePermission } from '../auth/require-permission.js';
import { bearerToken, type AccessTokenVerifier, type VerifiedPrincipal } from '../auth/verify-access-token.js';
import { ProblemCode, ProblemError } from '../http/problem.js';
import type { RequestUser, RouteAccess } from '../http/request-context.js';
import { authFailureAudit } from './auth-failure-audit.js';
import { recordSignIn } from './record-sign-in.js';
import { requestAuditMeta } from './request-log.js';
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
    /**
     * Says that a session has ended (sign-out): its token is refused on this server from the next
     * request on, though its user was cached a moment ago.
     */
    sessionEnded(sessionId: string): void;
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
  /** Tokens issued (iat) longer ago than this are refused even before their exp. */
  maxTokenAgeSeconds: number;
  /** The real clock the token's age is measured on (default: the system's; tests move it). */
  tokenClock?: () => Date;
  /** Failed sign-ins an address may cause a minute before it is refused unverified (429). */
  authFailuresPerMinute: number;
  /** How often failed sign-ins are written to audit_log (default 60 s). */
  authFailureAuditIntervalMs?: number;
}

export function authPlugin(app: FastifyInstance, options: AuthPluginOptions): void {
  const clock = options.clock ?? (() => new Date());
  const ttlMs = options.userCacheTtlMs ?? 60_000;
  const tokenClock = options.tokenClock ?? (() => new Date());
  const cache = createTokenCache<RequestUser>(options.userCacheMaxEntries ?? 10_000, () => clock().getTime());
  const pending = new Map<string, Promise<RequestUser>>();
  // A marker outlives any cache entry that may still hold the session's user (set by a sign-in
  // that was already under way when the session ended).
  const ended = createTokenCache<{ ended: true }>(options.userCacheMaxEntries ?? 10_000, () => clock().getTime());
  const budget = createAuthFailureBudget({ maxFailures: options.authFailuresPerMinute, now: () => clock().getTime() });
  authFailureAudit(app, { budget, intervalMs: options.authFailureAuditIntervalMs });
  const publicPrefixes = options.publicPrefixes ?? [];
  const routes: RegisteredRoute[] = [];

  app.decorate('routeAccessList', routes);
  app.decorate('sessionEnded', (sessionId: string) => ended.set(sessionId, { ended: true }, 2 * ttlMs));
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
    // An ended session goes back to the database, which refuses it (record-sign-in.ts).
    if (cached && (cached.sessionId === null || !ended.get(cached.sessionId))) return cached;
    // Concurrent first requests with one token share one sign-in write.
    let inFlight = pending.get(principal.tokenHash);
    if (!inFlight) {
      const meta = requestAuditMeta(request);
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

  function checkAge(principal: VerifiedPrincipal): void {
    if (principal.issuedAt === undefined) throw new AuthError('invalid_token', 'access token has no issue time (iat)');
    // Real time, like the token's exp: the identity provider stamps iat on the real clock, whatever
    // clock the app runs its business dates (and tests their sessions) on.
    if (tokenClock().getTime() - principal.issuedAt.getTime() > options.maxTokenAgeSeconds * 1000) {
      throw new AuthError('expired_token', `access token was issued more than ${options.maxTokenAgeSeconds} seconds ago`);
    }
  }

  /** Throws a 429 when the caller's address is over its failure budget and its token is not known good. */
  function checkBudget(request: FastifyRequest, token: string | undefined): void {
    const retryAfter = budget.retryAfterSeconds(request.ip);
    if (retryAfter === 0) return;
    if (token !== undefined && budget.isKnownGood(createHash('sha256').update(token).digest('hex'))) return;
    budget.recordRefused(request.ip);
    throw new ProblemError(429, ProblemCode.rateLimited, 'Too many failed sign-ins', {
      detail: `Too many requests from this address failed to sign in; retry in ${retryAfter} seconds`,
      headers: { 'retry-after': String(retryAfter) },
    });
  }

  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config;
    if (access.public) return;
    try {
      const token = bearerToken(request.headers.authorization);
      checkBudget(request, token);
      const principal = await options.verifier.verify(token);
      checkAge(principal);
      if (!access.permission) throw new Error(`route ${request.routeOptions.url} has no permission`);
      requirePermission(principal, access.permission);
      request.user = await resolveUser(principal, request);
      budget.rememberGood(principal.tokenHash, principal.expiresAt);
    } catch (error) {
      // 401s only: a 403 is a good sign-in without the role, a 503 is the issuer's outage.
      if (error instanceof AuthError && error.httpStatus === 401) budget.recordFailure(request.ip, error.code);
      throw error;
    }
    request.log = request.log.child({ userId: request.user.userId });
  });
}
