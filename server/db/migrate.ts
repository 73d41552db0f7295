// Applies the static migration list (migrations/index.ts) with Kysely's Migrator. Forward-only: a
// database that has migrations this code does not know was written by a newer server, and running
// older code against it is refused rather than guessed at.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';

export interface ConnectOptions {
  /** node-postgres TLS options (see ./config.ts); omitted = plain TCP. */
  ssl?: pg.ClientConfig['ssl'];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const staticProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Names of all migrations this build knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}

/** "postgres://user@host:5432/db" without the password, for messages. */
export function describeUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(unparseable connection string)';
  }
}

function pgMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `${error.message} (SQLSTATE ${code})` : error.message;
}

function migrationDb(connectionString: string, options: ConnectOptions): Kysely<unknown> {
  const pool = new pg.Pool({
    connectionString,
    ssl: options.ssl,
    max: 1,
    connectionTimeoutMillis: 10_000,
    application_name: 'ratedesk-migrate',
  });
  pool.on('error', () => undefined);
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
}

async function appliedMigrationNames(db: Kysely<unknown>): Promise<string[]> {
  const exists = await sql<{ present: boolean }>`SELECT to_regclass('public.kysely_migration') IS NOT NULL AS present`.execute(db);
  if (!exists.rows[0]?.present) return [];
  const applied = await sql<{ name: string }>`SELECT name FROM public.kysely_migration ORDER BY name`.execute(db);
  return applied.rows.map((row) => row.name);
}

/**
 * Brings the database at `connectionString` to the latest schema; a second run applies nothing.
 * Connect as the migrator (the owner of the objects), never as the application role.
 */
export async function migrateToLatest(connectionString: string, options: ConnectOptions = {}): Promise<{ applied: string[] }> {
  const where = describeUrl(connectionString);
  const db = migrationDb(connectionString, options);
  try {
    try {
      await sql`SELECT 1`.execute(db);
    } catch (error) {
      throw new MigrationError(`Cannot connect to PostgreSQL at ${where}: ${pgMessage(error)}`, { cause: error });
    }

    const known = new Set(knownMigrations());
    const unknown = (await appliedMigrationNames(db)).filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new MigrationError(
        `Database ${where} has ${unknown.length} migration(s) this version does not know (${unknown.join(', ')}): ` +
          'it was migrated by a newer RateDesk server. Refusing to run; deploy that version or newer.',
      );
    }

    const migrator = new Migrator({ db, provider: staticProvider });
    const { error, results = [] } = await migrator.migrateToLatest();
    if (error) {
      const failed = results.find((result) => result.status === 'Error')?.migrationName;
      const cause = error instanceof Error && 'cause' in error && error.cause ? error.cause : error;
      throw new MigrationError(
        failed
          ? `Migration ${failed} failed on ${where}, nothing was applied: ${pgMessage(cause)}`
          : `Migrating ${where} failed, nothing was applied: ${pgMessage(cause)}`,
        { cause: error },
      );
    }
    return { applied: results.filter((result) => result.status === 'Success').map((result) => result.migrationName) };
  } finally {
    await db.destroy();
  }
}

async function withClient<T>(connectionString: string, options: ConnectOptions, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, ssl: options.ssl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(`Cannot connect to PostgreSQL at ${describeUrl(connectionString)}: ${pgMessage(error)}`, { cause: error });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const DUPLICATE_CODES = new Set(['42P04', '42710', '23505']);
const isDuplicate = (error: unknown): boolean =>
  error instanceof Error && DUPLICATE_CODES.has(String((error as Error & { code?: unknown }).code));

/** CREATE DATABASE `name` unless it exists. `adminUrl` needs CREATEDB. Returns true when created. */
export async function ensureDatabase(adminUrl: string, name: string, options: ConnectOptions = {}): Promise<boolean> {
  return withClient(adminUrl, options, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  });
}

/**
 * A LOGIN role that is a member of ratedesk_app, with the given password (reset if the role exists).
 * For the local stack and tests; production creates its login roles in the infrastructure code.
 * Run after the migrations, which create ratedesk_app.
 */
export async function ensureLoginRole(
  adminUrl: string,
  login: { role: string; password: string; memberOf?: 'ratedesk_app' | 'ratedesk_readonly' },
  options: ConnectOptions = {},
): Promise<void> {
  await withClient(adminUrl, options, async (client) => {
    const role = client.escapeIdentifier(login.role);
    const password = client.escapeLiteral(login.password);
    const found = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [login.role]);
    if (!found.rowCount) {
      try {
        await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${password}`);
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        await client.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD ${password}`);
      }
    } else {
      await client.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD ${password}`);
    }
    await client.query(`GRANT ${client.escapeIdentifier(login.memberOf ?? 'ratedesk_app')} TO ${role}`);
  });
}
