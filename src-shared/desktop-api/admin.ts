// The admin console: online only. Each call goes to the server with the session's token; failures
// are offline / needs-sign-in / forbidden / conflict / not-found / invalid-request (with issues).
// The request and answer schemas are the server's wire schemas (src-shared/admin/).
import { z } from 'zod';
import { AuditPage, AuditSearchRequest } from '../admin/audit.js';
import {
  AdminAccessView,
  AdminCreateAvailabilityRequest,
  AdminDeactivateAvailabilityRequest,
  AdminImportRateSheetRequest,
  AdminImportRateSheetResult,
  AdminPublishRateRequest,
  AdminRetractRateRequest,
  AdminSetProductActiveRequest,
  AdminUpdateAvailabilityRequest,
  AdminUpdateProductRequest,
} from '../admin/console-requests.js';
import {
  AdminAddStateApprovalRequest,
  AdminImportStateApprovalsResult,
  AdminListStateApprovalsRequest,
  AdminReplaceCarrierRequest,
  AdminRetireStateApprovalRequest,
  AdminSetCarrierActiveRequest,
  AdminWithdrawStateApprovalRequest,
  Carrier,
  CarrierInput,
  CarrierList,
  StateApproval,
  StateApprovalList,
} from '../admin/carriers-and-approvals.js';
import { ProductCreateBody } from '../admin/product-edit.js';
import { RateChange, RetractResult } from '../admin/rate-publish.js';
import { AvailabilityWindow, Product } from '../catalog.js';
import { strategyAdminMethods } from './admin-strategies.js';
import { accessMethods } from './access.js';
import { fleetMethods } from './fleet.js';
import type { MethodTable } from './results.js';

// The console's requests and answers, all of them part of the contract.
export * from '../admin/console-requests.js';
export * from './admin-strategies.js';
export * from './fleet.js';
export * from './access.js';
export * from '../admin/carriers-and-approvals.js';
export { AuditPage, AuditSearchRequest, ProductCreateBody, RateChange, RetractResult };
export type { AuditEntry } from '../admin/audit.js';
export type { RateSheetResult } from '../admin/rate-sheet.js';

export const adminMethods = {
  /** The signed-in user's roles as the server states them; offline, the ones remembered on this computer. */
  adminAccess: { args: z.tuple([]), result: AdminAccessView },
  adminCreateProduct: { args: z.tuple([ProductCreateBody]), result: Product },
  adminUpdateProduct: { args: z.tuple([AdminUpdateProductRequest]), result: Product },
  adminSetProductActive: { args: z.tuple([AdminSetProductActiveRequest]), result: Product },
  adminCreateAvailability: { args: z.tuple([AdminCreateAvailabilityRequest]), result: AvailabilityWindow },
  adminUpdateAvailability: { args: z.tuple([AdminUpdateAvailabilityRequest]), result: AvailabilityWindow },
  adminDeactivateAvailability: { args: z.tuple([AdminDeactivateAvailabilityRequest]), result: AvailabilityWindow },
  adminPublishRate: { args: z.tuple([AdminPublishRateRequest]), result: RateChange },
  adminRetractRate: { args: z.tuple([AdminRetractRateRequest]), result: RetractResult },
  /** A sheet with bad rows resolves ok with outcome 'invalid' and every bad row; nothing is written then. */
  adminImportRateSheet: { args: z.tuple([AdminImportRateSheetRequest]), result: AdminImportRateSheetResult },
  auditQuery: { args: z.tuple([AuditSearchRequest]), result: AuditPage },
  // Carriers and state approvals (issue 13).
  adminListCarriers: { args: z.tuple([]), result: CarrierList },
  adminCreateCarrier: { args: z.tuple([CarrierInput]), result: Carrier },
  adminReplaceCarrier: { args: z.tuple([AdminReplaceCarrierRequest]), result: Carrier },
  adminSetCarrierActive: { args: z.tuple([AdminSetCarrierActiveRequest]), result: Carrier },
  adminListStateApprovals: { args: z.tuple([AdminListStateApprovalsRequest]), result: StateApprovalList },
  adminAddStateApproval: { args: z.tuple([AdminAddStateApprovalRequest]), result: StateApproval },
  adminWithdrawStateApproval: { args: z.tuple([AdminWithdrawStateApprovalRequest]), result: StateApproval },
  adminRetireStateApproval: { args: z.tuple([AdminRetireStateApprovalRequest]), result: StateApproval },
  /** Like adminImportRateSheet: a sheet with bad lines resolves ok with outcome 'invalid'; nothing is written then. */
  adminImportStateApprovals: { args: z.tuple([AdminImportRateSheetRequest]), result: AdminImportStateApprovalsResult },
  ...strategyAdminMethods,
  ...fleetMethods,
  ...accessMethods,
} as const satisfies MethodTable;
