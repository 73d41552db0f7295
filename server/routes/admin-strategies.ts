// Admin routes for the crediting strategies of FIAs and their dated rates (strategy rate sheets
// included); the API is listed in src-shared/admin/strategies-and-index-levels.ts. Every route is
// admin-only (catalog:publish) and every write one transaction that also audits.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProductStrategies, StrategyRateChange, StrategyRatePublishBody, StrategyRateRetractResult, StrategyRateSheetResult } from '../../src-shared/admin/strategies-and-index-levels.js';
import { FiaStrategy, FiaStrategyInput, STRATEGY_RATE_SHEET_CSV_COLUMNS } from '../../src-shared/catalog/fia-strategies.js';
import { Permission } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { addStrategy, deactivateStrategy, listStrategies, replaceStrategy } from '../admin/fia-strategies.js';
import { ReasonBody } from '../admin/reason-body.js';
import { importStrategyRateSheet } from '../admin/strategy-rate-sheet.js';
import { publishStrategyRate, retractStrategyRate } from '../admin/strategy-rates.js';
import { inSyncWriteTransaction } from '../sync/write-lock.js';
import { actorOf, errorResponses, NoQuery, today, type RouteOptions } from './route-support.js';
import { sheetRoute } from './sheet-route-support.js';

const publish = { permission: Permission.catalogPublish } as const;
const ProductParams = z.strictObject({ productId: UuidString });
const StrategyParams = z.strictObject({ strategyId: UuidString });

export async function adminStrategyRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schema = { querystring: NoQuery, tags: ['admin'] };

  r.get(
    '/v1/admin/products/:productId/strategies',
    { config: publish, schema: { ...schema, summary: "An FIA's crediting strategies and all their rates", params: ProductParams, response: { 200: ProductStrategies, ...errorResponses } } },
    async (request) => app.db.transaction().execute((trx) => listStrategies(trx, request.params.productId)),
  );

  r.post(
    '/v1/admin/products/:productId/strategies',
    {
      config: publish,
      schema: { ...schema, summary: 'Add a crediting strategy to an FIA', params: ProductParams, body: FiaStrategyInput, response: { 201: FiaStrategy, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await inSyncWriteTransaction(app.db, (trx) => addStrategy(trx, actorOf(request), request.params.productId, request.body))),
  );

  r.put(
    '/v1/admin/strategies/:strategyId',
    {
      config: publish,
      schema: {
        ...schema,
        summary: "Replace a crediting strategy's fields",
        description: 'The crediting method is kept once rates are published; the guarantee may not be broken by a rate in force or to come.',
        params: StrategyParams,
        body: FiaStrategyInput,
        response: { 200: FiaStrategy, ...errorResponses },
      },
    },
    async (request) => inSyncWriteTransaction(app.db, (trx) => replaceStrategy(trx, actorOf(request), request.params.strategyId, request.body, today(options))),
  );

  r.post(
    '/v1/admin/strategies/:strategyId/deactivate',
    { config: publish, schema: { ...schema, summary: 'Retire a crediting strategy (kept, synced as inactive)', params: StrategyParams, body: ReasonBody, response: { 200: FiaStrategy, ...errorResponses } } },
    async (request) => inSyncWriteTransaction(app.db, (trx) => deactivateStrategy(trx, actorOf(request), request.params.strategyId, request.body?.reason)),
  );

  r.post(
    '/v1/admin/strategies/:strategyId/rates',
    {
      config: publish,
      schema: {
        ...schema,
        summary: "Publish a strategy's rate from a date (today or later)",
        description: "Closes the strategy's open rate period the day before effectiveDate, like base rates. The rate must keep the strategy's guarantee.",
        params: StrategyParams,
        body: StrategyRatePublishBody,
        response: { 201: StrategyRateChange, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await inSyncWriteTransaction(app.db, (trx) => publishStrategyRate(trx, actorOf(request), request.params.strategyId, request.body, today(options)))),
  );

  r.post(
    '/v1/admin/strategy-rates/:strategyRateId/retract',
    // Like a base rate: only before it takes effect; the period before it runs on in its place.
    { config: publish, schema: { ...schema, summary: 'Retract a future strategy rate before it takes effect', params: z.strictObject({ strategyRateId: UuidString }), body: ReasonBody, response: { 200: StrategyRateRetractResult, ...errorResponses } } },
    async (request) =>
      inSyncWriteTransaction(app.db, (trx) => retractStrategyRate(trx, actorOf(request), request.params.strategyRateId, today(options), request.body?.reason)),
  );

  sheetRoute(app, options, '/v1/admin/strategy-rate-sheets', { summary: 'Publish a strategy rate sheet (CSV), all rows or none', columns: STRATEGY_RATE_SHEET_CSV_COLUMNS, result: StrategyRateSheetResult }, (sheet) =>
    importStrategyRateSheet(sheet.trx, sheet.actor, sheet.text, { today: today(options), dryRun: sheet.dryRun, maxRows: sheet.maxRows }),
  );
}
