// What the catalog's CSV sheet routes share (strategy rate sheets, index history; the base rate
// sheet predates it): the dryRun query, the route's options, the CSV body and the transaction.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { Permission } from '../../src-shared/roles.js';
import type { Database } from '../db/schema.js';
import { ProblemCode, ProblemError } from '../http/problem.js';
import { acquireSyncWriteLock } from '../sync/write-lock.js';
import type { Actor } from '../admin/actor.js';
import { actorOf, errorResponses, type RouteOptions } from './route-support.js';

export const DryRunQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'true: check and preview only, write nothing' }),
});

/** The options of an admin-only POST that takes a CSV sheet (text/csv) and answers `result`. */
export function sheetRouteOptions<R extends z.ZodType>(options: RouteOptions, what: { summary: string; columns: readonly string[]; result: R }) {
  const maxRows = options.config.rateSheetMaxRows;
  return {
    config: { permission: Permission.catalogPublish },
    bodyLimit: options.config.rateSheetMaxBytes,
    schema: {
      tags: ['admin'],
      summary: what.summary,
      description: `text/csv with the header ${what.columns.join(',')}; at most ${maxRows} rows. Every line is checked first; any bad line refuses the whole sheet with a 400 listing every bad line and reason. With dryRun=true nothing is written.`,
      querystring: DryRunQuery,
      body: { content: { 'text/csv': { schema: z.string({ error: 'must be CSV text' }) } } },
      response: { 200: what.result, ...errorResponses },
    },
  } as const;
}

/** The CSV text of a sheet route's body; anything but text/csv is a 415. */
export function csvTextOf(request: FastifyRequest): string {
  const body: unknown = request.body;
  if (typeof body === 'string' && request.headers['content-type']?.toLowerCase().startsWith('text/csv')) return body;
  throw new ProblemError(415, ProblemCode.unsupportedMediaType, 'Send the sheet as text/csv', {
    detail: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here`,
  });
}

/**
 * Runs a sheet's check (and, unless a dry run, its writes) in one transaction with a longer
 * statement limit than interactive calls get; a dry run writes nothing and takes no writers' lock.
 */
export function inSheetTransaction<T>(db: Kysely<Database>, dryRun: boolean, run: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (!dryRun) await acquireSyncWriteLock(trx);
    await sql`SET LOCAL statement_timeout = '60s'`.execute(trx);
    return run(trx);
  });
}

/** What a sheet route hands its importer: the checked CSV text and how to run. */
export interface SheetImport {
  trx: Transaction<Database>;
  actor: Actor;
  text: string;
  dryRun: boolean;
  maxRows: number;
}

/** Registers POST `url`: an admin-only CSV sheet, checked (dryRun) or published in one transaction by `importSheet`. */
export function sheetRoute<R extends z.ZodType>(
  app: FastifyInstance,
  options: RouteOptions,
  url: string,
  what: { summary: string; columns: readonly string[]; result: R },
  importSheet: (sheet: SheetImport) => Promise<z.input<R>>,
): void {
  // The answer's type is checked by `importSheet`'s signature; the route sees the schema only.
  const routeOptions = sheetRouteOptions(options, { ...what, result: what.result as z.ZodType });
  app.withTypeProvider<ZodTypeProvider>().post(url, routeOptions, async (request) => {
    const { dryRun } = request.query;
    const text = csvTextOf(request);
    return inSheetTransaction(app.db, dryRun, (trx) => importSheet({ trx, actor: actorOf(request), text, dryRun, maxRows: options.config.rateSheetMaxRows }));
  });
}
