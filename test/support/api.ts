// The API under test, for real: a migrated database of its own on the test cluster, the server
// connected as a LOGIN role that is only a member of ratedesk_app (so every route is proven to work
// under least privilege), the development identity provider, and real tokens from a scripted
// authorization-code + PKCE sign-in of the demo users. One harness per test file; tokens are reused.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../server/app.js';
import { loadAuthConfig } from '../../server/auth/config.js';
import { createAccessTokenVerifier } from '../../server/auth/verify-access-token.js';
import { loadServerConfig, type ServerConfig } from '../../server/config.js';
import { createDatabase } from '../../server/db/database.js';
import { ensureLoginRole, migrateToLatest } from '../../server/db/migrate.js';
import type { AuditActionType, Database } from '../../server/db/schema.js';
import { DEMO_USERS, type DemoUser } from '../../server/dev-idp/demo-directory.js';
import { startDevIdentityProvider, type RunningDevIdentityProvider } from '../../server/dev-idp/provider.js';
import { getTokensByScriptedSignIn } from '../../server/dev-idp/scripted-sign-in.js';
import { cusipCheckDigit } from '../../src-shared/cusip.js';
import { adminUrl, createEmptyDatabase, type TestDatabase } from './database.js';
import { mygaTerms } from './catalog-fixtures.js';

/** Signed in through Okta but in no RateDesk group: the "wrong role" for catalog:read routes. */
export const NO_ROLE_USER: DemoUser = {
  subject: '00u-demo-norole',
  email: 'norole@ratedesk.test',
  password: 'norole-password',
  givenName: 'Nolan',
  familyName: 'Nobody',
  groups: ['Everyone'],
};

export const DEMO_LOGINS = {
  rep: { username: 'rep@ratedesk.test', password: 'rep-password' },
  rep2: { username: 'rep2@ratedesk.test', password: 'rep2-password' },
  rep3: { username: 'rep3@ratedesk.test', password: 'rep3-password' },
  admin: { username: 'admin@ratedesk.test', password: 'admin-password' },
  compliance: { username: 'compliance@ratedesk.test', password: 'compliance-password' },
  noRole: { username: NO_ROLE_USER.email, password: NO_ROLE_USER.password },
} as const;
export type DemoLogin = keyof typeof DEMO_LOGINS;

export interface ApiTokens {
  rep: string;
  /** A second rep, in no other group: another person's comparisons, without borrowing the admin. */
  rep2: string;
  admin: string;
  compliance: string;
  noRole: string;
  /** The rep's token with one character of the signature changed. */
  badSignature: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

export interface ApiHarness {
  app: FastifyInstance;
  config: ServerConfig;
  /** Superuser connection to the test database, for arranging and checking rows. */
  owner: Kysely<Database>;
  database: TestDatabase;
  idp: RunningDevIdentityProvider;
  tokens: ApiTokens;
  /** The connection string the app uses (the least-privileged login role). */
  appDatabaseUrl: string;
  /** Sends a request through app.inject with the given token (or none). */
  call(token: string | undefined, method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /**
   * An app on the same database whose identity provider issues 1-second tokens, with a token of
   * the rep that has already expired (verified with no clock tolerance). Built on first use.
   */
  expired(): Promise<{ app: FastifyInstance; token: string }>;
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  /** Extra environment for loadServerConfig (e.g. RATE_LIMIT_PER_MINUTE). */
  env?: Record<string, string>;
  /** Passed to buildApp (e.g. a pinned clock or a log stream). */
  app?: Omit<BuildAppOptions, 'config'>;
  /** Superuser URL of the cluster the test database is created on (default: the run's cluster). */
  clusterUrl?: string;
  /** Runs on the migrated, empty database before the app starts (e.g. loads a catalog). */
  prepare?: (ownerUrl: string) => Promise<void>;
  /** The app's writer and reader instead of a pool of its login role (e.g. an instrumented one); closed by the harness. */
  appDatabase?: (connection: { appDatabaseUrl: string; ownerUrl: string; role: string }) => Kysely<Database>;
}

function flipSignatureChar(token: string): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const middle = Math.floor(signature.length / 2);
  const changed = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
  return `${header}.${payload}.${changed}`;
}

export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

export async function inject(
  app: FastifyInstance,
  token: string | undefined,
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const response = await app.inject({
    method,
    url,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
    ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as InjectOptions['payload'] }),
  });
  let json: unknown;
  try {
    json = response.body === '' ? undefined : JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, body: response.body, json };
}

/**
 * Registers beforeAll/afterAll for a test file's API harness, started with `options` and handed to
 * `started` before the first test; closed after the last.
 */
export function useApiHarness(started: (api: ApiHarness) => void, options: ApiHarnessOptions = {}): void {
  let api: ApiHarness | undefined;
  beforeAll(async () => {
    api = await startApiHarness(options);
    started(api);
  });
  afterAll(async () => {
    await api?.close();
  });
}

