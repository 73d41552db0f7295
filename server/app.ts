// The API server as a function of its configuration, so tests build the very same app against a
// test database (app.inject() or a real port) and server.ts only adds listening and signals.
// Order matters: schema compilers, errors, database, protection (security headers, rate limits)
// and auth come first; the docs and the rate limiter watch routes as they are added, so they are
// registered before the routes.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { clockFrom } from '../src-shared/time/clock.js';
import { cachingVerifier, type VerifiedTokenCacheOptions } from './auth/verified-token-cache.js';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './auth/verify-access-token.js';
import type { ServerConfig } from './config.js';
import type { Database } from './db/schema.js';
import { authPlugin } from './plugins/auth.js';
import { databasePlugin } from './plugins/database.js';
import { DOCS_PREFIX, docsPlugin } from './plugins/docs.js';
import { errorsPlugin, frameworkErrorHandler } from './plugins/errors.js';
import { protectionPlugin } from './plugins/protection.js';
import { revocationPlugin } from './plugins/revocation.js';
import { protocolVersionPlugin } from './plugins/protocol-version.js';
import { genRequestId, loggerOptions, requestLogPlugin, type RequestLogOptions } from './plugins/request-log.js';
import { serverTimePlugin } from './plugins/server-time.js';
import { zodValidatorCompiler } from './plugins/zod-validation.js';
import { adminAccessRoutes } from './routes/admin-access.js';
import { adminCarrierApprovalRoutes } from './routes/admin-carriers-approvals.js';
import { adminCatalogRoutes } from './routes/admin-catalog.js';
import { adminFleetRoutes } from './routes/admin-fleet.js';
import { adminRateRoutes } from './routes/admin-rates.js';
import { adminIndexLevelRoutes } from './routes/admin-index-levels.js';
import { adminStrategyRoutes } from './routes/admin-strategies.js';
import { auditRoutes } from './routes/audit.js';
import { complianceRoutes } from './routes/compliance.js';
import { healthRoutes } from './routes/health.js';
import { meRoutes } from './routes/me.js';
import { recordRoutes } from './routes/records.js';
import { sessionRoutes } from './routes/sessions.js';
import type { RouteOptions } from './routes/route-support.js';
import { syncRoutes } from './routes/sync.js';
import { syncSnapshotRoutes } from './routes/sync-snapshot.js';
import { ChangeFeed } from './sync/change-feed.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The instance's LISTEN connection for sync changes (undefined with RATEDESK_PULL_MEMO=off). */
    changeFeed: ChangeFeed | undefined;
  }
}

export const API_VERSION = '1.0.0';

export interface BuildAppOptions {
  config: ServerConfig;
  /** Writer; created from config.database (and closed with the app) when omitted. */
  db?: Kysely<Database>;
  /** Reader; defaults to `db`, or to a pool for config.database.reader. */
  readDb?: Kysely<Database>;
  /** Access-token verifier; created from config.auth when omitted. */
  verifier?: AccessTokenVerifier;
  /** How successful token verifications are reused (server/auth/verified-token-cache.ts); false: never. */
  verifiedTokenCache?: false | VerifiedTokenCacheOptions;
  /** Request logs; false silences them. Defaults to stdout at config.logLevel. */
  logger?: false | Partial<RequestLogOptions>;
  /** "Now" for business dates and session bookkeeping (tests pin it); default: config.clockStart's (RATEDESK_CLOCK), else the real clock. */
  clock?: () => Date;
  /** The real clock a token's age is measured on (the identity provider's time); tests move it. */
  tokenClock?: () => Date;
}

