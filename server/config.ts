// Everything the API server reads from the environment, checked once at start-up. A bad value stops
// the process with one message that names every variable that is wrong, instead of the first
// request failing (or, worse, the server running with a silently ignored setting).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_BUSINESS_TIME_ZONE, isTimeZone } from '../src-shared/time/business-calendar.js';
import { isProductionEnv } from '../src-shared/runtime-mode.js';
import { clockSetting } from '../src-shared/time/clock.js';
import { AuthConfigError, loadAuthConfig, type AuthConfig } from './auth/config.js';
import { DatabaseConfigError, loadDatabaseConfig, type DatabaseConfig } from './db/config.js';

export const LogLevel = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'info',
  debug: 'debug',
  trace: 'trace',
  silent: 'silent',
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/**
 * Rate dates flip at midnight in this zone: "effective 2026-12-01" means from the start of that day
 * in New York, for the server (which decides which rate is in force today) and for every laptop
 * (the server states its zone in /v1/me and in each pull; src-shared/time/business-calendar.ts).
 */
export { DEFAULT_BUSINESS_TIME_ZONE };

/** Fastify's `trustProxy`: false, true (any hop), a hop count, or the proxies' addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

export interface ServerConfig {
  database: DatabaseConfig;
  auth: AuthConfig;
  port: number;
  host: string;
  trustProxy: TrustProxy;
  /** Requests per user (per IP before sign-in) per minute. */
  rateLimitPerMinute: number;
  /**
   * Failed sign-ins (401s) a client address may cause a minute; past it the address is refused
   * (429) before any token is verified, except tokens that already signed in on this server.
   */
  authFailuresPerMinute: number;
  /** Largest JSON body any route accepts. */
  bodyLimitBytes: number;
  /** Largest rate sheet (CSV or JSON) the import accepts. */
  rateSheetMaxBytes: number;
  rateSheetMaxRows: number;
  /** Largest sync upload (up to 100 comparisons with their product snapshots). */
  syncPushMaxBytes: number;
  logLevel: LogLevel;
  businessTimeZone: string;
  /** How long /readyz waits for the database before reporting not ready. */
  readinessTimeoutMs: number;
  production: boolean;
  /**
   * RATEDESK_CLOCK (tests and demos, never in production): the instant the server's clock starts
   * from; time runs on from it. Absent: the real clock.
   */
  clockStart?: Date | undefined;
  /**
   * RATEDESK_MIN_PROTOCOL_VERSION: the oldest client sync protocol served; older clients get 426
   * naming it (server/plugins/protocol-version.ts). Default 1: every build is served.
   */
  minProtocolVersion: number;
  /** The catalog snapshot for first syncs (server/sync/snapshot-store.ts). */
  snapshot: SnapshotConfig;
  /**
   * RATEDESK_PULL_MEMO (on | off, default on): repeat pulls answered from memory while the change
   * feed reports no commit (server/sync/pull-answer-memo.ts). off: every pull reads PostgreSQL
   * (the bench measures both).
   */
  pullMemo: boolean;
  /** RATEDESK_PULL_MEMO_MAX_AGE_MS: the longest a memoized answer is reused, notifications or not (default 5000). */
  pullMemoMaxAgeMs: number;
}

/** RATEDESK_SNAPSHOT_*: where catalog snapshots are kept and when one is built or rebuilt. */
export interface SnapshotConfig {
  /** Folder of the snapshot files (a shared volume or an object store's mount serves a fleet). */
  dir: string;
  /** No snapshot below this many catalog changes: pages are cheap enough. */
  minChanges: number;
  /** Rebuilt once the catalog is more than this many changes ahead of it ... */
  maxLagChanges: number;
  /** ... or has changed at all and the snapshot is older than this. */
  maxAgeMinutes: number;
}

export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
}

const blankAsMissing = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function wholeNumber(name: string, min: number, max: number, fallback: number) {
  return z.preprocess(
    blankAsMissing,
    z
      .string()
      .trim()
      .regex(/^\d+$/, `${name} must be a whole number`)
      .transform(Number)
      .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
      .default(fallback),
  );
}

