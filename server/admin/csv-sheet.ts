// What the catalog's CSV sheets other than the base rate sheet share (strategy rate sheets, index
// history): the header check, one record per line with its line number (parsed by the base rate
// sheet's reader, rate-sheet.ts parseCsvRecords), the bad-line list and the all-or-nothing refusal.
// Every line is checked before anything is written, and every bad line reported with every reason.
import { parseOrThrow, ValidationError } from '../../src-shared/errors.js';
import type { RateSheetBadRow } from '../../src-shared/admin/rate-sheet.js';
import type { z } from 'zod';
import { ProblemCode, ProblemError, validationProblem, type ProblemIssue } from '../http/problem.js';
import { echo, echoList, repeatedNames } from '../http/echo.js';
import { parseCsvRecords } from './rate-sheet.js';


export interface SheetLine {
  /** "line 7": how the admin finds the row in the file they sent. */
  ref: string;
  /** Non-blank cells by field name (camelCase). */
  values: Record<string, string>;
  /** Set when the line has the wrong number of fields. */
  shapeProblem?: string;
}

/** The sheet's data lines; throws a 400 naming the line for a bad header, no rows or too many. */
export function sheetLines<C extends string>(text: string, fieldOfColumn: Readonly<Record<C, string>>, maxRows: number): SheetLine[] {
  const columns = Object.keys(fieldOfColumn) as C[];
  const records = parseCsvRecords(text);
  const header = records.shift();
  if (!header) throw validationProblem([{ path: 'body', message: `is empty; expected a header line ${columns.join(',')} and at least one row` }]);
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(columns as readonly string[]).includes(name));
  const missing = columns.filter((column) => !names.includes(column));
  const repeated = repeatedNames(names);
  const headerIssues = (
    [
      ['unknown', unknown],
      ['missing', missing],
      ['repeated', repeated],
    ] as const
  )
    .filter(([, list]) => list.length > 0)
    .map(([what, list]) => ({ path: `line ${header.line}`, message: `${what} column(s): ${echoList(list)}` }));
  if (headerIssues.length > 0) throw validationProblem(headerIssues, `The first line must be the header ${columns.join(',')}: ${headerIssues.map((i) => i.message).join('; ')}`);
  const sizeProblem = records.length === 0 ? 'has a header but no rows' : records.length > maxRows ? `has ${records.length} rows; at most ${maxRows} are accepted per sheet, split it` : null;
  if (sizeProblem !== null) throw validationProblem([{ path: 'body', message: sizeProblem }]);
  return records.map((record) => {
    const ref = `line ${record.line}`;
    if (record.fields.length !== names.length) return { ref, values: {}, shapeProblem: `has ${record.fields.length} fields; the header has ${names.length}` };
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      const value = record.fields[index]?.trim() ?? '';
      if (value !== '') values[fieldOfColumn[name as C]] = value;
    });
    return { ref, values };
  });
}

/** The CSV column of a field, for messages ("line 7: effective_date"), from a sheet's column -> field map. */
export function columnNamer(fieldOfColumn: Readonly<Record<string, string>>): (field: string) => string {
  const columnOf = new Map(Object.entries(fieldOfColumn).map(([column, field]) => [field, column]));
  return (field) => columnOf.get(field) ?? field;
}

/** Collects bad lines in file order; `key` is what identifies the line's record (echoed, capped). */
export class BadLines {
  private readonly rows = new Map<string, RateSheetBadRow>();

  constructor(private readonly columnOf: (field: string) => string) {}

  add(line: Pick<SheetLine, 'ref'>, key: string | null, field: string | null, message: string): void {
    const entry = this.rows.get(line.ref) ?? { ref: line.ref, cusip: key === null ? null : echo(key), errors: [] };
    entry.errors.push({ path: field === null ? line.ref : `${line.ref}: ${this.columnOf(field)}`, message });
    this.rows.set(line.ref, entry);
  }

  has(line: Pick<SheetLine, 'ref'>): boolean {
    return this.rows.has(line.ref);
  }

  /** Parses a line's values with `schema`, adding every issue; null when the line is bad. */
  parse<S extends z.ZodType>(schema: S, line: SheetLine, key: string | null): z.output<S> | null {
    if (line.shapeProblem) {
      this.add(line, key, null, line.shapeProblem);
      return null;
    }
    try {
      return parseOrThrow(schema, line.values);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) this.add(line, key, issue.path === '' ? null : issue.path, issue.message);
      return null;
    }
  }

  /** Throws the 400 that refuses the whole sheet when any line is bad. */
  refuseIfAny(rowCount: number, what: string): void {
    if (this.rows.size === 0) return;
    const lineNumber = (ref: string) => Number(ref.replace(/^line /, ''));
    const badRows = [...this.rows.values()].sort((a, b) => lineNumber(a.ref) - lineNumber(b.ref));
    const issues: ProblemIssue[] = badRows.flatMap((row) => row.errors);
    throw new ProblemError(400, ProblemCode.validation, `The ${what} has errors`, {
      detail: `${badRows.length} of ${rowCount} rows have errors; nothing was published. ${issues
        .slice(0, 20)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ')}${issues.length > 20 ? '; ...' : ''}`,
      issues,
      extensions: { badRows },
    });
  }
}
