// Admin routes for carriers and state approvals (issue 13). Each write is one transaction around one
// service call (server/admin/carriers.ts, state-approvals.ts, state-approvals-import.ts), which
// validates, writes and audits; the change_version trigger stamps every row, so the sync carries it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Carrier,
  CarrierInput,
  CarrierList,
  StateApproval,
  STATE_APPROVAL_CSV_COLUMNS,
  StateApprovalCreateBody,
  StateApprovalImportResult,
  StateApprovalList,
  StateApprovalRetireBody,
  StateApprovalWithdrawBody,
} from '../../src-shared/admin/carriers-and-approvals.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { createCarrier, listCarriers, replaceCarrier, setCarrierActive } from '../admin/carriers.js';
import { addApproval, listApprovals, retireApproval, withdrawApproval } from '../admin/state-approvals.js';
import { importStateApprovals } from '../admin/state-approvals-import.js';
import { inSyncWriteTransaction } from '../sync/write-lock.js';
import { publishRoute as route, retireAndRestoreRoutes } from './publish-route-support.js';
import { actorOf, errorResponses, NoQuery, type RouteOptions } from './route-support.js';
import { csvTextOf, DryRunQuery, inSheetTransaction } from './sheet-route-support.js';

const CarrierParams = z.strictObject({ carrierId: UuidString });
const ProductParams = z.strictObject({ productId: UuidString });
const ApprovalParams = z.strictObject({ approvalId: UuidString });

export async function adminCarrierApprovalRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/admin/carriers', route('Every carrier, retired ones included', { querystring: NoQuery, response: { 200: CarrierList, ...errorResponses } }), async () => ({
    carriers: await listCarriers(app.db),
  }));

  r.post(
    '/v1/admin/carriers',
    route('Add a carrier', { querystring: NoQuery, body: CarrierInput, response: { 201: Carrier, ...errorResponses } }),
    async (request, reply) => {
      const carrier = await inSyncWriteTransaction(app.db, (trx) => createCarrier(trx, actorOf(request), request.body));
      return reply.code(201).send(carrier);
    },
  );

  r.put(
    '/v1/admin/carriers/:carrierId',
    route('Replace a carrier (name, NAIC code, rating with outlook and as-of date)', {
      querystring: NoQuery,
      params: CarrierParams,
      body: CarrierInput,
      response: { 200: Carrier, ...errorResponses },
    }),
    async (request) => inSyncWriteTransaction(app.db, (trx) => replaceCarrier(trx, actorOf(request), request.params.carrierId, request.body)),
  );

  retireAndRestoreRoutes(app, { path: '/v1/admin/carriers/:carrierId', result: Carrier, setActive: setCarrierActive }, {
    retire: 'Retire a carrier (kept, synced as inactive)',
    restore: 'Restore a retired carrier',
  });

  r.get(
    '/v1/admin/products/:productId/state-approvals',
    route("A product's state approvals, retired ones included", { querystring: NoQuery, params: ProductParams, response: { 200: StateApprovalList, ...errorResponses } }),
    async (request) => ({ approvals: await listApprovals(app.db, request.params.productId) }),
  );

  r.post(
    '/v1/admin/products/:productId/state-approvals',
    route('Approve a product in a state from a date', {
      querystring: NoQuery,
      params: ProductParams,
      body: StateApprovalCreateBody,
      response: { 201: StateApproval, ...errorResponses },
    }),
    async (request, reply) => {
      const approval = await inSyncWriteTransaction(app.db, (trx) => addApproval(trx, actorOf(request), request.params.productId, request.body));
      return reply.code(201).send(approval);
    },
  );

  r.post(
    '/v1/admin/state-approvals/:approvalId/withdraw',
    route('Withdraw an approval: approvedUntil becomes the last day approved', {
      querystring: NoQuery,
      params: ApprovalParams,
      body: StateApprovalWithdrawBody,
      response: { 200: StateApproval, ...errorResponses },
    }),
    async (request) => inSyncWriteTransaction(app.db, (trx) => withdrawApproval(trx, actorOf(request), request.params.approvalId, request.body)),
  );

  r.post(
    '/v1/admin/state-approvals/:approvalId/retire',
    route('Retire an approval entered by mistake (kept, synced as inactive)', {
      querystring: NoQuery,
      params: ApprovalParams,
      body: StateApprovalRetireBody,
      response: { 200: StateApproval, ...errorResponses },
    }),
    async (request) => inSyncWriteTransaction(app.db, (trx) => retireApproval(trx, actorOf(request), request.params.approvalId, request.body.reason)),
  );

  const maxRows = options.config.rateSheetMaxRows;
  r.post(
    '/v1/admin/state-approval-sheets',
    {
      ...route('Import state approvals from CSV, all lines or none', {
        description:
          `text/csv with the header ${STATE_APPROVAL_CSV_COLUMNS.join(',')} (approved_until blank = open ended); at most ${maxRows} lines. ` +
          'A line with the product, state and approved_from of an active approval sets its approved_until; any other line adds one. ' +
          'Any bad line refuses the whole sheet with a 400 listing every bad line and reason. dryRun=true previews and writes nothing.',
        querystring: DryRunQuery,
        body: { content: { 'text/csv': { schema: z.string({ error: 'must be CSV text' }) } } },
        response: { 200: StateApprovalImportResult, ...errorResponses },
      }),
      bodyLimit: options.config.rateSheetMaxBytes,
    },
    async (request) => {
      const { dryRun } = request.query;
      const text = csvTextOf(request);
      return inSheetTransaction(app.db, dryRun, (trx) => importStateApprovals(trx, actorOf(request), text, { dryRun, maxRows }));
    },
  );
}