const ServerEnvSchema = z.object({
  PORT: wholeNumber('PORT', 0, 65_535, 8787),
  HOST: z.preprocess(blankAsMissing, z.string().trim().min(1).default('127.0.0.1')),
  RATE_LIMIT_PER_MINUTE: wholeNumber('RATE_LIMIT_PER_MINUTE', 1, 1_000_000, 300),
  AUTH_FAILURES_PER_MINUTE: wholeNumber('AUTH_FAILURES_PER_MINUTE', 1, 1_000_000, 100),
  BODY_LIMIT_BYTES: wholeNumber('BODY_LIMIT_BYTES', 1_024, 100 * 1024 * 1024, 1024 * 1024),
  RATE_SHEET_MAX_BYTES: wholeNumber('RATE_SHEET_MAX_BYTES', 1_024, 100 * 1024 * 1024, 4 * 1024 * 1024),
  RATE_SHEET_MAX_ROWS: wholeNumber('RATE_SHEET_MAX_ROWS', 1, 100_000, 10_000),
  SYNC_PUSH_MAX_BYTES: wholeNumber('SYNC_PUSH_MAX_BYTES', 1_024, 100 * 1024 * 1024, 4 * 1024 * 1024),
  READINESS_TIMEOUT_MS: wholeNumber('READINESS_TIMEOUT_MS', 100, 60_000, 2_000),
  RATEDESK_MIN_PROTOCOL_VERSION: wholeNumber('RATEDESK_MIN_PROTOCOL_VERSION', 1, 9_999, 1),
  RATEDESK_SNAPSHOT_DIR: z.preprocess(blankAsMissing, z.string().trim().min(1).optional()),
  RATEDESK_SNAPSHOT_MIN_CHANGES: wholeNumber('RATEDESK_SNAPSHOT_MIN_CHANGES', 1, 1_000_000_000, 50_000),
  RATEDESK_SNAPSHOT_MAX_LAG_CHANGES: wholeNumber('RATEDESK_SNAPSHOT_MAX_LAG_CHANGES', 0, 1_000_000_000, 20_000),
  RATEDESK_SNAPSHOT_MAX_AGE_MINUTES: wholeNumber('RATEDESK_SNAPSHOT_MAX_AGE_MINUTES', 1, 100_000, 60),
  RATEDESK_PULL_MEMO_MAX_AGE_MS: wholeNumber('RATEDESK_PULL_MEMO_MAX_AGE_MS', 1, 60_000, 5_000),
  RATEDESK_PULL_MEMO: z.preprocess(blankAsMissing, z.enum(['on', 'off'], { error: 'RATEDESK_PULL_MEMO must be on or off' }).default('on')),
  LOG_LEVEL: z.preprocess(
    blankAsMissing,
    z.enum(LogLevel, { error: `LOG_LEVEL must be one of ${Object.values(LogLevel).join(', ')}` }).default('info'),
  ),
  RATEDESK_BUSINESS_TIME_ZONE: z.preprocess(
    blankAsMissing,
    z
      .string()
      .trim()
      .refine(isTimeZone, 'RATEDESK_BUSINESS_TIME_ZONE must be an IANA time zone such as America/New_York')
      .default(DEFAULT_BUSINESS_TIME_ZONE),
  ),
  NODE_ENV: z.string().optional(),
  RATEDESK_ENV: z.string().optional(),
});

const IP_OR_CIDR = /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/;

/** Parses TRUST_PROXY; returns an error message instead of throwing so all problems are listed together. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !IP_OR_CIDR.test(entry));
  if (entries.length === 0 || bad.length > 0) {
    return `TRUST_PROXY must be true, false, a number of proxy hops or a comma-separated list of IP addresses/CIDRs (bad: ${bad.join(', ') || raw})`;
  }
  return entries;
}

export function loadServerConfig(env: Readonly<Record<string, string | undefined>> = process.env): ServerConfig {
  const problems: string[] = [];

  let database: DatabaseConfig | undefined;
  try {
    database = loadDatabaseConfig({ ...env });
  } catch (error) {
    if (!(error instanceof DatabaseConfigError)) throw error;
    problems.push(error.message);
  }
  let auth: AuthConfig | undefined;
  try {
    auth = loadAuthConfig(env);
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    problems.push(error.message);
  }

  const parsed = ServerEnvSchema.safeParse(env);
  if (!parsed.success) {
    problems.push(`Invalid server settings: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY?.trim() || undefined);
  if (typeof trustProxy === 'string') problems.push(`Invalid server settings: ${trustProxy}`);
  // Refused (not ignored) in production: a server on a shifted clock would put the wrong day's
  // rates in force for every rep, so a stray setting must stop the start-up, not pass silently.
  const clock = clockSetting(env.RATEDESK_CLOCK, { production: isProduction(env) });
  if (clock.kind === 'refused') problems.push(`Invalid server settings: ${clock.problem}`);

  if (problems.length > 0 || !database || !auth || !parsed.success || typeof trustProxy === 'string') {
    throw new ServerConfigError(problems.join('\n'));
  }
  const e = parsed.data;
  return {
    database,
    auth,
    port: e.PORT,
    host: e.HOST,
    trustProxy,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateSheetMaxBytes: Math.max(e.RATE_SHEET_MAX_BYTES, e.BODY_LIMIT_BYTES),
    rateSheetMaxRows: e.RATE_SHEET_MAX_ROWS,
    syncPushMaxBytes: Math.max(e.SYNC_PUSH_MAX_BYTES, e.BODY_LIMIT_BYTES),
    logLevel: e.LOG_LEVEL,
    businessTimeZone: e.RATEDESK_BUSINESS_TIME_ZONE,
    readinessTimeoutMs: e.READINESS_TIMEOUT_MS,
    minProtocolVersion: e.RATEDESK_MIN_PROTOCOL_VERSION,
    snapshot: {
      dir: e.RATEDESK_SNAPSHOT_DIR ?? join(tmpdir(), 'ratedesk-snapshots'),
      minChanges: e.RATEDESK_SNAPSHOT_MIN_CHANGES,
      maxLagChanges: e.RATEDESK_SNAPSHOT_MAX_LAG_CHANGES,
      maxAgeMinutes: e.RATEDESK_SNAPSHOT_MAX_AGE_MINUTES,
    },
    pullMemo: e.RATEDESK_PULL_MEMO === 'on',
    pullMemoMaxAgeMs: e.RATEDESK_PULL_MEMO_MAX_AGE_MS,
    production: isProduction(env),
    ...(clock.kind === 'shifted' ? { clockStart: clock.start } : {}),
  };
}

/** NODE_ENV or RATEDESK_ENV set to production: no embedded database, no development identity provider, no RATEDESK_CLOCK. */
export function isProduction(env: Readonly<Record<string, string | undefined>>): boolean {
  return isProductionEnv(env);
}
