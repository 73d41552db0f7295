// Rate sheets: many publications at once, from CSV (header cusip,base_rate,bonus_rate,effective_date)
// or JSON ({ rows: [{ cusip, baseRate, bonusRate, effectiveDate }] }). Everything is checked before
// anything is written, and every bad row is reported with its line (CSV) or row number (JSON) and
// every reason, so an admin fixes the sheet in one go; then all rows commit in one transaction or
// none do.
import { CsvError, parse, type Options } from 'csv-parse/sync';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { RATE_SHEET_CSV_COLUMNS, RateSheetResult, RateSheetRow, type RateSheetBadRow } from '../../src-shared/admin/rate-sheet.js';
import { parseOrThrow, ValidationError } from '../../src-shared/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import { ProblemCode, ProblemError, validationProblem, type ProblemIssue } from '../http/problem.js';
import type { Actor } from './actor.js';
import { applyPublications, planPublications, productsForPublishing, type ProductForPublishing, type PublicationRequest, type RateChange } from './publish-rates.js';
import { echoList, repeatedNames } from '../http/echo.js';

export const CSV_COLUMNS = RATE_SHEET_CSV_COLUMNS;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const FIELD_OF_COLUMN = { cusip: 'cusip', base_rate: 'baseRate', bonus_rate: 'bonusRate', effective_date: 'effectiveDate' } as const satisfies Record<
  CsvColumn,
  string
>;

// The row format and the answer are shared with the desktop admin console (src-shared/admin/rate-sheet.ts).
export { RateSheetResult, RateSheetRow };

export function rateSheetJsonBody(maxRows: number) {
  return z.strictObject({
    rows: z
      .array(z.unknown(), { error: 'must be a list of rows' })
      .min(1, 'must contain at least one row')
      .max(maxRows, `must contain at most ${maxRows} rows; split the sheet`)
      .meta({ description: 'Each row: { cusip, baseRate, bonusRate (default "0"), effectiveDate }; rows are checked one by one' }),
  });
}

export const RateSheetCsvBody = z.string({ error: 'must be CSV text' }).meta({
  description: `CSV with the header ${CSV_COLUMNS.join(',')}; one row per product; bonus_rate may be blank (0)`,
});

interface SheetRow {
  /** "line 7" or "row 3": how the admin finds the row in the file they sent. */
  ref: string;
  values: Record<string, unknown>;
  /** How fields are named in messages: CSV columns or JSON keys. */
  fieldName: (field: string) => string;
  /** Set when the row cannot even be read as a row (wrong field count, not an object). */
  shapeProblem?: string;
}

/** One bad row as the 400 answer's `badRows` lists it (src-shared/admin/rate-sheet.ts RateSheetBadRow). */
export type BadRow = RateSheetBadRow;

const csvName = (field: string): string => CSV_COLUMNS.find((column) => FIELD_OF_COLUMN[column] === field) ?? field;
const jsonName = (field: string): string => field;

interface CsvRecord {
  line: number;
  fields: string[];
}

// csv-parse reads the text as RFC 4180 (quoted fields, "" escapes), with what hand-made sheets
// also hold: a BOM, CRLF, LF or CR line ends in one file, a stray quote inside an unquoted value,
// blanks around a quoted value, rows with too few or too many fields (reported per row below).
const CSV_OPTIONS = {
  bom: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_quotes: true,
  relax_column_count: true,
  ltrim: true,
  rtrim: true,
  // Blank lines are dropped below, after they have been counted.
  skip_empty_lines: false,
} satisfies Options;

function csvProblem(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'has a quoted field that is never closed';
  if (error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'has text after the closing quote of a field; quote the whole field or none of it';
  }
  return `cannot be read as CSV: ${error.message}`;
}