export async function startApiHarness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const cluster = options.clusterUrl ?? adminUrl();
  const database = await createEmptyDatabase('api', cluster);
  const cleanups: (() => Promise<unknown>)[] = [() => database.drop()];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    await migrateToLatest(database.url);
    const role = `${database.name}_app`;
    const password = `pw-${database.name}`;
    await ensureLoginRole(cluster, { role, password });
    cleanups.push(async () => {
      const admin = createDatabase({ connectionString: cluster, max: 1 });
      try {
        await sql`DROP ROLE IF EXISTS ${sql.id(role)}`.execute(admin);
      } finally {
        await admin.destroy();
      }
    });
    const appDatabaseUrl = withCredentials(database.url, role, password);
    await options.prepare?.(database.url);

    const idp = await startDevIdentityProvider({ port: 0, users: [...DEMO_USERS, NO_ROLE_USER] });
    cleanups.push(() => idp.close());

    // Every test request comes from 127.0.0.1, and the route-table tests fail sign-in by design
    // hundreds of times a minute: the per-address budget of failed sign-ins is a test's own choice.
    const config = loadServerConfig({ DATABASE_URL: appDatabaseUrl, OKTA_ISSUER: idp.issuer, LOG_LEVEL: 'silent', AUTH_FAILURES_PER_MINUTE: '1000000', ...options.env });
    const appDb = options.appDatabase?.({ appDatabaseUrl, ownerUrl: database.url, role });
    if (appDb) cleanups.push(() => appDb.destroy());
    const app = await buildApp({ logger: false, ...options.app, ...(appDb ? { db: appDb, readDb: appDb } : {}), config });
    cleanups.push(() => app.close());
    await app.ready();

    const owner = createDatabase({ connectionString: database.url, max: 2 });
    cleanups.push(() => owner.destroy());

    const signIn = async (who: DemoLogin) => (await getTokensByScriptedSignIn({ issuer: idp.issuer, ...DEMO_LOGINS[who] })).accessToken;
    const [rep, rep2, admin, compliance, noRole] = await Promise.all([signIn('rep'), signIn('rep2'), signIn('admin'), signIn('compliance'), signIn('noRole')]);
    const tokens: ApiTokens = { rep, rep2, admin, compliance, noRole, badSignature: flipSignatureChar(rep) };

    let expiredSetup: Promise<{ app: FastifyInstance; token: string }> | undefined;
    const expired = () => {
      expiredSetup ??= (async () => {
        const shortLived = await startDevIdentityProvider({ port: 0, accessTokenTtlSeconds: 1 });
        cleanups.push(() => shortLived.close());
        const token = (await getTokensByScriptedSignIn({ issuer: shortLived.issuer, ...DEMO_LOGINS.rep })).accessToken;
        const verifier = createAccessTokenVerifier(loadAuthConfig({ OKTA_ISSUER: shortLived.issuer, OKTA_CLOCK_TOLERANCE_SECONDS: '0' }));
        const expiredApp = await buildApp({ logger: false, ...options.app, config, verifier });
        cleanups.push(() => expiredApp.close());
        await expiredApp.ready();
        await new Promise((resolve) => setTimeout(resolve, 2_100));
        return { app: expiredApp, token };
      })();
      return expiredSetup;
    };

    return {
      app,
      config,
      owner,
      database,
      idp,
      tokens,
      appDatabaseUrl,
      call: (token, method, url, body, headers) => inject(app, token, method, url, body, headers),
      expired,
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** A valid CUSIP whose first 8 characters are "RDT" + `n` padded to 5 digits. */
export function testCusip(n: number): string {
  const body = `RDT${String(n).padStart(5, '0')}`;
  return `${body}${cusipCheckDigit(body)}`;
}

/** A complete, valid product body for POST /v1/admin/products. */
export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cusip: testCusip(1),
    productName: 'Test 5-Year MYGA',
    productType: 'MYGA',
    issuerName: 'Test Life Insurance Co.',
    description: 'A test product',
    ...mygaTerms(),
    returnOfPremium: false,
    returnOfPremiumPercentage: null,
    termsAndConditions: null,
    ...overrides,
  };
}

/** The audit rows naming `recordId`, oldest first; only the `action` ones when it is given. */
export function auditRowsOf(owner: Kysely<Database>, recordId: string | null, action?: AuditActionType) {
  let query = owner.selectFrom('auditLog').selectAll().where('recordId', '=', recordId);
  if (action !== undefined) query = query.where('actionType', '=', action);
  return query.orderBy('occurredAt').execute();
}

/**
 * A fingerprint of every row of every table (partitions through their parent), to prove a refused
 * request wrote nothing. Bookkeeping of the callers is left out: user_sessions.last_activity (refreshed
 * at most once a minute whatever the request does) and what pulls record of devices (a desktop's
 * background sync may pull meanwhile): the delivery receipts, and devices no admin revoked.
 */
const BOOKKEEPING = sql`ARRAY['last_activity']::text[]`;
const PULL_BOOKKEEPING: Record<string, RawBuilder<unknown>> = { device_receipts: sql`false`, devices: sql`revoked_at IS NOT NULL` };

export async function databaseDigest(owner: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'kysely_%'
    ORDER BY c.relname`.execute(owner);
  const digest: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const result = await sql<{ digest: string; count: string }>`
      SELECT count(*)::text AS count,
             md5(coalesce(string_agg((to_jsonb(t) - ${BOOKKEEPING})::text, '|' ORDER BY (to_jsonb(t) - ${BOOKKEEPING})::text), '')) AS digest
      FROM ${sql.table(name)} AS t
      WHERE ${PULL_BOOKKEEPING[name] ?? sql`true`}`.execute(owner);
    const row = result.rows[0];
    digest[name] = `${row?.count ?? '0'}:${row?.digest ?? ''}`;
  }
  return digest;
}
