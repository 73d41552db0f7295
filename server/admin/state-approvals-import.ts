// Approvals CSV (header cusip,state,approved_from,approved_until; approved_until blank = open
// ended): every line is checked against the catalog and against the other lines before anything is
// written, then all of them commit in one transaction or none do. A line with the product, state and
// approved_from of a stored active approval sets that approval's approved_until (a withdrawal, or a
// correction); any other line adds an approval; a line equal to what is stored changes nothing, so
// the same file imported twice is harmless. One audit row per change plus an IMPORT summary, as
// rate sheets do.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { StateApprovalImportChange, StateApprovalImportResult } from '../../src-shared/admin/carriers-and-approvals.js';
import { approvalRuleIssues, StateCodeString } from '../../src-shared/catalog/state-approvals.js';
import { CusipString } from '../../src-shared/cusip.js';
import { IsoDateString } from '../../src-shared/validation/decimal-strings.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { auditValues } from './catalog-rows.js';
import { approvalFromRow, type StateApprovalRow } from './catalog-terms-rows.js';
import { BadLines, sheetLines, type SheetLine } from './csv-sheet.js';
import { CD_NOT_STATE_FILED, lockProductApprovals, periodsOverlap, periodText, updateApproval } from './state-approvals.js';

const FIELD_OF_COLUMN = { cusip: 'cusip', state: 'stateCode', approved_from: 'approvedFrom', approved_until: 'approvedUntil' } as const;
const COLUMN_OF_FIELD: Record<string, string> = Object.fromEntries(Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [field, column]));