/** Keep-alive longer than the load balancer's idle timeout (AWS ALB: 60 s), or it sees resets. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** A request (headers and body) must arrive within this, so slow clients cannot hold sockets. */
const REQUEST_TIMEOUT_MS = 30_000;

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const configClock = config.clockStart === undefined ? null : clockFrom(config.clockStart);
  const clock = options.clock ?? configClock ?? (() => new Date());
  const logger = options.logger === false ? false : { level: config.logLevel, ...options.logger };

  const app = Fastify({
    logger: loggerOptions(logger),
    // One line per request comes from requestLogPlugin instead (with the user, without the query).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    // Always the server's own id: a caller's x-request-id is kept apart (clientRequestIdOf).
    genReqId: () => genRequestId(),
    bodyLimit: config.bodyLimitBytes,
    // A hop count trusts that many proxies in front of us (the load balancer is one).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
  });
  if (options.clock === undefined && config.clockStart !== undefined) {
    // Said at every start: a shifted clock decides which rates are in force for every rep.
    app.log.warn({ clockStart: config.clockStart.toISOString() }, 'RATEDESK_CLOCK is set: the server clock starts at this instant and runs on from it (tests and demos only)');
  }
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Rate sheets may arrive as CSV; every other route's schema refuses a string body.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const verifier = options.verifier ?? createAccessTokenVerifier(config.auth);
  serverTimePlugin(app);
  errorsPlugin(app);
  requestLogPlugin(app);
  databasePlugin(app, { config: config.database, db: options.db, readDb: options.readDb });
  // Before every hook that refuses (protocol, auth): helmet sets its headers in onRequest, so a
  // 401, 403 or 426 thrown there carries them as a 200 does.
  await protectionPlugin(app, { rateLimitPerMinute: config.rateLimitPerMinute });
  // Before auth: an unsupported client is told to update even when its sign-in would fail.
  protocolVersionPlugin(app, { minProtocolVersion: config.minProtocolVersion });
  authPlugin(app, {
    verifier: options.verifiedTokenCache === false ? verifier : cachingVerifier(verifier, options.verifiedTokenCache),
    groupRoles: config.auth.groupRoles,
    publicPrefixes: [DOCS_PREFIX],
    // Token lifetimes are real time (the identity provider's): RATEDESK_CLOCK shifts business dates
    // only, never how long a verified token is trusted.
    clock: options.clock ?? (() => new Date()),
    maxTokenAgeSeconds: config.auth.maxTokenAgeSeconds,
    ...(options.tokenClock === undefined ? {} : { tokenClock: options.tokenClock }),
    authFailuresPerMinute: config.authFailuresPerMinute,
  });
  // After auth (it needs the caller): revoked devices and users are refused all but their uploads.
  revocationPlugin(app);
  await docsPlugin(app, { issuer: config.auth.issuer, audience: config.auth.audience, version: API_VERSION });

  const routeOptions: RouteOptions = { config, clock };
  await app.register(healthRoutes, routeOptions);
  await app.register(meRoutes, routeOptions);
  await app.register(adminCatalogRoutes, routeOptions);
  await app.register(adminRateRoutes, routeOptions);
  await app.register(adminStrategyRoutes, routeOptions);
  await app.register(adminIndexLevelRoutes, routeOptions);
  await app.register(adminCarrierApprovalRoutes, routeOptions);
  await app.register(adminAccessRoutes);
  await app.register(adminFleetRoutes, routeOptions);
  await app.register(auditRoutes);
  await app.register(complianceRoutes, routeOptions);
  // Started before the routes serve: a pull is answered from memory only once the feed listens.
  const changeFeed = config.pullMemo ? new ChangeFeed({ connection: config.database.writer, log: app.log }) : undefined;
  app.decorate('changeFeed', changeFeed);
  app.addHook('onClose', async () => changeFeed?.stop());
  if (changeFeed) {
    // Read-your-writes on this instance: any write it answered is committed by the time onSend runs.
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') changeFeed.invalidate();
      return payload;
    });
  }
  await changeFeed?.start();
  await app.register(syncRoutes, { ...routeOptions, changeFeed });
  await app.register(syncSnapshotRoutes, routeOptions);
  await app.register(recordRoutes);
  await app.register(sessionRoutes);
  return app;
}
