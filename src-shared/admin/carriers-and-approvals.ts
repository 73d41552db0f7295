// What an admin sends and gets back for carriers and state approvals (issue 13; server routes in
// server/routes/admin-carriers-approvals.ts). The server validates with these schemas and the
// desktop console checks the same ones before it sends anything, so both refuse with the same words.
import { z } from 'zod';
import { Carrier, CarrierInput } from '../catalog/carriers.js';
import { approvalRuleIssues, StateApproval, StateCodeString, STATE_APPROVAL_CSV_COLUMNS } from '../catalog/state-approvals.js';
import { IsoDateString, UuidString } from '../validation/decimal-strings.js';
import { RateSheetBadRowView } from './console-requests.js';
import { ReasonText } from './product-edit.js';

export { Carrier, CarrierInput, StateApproval, STATE_APPROVAL_CSV_COLUMNS };

/** Every carrier, retired ones included (isActive false), by name. */
export const CarrierList = z.object({ carriers: z.array(Carrier) });
export type CarrierList = z.infer<typeof CarrierList>;

/** A product's approvals, retired ones included, by state then approvedFrom. */
export const StateApprovalList = z.object({ approvals: z.array(StateApproval) });
export type StateApprovalList = z.infer<typeof StateApprovalList>;

/** POST body: one approval; approvedUntil may be left out (open ended). */
export const StateApprovalCreateBody = z
  .strictObject({
    stateCode: StateCodeString,
    approvedFrom: IsoDateString,
    approvedUntil: IsoDateString.nullable().default(null).meta({ description: 'Last day approved (inclusive); null = open ended' }),
  })
  .superRefine((value, ctx) => {
    for (const issue of approvalRuleIssues(value)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type StateApprovalCreateBody = z.infer<typeof StateApprovalCreateBody>;

/** Withdrawing ends an approval: approvedUntil is the last day the product was approved there. */
export const StateApprovalWithdrawBody = z.strictObject({
  approvedUntil: IsoDateString.meta({ description: 'The last day approved (inclusive)' }),
  reason: ReasonText,
});
export type StateApprovalWithdrawBody = z.infer<typeof StateApprovalWithdrawBody>;

/** Retiring takes back an approval entered by mistake (it syncs as a tombstone). */
export const StateApprovalRetireBody = z.strictObject({ reason: ReasonText });
export type StateApprovalRetireBody = z.infer<typeof StateApprovalRetireBody>;

/**
 * One line of an approvals CSV as it changes the catalog: a new approval, or the end date of the
 * approval with the same product, state and approved_from moved (a withdrawal); a line equal to
 * what is stored is 'unchanged', so importing the same file twice changes nothing.
 */
export const StateApprovalImportChange = z.object({
  ref: z.string().meta({ description: '"line N" of the CSV' }),
  cusip: z.string(),
  kind: z.enum(['create', 'update', 'unchanged']),
  /** The stored approval (update, unchanged); null for a new one. */
  old: StateApproval.nullable(),
  /** After the import (on a dry run, what it would be: approvalId of a new one is null). */
  new: z.object({
    approvalId: UuidString.nullable(),
    productId: UuidString,
    stateCode: StateCodeString,
    approvedFrom: IsoDateString,
    approvedUntil: IsoDateString.nullable(),
  }),
});
export type StateApprovalImportChange = z.infer<typeof StateApprovalImportChange>;

export const StateApprovalImportResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  rowCount: z.int(),
  changes: z.array(StateApprovalImportChange),
});
export type StateApprovalImportResult = z.infer<typeof StateApprovalImportResult>;

// The desktop console's requests for the admin channels (desktop-api/admin.ts): the same schemas
// with the ids the routes take in their path.

export const AdminReplaceCarrierRequest = z.strictObject({ carrierId: UuidString, carrier: CarrierInput });
export type AdminReplaceCarrierRequest = z.input<typeof AdminReplaceCarrierRequest>;

export const AdminSetCarrierActiveRequest = z.strictObject({ carrierId: UuidString, active: z.boolean(), reason: ReasonText.optional() });
export type AdminSetCarrierActiveRequest = z.input<typeof AdminSetCarrierActiveRequest>;

export const AdminListStateApprovalsRequest = z.strictObject({ productId: UuidString });
export type AdminListStateApprovalsRequest = z.input<typeof AdminListStateApprovalsRequest>;

export const AdminAddStateApprovalRequest = z.strictObject({ productId: UuidString, approval: StateApprovalCreateBody });
export type AdminAddStateApprovalRequest = z.input<typeof AdminAddStateApprovalRequest>;

export const AdminWithdrawStateApprovalRequest = z.strictObject({ approvalId: UuidString, ...StateApprovalWithdrawBody.shape });
export type AdminWithdrawStateApprovalRequest = z.input<typeof AdminWithdrawStateApprovalRequest>;

export const AdminRetireStateApprovalRequest = z.strictObject({ approvalId: UuidString, ...StateApprovalRetireBody.shape });
export type AdminRetireStateApprovalRequest = z.input<typeof AdminRetireStateApprovalRequest>;

/** Like a rate sheet's: a refused sheet is an answer listing its bad lines; nothing was written then (or on 'preview'). */
export const AdminImportStateApprovalsResult = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('preview'), result: StateApprovalImportResult }),
  z.strictObject({ outcome: z.literal('published'), result: StateApprovalImportResult }),
  z.strictObject({ outcome: z.literal('invalid'), badRows: z.array(RateSheetBadRowView), message: z.string().min(1) }),
]);
export type AdminImportStateApprovalsResult = z.infer<typeof AdminImportStateApprovalsResult>;
