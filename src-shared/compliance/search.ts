// The compliance console's search over every saved comparison (GET /v1/compliance/comparisons and
// its CSV twin): the filters, the keyset page and one row. Query values are text on the wire; the
// desktop asks with ComplianceSearchRequest (numbers and lists as such) and main turns it into the
// query string (complianceQueryString).
import { z } from 'zod';
import { typeMessage } from '../errors.js';
import { IsoDateString, IsoTimestampString, UuidString } from '../validation/decimal-strings.js';
import { PageCursorText } from '../validation/page-cursor.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';

export const COMPLIANCE_PAGE_DEFAULT = 50;
export const COMPLIANCE_PAGE_MAX = 200;
/** Rows in one CSV file; a search matching more is refused with a request to narrow it. */
export const COMPLIANCE_CSV_MAX_ROWS = 100_000;

/**
 * historical: rates as of another day than it was saved on; retracted: built on a rate that has
 * since been retracted; rejected: an upload the server refused (listed as its own row, with why).
 */
export const ComplianceFlag = { historical: 'historical', retracted: 'retracted', rejected: 'rejected' } as const;
export const ComplianceFlagSchema = z.enum(ComplianceFlag, { error: 'must be historical, retracted or rejected' });
export type ComplianceFlag = z.infer<typeof ComplianceFlagSchema>;
export const COMPLIANCE_FLAGS = Object.values(ComplianceFlag);

const searchText = (max: number) =>
  z
    .string({ error: typeMessage('text') })
    .trim()
    .min(1, 'must not be empty (leave it out instead)')
    .max(max, `must be at most ${max} characters`);

const filterFields = {
  rep: searchText(200).optional().meta({ description: "A user id, or part of the rep's email or name (case-insensitive)" }),
  from: IsoDateString.optional().meta({ description: 'First day (inclusive) of comparisonDate, a business date in the server business time zone' }),
  to: IsoDateString.optional().meta({ description: 'Last day (inclusive) of comparisonDate, a business date in the server business time zone' }),
  clientReference: searchText(120).optional().meta({ description: 'Part of the client reference (case-insensitive)' }),
  product: searchText(200).optional().meta({ description: 'A product id, or part of a compared product name (case-insensitive)' }),
  cusip: z
    .string({ error: typeMessage('text') })
    .trim()
    .regex(/^[0-9A-Za-z*@#]{9}$/, 'must be a CUSIP: 9 letters or digits')
    .transform((value) => value.toUpperCase())
    .optional()
    .meta({ description: 'A compared product CUSIP, exact (case-insensitive)' }),
};

/** The flags as the wire writes them: "historical,retracted". */
const FlagList = z
  .string({ error: typeMessage('a comma-separated list of flags') })
  .transform((value) => value.split(',').map((flag) => flag.trim()).filter((flag) => flag !== ''))
  .pipe(z.array(ComplianceFlagSchema).max(COMPLIANCE_FLAGS.length))
  .transform((flags) => [...new Set(flags)])
  .meta({ description: 'Comma-separated; a row matches when it carries any of them. Without it: every stored comparison and every rejected upload' });

export function fromNotAfterTo(value: { from?: string | undefined; to?: string | undefined }, ctx: Pick<z.core.$RefinementCtx, 'addIssue'>): void {
  if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
}

const limitText = z
  .string()
  .regex(/^\d{1,4}$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().min(1, 'must be at least 1').max(COMPLIANCE_PAGE_MAX, `must be at most ${COMPLIANCE_PAGE_MAX}`));

/** GET /v1/compliance/comparisons.csv: the filters only (the file holds every matching row). */
export const ComplianceExportQueryFields = z.strictObject({ ...filterFields, flags: FlagList.optional() });
export const ComplianceExportQuery = ComplianceExportQueryFields.superRefine(fromNotAfterTo);
export type ComplianceExportQuery = z.infer<typeof ComplianceExportQuery>;

/** GET /v1/compliance/comparisons query parameters; unrefined (the server swaps the cursor check for decoding). */
export const ComplianceSearchQueryFields = ComplianceExportQueryFields.extend({
  limit: limitText.optional().meta({ description: `Rows per page, 1 to ${COMPLIANCE_PAGE_MAX} (default ${COMPLIANCE_PAGE_DEFAULT})` }),
  cursor: PageCursorText.optional().meta({ description: 'nextCursor of the previous page' }),
});
export const ComplianceSearchQuery = ComplianceSearchQueryFields.superRefine(fromNotAfterTo);
export type ComplianceSearchQuery = z.infer<typeof ComplianceSearchQuery>;

/** The desktop's search: the same filters, with limit as a number and flags as a list. */
export const ComplianceSearchRequest = z
  .strictObject({
    ...filterFields,
    flags: z.array(ComplianceFlagSchema).max(COMPLIANCE_FLAGS.length).optional(),
    limit: wholeNumberBetween(1, COMPLIANCE_PAGE_MAX).optional(),
    cursor: PageCursorText.optional(),
  })
  .superRefine(fromNotAfterTo);
export type ComplianceSearchRequest = z.input<typeof ComplianceSearchRequest>;

/** The query string for a desktop search (limit and cursor left out for the CSV). */
export function complianceQueryString(request: z.infer<typeof ComplianceSearchRequest>, options: { paging: boolean }): string {
  // Built by hand: src-shared has no URLSearchParams (no DOM or Node here).
  const params: [string, string][] = [];
  const { flags, limit, cursor, ...filters } = request;
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.push([key, value]);
  if (flags !== undefined && flags.length > 0) params.push(['flags', flags.join(',')]);
  if (options.paging && limit !== undefined) params.push(['limit', String(limit)]);
  if (options.paging && cursor !== undefined) params.push(['cursor', cursor]);
  return params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
}

export const ComplianceRep = z.object({
  userId: UuidString,
  name: z.string(),
  email: z.string(),
});
export type ComplianceRep = z.infer<typeof ComplianceRep>;

export const ComplianceProductRef = z.object({
  productId: UuidString,
  productName: z.string(),
  cusip: z.string(),
});
export type ComplianceProductRef = z.infer<typeof ComplianceProductRef>;

export const ComplianceFlags = z.object({
  historical: z.boolean(),
  retracted: z.boolean(),
  rejected: z.boolean(),
});
export type ComplianceFlags = z.infer<typeof ComplianceFlags>;

export const ComplianceRow = z.object({
  /** 'comparison': a stored record (open it by comparisonId); 'rejected': an upload the server refused. */
  kind: z.enum(['comparison', 'rejected']),
  /** The row's own id: the comparison's, or the rejection's. */
  rowId: UuidString,
  comparisonId: UuidString,
  rep: ComplianceRep,
  /** When the rep showed it, by the laptop clock. */
  comparisonDate: IsoTimestampString,
  receivedAt: IsoTimestampString,
  asOfDate: IsoDateString.nullable(),
  clientReference: z.string().nullable(),
  investmentAmount: z.string().nullable(),
  horizonYears: z.int().nullable(),
  products: z.array(ComplianceProductRef),
  flags: ComplianceFlags,
  /** Why the server refused it (rejected rows only). */
  rejectedReason: z.string().nullable(),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;

export const CompliancePage = z.object({
  rows: z.array(ComplianceRow),
  nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next (older) page; null on the last page' }),
});
export type CompliancePage = z.infer<typeof CompliancePage>;
