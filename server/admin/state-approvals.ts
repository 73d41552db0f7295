// A product's state approvals: added, withdrawn (approvedUntil set to the last day approved) and
// retired when entered by mistake (isActive false, the tombstone the sync carries). Active periods
// of one product and state never overlap: two approvals covering the same day are always a mistake,
// and refusing them keeps "approved in NY on day D" unambiguous. The exclusion constraint
// product_state_approvals_no_overlap backs the check made here with the field named.
import type { Transaction, Updateable } from 'kysely';
import type { StateApprovalCreateBody, StateApprovalWithdrawBody } from '../../src-shared/admin/carriers-and-approvals.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import { recordAudit } from '../audit/record-audit.js';
import type { ProductStateApprovalsTable } from '../db/catalog-terms-schema.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import { setRecordActive } from './active-change.js';
import type { Actor } from './actor.js';
import { auditValues } from './catalog-rows.js';
import { approvalFromRow, type StateApprovalRow } from './catalog-terms-rows.js';

export interface ApprovalPeriod {
  stateCode: string;
  approvedFrom: string;
  approvedUntil: string | null;
}

/** Both ends inclusive; null = open ended. */
export function periodsOverlap(a: ApprovalPeriod, b: ApprovalPeriod): boolean {
  return a.stateCode === b.stateCode && (b.approvedUntil === null || a.approvedFrom <= b.approvedUntil) && (a.approvedUntil === null || b.approvedFrom <= a.approvedUntil);
}

export const periodText = (period: ApprovalPeriod): string => `${period.approvedFrom} to ${period.approvedUntil ?? 'open ended'}`;

/** The product's approvals, FOR UPDATE of the product so two writers cannot both pass the overlap check. */
export async function lockProductApprovals(trx: Transaction<Database>, productIds: readonly string[]): Promise<StateApprovalRow[]> {
  if (productIds.length === 0) return [];
  await trx.selectFrom('products').select('productId').where('productId', 'in', productIds).orderBy('productId').forUpdate().execute();
  return trx.selectFrom('productStateApprovals').selectAll().where('productId', 'in', productIds).execute();
}

export async function listApprovals(db: Pick<Transaction<Database>, 'selectFrom'>, productId: string): Promise<StateApproval[]> {
  const product = await db.selectFrom('products').select('productId').where('productId', '=', productId).executeTakeFirst();
  if (!product) throw notFound(`Product ${productId}`);
  const rows = await db
    .selectFrom('productStateApprovals')
    .selectAll()
    .where('productId', '=', productId)
    .orderBy('stateCode')
    .orderBy('approvedFrom')
    .execute();
  return rows.map(approvalFromRow);
}

/** Approvals are for annuities: a CD is a bank deposit, not filed state by state (state-approvals.ts). */
export const CD_NOT_STATE_FILED = 'is a CD; CDs are not state-filed, so they take no state approvals';

function overlapProblem(clash: StateApprovalRow, field: string): ProblemError {
  return validationProblem([
    { path: field, message: `overlaps the ${clash.stateCode} approval ${clash.approvalId} (${periodText(clash)}); withdraw or retire that one first` },
  ]);
}

export async function addApproval(trx: Transaction<Database>, actor: Actor, productId: string, body: StateApprovalCreateBody): Promise<StateApproval> {
  const existing = await lockProductApprovals(trx, [productId]);
  const product = await trx.selectFrom('products').select('productType').where('productId', '=', productId).executeTakeFirst();
  if (!product) throw notFound(`Product ${productId}`);
  if (product.productType === 'CD') throw validationProblem([{ path: 'params.productId', message: CD_NOT_STATE_FILED }]);
  const clash = existing.find((row) => row.isActive && periodsOverlap(row, body));
  if (clash) throw overlapProblem(clash, 'body.approvedFrom');
  const row = await trx
    .insertInto('productStateApprovals')
    .values({ productId, ...body, createdBy: actor.name, updatedBy: actor.name })
    .returningAll()
    .executeTakeFirstOrThrow();
  const approval = approvalFromRow(row);
  await recordAudit(trx, actor.audit, { action: 'CREATE', tableName: 'product_state_approvals', recordId: row.approvalId, newValues: auditValues(approval) });
  return approval;
}

async function lockApproval(trx: Transaction<Database>, approvalId: string): Promise<StateApprovalRow> {
  const found = await trx.selectFrom('productStateApprovals').select('productId').where('approvalId', '=', approvalId).executeTakeFirst();
  if (!found) throw notFound(`State approval ${approvalId}`);
  const rows = await lockProductApprovals(trx, [found.productId]);
  const row = rows.find((candidate) => candidate.approvalId === approvalId);
  if (!row) throw notFound(`State approval ${approvalId}`);
  return row;
}

/** Also used by the CSV import, which moves approvedUntil the same way. */
export function updateApproval(trx: Transaction<Database>, approvalId: string, changes: Updateable<ProductStateApprovalsTable>) {
  return trx.updateTable('productStateApprovals').set(changes).where('approvalId', '=', approvalId).returningAll().executeTakeFirstOrThrow();
}

function assertActive(row: StateApprovalRow): void {
  if (!row.isActive) {
    throw new ProblemError(409, ProblemCode.conflict, 'The approval is retired', { detail: 'A retired state approval cannot be changed; add a new one' });
  }
}

/** Ends the approval on approvedUntil (inclusive). It can only be shortened: a longer period is a new approval. */
export async function withdrawApproval(trx: Transaction<Database>, actor: Actor, approvalId: string, body: StateApprovalWithdrawBody): Promise<StateApproval> {
  const row = await lockApproval(trx, approvalId);
  assertActive(row);
  if (body.approvedUntil < row.approvedFrom) {
    throw validationProblem([{ path: 'body.approvedUntil', message: `must be on or after approvedFrom (${row.approvedFrom})` }]);
  }
  if (row.approvedUntil !== null && body.approvedUntil > row.approvedUntil) {
    throw validationProblem([{ path: 'body.approvedUntil', message: `must be on or before the current approvedUntil (${row.approvedUntil}); add a new approval to extend it` }]);
  }
  if (body.approvedUntil === row.approvedUntil) return approvalFromRow(row);
  const updated = await updateApproval(trx, approvalId, { approvedUntil: body.approvedUntil, updatedBy: actor.name });
  await recordAudit(trx, actor.audit, {
    action: 'UPDATE',
    tableName: 'product_state_approvals',
    recordId: approvalId,
    oldValues: { approvedUntil: row.approvedUntil },
    newValues: { approvedUntil: body.approvedUntil, reason: body.reason },
  });
  return approvalFromRow(updated);
}

export async function retireApproval(trx: Transaction<Database>, actor: Actor, approvalId: string, reason: string): Promise<StateApproval> {
  return setRecordActive(trx, actor, { tableName: 'product_state_approvals', recordId: approvalId, active: false, reason }, {
    lock: () => lockApproval(trx, approvalId),
    update: (changes) => updateApproval(trx, approvalId, changes),
    fromRow: approvalFromRow,
  });
}
