// Admin routes for rates: publish one product's rate, import a rate sheet (CSV or JSON, with a dry
// run that previews every change), and retract a future rate before it takes effect.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { RetractResult } from '../../src-shared/admin/rate-publish.js';
import { Permission } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import {
  applyPublications,
  planPublications,
  productsForPublishing,
  RateChange,
  RatePublishBody,
} from '../admin/publish-rates.js';
import { importRateSheet, RateSheetCsvBody, rateSheetJsonBody, RateSheetResult } from '../admin/rate-sheet.js';
import { ReasonBody } from '../admin/reason-body.js';
import { retractRate } from '../admin/retract-rate.js';
import { notFound, ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import { acquireSyncWriteLock, inSyncWriteTransaction } from '../sync/write-lock.js';
import { actorOf, errorResponses, NoQuery, today, type RouteOptions } from './route-support.js';

const publish = { permission: Permission.catalogPublish } as const;

const DryRunQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'true: check and preview only, write nothing' }),
});

/** A rate sheet may take longer than the default per-statement limit meant for interactive calls. */
const IMPORT_STATEMENT_TIMEOUT = '60s';

export async function adminRateRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const maxRows = options.config.rateSheetMaxRows;

  r.post(
    '/v1/admin/products/:productId/rates',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: "Publish a product's rate from a date (today or later)",
        description:
          "Closes the product's open rate period the day before effectiveDate and opens the new one, in one transaction. " +
          "When the rate takes effect today the product's current rates change too.",
        params: z.strictObject({ productId: UuidString }),
        body: RatePublishBody,
        response: { 201: RateChange, ...errorResponses },
      },
    },
    async (request, reply) => {
      const day = today(options);
      const change = await inSyncWriteTransaction(app.db, async (trx) => {
        const products = await productsForPublishing(trx, { productIds: [request.params.productId] }, true);
        const byId = new Map(products.map((product) => [product.productId, product]));
        if (!byId.has(request.params.productId)) throw notFound(`Product ${request.params.productId}`);
        const [plan] = await planPublications(trx, [{ productId: request.params.productId, ...request.body }], byId, day);
        if (!plan) throw new Error('no publication plan');
        if (!plan.ok) {
          const issues = plan.refusals.map((refusal) => ({ path: `body.${refusal.field === 'product' ? 'productId' : refusal.field}`, message: refusal.message }));
          if (plan.refusals.some((refusal) => refusal.kind === 'conflict')) {
            throw new ProblemError(409, ProblemCode.conflict, 'The rate cannot be published', {
              detail: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
              issues,
            });
          }
          throw validationProblem(issues);
        }
        const [committed] = await applyPublications(trx, actorOf(request), [plan.change], byId);
        if (!committed) throw new Error('publication was not applied');
        return committed;
      });
      return reply.code(201).send(change);
    },
  );

  r.post(
    '/v1/admin/rate-sheets',
    {
      config: publish,
      bodyLimit: options.config.rateSheetMaxBytes,
      schema: {
        tags: ['admin'],
        summary: 'Publish a rate sheet (CSV or JSON), all rows or none',
        description:
          `CSV (text/csv) with the header cusip,base_rate,bonus_rate,effective_date, or JSON { rows: [...] }; at most ${maxRows} rows. ` +
          'Every row is checked first; any bad row refuses the whole sheet with a 400 listing every bad row and reason. ' +
          'With dryRun=true the answer previews each change (old rate, new rate, effective date) and nothing is written.',
        querystring: DryRunQuery,
        body: {
          content: {
            'text/csv': { schema: RateSheetCsvBody },
            'application/json': { schema: rateSheetJsonBody(maxRows) },
          },
        },
        response: { 200: RateSheetResult, ...errorResponses },
      },
    },
    async (request) => {
      const body: unknown = request.body;
      const input =
        typeof body === 'string'
          ? request.headers['content-type']?.toLowerCase().startsWith('text/csv')
            ? { format: 'csv' as const, text: body }
            : undefined
          : rateSheetJsonBody(maxRows).safeParse(body).data;
      if (input === undefined) {
        throw new ProblemError(415, ProblemCode.unsupportedMediaType, 'Send the rate sheet as text/csv or application/json', {
          detail: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here`,
        });
      }
      const sheet = 'rows' in input ? { format: 'json' as const, rows: input.rows } : input;
      const { dryRun } = request.query;
      return app.db.transaction().execute(async (trx) => {
        // A dry run writes nothing and needs no writers' lock (see inSyncWriteTransaction).
        if (!dryRun) await acquireSyncWriteLock(trx);
        await sql`SET LOCAL statement_timeout = ${sql.lit(IMPORT_STATEMENT_TIMEOUT)}`.execute(trx);
        return importRateSheet(trx, actorOf(request), sheet, { today: today(options), dryRun, maxRows });
      });
    },
  );

  r.post(
    '/v1/admin/rates/:rateHistoryId/retract',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Retract a future rate before it takes effect',
        description: 'The previous period runs on in its place. Rates already in force cannot be retracted.',
        params: z.strictObject({ rateHistoryId: UuidString }),
        body: ReasonBody,
        response: { 200: RetractResult, ...errorResponses },
      },
    },
    async (request) =>
      inSyncWriteTransaction(app.db, (trx) => retractRate(trx, actorOf(request), request.params.rateHistoryId, today(options), request.body?.reason)),
  );
}
