// Database settings from the environment, validated once at start-up.
//
// Without DATABASE_URL the server runs an embedded, real PostgreSQL in a data folder under the
// user's data directory (see ./local-postgres.ts). With DATABASE_URL (Aurora's writer endpoint in
// production) it connects there, and reads that may lag go to DATABASE_READ_URL (the reader
// endpoint) when set. TLS: DATABASE_SSL=verify-full checks the certificate chain against
// DATABASE_CA_FILE (the Amazon RDS global bundle) and the host name; see docs/database.md.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { z } from 'zod';
import type { AdmissionSettings } from '../sync/admission-gate.js';
import { defaultDataDir } from './embedded.js';

export const sslModes = ['disable', 'require', 'verify-full'] as const;
export type SslMode = (typeof sslModes)[number];

/** Login role the local stack creates for the server (member of ratedesk_app, loopback only). */
export const LOCAL_SERVER_ROLE = 'ratedesk_server';
export const LOCAL_SERVER_PASSWORD = 'ratedesk-server-local';
export const LOCAL_DATABASE_NAME = 'ratedesk';

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a URL like postgres://user:password@host:5432/database');

const emptyAsUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const databaseEnvSchema = z.object({
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_READ_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_SSL: z.preprocess(emptyAsUndefined, z.enum(sslModes).optional()),
  DATABASE_CA_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATABASE_POOL_MAX: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  DATABASE_STATEMENT_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  ),
  // How long a query waits for a pooled connection before it fails (a 503); the sync reads queue in
  // their admission gate instead (server/sync/admission-gate.ts), so this is a fault bound, not a queue.
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(600_000).default(5_000)),
  // The sync reads' admission gate: pulls at once (default the pool's size), callers in line, and
  // the longest wait in line before a 429 with Retry-After.
  SYNC_ADMISSION_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
  SYNC_ADMISSION_QUEUE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(100_000).default(1_000)),
  SYNC_ADMISSION_WAIT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(60_000).default(1_000)),
  RATEDESK_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  EMBEDDED_PG_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65_535).default(54_329)),
});
export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

export interface ConnectionSettings {
  /** Connection string without TLS parameters (those are in `ssl`). */
  url: string;
  sslMode: SslMode;
  ssl: pg.PoolConfig['ssl'];
}

export type DatabaseConfig =
  | {
      kind: 'external';
      writer: pg.PoolConfig;
      /** Same as writer when DATABASE_READ_URL is not set. */
      reader: pg.PoolConfig;
      writerConnection: ConnectionSettings;
      admission: AdmissionSettings;
    }
  | {
      kind: 'embedded';
      dataDir: string;
      port: number;
      writer: pg.PoolConfig;
      reader: pg.PoolConfig;
      writerConnection: ConnectionSettings;
      admission: AdmissionSettings;
    };

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
// libpq-style TLS parameters in the URL would override the `ssl` object inside node-postgres, so
// they are taken out of the URL and folded into DATABASE_SSL.
const URL_TLS_PARAMS = ['sslmode', 'ssl', 'sslcert', 'sslkey', 'sslrootcert', 'sslnegotiation', 'uselibpqcompat'];

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`).join('; ');
}

/** Resolves TLS for one URL: explicit DATABASE_SSL, else the URL's sslmode, else by host. */
export function connectionSettings(
  rawUrl: string,
  env: Pick<DatabaseEnv, 'DATABASE_SSL' | 'DATABASE_CA_FILE'>,
  field = 'DATABASE_URL',
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ConnectionSettings {
  const url = new URL(rawUrl);
  const urlSslMode = url.searchParams.get('sslmode');
  for (const param of URL_TLS_PARAMS) url.searchParams.delete(param);

  let sslMode: SslMode;
  if (env.DATABASE_SSL) {
    sslMode = env.DATABASE_SSL;
  } else if (urlSslMode) {
    const parsed = z.enum(sslModes).safeParse(urlSslMode);
    if (!parsed.success) {
      throw new DatabaseConfigError(
        `${field}: sslmode=${urlSslMode} is not supported; use disable, require or verify-full (or set DATABASE_SSL)`,
      );
    }
    sslMode = parsed.data;
  } else {
    sslMode = LOCAL_HOSTS.has(url.hostname) ? 'disable' : 'verify-full';
  }

  let ssl: pg.PoolConfig['ssl'];
  if (sslMode === 'disable') {
    ssl = false;
  } else if (sslMode === 'require') {
    // Encrypted but unauthenticated, like libpq's sslmode=require: for networks you already trust.
    ssl = { rejectUnauthorized: false };
  } else {
    let ca: string | undefined;
    if (env.DATABASE_CA_FILE) {
      try {
        ca = readFile(env.DATABASE_CA_FILE);
      } catch (error) {
        throw new DatabaseConfigError(
          `DATABASE_CA_FILE: cannot read ${env.DATABASE_CA_FILE} (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
    // Node checks the chain (against `ca`, else its built-in roots) and the host name.
    ssl = ca === undefined ? { rejectUnauthorized: true } : { rejectUnauthorized: true, ca };
  }
  return { url: url.toString(), sslMode, ssl };
}

function poolConfig(connection: ConnectionSettings, env: DatabaseEnv, applicationName: string): pg.PoolConfig {
  return {
    connectionString: connection.url,
    ssl: connection.ssl,
    max: env.DATABASE_POOL_MAX,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: env.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
    statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
    // A transaction left open by a bug holds the sync lock; end it rather than stall every writer.
    idle_in_transaction_session_timeout: 60_000,
    application_name: applicationName,
  };
}

export function loadDatabaseConfig(source: Record<string, string | undefined> = process.env): DatabaseConfig {
  const parsed = databaseEnvSchema.safeParse(source);
  if (!parsed.success) throw new DatabaseConfigError(`Invalid database settings: ${describeIssues(parsed.error)}`);
  const env = parsed.data;
  const admission: AdmissionSettings = {
    concurrency: env.SYNC_ADMISSION_CONCURRENCY ?? env.DATABASE_POOL_MAX,
    maxQueue: env.SYNC_ADMISSION_QUEUE,
    maxWaitMs: env.SYNC_ADMISSION_WAIT_MS,
  };

  if (env.DATABASE_URL) {
    const writerConnection = connectionSettings(env.DATABASE_URL, env, 'DATABASE_URL');
    const writer = poolConfig(writerConnection, env, 'ratedesk-server');
    const reader = env.DATABASE_READ_URL
      ? poolConfig(connectionSettings(env.DATABASE_READ_URL, env, 'DATABASE_READ_URL'), env, 'ratedesk-server-reader')
      : writer;
    return { kind: 'external', writer, reader, writerConnection, admission };
  }
  if (env.DATABASE_READ_URL) {
    throw new DatabaseConfigError('DATABASE_READ_URL: set only together with DATABASE_URL (the writer)');
  }

  const port = env.EMBEDDED_PG_PORT;
  const url = `postgres://${LOCAL_SERVER_ROLE}:${encodeURIComponent(LOCAL_SERVER_PASSWORD)}@127.0.0.1:${port}/${LOCAL_DATABASE_NAME}`;
  const writerConnection: ConnectionSettings = { url, sslMode: 'disable', ssl: false };
  const writer = poolConfig(writerConnection, env, 'ratedesk-server');
  return {
    kind: 'embedded',
    dataDir: env.RATEDESK_DATA_DIR ?? defaultDataDir(),
    port,
    writer,
    reader: writer,
    writerConnection,
    admission,
  };
}
