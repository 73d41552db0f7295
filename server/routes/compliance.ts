// The compliance console's routes (comparisons:read_all: compliance and admin): search every
// rep's saved comparisons and rejected uploads, open one record, export a search as CSV.
//
// Reading is audited: opening a record writes an EXPORT audit row naming it ({ export: 'record' }),
// and a CSV export one with its filters and row count ({ export: 'csv' }). A record shows a
// client's name, amount and products, so who looked at it is part of the record's history. A
// search page is not audited (it shows what the CSV would, and paging would flood the trail).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ComplianceRecord, ComplianceRecordParams } from '../../src-shared/compliance/record.js';
import * as Search from '../../src-shared/compliance/search.js';
import { Permission } from '../../src-shared/roles.js';
import { recordAudit } from '../audit/record-audit.js';
import { csvStream } from '../compliance/csv-export.js';
import { loadComplianceRecord } from '../compliance/record-loader.js';
import { countMatchesUpTo, searchComparisons } from '../compliance/search-query.js';
import type { JsonObject } from '../db/schema.js';
import { KeysetCursorParam } from '../http/keyset-cursor.js';
import { notFound, validationProblem } from '../http/problem.js';
import { actorOf, errorResponses, NoQuery, type RouteOptions } from './route-support.js';

const readAll = { permission: Permission.comparisonsReadAll } as const;

const SearchQuery = Search.ComplianceSearchQueryFields.extend({
  cursor: KeysetCursorParam.meta({ description: 'nextCursor of the previous page' }),
}).superRefine(Search.fromNotAfterTo);

const FILTERS_DESCRIPTION =
  'Filters combine with AND; flags with OR. from and to are business dates (the server business time zone), both inclusive, ' +
  'on comparisonDate (when the rep showed it, by the laptop clock). rep, clientReference and product match a part, case-insensitively; ' +
  'rep and product also take an id, cusip is exact. A rejected upload (flag rejected) is its own row, with the reason.';

export async function complianceRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const timeZone = options.config.businessTimeZone;
  /** The EXPORT audit row of a read (see the module comment): one record (its id) or a CSV (null). */
  const auditRead = async (request: FastifyRequest, comparisonId: string | null, newValues: JsonObject): Promise<void> => {
    const actor = actorOf(request);
    await app.db
      .transaction()
      .execute((trx) => recordAudit(trx, actor.audit, { action: 'EXPORT', tableName: 'product_comparisons', recordId: comparisonId, newValues }));
  };

  r.get(
    '/v1/compliance/comparisons',
    {
      config: readAll,
      schema: {
        tags: ['compliance'],
        summary: "Search every rep's saved comparisons",
        description: `${FILTERS_DESCRIPTION} Newest first; pass nextCursor as cursor for the next page (every page costs the same).`,
        querystring: SearchQuery,
        response: { 200: Search.CompliancePage, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { limit, cursor, ...filters } = request.query;
      return searchComparisons(app.readDb, filters, { timeZone, limit: limit ?? Search.COMPLIANCE_PAGE_DEFAULT, cursor });
    },
  );

  r.get(
    '/v1/compliance/comparisons.csv',
    {
      config: readAll,
      schema: {
        tags: ['compliance'],
        summary: 'Export a search as CSV',
        description:
          `${FILTERS_DESCRIPTION} Every matching row (at most ${Search.COMPLIANCE_CSV_MAX_ROWS}; more is refused with 400: narrow the search), ` +
          'as text/csv (UTF-8 with a byte-order mark, RFC 4180 quoting). A cell beginning with =, +, -, @, tab or carriage return is ' +
          "prefixed with a single quote so no spreadsheet runs it as a formula. Audited as EXPORT with the filters and the row count.",
        querystring: Search.ComplianceExportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().meta({ description: 'text/csv' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const matched = await countMatchesUpTo(app.readDb, query, timeZone, Search.COMPLIANCE_CSV_MAX_ROWS);
      if (matched > Search.COMPLIANCE_CSV_MAX_ROWS) {
        throw validationProblem([
          { path: 'query', message: `matches more than ${Search.COMPLIANCE_CSV_MAX_ROWS} rows: narrow the search (a shorter from/to, a rep, a product) and export each part` },
        ]);
      }
      const filters: JsonObject = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as JsonObject;
      await auditRead(request, null, { export: 'csv', filters, rows: matched });
      const day = new Date().toISOString().slice(0, 10);
      reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="ratedesk-comparisons-${day}.csv"`)
        .type('text/csv; charset=utf-8');
      // A stream is sent as is (no serializer); the type provider only knows the documented string.
      return reply.send(csvStream(app.readDb, query, timeZone) as unknown as string);
    },
  );

  r.get(
    '/v1/compliance/comparisons/:comparisonId',
    {
      config: readAll,
      schema: {
        tags: ['compliance'],
        summary: 'One saved comparison, complete',
        description:
          'The record as stored (inputs, results, items with the rates used and the product snapshots), the app, rules and disclosure ' +
          'versions, the catalog cursor, the prepared date, the best-interest documentation, the flags with each retracted rate ' +
          '(who retracted it and when) and every printed copy. Audited as EXPORT of the record.',
        params: ComplianceRecordParams,
        querystring: NoQuery,
        response: { 200: ComplianceRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { comparisonId } = request.params;
      const record = await loadComplianceRecord(app.readDb, comparisonId);
      if (record === null) throw notFound(`Comparison ${comparisonId}`);
      await auditRead(request, comparisonId, { export: 'record' });
      reply.header('cache-control', 'no-store');
      return record;
    },
  );
}