/** The records of the sheet, each with the line it starts on; blank lines are not records. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const source = Buffer.from(text, 'utf8');
  const records: CsvRecord[] = [];
  // Where the next record starts, as a line and as a byte. The line is counted here, not taken from
  // csv-parse's info.lines, because csv-parse counts a CR and an LF inside a quoted field as two
  // lines: a line feed inside a quoted field is one line, as an editor shows it (and as before).
  let line = 1;
  let offset = 0;
  try {
    parse(source, {
      ...CSV_OPTIONS,
      on_record: (fields: string[], info) => {
        // info.bytes: where this record ends, its line end included.
        const recordText = source.toString('utf8', offset, info.bytes).replace(/\r?\n$/, '');
        if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line, fields });
        line += 1 + (recordText.match(/\n/g)?.length ?? 0);
        offset = info.bytes;
        return null;
      },
    });
  } catch (error) {
    // The record being read when csv-parse stopped is the one that starts on `line`.
    if (error instanceof CsvError) throw validationProblem([{ path: `line ${line}`, message: csvProblem(error) }]);
    throw error;
  }
  return records;
}

function csvRows(text: string, maxRows: number): SheetRow[] {
  const records = parseCsvRecords(text);
  const header = records.shift();
  if (!header) throw validationProblem([{ path: 'body', message: `is empty; expected a header line ${CSV_COLUMNS.join(',')} and at least one row` }]);
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  const missing = CSV_COLUMNS.filter((column) => !names.includes(column) && column !== 'bonus_rate');
  const repeated = repeatedNames(names);
  const headerIssues: ProblemIssue[] = [];
  if (unknown.length > 0) headerIssues.push({ path: `line ${header.line}`, message: `unknown column(s): ${echoList(unknown)}` });
  if (missing.length > 0) headerIssues.push({ path: `line ${header.line}`, message: `missing column(s): ${missing.join(', ')}` });
  if (repeated.length > 0) headerIssues.push({ path: `line ${header.line}`, message: `repeated column(s): ${echoList(repeated)}` });
  if (headerIssues.length > 0) {
    throw validationProblem(headerIssues, `The first line must be the header ${CSV_COLUMNS.join(',')}: ${headerIssues.map((i) => i.message).join('; ')}`);
  }
  if (records.length === 0) throw validationProblem([{ path: 'body', message: 'has a header but no rows' }]);
  if (records.length > maxRows) {
    throw validationProblem([{ path: 'body', message: `has ${records.length} rows; at most ${maxRows} are accepted per sheet, split it` }]);
  }
  return records.map((record) => {
    const values: Record<string, unknown> = {};
    const ref = `line ${record.line}`;
    if (record.fields.length !== names.length) {
      const cusip = record.fields[names.indexOf('cusip')]?.trim();
      return { ref, values: { cusip }, fieldName: csvName, shapeProblem: `has ${record.fields.length} fields; the header has ${names.length}` };
    }
    names.forEach((name, index) => {
      const raw = record.fields[index];
      if (raw === undefined) return;
      const value = raw.trim();
      const field = FIELD_OF_COLUMN[name as CsvColumn];
      // A blank bonus is no bonus (CDs); any other blank cell is missing.
      if (value !== '') values[field] = value;
      else if (field === 'bonusRate') values[field] = '0';
    });
    return { ref, values, fieldName: csvName };
  });
}

function jsonRows(rows: readonly unknown[]): SheetRow[] {
  return rows.map((row, index) => {
    const ref = `row ${index + 1}`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return { ref, values: {}, fieldName: jsonName, shapeProblem: 'must be an object { cusip, baseRate, bonusRate, effectiveDate }' };
    }
    return { ref, values: { ...row }, fieldName: jsonName };
  });
}

export type RateSheetInput = { format: 'csv'; text: string } | { format: 'json'; rows: readonly unknown[] };

interface CheckedSheet {
  badRows: BadRow[];
  changes: (RateChange & { ref: string })[];
  products: Map<string, ProductForPublishing>;
  rowCount: number;
}

/** Parses and checks a whole sheet against the catalog; writes nothing. `lock` when about to commit. */
async function checkSheet(trx: Transaction<Database>, input: RateSheetInput, today: string, maxRows: number, lock: boolean): Promise<CheckedSheet> {
  const rows = input.format === 'csv' ? csvRows(input.text, maxRows) : jsonRows(input.rows);
  const badRows = new Map<string, BadRow>();
  const bad = (row: SheetRow, cusip: string | null, issue: ProblemIssue) => {
    const entry = badRows.get(row.ref) ?? { ref: row.ref, cusip, errors: [] };
    entry.errors.push(issue);
    badRows.set(row.ref, entry);
  };

  const parsed: { row: SheetRow; value: RateSheetRow }[] = [];
  for (const row of rows) {
    const cusipText = typeof row.values.cusip === 'string' ? row.values.cusip : null;
    if (row.shapeProblem) {
      bad(row, cusipText, { path: row.ref, message: row.shapeProblem });
      continue;
    }
    try {
      parsed.push({ row, value: parseOrThrow(RateSheetRow, row.values) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) {
        const field = issue.path === '' ? '' : `: ${row.fieldName(issue.path)}`;
        bad(row, cusipText, { path: `${row.ref}${field}`, message: issue.message });
      }
    }
  }

  // Duplicates: one rate per product per sheet, so the sheet reads unambiguously.
  const firstRefByCusip = new Map<string, string>();
  const unique: typeof parsed = [];
  for (const entry of parsed) {
    const first = firstRefByCusip.get(entry.value.cusip);
    if (first) {
      bad(entry.row, entry.value.cusip, { path: `${entry.row.ref}: ${entry.row.fieldName('cusip')}`, message: `${entry.value.cusip} appears again (first on ${first}); one rate per product per sheet` });
    } else {
      firstRefByCusip.set(entry.value.cusip, entry.row.ref);
      unique.push(entry);
    }
  }

  const products = await productsForPublishing(trx, { cusips: unique.map((entry) => entry.value.cusip) }, lock);
  const byCusip = new Map(products.map((product) => [product.cusip, product]));
  const known: { row: SheetRow; cusip: string; request: PublicationRequest }[] = [];
  for (const entry of unique) {
    const product = byCusip.get(entry.value.cusip);
    if (!product) {
      bad(entry.row, entry.value.cusip, { path: `${entry.row.ref}: ${entry.row.fieldName('cusip')}`, message: `${entry.value.cusip} is not in the catalog` });
      continue;
    }
    const { cusip, ...terms } = entry.value;
    known.push({ row: entry.row, cusip, request: { productId: product.productId, ...terms } });
  }

  const productsById = new Map(products.map((product) => [product.productId, product]));
  const plans = await planPublications(trx, known.map((entry) => entry.request), productsById, today);
  const changes: CheckedSheet['changes'] = [];
  plans.forEach((plan, index) => {
    const entry = known[index];
    if (!entry) return;
    if (plan.ok) {
      changes.push({ ...plan.change, ref: entry.row.ref });
      return;
    }
    for (const refusal of plan.refusals) {
      const field = refusal.field === 'product' ? 'cusip' : refusal.field;
      bad(entry.row, entry.cusip, { path: `${entry.row.ref}: ${entry.row.fieldName(field)}`, message: refusal.message });
    }
  });

  const order = new Map(rows.map((row, index) => [row.ref, index]));
  const sortedBad = [...badRows.values()].sort((a, b) => (order.get(a.ref) ?? 0) - (order.get(b.ref) ?? 0));
  return { badRows: sortedBad, changes, products: productsById, rowCount: rows.length };
}

/**
 * Checks the sheet and, unless `dryRun`, publishes every row in `trx`. Any bad row refuses the
 * whole sheet with a 400 that lists every bad row; nothing is written then.
 */
export async function importRateSheet(
  trx: Transaction<Database>,
  actor: Actor,
  input: RateSheetInput,
  options: { today: string; dryRun: boolean; maxRows: number },
): Promise<RateSheetResult> {
  const checked = await checkSheet(trx, input, options.today, options.maxRows, !options.dryRun);
  if (checked.badRows.length > 0) {
    const issues = checked.badRows.flatMap((row) => row.errors);
    throw new ProblemError(400, ProblemCode.validation, 'The rate sheet has errors', {
      detail: `${checked.badRows.length} of ${checked.rowCount} rows have errors; nothing was published. ${issues
        .slice(0, 20)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ')}${issues.length > 20 ? '; ...' : ''}`,
      issues,
      extensions: { badRows: checked.badRows },
    });
  }
  if (options.dryRun) {
    return { dryRun: true, committed: false, today: options.today, rowCount: checked.rowCount, changes: checked.changes };
  }
  const refs = new Map(checked.changes.map((change) => [change.productId, change.ref]));
  const committed = await applyPublications(trx, actor, checked.changes, checked.products);
  await recordAudit(trx, actor.audit, {
    action: 'IMPORT',
    tableName: 'rate_history',
    recordId: null,
    newValues: { format: input.format, rows: checked.rowCount, effectiveDates: [...new Set(committed.map((change) => change.new.effectiveDate))].sort() },
  });
  return {
    dryRun: false,
    committed: true,
    today: options.today,
    rowCount: checked.rowCount,
    changes: committed.map((change) => ({ ...change, ref: refs.get(change.productId) ?? '' })),
  };
}
