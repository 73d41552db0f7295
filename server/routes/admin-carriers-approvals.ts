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
import { catalogWriteRoute, publishRoute as route, retireAndRestoreRoutes } from './publish-route-support.js';
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

  catalogWriteRoute(app, { method: 'POST', url: '/v1/admin/carriers', summary: 'Add a carrier', body: CarrierInput, result: Carrier, status: 201 }, (trx, actor, { body }) =>
    createCarrier(trx, actor, body),
  );
  catalogWriteRoute(
    app,
    { method: 'PUT', url: '/v1/admin/carriers/:carrierId', summary: 'Replace a carrier (name, NAIC code, rating with outlook and as-of date)', params: CarrierParams, body: CarrierInput, result: Carrier },
    (trx, actor, { params, body }) => replaceCarrier(trx, actor, params.carrierId, body),
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

  catalogWriteRoute(
    app,
    { method: 'POST', url: '/v1/admin/products/:productId/state-approvals', summary: 'Approve a product in a state from a date', params: ProductParams, body: StateApprovalCreateBody, result: StateApproval, status: 201 },
    (trx, actor, { params, body }) => addApproval(trx, actor, params.productId, body),
  );
  catalogWriteRoute(
    app,
    { method: 'POST', url: '/v1/admin/state-approvals/:approvalId/withdraw', summary: 'Withdraw an approval: approvedUntil becomes the last day approved', params: ApprovalParams, body: StateApprovalWithdrawBody, result: StateApproval },
    (trx, actor, { params, body }) => withdrawApproval(trx, actor, params.approvalId, body),
  );
  catalogWriteRoute(
    app,
    { method: 'POST', url: '/v1/admin/state-approvals/:approvalId/retire', summary: 'Retire an approval entered by mistake (kept, synced as inactive)', params: ApprovalParams, body: StateApprovalRetireBody, result: StateApproval },
    (trx, actor, { params, body }) => retireApproval(trx, actor, params.approvalId, body.reason),
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
