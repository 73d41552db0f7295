// The compliance search as a CSV file (GET /v1/compliance/comparisons.csv): every matching row,
// read in keyset batches and streamed, so a 100,000-row export never sits in memory at once.
//
// Spreadsheets run a cell that begins with = + - @ (or tab / carriage return, which some strip
// first) as a formula: a client reference such as "=HYPERLINK(...)" typed by a rep would run on the
// compliance officer's computer. Such cells get a leading single quote (OWASP "CSV injection"),
// and every cell is quoted per RFC 4180. Amounts stay plain text ("100000.00"), never floats.
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { ComplianceExportQuery, ComplianceRow } from '../../src-shared/compliance/search.js';
import type { Database } from '../db/schema.js';
import { searchComparisons } from './search-query.js';

const BATCH_ROWS = 2_000;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised when a spreadsheet would read it as a formula, always quoted. */
export function csvCell(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvLine(cells: ReadonlyArray<string | number | boolean | null>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const CSV_HEADER = [
  'row_kind',
  'comparison_id',
  'rep_name',
  'rep_email',
  'comparison_date',
  'received_at',
  'as_of_date',
  'client_reference',
  'investment_amount',
  'horizon_years',
  'products',
  'cusips',
  'historical',
  'retracted_rate',
  'rejected_reason',
] as const;

function rowCells(row: ComplianceRow): (string | number | boolean | null)[] {
  return [
    row.kind,
    row.comparisonId,
    row.rep.name,
    row.rep.email,
    row.comparisonDate,
    row.receivedAt,
    row.asOfDate,
    row.clientReference,
    row.investmentAmount,
    row.horizonYears,
    row.products.map((product) => product.productName).join('; '),
    row.products.map((product) => product.cusip).join('; '),
    row.flags.historical,
    row.flags.retracted,
    row.rejectedReason,
  ];
}

/** The file as a stream: the header, then every matching row in the search's order. */
export function csvStream(db: Kysely<Database>, query: ComplianceExportQuery, timeZone: string): Readable {
  async function* lines(): AsyncGenerator<string> {
    // A byte-order mark so spreadsheet programs read the names as UTF-8.
    yield `\uFEFF${csvLine([...CSV_HEADER])}`;
    let cursor: string | undefined;
    for (;;) {
      const page = await searchComparisons(db, query, { timeZone, limit: BATCH_ROWS, cursor });
      if (page.rows.length > 0) yield page.rows.map((row) => csvLine(rowCells(row))).join('');
      if (page.nextCursor === null) return;
      cursor = page.nextCursor;
    }
  }
  return Readable.from(lines());
}
