// Where a product may be sold (issue 13): one row per state (50 states and DC) and approval period.
// approvedFrom is the first business day it may be sold there; approvedUntil, when the approval
// was withdrawn or ends, the last (both inclusive, like availability windows and rates). A mistaken
// row is retired with isActive false (the tombstone), never deleted.
//
// Annuities (MYGA, FIA) are insurance contracts filed state by state: with no active approval for a
// state, the product is not approved there. A CD is a bank deposit and is not state-filed, so the
// state filter does not apply to CDs (docs/projection-rules.md "Client state and issue ages").
import { z } from 'zod';
import type { ValidationIssue } from '../errors.js';
import { IsoDateString, UuidString } from '../validation/decimal-strings.js';
import { editedRecordSchemas, periodOrderIssues } from './catalog-text.js';
import { STATE_CODES, type StateCode } from './us-states.js';

export const StateCodeString = z.enum(STATE_CODES as [StateCode, ...StateCode[]], {
  error: 'must be a two-letter USPS code of one of the 50 states or DC, e.g. "NY"',
});

const approvalFields = {
  stateCode: StateCodeString,
  approvedFrom: IsoDateString,
  approvedUntil: IsoDateString.nullable(),
};

export const approvalRuleIssues: (value: Record<string, unknown>) => ValidationIssue[] = periodOrderIssues('approvedFrom', 'approvedUntil');

const approvalSchemas = editedRecordSchemas({ approvalId: UuidString, productId: UuidString }, approvalFields, approvalRuleIssues);

/** One approval as an admin enters it for a product (product editor or CSV line). */
export const StateApprovalInput = approvalSchemas.input;
export type StateApprovalInput = z.infer<typeof StateApprovalInput>;

/** An approval as stored and synced. */
export const StateApproval = approvalSchemas.stored;
export type StateApproval = z.infer<typeof StateApproval>;

/** The columns of an approvals CSV (one line per product, state and period; all-or-nothing). */
export const STATE_APPROVAL_CSV_COLUMNS = ['cusip', 'state', 'approved_from', 'approved_until'] as const;

type ApprovalFacts = Pick<StateApproval, 'productId' | 'stateCode' | 'approvedFrom' | 'approvedUntil' | 'isActive'>;

/** True when an active approval of `productId` for `stateCode` covers business date `day`. */
export function approvedOn(approvals: readonly ApprovalFacts[], productId: string, stateCode: string, day: string): boolean {
  return approvals.some(
    (approval) =>
      approval.isActive &&
      approval.productId === productId &&
      approval.stateCode === stateCode &&
      approval.approvedFrom <= day &&
      (approval.approvedUntil === null || day <= approval.approvedUntil),
  );
}

/** The states where `productId` is approved on `day`, sorted. */
export function approvedStatesOn(approvals: readonly ApprovalFacts[], productId: string, day: string): StateCode[] {
  const states = new Set<StateCode>();
  for (const approval of approvals) {
    if (approval.isActive && approval.productId === productId && approval.approvedFrom <= day && (approval.approvedUntil === null || day <= approval.approvedUntil)) {
      states.add(approval.stateCode);
    }
  }
  return [...states].sort();
}
