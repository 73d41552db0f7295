// The search behind GET /v1/compliance/comparisons (and its CSV): every rep's saved comparisons
// and rejected uploads, newest first, filtered, paged with a keyset cursor on (listed at, row id).
//
// Each branch of the UNION ALL reads its own (date DESC, id DESC) index from the cursor onwards
// and stops after limit + 1 rows, so page 5,000 costs what page 1 does (an OFFSET would read and
// drop every earlier row); the outer merge sorts at most 2 x (limit + 1) rows. Products and the
// retracted flag are looked up for the page's rows only.
//
// Filters combine with AND; flags with OR ("historical or built on a retracted rate"). Dates are
// business dates in the server's business time zone (RATEDESK_BUSINESS_TIME_ZONE), both ends
// inclusive, on comparison_date (the laptop clock when the rep showed it). A rejected upload is
// listed at the comparison date it claimed, or when it was received if it claimed none.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ComplianceExportQuery, ComplianceFlag, ComplianceRow } from '../../src-shared/compliance/search.js';
import type { Database } from '../db/schema.js';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetCursor } from '../http/keyset-cursor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SearchOptions {
  /** The business time zone the from/to days are in. */
  timeZone: string;
  limit: number;
  cursor?: string | undefined;
}

export interface SearchPage {
  rows: ComplianceRow[];
  nextCursor: string | null;
}

/** A LIKE pattern matching `text` anywhere, case-insensitively (its own % _ and \ taken literally). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function wants(flags: readonly ComplianceFlag[] | undefined, flag: ComplianceFlag): boolean {
  return flags === undefined || flags.length === 0 || flags.includes(flag);
}

/** Product ids a product or CUSIP filter stands for (a sub-select; null: no such filter). */
function productIdsFilter(query: ComplianceExportQuery): RawBuilder<unknown>[] {
  const sets: RawBuilder<unknown>[] = [];
  if (query.product !== undefined) {
    sets.push(
      UUID.test(query.product)
        ? sql`SELECT ${query.product}::uuid`
        : sql`SELECT p.product_id FROM products p WHERE lower(p.product_name) LIKE ${containsPattern(query.product)}`,
    );
  }
  if (query.cusip !== undefined) sets.push(sql`SELECT p.product_id FROM products p WHERE p.cusip = ${query.cusip}`);
  return sets;
}

function repFilter(rep: string, column: RawBuilder<unknown>): RawBuilder<unknown> {
  if (UUID.test(rep)) return sql`${column} = ${rep}::uuid`;
  const pattern = containsPattern(rep);
  return sql`${column} IN (SELECT u.user_id FROM users u WHERE lower(u.email) LIKE ${pattern} OR lower(u.first_name || ' ' || u.last_name) LIKE ${pattern})`;
}

