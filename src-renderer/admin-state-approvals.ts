// A product's state approvals in the admin console (issue 13): the add and withdraw forms checked
// with the shared request schemas, each approval's status on the business date, and the table
// order. Pure, so it is unit tested.
import { StateApprovalCreateBody, StateApprovalWithdrawBody } from '../src-shared/admin/carriers-and-approvals.js';
import type { StateApproval } from '../src-shared/catalog/state-approvals.js';
import { fieldErrorsFrom, type FieldErrors } from './admin-product-form.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function checked<T>(result: { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }): Checked<T> {
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrorsFrom(result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))) };
}

/** `until` blank = open ended. */
export function checkApprovalForm(form: { stateCode: string; approvedFrom: string; approvedUntil: string }): Checked<StateApprovalCreateBody> {
  return checked(
    StateApprovalCreateBody.safeParse({
      stateCode: form.stateCode,
      approvedFrom: form.approvedFrom.trim(),
      approvedUntil: form.approvedUntil.trim() === '' ? null : form.approvedUntil.trim(),
    }),
  );
}

/** The last day approved must not be before the approval starts; a reason is required. */
export function checkWithdrawal(approval: Pick<StateApproval, 'approvedFrom'>, form: { approvedUntil: string; reason: string }): Checked<StateApprovalWithdrawBody> {
  const result = checked(StateApprovalWithdrawBody.safeParse({ approvedUntil: form.approvedUntil.trim(), reason: form.reason }));
  if (result.ok && result.value.approvedUntil < approval.approvedFrom) {
    return { ok: false, errors: { approvedUntil: [`must be on or after approvedFrom (${approval.approvedFrom})`] } };
  }
  return result;
}

export interface ApprovalStatus {
  label: 'Retired' | 'Scheduled' | 'Approved' | 'Withdrawn' | 'Ending';
  /** The tag style, as availability windows use them. */
  tone: 'in-force' | 'scheduled' | 'retracted' | 'plain';
}

/** On `today`: retired (a mistake taken back), not yet started, approved (open or ending later), or withdrawn (ended). */
export function approvalStatus(approval: Pick<StateApproval, 'isActive' | 'approvedFrom' | 'approvedUntil'>, today: string): ApprovalStatus {
  if (!approval.isActive) return { label: 'Retired', tone: 'retracted' };
  if (approval.approvedFrom > today) return { label: 'Scheduled', tone: 'scheduled' };
  if (approval.approvedUntil === null) return { label: 'Approved', tone: 'in-force' };
  if (approval.approvedUntil < today) return { label: 'Withdrawn', tone: 'plain' };
  return { label: 'Ending', tone: 'scheduled' };
}

/** By state, newest period first within a state; retired rows after the active ones of their state. */
export function sortedApprovals(approvals: readonly StateApproval[]): StateApproval[] {
  return [...approvals].sort(
    (a, b) => a.stateCode.localeCompare(b.stateCode) || Number(b.isActive) - Number(a.isActive) || b.approvedFrom.localeCompare(a.approvedFrom),
  );
}

