// The desktop app's HTTP client for the admin and audit routes (server/routes/admin-*.ts, audit.ts,
// me.ts). Requests go through the same authorized request as sync (token, 401 retry, typed
// failures); every answer is checked with the shared wire schemas before anything uses it.
import type { z } from 'zod';
import { AuditPage, type AuditQueryInput } from '../../src-shared/admin/audit.js';
import { Me } from '../../src-shared/admin/caller.js';
import {
  Carrier,
  CarrierList,
  StateApproval,
  StateApprovalImportResult,
  StateApprovalList,
  type CarrierInput,
  type StateApprovalCreateBody,
  type StateApprovalWithdrawBody,
} from '../../src-shared/admin/carriers-and-approvals.js';
import type { AvailabilityCreateBody, AvailabilityPatchBody, ProductCreateBody, ProductPatchBody } from '../../src-shared/admin/product-edit.js';
import { RateChange, RetractResult, type RatePublishBody } from '../../src-shared/admin/rate-publish.js';
import { RateSheetResult } from '../../src-shared/admin/rate-sheet.js';
import { AvailabilityWindow, Product } from '../../src-shared/catalog.js';
import { createAuthorizedRequest, validateAnswer, type AuthorizedRequestOptions, type RequestMethod } from '../http/authorized-request.js';
import { accessAdminCalls, type AccessAdminApi } from './access-api.js';
import { fleetAdminCalls, type FleetAdminApi } from './fleet-api.js';
import { strategyAdminCalls, type StrategyAdminApi } from './strategy-admin-api.js';

export interface AdminApi extends StrategyAdminApi, FleetAdminApi, AccessAdminApi {
  me(): Promise<Me>;
  createProduct(body: z.input<typeof ProductCreateBody>): Promise<Product>;
  updateProduct(productId: string, patch: z.input<typeof ProductPatchBody>): Promise<Product>;
  setProductActive(productId: string, active: boolean, reason: string | undefined): Promise<Product>;
  createAvailability(productId: string, body: z.input<typeof AvailabilityCreateBody>): Promise<AvailabilityWindow>;
  updateAvailability(availabilityId: string, patch: z.input<typeof AvailabilityPatchBody>): Promise<AvailabilityWindow>;
  deactivateAvailability(availabilityId: string, reason: string | undefined): Promise<AvailabilityWindow>;
  publishRate(productId: string, body: z.input<typeof RatePublishBody>): Promise<RateChange>;
  retractRate(rateHistoryId: string, reason: string | undefined): Promise<RetractResult>;
  /** A sheet with bad rows is thrown as RequestRefusedError (400) whose problem carries `badRows`. */
  importRateSheet(csv: string, options: { dryRun: boolean }): Promise<RateSheetResult>;
  queryAudit(query: AuditQueryInput): Promise<AuditPage>;
  listCarriers(): Promise<CarrierList>;
  createCarrier(body: CarrierInput): Promise<Carrier>;
  replaceCarrier(carrierId: string, body: CarrierInput): Promise<Carrier>;
  setCarrierActive(carrierId: string, active: boolean, reason: string | undefined): Promise<Carrier>;
  listStateApprovals(productId: string): Promise<StateApprovalList>;
  addStateApproval(productId: string, body: z.input<typeof StateApprovalCreateBody>): Promise<StateApproval>;
  withdrawStateApproval(approvalId: string, body: StateApprovalWithdrawBody): Promise<StateApproval>;
  retireStateApproval(approvalId: string, reason: string): Promise<StateApproval>;
  /** Bad lines are thrown as RequestRefusedError (400) whose problem carries `badRows`, as for rate sheets. */
  importStateApprovals(csv: string, options: { dryRun: boolean }): Promise<StateApprovalImportResult>;
}

/** The session's token functions and the server address; admin calls wait at most 60 s (a big sheet). */
export type AdminApiClientOptions = AuthorizedRequestOptions;

/** The User-Agent the server keeps in its audit rows for each admin change. */
export function desktopUserAgent(version: string): string {
  return `RateDesk/${version}`;
}

