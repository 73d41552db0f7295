// Health for the load balancer and the orchestrator. /healthz is liveness: the process answers,
// nothing else (restarting a server because PostgreSQL is down would not help). /readyz is
// readiness: PostgreSQL answers within READINESS_TIMEOUT_MS and its schema is exactly the one this
// build expects (pending migrations, or migrations from a newer build, mean "do not send traffic").
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { knownMigrations } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { ProblemCode, ProblemError } from '../http/problem.js';
import { ProblemSchema, type RouteOptions } from './route-support.js';

const Liveness = z.object({ status: z.literal('ok') });
const Readiness = z.object({
  status: z.literal('ready'),
  checks: z.object({
    database: z.object({ status: z.literal('ok'), latencyMs: z.number() }),
    migrations: z.object({ status: z.literal('ok'), applied: z.int() }),
  }),
});

class NotReady extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NotReady(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return result.rows.map((row) => row.name);
}

export async function healthRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const timeoutMs = options.config.readinessTimeoutMs;

  r.get(
    '/healthz',
    {
      config: { public: true, rateLimit: false },
      schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: Liveness } },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );

  r.get(
    '/readyz',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: PostgreSQL reachable and migrations current',
        response: { 200: Readiness, 503: ProblemSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const started = performance.now();
      let applied: string[];
      try {
        applied = await withTimeout(appliedMigrations(app.db), timeoutMs, 'PostgreSQL');
        if (app.readDb !== app.db) await withTimeout(sql`SELECT 1`.execute(app.readDb), timeoutMs, 'The PostgreSQL reader');
      } catch (error) {
        const detail = error instanceof NotReady ? error.message : 'PostgreSQL cannot be reached or has no RateDesk schema';
        app.log.warn({ err: error }, 'not ready: database check failed');
        throw notReady(detail, { database: 'unavailable' });
      }
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const known = knownMigrations();
      const pending = known.filter((name) => !applied.includes(name));
      const unknown = applied.filter((name) => !known.includes(name));
      if (pending.length > 0) throw notReady(`${pending.length} migration(s) not applied: ${pending.join(', ')}`, { migrations: 'pending' });
      if (unknown.length > 0) {
        throw notReady(`The database has migration(s) this build does not know (${unknown.join(', ')}): it belongs to a newer server`, {
          migrations: 'ahead',
        });
      }
      return { status: 'ready' as const, checks: { database: { status: 'ok' as const, latencyMs }, migrations: { status: 'ok' as const, applied: applied.length } } };
    },
  );
}

function notReady(detail: string, checks: Record<string, string>): ProblemError {
  return new ProblemError(503, ProblemCode.unavailable, 'Not ready', { detail, extensions: { checks }, headers: { 'retry-after': '5' } });
}
