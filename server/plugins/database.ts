// The writer and reader Kysely instances as app.db / app.readDb, closed with the app when the app
// created them. Also the translation of PostgreSQL failures into answers a client can act on: the
// database being unreachable is a 503 with Retry-After (the pg Pool reconnects by itself once it is
// back, so the server needs no restart), a constraint the request broke is a 409 naming the field.
import type { FastifyInstance } from 'fastify';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { describeConstraintViolation } from '../db/constraint-errors.js';
import { createPool } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { DatabaseConfig } from '../db/config.js';
import { ProblemCode, ProblemError } from '../http/problem.js';

export interface DatabasePluginOptions {
  config: DatabaseConfig;
  db?: Kysely<Database> | undefined;
  readDb?: Kysely<Database> | undefined;
}

/** Seconds a client should wait before retrying when PostgreSQL is unreachable or overloaded. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Like createDatabase (server/db/database.ts), plus an error listener on every pooled client. pg's
 * pool listens only to idle clients: a client that is checked out but between statements (inside
 * a transaction, or just handed out) when PostgreSQL goes away emits 'error' with no listener,
 * which would crash the process. Its next query fails instead, and the request gets a 503.
 */
export function createResilientDatabase(config: pg.PoolConfig, onConnectionError: (error: Error) => void): Kysely<Database> {
  // The client listener below reports idle failures too; the pool-level event would repeat them.
  const pool = createPool(config, { onIdleClientError: () => undefined });
  pool.on('connect', (client) => {
    client.on('error', onConnectionError);
  });
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

export function databasePlugin(app: FastifyInstance, options: DatabasePluginOptions): void {
  const onConnectionError = (error: Error) => app.log.warn({ err: error }, 'PostgreSQL connection failed; the pool replaces it');
  const owned: Kysely<Database>[] = [];
  const db = options.db ?? createResilientDatabase(options.config.writer, onConnectionError);
  if (!options.db) owned.push(db);
  let readDb = options.readDb ?? (options.db ? options.db : undefined);
  if (!readDb) {
    readDb = options.config.reader === options.config.writer ? db : createResilientDatabase(options.config.reader, onConnectionError);
    if (readDb !== db) owned.push(readDb);
  }
  app.decorate('db', db);
  app.decorate('readDb', readDb);
  app.addHook('onClose', async () => {
    await Promise.all(owned.map((instance) => instance.destroy()));
  });
}

// SQLSTATE classes and Node socket errors that mean "PostgreSQL is not there right now", not "the
// request is wrong": connection exceptions (08), operator intervention such as a failover or
// restart (57P01-57P03), too many connections (53300), serialization failures and deadlocks
// (40001, 40P01: retrying the same request succeeds) and statement timeouts (57014).
const UNAVAILABLE_SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03', '40001', '40P01', '57014', '55P03']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end',
  'the database system is starting up',
  'the database system is shutting down',
];

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `error` (or what caused it) says PostgreSQL is unreachable, restarting or overloaded. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const code = errorCode(error);
  if (code && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  if (error instanceof Error && UNAVAILABLE_MESSAGES.some((message) => error.message.includes(message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return error instanceof Error && error.cause !== undefined && isDatabaseUnavailable(error.cause, depth + 1);
}

/** Constraint name -> the request field it protects, for 409 answers that say what clashed. */
const CONSTRAINT_FIELDS: Record<string, { path: string; message: string }> = {
  products_cusip_key: { path: 'body.cusip', message: 'another product already has this CUSIP' },
  rate_history_no_overlap: { path: 'body.effectiveDate', message: 'overlaps another published rate period of this product' },
  users_email_key: { path: 'token.email', message: 'another RateDesk user already has this email address' },
};

/** A 503 or 409 for PostgreSQL errors the client can act on; undefined for everything else (a 500). */
export function databaseProblem(error: unknown): ProblemError | undefined {
  if (isDatabaseUnavailable(error)) {
    const code = errorCode(error);
    const detail =
      code === '57014'
        ? 'The database took too long to answer; try again shortly'
        : code === '40001' || code === '40P01' || code === '55P03'
          ? 'The change collided with another one being made at the same time; try again'
          : 'The database cannot be reached right now; try again shortly';
    return new ProblemError(503, ProblemCode.unavailable, 'The database is temporarily unavailable', {
      detail,
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    });
  }
  const code = errorCode(error);
  // unique_violation, exclusion_violation, foreign_key_violation: the request clashes with data
  // someone else wrote between our checks and our write.
  if (code === '23505' || code === '23P01' || code === '23503') {
    const constraint = (error as { constraint?: unknown }).constraint;
    const violation = describeConstraintViolation(error);
    // Otherwise the field the constraint is about (db/constraint-errors.ts), when it names one.
    const known =
      (typeof constraint === 'string' ? CONSTRAINT_FIELDS[constraint] : undefined) ??
      (violation?.field === undefined ? undefined : { path: `body.${violation.field}`, message: violation.message });
    return new ProblemError(409, ProblemCode.conflict, 'The change conflicts with existing data', {
      detail: known ? `${known.path}: ${known.message}` : 'The change conflicts with data written at the same time; reload and try again',
      ...(known ? { issues: [known] } : {}),
    });
  }
  return undefined;
}