const ApprovalLine = z
  .strictObject({ cusip: CusipString, stateCode: StateCodeString, approvedFrom: IsoDateString, approvedUntil: IsoDateString.optional() })
  .superRefine((value, ctx) => {
    for (const issue of approvalRuleIssues(value)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });

/** An approval as the import sees it: stored (with its row) or added by an earlier line (with its ref). */
interface Held {
  productId: string;
  stateCode: string;
  approvedFrom: string;
  approvedUntil: string | null;
  row: StateApprovalRow | null;
  ref: string | null;
}

interface Planned extends StateApprovalImportChange {
  stored: StateApprovalRow | null;
}

async function productsByCusip(trx: Transaction<Database>, cusips: string[]) {
  if (cusips.length === 0) return new Map<string, { productId: string; productType: string }>();
  const rows = await trx.selectFrom('products').select(['productId', 'cusip', 'productType']).where('cusip', 'in', cusips).execute();
  return new Map(rows.map((row) => [row.cusip, row]));
}

async function planImport(trx: Transaction<Database>, text: string, maxRows: number, lock: boolean): Promise<{ rowCount: number; plan: Planned[] }> {
  const lines = sheetLines(text, FIELD_OF_COLUMN, maxRows);
  const bad = new BadLines((field) => COLUMN_OF_FIELD[field] ?? field);
  const parsed: { line: SheetLine; value: z.output<typeof ApprovalLine> }[] = [];
  for (const line of lines) {
    const value = bad.parse(ApprovalLine, line, line.values['cusip'] ?? null);
    if (value) parsed.push({ line, value });
  }

  const products = await productsByCusip(trx, [...new Set(parsed.map(({ value }) => value.cusip))]);
  const productIds = [...new Set([...products.values()].map((product) => product.productId))];
  const stored = lock
    ? await lockProductApprovals(trx, productIds)
    : productIds.length === 0
      ? []
      : await trx.selectFrom('productStateApprovals').selectAll().where('productId', 'in', productIds).execute();
  const held: Held[] = stored.filter((row) => row.isActive).map((row) => ({ ...row, row, ref: null }));

  const plan: Planned[] = [];
  const firstRef = new Map<string, string>();
  for (const { line, value } of parsed) {
    const product = products.get(value.cusip);
    if (!product) {
      bad.add(line, value.cusip, 'cusip', `${value.cusip} is not in the catalog`);
      continue;
    }
    if (product.productType === 'CD') {
      bad.add(line, value.cusip, 'cusip', `${value.cusip} ${CD_NOT_STATE_FILED}`);
      continue;
    }
    const key = `${product.productId}|${value.stateCode}|${value.approvedFrom}`;
    const first = firstRef.get(key);
    if (first) {
      bad.add(line, value.cusip, 'approvedFrom', `the ${value.stateCode} approval from ${value.approvedFrom} appears again (first on ${first}); one line per approval`);
      continue;
    }
    firstRef.set(key, line.ref);
    const period = { productId: product.productId, stateCode: value.stateCode, approvedFrom: value.approvedFrom, approvedUntil: value.approvedUntil ?? null };
    const same = held.find((entry) => entry.row !== null && entry.productId === period.productId && entry.stateCode === period.stateCode && entry.approvedFrom === period.approvedFrom);
    const clash = held.find((entry) => entry !== same && entry.productId === period.productId && periodsOverlap(entry, period));
    if (clash) {
      const other = clash.row ? `approval ${clash.row.approvalId}` : `approval on ${clash.ref ?? 'another line'}`;
      bad.add(line, value.cusip, same ? 'approvedUntil' : 'approvedFrom', `overlaps the ${period.stateCode} ${other} (${periodText(clash)})`);
      continue;
    }
    const old = same?.row ? approvalFromRow(same.row) : null;
    const kind = same ? (same.approvedUntil === period.approvedUntil ? 'unchanged' : 'update') : 'create';
    plan.push({ ref: line.ref, cusip: value.cusip, kind, old, stored: same?.row ?? null, new: { ...period, approvalId: same?.row?.approvalId ?? null } });
    if (same) same.approvedUntil = period.approvedUntil;
    else held.push({ ...period, row: null, ref: line.ref });
  }
  bad.refuseIfAny(lines.length, 'approvals sheet');
  return { rowCount: lines.length, plan };
}

/** Shortened periods first, then lengthened ones, then new ones: no step overlaps what is still stored. */
function applyOrder(change: Planned): number {
  if (change.kind === 'create') return 2;
  const before = change.old?.approvedUntil ?? null;
  const after = change.new.approvedUntil;
  return after !== null && (before === null || after < before) ? 0 : 1;
}

export async function importStateApprovals(
  trx: Transaction<Database>,
  actor: Actor,
  text: string,
  options: { dryRun: boolean; maxRows: number },
): Promise<StateApprovalImportResult> {
  const { rowCount, plan } = await planImport(trx, text, options.maxRows, !options.dryRun);
  const answer = (changes: Planned[]) => changes.map(({ stored: _stored, ...change }) => change);
  if (options.dryRun) return { dryRun: true, committed: false, rowCount, changes: answer(plan) };

  const committed = new Map<Planned, Planned>();
  for (const change of [...plan].filter((entry) => entry.kind !== 'unchanged').sort((a, b) => applyOrder(a) - applyOrder(b))) {
    const { approvalId, ...period } = change.new;
    const row =
      approvalId === null
        ? await trx.insertInto('productStateApprovals').values({ ...period, createdBy: actor.name, updatedBy: actor.name }).returningAll().executeTakeFirstOrThrow()
        : await updateApproval(trx, approvalId, { approvedUntil: period.approvedUntil, updatedBy: actor.name });
    const approval = approvalFromRow(row);
    await recordAudit(trx, actor.audit, {
      action: change.kind === 'create' ? 'CREATE' : 'UPDATE',
      tableName: 'product_state_approvals',
      recordId: row.approvalId,
      ...(change.kind === 'create' ? {} : { oldValues: { approvedUntil: change.old?.approvedUntil ?? null } }),
      newValues: change.kind === 'create' ? auditValues({ ...approval, ref: change.ref }) : { approvedUntil: approval.approvedUntil, ref: change.ref },
    });
    committed.set(change, { ...change, new: { ...change.new, approvalId: row.approvalId } });
  }
  const count = (kind: Planned['kind']) => plan.filter((change) => change.kind === kind).length;
  await recordAudit(trx, actor.audit, {
    action: 'IMPORT',
    tableName: 'product_state_approvals',
    recordId: null,
    newValues: { format: 'csv', rows: rowCount, created: count('create'), updated: count('update'), unchanged: count('unchanged') },
  });
  return { dryRun: false, committed: true, rowCount, changes: answer(plan.map((change) => committed.get(change) ?? change)) };
}
