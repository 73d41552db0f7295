// Admin routes for index history (year-end index levels): list, publish, retract, CSV import. The API
// is listed in src-shared/admin/strategies-and-index-levels.ts; admin-only, each write audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IndexLevelList, IndexLevelSheetResult, IndexLevelsPublishBody, IndexLevelsQuery, IndexSummaryList } from '../../src-shared/admin/strategies-and-index-levels.js';
import { INDEX_LEVEL_CSV_COLUMNS, IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import { Permission } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { importIndexLevelSheet, listIndexes, listLevels, publishLevels, retractLevel } from '../admin/index-levels.js';
import { ReasonBody } from '../admin/reason-body.js';
import { inSyncWriteTransaction } from '../sync/write-lock.js';
import { actorOf, errorResponses, NoQuery, type RouteOptions } from './route-support.js';
import { sheetRoute } from './sheet-route-support.js';

const publish = { permission: Permission.catalogPublish } as const;

export async function adminIndexLevelRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/admin/indexes',
    { config: publish, schema: { querystring: NoQuery, tags: ['admin'], summary: 'The indexes with published levels', response: { 200: IndexSummaryList, ...errorResponses } } },
    async () => app.db.transaction().execute((trx) => listIndexes(trx)),
  );

  r.get(
    '/v1/admin/index-levels',
    {
      config: publish,
      schema: { querystring: IndexLevelsQuery, tags: ['admin'], summary: "An index's year-end levels, retracted ones included", response: { 200: IndexLevelList, ...errorResponses } },
    },
    async (request) => ({ levels: await app.db.transaction().execute((trx) => listLevels(trx, request.query.indexName)) }),
  );

  r.post(
    '/v1/admin/index-levels',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Publish year-end index levels, all or none',
        description: 'A level for an index and date that already has an active one is refused (409): retract that one first.',
        body: IndexLevelsPublishBody,
        response: { 201: IndexLevelList, ...errorResponses },
      },
    },
    async (request, reply) => {
      const levels = await inSyncWriteTransaction(app.db, (trx) => publishLevels(trx, actorOf(request), request.body.levels));
      return reply.code(201).send({ levels });
    },
  );

  r.post(
    '/v1/admin/index-levels/:indexLevelId/retract',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Retract a wrong index level (kept, synced as inactive)',
        params: z.strictObject({ indexLevelId: UuidString }),
        body: ReasonBody,
        response: { 200: IndexLevelRow, ...errorResponses },
      },
    },
    async (request) => inSyncWriteTransaction(app.db, (trx) => retractLevel(trx, actorOf(request), request.params.indexLevelId, request.body?.reason)),
  );

  sheetRoute(app, options, '/v1/admin/index-level-sheets', { summary: 'Publish index history from CSV, all rows or none', columns: INDEX_LEVEL_CSV_COLUMNS, result: IndexLevelSheetResult }, (sheet) =>
    importIndexLevelSheet(sheet.trx, sheet.actor, sheet.text, { dryRun: sheet.dryRun, maxRows: sheet.maxRows }),
  );
}
