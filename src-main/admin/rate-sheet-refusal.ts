// A refused rate sheet as the console shows it: one table row per bad CSV line with every reason.
// The server's 400 lists `badRows` ("line 7", issues "line 7: base_rate"); a sheet refused as a
// whole (bad header, no rows, too many) has only `issues`, which are grouped by line the same way.
import { z } from 'zod';
import { RateSheetBadRow } from '../../src-shared/admin/rate-sheet.js';
import type { AdminImportRateSheetResult, RateSheetBadRowView } from '../../src-shared/desktop-api/index.js';
import type { RequestRefusedError, ServerProblemIssue } from '../http/server-errors.js';

const LINE_REF = /^line (\d+)(?::\s*(.*))?$/;

/** The 'invalid' answer for a 400 refusal of a sheet; null when the refusal is not about the sheet's content. */
export function rateSheetRefusal(error: RequestRefusedError): Extract<AdminImportRateSheetResult, { outcome: 'invalid' }> | null {
  const { problem } = error;
  if (problem.status !== 400) return null;
  const listed = z.array(RateSheetBadRow).safeParse(problem.extensions['badRows']);
  const badRows = listed.success ? listed.data.flatMap(badRowView) : linesOf(problem.issues);
  return { outcome: 'invalid', badRows, message: problem.detail };
}

function badRowView(row: RateSheetBadRow): RateSheetBadRowView[] {
  const line = LINE_REF.exec(row.ref);
  if (!line?.[1]) return [];
  return [
    {
      line: Number(line[1]),
      ...(row.cusip === null || row.cusip === '' ? {} : { cusip: row.cusip }),
      reasons: row.errors.map(reason),
    },
  ];
}

function linesOf(issues: readonly ServerProblemIssue[]): RateSheetBadRowView[] {
  const byLine = new Map<number, string[]>();
  for (const issue of issues) {
    const line = LINE_REF.exec(issue.path);
    if (!line?.[1]) continue;
    const number = Number(line[1]);
    byLine.set(number, [...(byLine.get(number) ?? []), reason(issue)]);
  }
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, reasons]) => ({ line, reasons }));
}

/** "line 7: base_rate" + "must be ..." -> "base_rate: must be ..."; a whole-line issue keeps its message. */
function reason(issue: ServerProblemIssue): string {
  const column = LINE_REF.exec(issue.path)?.[2];
  return column ? `${column}: ${issue.message}` : issue.message;
}