export function createAdminApiClient(options: AdminApiClientOptions): AdminApi {
  const request = createAuthorizedRequest(options);

  async function call<S extends z.ZodType>(
    schema: S,
    method: RequestMethod,
    path: string,
    body?: { json: unknown } | { csv: string },
  ): Promise<z.output<S>> {
    const init =
      body === undefined
        ? { method }
        : 'csv' in body
          ? { method, body: body.csv, contentType: 'text/csv' }
          : { method, body: JSON.stringify(body.json) };
    const { json } = await request(path, init);
    return validateAnswer(schema, await json(), `${method} ${path.split('?')[0] ?? path}`);
  }

  const id = encodeURIComponent;
  // The state-change routes take an optional body; an empty object when there is no reason.
  const reasonBody = (reason: string | undefined) => ({ json: reason === undefined ? {} : { reason } });

  return {
    ...strategyAdminCalls(call),
    ...fleetAdminCalls(call),
    ...accessAdminCalls(call),
    me: () => call(Me, 'GET', '/v1/me'),
    createProduct: (body) => call(Product, 'POST', '/v1/admin/products', { json: body }),
    updateProduct: (productId, patch) => call(Product, 'PATCH', `/v1/admin/products/${id(productId)}`, { json: patch }),
    setProductActive: (productId, active, reason) =>
      call(Product, 'POST', `/v1/admin/products/${id(productId)}/${active ? 'reactivate' : 'deactivate'}`, reasonBody(reason)),
    createAvailability: (productId, body) => call(AvailabilityWindow, 'POST', `/v1/admin/products/${id(productId)}/availability`, { json: body }),
    updateAvailability: (availabilityId, patch) => call(AvailabilityWindow, 'PATCH', `/v1/admin/availability/${id(availabilityId)}`, { json: patch }),
    deactivateAvailability: (availabilityId, reason) =>
      call(AvailabilityWindow, 'POST', `/v1/admin/availability/${id(availabilityId)}/deactivate`, reasonBody(reason)),
    publishRate: (productId, body) => call(RateChange, 'POST', `/v1/admin/products/${id(productId)}/rates`, { json: body }),
    retractRate: (rateHistoryId, reason) => call(RetractResult, 'POST', `/v1/admin/rates/${id(rateHistoryId)}/retract`, reasonBody(reason)),
    importRateSheet: (csv, { dryRun }) => call(RateSheetResult, 'POST', `/v1/admin/rate-sheets?dryRun=${dryRun ? 'true' : 'false'}`, { csv }),
    queryAudit: (query) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
      const text = params.toString();
      return call(AuditPage, 'GET', `/v1/audit${text === '' ? '' : `?${text}`}`);
    },
    listCarriers: () => call(CarrierList, 'GET', '/v1/admin/carriers'),
    createCarrier: (body) => call(Carrier, 'POST', '/v1/admin/carriers', { json: body }),
    replaceCarrier: (carrierId, body) => call(Carrier, 'PUT', `/v1/admin/carriers/${id(carrierId)}`, { json: body }),
    setCarrierActive: (carrierId, active, reason) =>
      call(Carrier, 'POST', `/v1/admin/carriers/${id(carrierId)}/${active ? 'reactivate' : 'deactivate'}`, reasonBody(reason)),
    listStateApprovals: (productId) => call(StateApprovalList, 'GET', `/v1/admin/products/${id(productId)}/state-approvals`),
    addStateApproval: (productId, body) => call(StateApproval, 'POST', `/v1/admin/products/${id(productId)}/state-approvals`, { json: body }),
    withdrawStateApproval: (approvalId, body) => call(StateApproval, 'POST', `/v1/admin/state-approvals/${id(approvalId)}/withdraw`, { json: body }),
    retireStateApproval: (approvalId, reason) => call(StateApproval, 'POST', `/v1/admin/state-approvals/${id(approvalId)}/retire`, { json: { reason } }),
    importStateApprovals: (csv, { dryRun }) =>
      call(StateApprovalImportResult, 'POST', `/v1/admin/state-approval-sheets?dryRun=${dryRun ? 'true' : 'false'}`, { csv }),
  };
}
