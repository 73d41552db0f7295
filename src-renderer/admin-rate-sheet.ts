// The rate sheet import's flow: a dry run ("Check") of exactly the text on screen, then "Publish"
// of that same text only. Any edit after a check invalidates the preview, so what is published is
// always what was previewed. Pure, so the rules are unit tested.
import type { RateSheetBadRowView, RateSheetResult } from '../src-shared/desktop-api/index.js';

export type SheetBadRow = RateSheetBadRowView;
export type SheetResult = RateSheetResult;

/** `R`: what the server answers for the sheet (the approvals CSV import has its own). */
export type SheetStep<R = SheetResult> =
  | { step: 'editing' }
  | { step: 'checking'; text: string }
  | { step: 'preview'; text: string; result: R }
  | { step: 'invalid'; text: string; badRows: readonly SheetBadRow[]; message: string; rowCount: number }
  | { step: 'publishing'; text: string; result: R }
  | { step: 'published'; text: string; result: R }
  | { step: 'failed'; text: string; message: string };

/**
 * Data rows in a CSV (lines after the header that are not blank), for the "N of M rows" summary
 * when the server refuses a sheet without counting it. Quoted line breaks are counted per line;
 * rate sheets have none.
 */
export function countSheetRows(csv: string): number {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  return Math.max(0, lines.length - 1);
}

/** Publishing is offered only after a clean preview of exactly the current text, with something to publish. */
export function canPublishSheet(state: SheetStep, currentText: string): boolean {
  return state.step === 'preview' && state.text === currentText && state.result.changes.length > 0;
}

/** Whether the preview or the error table on screen still describes the text being edited. */
export function isStale(state: SheetStep, currentText: string): boolean {
  return state.step !== 'editing' && state.text !== currentText;
}

export function invalidSummary(badRowCount: number, rowCount: number): string {
  const rows = rowCount === 1 ? 'row has' : 'rows have';
  return `${badRowCount} of ${rowCount} ${rows} problems; nothing was published.`;
}

export function publishLabel(state: SheetStep, currentText: string): string {
  if (canPublishSheet(state, currentText) && state.step === 'preview') {
    const count = state.result.changes.length;
    return `Publish ${count} rate${count === 1 ? '' : 's'}`;
  }
  return 'Publish rates';
}

/** Bad rows in file order, so the admin walks the sheet top to bottom. */
export function sortedBadRows(rows: readonly SheetBadRow[]): SheetBadRow[] {
  return [...rows].sort((a, b) => a.line - b.line);
}
