// The state approvals CSV import's words: what each checked line would change, and how many lines
// change something (the upload itself is csv-sheet-upload.tsx). Pure, so it is unit tested.
import type { StateApprovalImportChange, StateApprovalImportResult } from '../src-shared/admin/carriers-and-approvals.js';

export function changeCounts(result: StateApprovalImportResult): Record<StateApprovalImportChange['kind'], number> {
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const change of result.changes) counts[change.kind] += 1;
  return counts;
}

/** "2 new approvals, 1 changed end date, 3 unchanged". */
export function changeSummary(result: StateApprovalImportResult): string {
  const { create, update, unchanged } = changeCounts(result);
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [plural(create, 'new approval', 'new approvals'), plural(update, 'changed end date', 'changed end dates'), `${unchanged} unchanged`].join(', ');
}

/** The lines that change something: new approvals and moved end dates (a sheet of none publishes nothing). */
export function changedCount(result: StateApprovalImportResult): number {
  const { create, update } = changeCounts(result);
  return create + update;
}

/** What a preview line does, in words. */
export function changeLabel(change: StateApprovalImportChange): string {
  if (change.kind === 'create') return 'New approval';
  if (change.kind === 'unchanged') return 'Unchanged';
  return `End date ${change.old?.approvedUntil ?? 'open'} → ${change.new.approvedUntil ?? 'open'}`;
}