function dateRange(query: ComplianceExportQuery, key: RawBuilder<unknown>, timeZone: string): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (query.from !== undefined) conditions.push(sql`${key} >= (${query.from}::date::timestamp AT TIME ZONE ${timeZone})`);
  if (query.to !== undefined) conditions.push(sql`${key} < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  return conditions;
}

function and(conditions: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` AND `);
}

const RETRACTED_USE = (comparisonId: RawBuilder<unknown>) =>
  sql`EXISTS (SELECT 1 FROM product_comparison_items ri JOIN rate_history rh ON rh.rate_history_id = ri.rate_history_id
              WHERE ri.comparison_id = ${comparisonId} AND NOT rh.is_active)`;

function comparisonBranch(query: ComplianceExportQuery, cursor: KeysetCursor | null, options: SearchOptions): RawBuilder<unknown> | null {
  const flags = query.flags;
  const flagged = flags !== undefined && flags.length > 0;
  if (flagged && !flags.includes('historical') && !flags.includes('retracted')) return null;
  const key = sql`pc.comparison_date`;
  const conditions = dateRange(query, key, options.timeZone);
  if (query.rep !== undefined) conditions.push(repFilter(query.rep, sql`pc.user_id`));
  if (query.clientReference !== undefined) conditions.push(sql`lower(pc.client_reference) LIKE ${containsPattern(query.clientReference)}`);
  for (const ids of productIdsFilter(query)) {
    conditions.push(sql`EXISTS (SELECT 1 FROM product_comparison_items fi WHERE fi.comparison_id = pc.comparison_id AND fi.product_id IN (${ids}))`);
  }
  if (flagged) {
    const any: RawBuilder<unknown>[] = [];
    if (flags.includes('historical')) any.push(sql`pc.historical`);
    if (flags.includes('retracted')) any.push(RETRACTED_USE(sql`pc.comparison_id`));
    conditions.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  if (cursor) conditions.push(sql`(pc.comparison_date, pc.comparison_id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return sql`(
    SELECT 'comparison' AS kind, pc.comparison_id AS row_id, pc.comparison_id, pc.user_id, pc.comparison_date AS listed_at,
           pc.received_at, pc.as_of_date, pc.client_reference, pc.investment_amount, pc.horizon_years::int AS horizon_years,
           pc.historical, NULL::text AS rejected_reason, NULL::uuid[] AS product_ids
    FROM product_comparisons pc
    WHERE ${and(conditions)}
    ORDER BY pc.comparison_date DESC, pc.comparison_id DESC
    LIMIT ${options.limit + 1})`;
}

function rejectionBranch(query: ComplianceExportQuery, cursor: KeysetCursor | null, options: SearchOptions): RawBuilder<unknown> | null {
  if (!wants(query.flags, 'rejected')) return null;
  const key = sql`coalesce(r.comparison_date, r.received_at)`;
  const conditions = dateRange(query, key, options.timeZone);
  if (query.rep !== undefined) conditions.push(repFilter(query.rep, sql`r.user_id`));
  if (query.clientReference !== undefined) conditions.push(sql`lower(r.client_reference) LIKE ${containsPattern(query.clientReference)}`);
  for (const ids of productIdsFilter(query)) conditions.push(sql`r.product_ids && ARRAY(${ids})`);
  if (cursor) conditions.push(sql`(${key}, r.rejection_id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return sql`(
    SELECT 'rejected' AS kind, r.rejection_id AS row_id, r.comparison_id, r.user_id, ${key} AS listed_at,
           r.received_at, r.as_of_date, r.client_reference, r.investment_amount, NULL::int AS horizon_years,
           false AS historical, r.reason AS rejected_reason, r.product_ids
    FROM comparison_upload_rejections r
    WHERE ${and(conditions)}
    ORDER BY ${key} DESC, r.rejection_id DESC
    LIMIT ${options.limit + 1})`;
}

function branchesOf(query: ComplianceExportQuery, options: SearchOptions): RawBuilder<unknown>[] {
  const cursor = options.cursor === undefined ? null : decodeKeysetCursor(options.cursor);
  return [comparisonBranch(query, cursor, options), rejectionBranch(query, cursor, options)].filter((branch) => branch !== null);
}

/** How many rows match, counting no further than `cap` + 1 (enough to refuse an export that is too big). */
export async function countMatchesUpTo(db: Kysely<Database>, query: ComplianceExportQuery, timeZone: string, cap: number): Promise<number> {
  const branches = branchesOf(query, { timeZone, limit: cap });
  if (branches.length === 0) return 0;
  const { rows } = await sql<{ matched: string }>`
    SELECT count(*) AS matched FROM (SELECT 1 FROM (${sql.join(branches, sql` UNION ALL `)}) AS m LIMIT ${cap + 1}) AS capped`.execute(db);
  return Number(rows[0]?.matched ?? 0);
}

/** The page's statement (exported so tests can EXPLAIN it); null when the filters exclude every row. */
export function searchStatement(query: ComplianceExportQuery, options: SearchOptions): RawBuilder<SearchRow> | null {
  const branches = branchesOf(query, options);
  if (branches.length === 0) return null;
  return sql<SearchRow>`
    SELECT m.kind, m.row_id, m.comparison_id, m.user_id,
           to_char(m.listed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
           m.listed_at, m.received_at, m.as_of_date, m.client_reference, m.investment_amount, m.horizon_years,
           m.historical, m.rejected_reason,
           u.email, btrim(u.first_name || ' ' || u.last_name) AS rep_name,
           (m.kind = 'comparison' AND ${RETRACTED_USE(sql`m.row_id`)}) AS retracted,
           CASE WHEN m.kind = 'comparison' THEN
             (SELECT coalesce(json_agg(json_build_object('productId', p.product_id, 'productName', p.product_name, 'cusip', p.cusip) ORDER BY i.position), '[]')
              FROM product_comparison_items i JOIN products p ON p.product_id = i.product_id WHERE i.comparison_id = m.row_id)
           ELSE
             (SELECT coalesce(json_agg(json_build_object('productId', p.product_id, 'productName', p.product_name, 'cusip', p.cusip) ORDER BY x.n), '[]')
              FROM unnest(m.product_ids) WITH ORDINALITY AS x(product_id, n) JOIN products p ON p.product_id = x.product_id)
           END AS products
    FROM (${sql.join(branches, sql` UNION ALL `)}) AS m
    JOIN users u ON u.user_id = m.user_id
    ORDER BY m.listed_at DESC, m.row_id DESC
    LIMIT ${options.limit + 1}`;
}

interface SearchRow {
  kind: 'comparison' | 'rejected';
  rowId: string;
  comparisonId: string;
  userId: string;
  cursorAt: string;
  listedAt: string;
  receivedAt: string;
  asOfDate: string | null;
  clientReference: string | null;
  investmentAmount: string | null;
  horizonYears: number | null;
  historical: boolean;
  rejectedReason: string | null;
  email: string;
  repName: string;
  retracted: boolean;
  products: { productId: string; productName: string; cusip: string }[];
}

function toRow(row: SearchRow): ComplianceRow {
  return {
    kind: row.kind,
    rowId: row.rowId,
    comparisonId: row.comparisonId,
    rep: { userId: row.userId, name: row.repName === '' ? row.email : row.repName, email: row.email },
    comparisonDate: row.listedAt,
    receivedAt: row.receivedAt,
    asOfDate: row.asOfDate,
    clientReference: row.clientReference,
    investmentAmount: row.investmentAmount,
    horizonYears: row.horizonYears,
    products: row.products,
    flags: { historical: row.historical, retracted: row.retracted, rejected: row.kind === 'rejected' },
    rejectedReason: row.rejectedReason,
  };
}

export async function searchComparisons(db: Kysely<Database>, query: ComplianceExportQuery, options: SearchOptions): Promise<SearchPage> {
  const statement = searchStatement(query, options);
  if (statement === null) return { rows: [], nextCursor: null };
  const { rows } = await statement.execute(db);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toRow),
    nextCursor: rows.length > options.limit && last ? encodeKeysetCursor({ at: last.cursorAt, id: last.rowId }) : null,
  };
}
