// Pull: the changes since a client's cursor, one page at a time (docs/adr/0001-sync-cursor.md).
//
// A page is planned on the (change_version, change_tx) keys and then read by version range:
// 1. the snapshot: the whole pull is ONE statement, and a statement sees one snapshot, so rows,
//    cursor and checksums agree (no BEGIN/COMMIT needed: that is two round trips saved);
// 2. the boundary: the limit-th key after the cursor, merged across the tables in version order;
// 3. the end of the boundary's transaction: the first key after it that belongs to another
//    transaction. The sync writers' lock makes each transaction's versions one contiguous run, so
//    everything between the boundary and that key belongs to the boundary's transaction and goes
//    into this page: a page never splits a transaction;
// 4. the rows: every table's rows in (cursor, end], by the change_version index, shaped as the
//    protocol's JSON by PostgreSQL (one json_agg per table), so the server does not map rows
//    field by field (nor validate it again: test/integration/server/sync/pull-wire-format.test.ts).
// With no boundary (fewer rows than the limit) the page runs to the snapshot's high water and is
// the last one, and the same statement reads the checksums. Each step is an index range scan, so a
// delta costs what it returns, and an unchanged catalog costs the high-water probes only.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { encodeCursor, parseCursor } from '../../src-shared/sync/cursor.js';
import type {
  PullQuery,
  PullResponse,
  SyncedAvailability,
  SyncedCarrier,
  SyncedComparison,
  SyncedIndexLevel,
  SyncedProduct,
  SyncedRate,
  SyncedStateApproval,
  SyncedStrategy,
  SyncedStrategyRate,
} from '../../src-shared/sync/protocol.js';
import { preparedStatementMark } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { checksumReportOf, statsRowsOf, type StatsRow } from './checksums.js';
import { onReplicaOrWriter, type ReaderAndWriter } from './replica-or-writer.js';
import { checkCursor, requireEpoch, syncPositionQuery, validatePullQuery, type SyncPosition } from './sync-position.js';

export interface PullArgs {
  /** The cursor of the client's last pull; absent for a first (full) pull. */
  cursor?: string | undefined;
  /** Rows per page, 1..5000 (default 1000). */
  limit?: number | undefined;
  /** users.user_id of the caller: only their comparisons are returned. */
  userId: string;
}

/**
 * A timestamptz as ISO-8601 UTC with milliseconds, exactly what server/db/type-parsers.ts makes of
 * it for a row read the ordinary way (to_char's MS truncates the microseconds, as that parser does).
 */
const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The protocol's field names and wire forms: numerics, bigints and dates as PostgreSQL's text (what
// the type parsers pass through), numeric arrays as arrays of that text, JSON documents as stored.
const PRODUCT_JSON = `json_build_object(
  'productId', r.product_id, 'cusip', r.cusip, 'productName', r.product_name, 'productType', r.product_type,
  'issuerName', r.issuer_name, 'description', r.description,
  'minimumInvestment', r.minimum_investment::text, 'maximumInvestment', r.maximum_investment::text,
  'baseRate', r.base_rate::text, 'bonusRate', r.bonus_rate::text, 'bonusYears', r.bonus_years, 'termYears', r.term_years,
  'guaranteedMinimumRate', r.guaranteed_minimum_rate::text, 'compounding', r.compounding,
  'surrenderSchedule', r.surrender_schedule::text[], 'freeWithdrawalPercent', r.free_withdrawal_percent::text,
  'returnOfPremium', r.return_of_premium, 'returnOfPremiumPercentage', r.return_of_premium_percentage::text,
  'termsAndConditions', r.terms_and_conditions, 'nonforfeitureRate', r.nonforfeiture_rate::text, 'brokered', r.brokered,
  'earlyWithdrawalPenaltyMonths', r.early_withdrawal_penalty_months,
  'minimumIssueAge', r.minimum_issue_age, 'maximumIssueAge', r.maximum_issue_age, 'mvaApplies', r.mva_applies,
  'mvaSpread', r.mva_spread::text, 'mvaReferenceIndex', r.mva_reference_index,
  'mvaFactorFloor', r.mva_factor_floor::text, 'mvaFactorCap', r.mva_factor_cap::text,
  'mvaReferenceRate', r.mva_reference_rate::text, 'carrierId', r.carrier_id, 'isActive', r.is_active,
  'createdAt', ${isoUtc('r.created_at')}, 'updatedAt', ${isoUtc('r.updated_at')},
  'createdBy', r.created_by, 'updatedBy', r.updated_by, 'changeVersion', r.change_version::text)`;

const AVAILABILITY_JSON = `json_build_object(
  'availabilityId', r.availability_id, 'productId', r.product_id, 'startDate', r.start_date::text, 'endDate', r.end_date::text,
  'isActive', r.is_active, 'createdAt', ${isoUtc('r.created_at')}, 'createdBy', r.created_by, 'changeVersion', r.change_version::text)`;

const RATE_JSON = `json_build_object(
  'rateHistoryId', r.rate_history_id, 'productId', r.product_id, 'baseRate', r.base_rate::text, 'bonusRate', r.bonus_rate::text,
  'effectiveDate', r.effective_date::text, 'endDate', r.end_date::text, 'isActive', r.is_active,
  'createdAt', ${isoUtc('r.created_at')}, 'createdBy', r.created_by, 'changeVersion', r.change_version::text)`;

// Issue 13's catalog records (migration 20261204000800_catalog_terms).
const stamps = (updated: boolean) =>
  `'isActive', r.is_active, 'createdAt', ${isoUtc('r.created_at')}, 'createdBy', r.created_by,` +
  (updated ? ` 'updatedAt', ${isoUtc('r.updated_at')}, 'updatedBy', r.updated_by,` : '') +
  ` 'changeVersion', r.change_version::text`;

const CARRIER_JSON = `json_build_object(
  'carrierId', r.carrier_id, 'carrierName', r.carrier_name, 'naicCode', r.naic_code::text, 'amBestRating', r.am_best_rating,
  'amBestOutlook', r.am_best_outlook, 'ratingAsOf', r.rating_as_of::text, ${stamps(true)})`;

const APPROVAL_JSON = `json_build_object(
  'approvalId', r.approval_id, 'productId', r.product_id, 'stateCode', r.state_code::text,
  'approvedFrom', r.approved_from::text, 'approvedUntil', r.approved_until::text, ${stamps(true)})`;

const STRATEGY_JSON = `json_build_object(
  'strategyId', r.strategy_id, 'productId', r.product_id, 'strategyCode', r.strategy_code, 'strategyName', r.strategy_name,
  'indexName', r.index_name, 'creditingMethod', r.crediting_method, 'guaranteedRate', r.guaranteed_rate::text,
  'floorRate', r.floor_rate::text, 'sortOrder', r.sort_order, ${stamps(true)})`;

const STRATEGY_RATE_JSON = `json_build_object(
  'strategyRateId', r.strategy_rate_id, 'strategyId', r.strategy_id, 'rate', r.rate::text,
  'effectiveDate', r.effective_date::text, 'endDate', r.end_date::text, ${stamps(false)})`;

const INDEX_LEVEL_JSON = `json_build_object(
  'indexLevelId', r.index_level_id, 'indexName', r.index_name, 'levelDate', r.level_date::text, 'level', r.level::text,
  'source', r.source, ${stamps(false)})`;

/** The catalog tables after products, in the order the statement reads them: table, wire name, JSON shape. */
const MORE_CATALOG = [
  ['product_availability', 'availability', AVAILABILITY_JSON],
  ['rate_history', 'rates', RATE_JSON],
  ['carriers', 'carriers', CARRIER_JSON],
  ['product_state_approvals', 'approvals', APPROVAL_JSON],
  ['fia_strategies', 'strategies', STRATEGY_JSON],
  ['fia_strategy_rates', 'strategyRates', STRATEGY_RATE_JSON],
  ['index_levels', 'indexLevels', INDEX_LEVEL_JSON],
] as const;

// client_reference was added by migration 20261124001200_comparison_sync, historical by 20261203100100_comparison_historical,
// the record fields (appVersion .. bestInterest) by 20261204000200_comparison_record_fields: null in older records, and
// then left out of the answer by checkedComparisons (the protocol has them optional, not nullable).
const COMPARISON_JSON = `json_build_object(
  'comparisonId', r.comparison_id, 'comparisonDate', ${isoUtc('r.comparison_date')}, 'receivedAt', ${isoUtc('r.received_at')},
  'asOfDate', r.as_of_date::text, 'investmentAmount', r.investment_amount::text, 'horizonYears', r.horizon_years,
  'clientReference', r.client_reference, 'inputs', r.inputs, 'results', r.results, 'engineVersion', r.engine_version,
  'historical', r.historical, 'changeVersion', r.change_version::text,
  'appVersion', r.app_version, 'catalogCursor', r.catalog_cursor, 'preparedOn', r.prepared_on::text,
  'disclosures', CASE WHEN r.disclosures_sha256 IS NULL THEN NULL ELSE json_build_object('sha256', r.disclosures_sha256, 'texts', r.disclosures) END,
  'bestInterest', r.best_interest,
  'items', (SELECT coalesce(json_agg(json_build_object(
      'position', i.position, 'productId', i.product_id, 'rateHistoryId', i.rate_history_id,
      'baseRate', i.base_rate::text, 'bonusRate', i.bonus_rate::text, 'productSnapshot', i.product_snapshot,
      'changeVersion', i.change_version::text) ORDER BY i.position), '[]'::json)
    FROM product_comparison_items i WHERE i.comparison_id = r.comparison_id))`;

/** One table's rows of the page, in version order, as a JSON array ('[]' when none). */
function pageRows(table: string, shape: string, userFilter?: RawBuilder<unknown>) {
  return sql`(SELECT coalesce(json_agg(${sql.raw(shape)} ORDER BY r.change_version), '[]'::json)
      FROM ${sql.table(table)} r
      WHERE ${userFilter ?? sql`true`} AND r.change_version > p.after AND r.change_version <= p.through)`;
}

export interface PullRow extends SyncPosition {
  /** Whether the cursor's epoch and version allowed reading rows at all (else checkCursor refuses it). */
  readable: boolean;
  through: string;
  hasMore: boolean;
  products: SyncedProduct[];
  availability: SyncedAvailability[];
  rates: SyncedRate[];
  comparisons: SyncedComparison[];
  carriers: SyncedCarrier[];
  approvals: SyncedStateApproval[];
  strategies: SyncedStrategy[];
  strategyRates: SyncedStrategyRate[];
  indexLevels: SyncedIndexLevel[];
  stats: StatsRow[] | null;
  /** sync_policy's offline days (null without its row): read here so a pull needs no second round trip. */
  maxOfflineDays: number | null;
}

// Planning this statement costs PostgreSQL more than running it for a small delta, so each pooled
// connection prepares it once (its text is the same for every cursor, limit and user).
const PULL_STATEMENT_MARK = preparedStatementMark('sync_pull_v2');

/**
 * The whole pull as one statement. `epoch` is the cursor's (null for a first pull): with another
 * epoch, or a cursor at or above the high water, no row is read (the caller then refuses the
 * cursor or answers an empty last page).
 */
export function pullStatement(after: string, epoch: string | null, limit: number, userId: string) {
  const catalogTables = ['products', ...MORE_CATALOG.map(([table]) => table)];
  // The boundary and next-transaction branches keep their own ORDER BY ... LIMIT, so each is a
  // short walk of a change_version index and the union is a Merge Append of about `limit` keys.
  const boundaryBranches = [
    ...catalogTables.map(
      (table) => sql`(SELECT change_version AS version, change_tx AS tx FROM ${sql.table(table)}
          WHERE change_version > ${after}::bigint ORDER BY change_version LIMIT ${limit})`,
    ),
    sql`(SELECT change_version, change_tx FROM product_comparisons
          WHERE user_id = ${userId} AND change_version > ${after}::bigint ORDER BY change_version LIMIT ${limit})`,
  ];
  const nextTxBranches = [
    ...catalogTables.map(
      (table) => sql`(SELECT change_version AS version FROM ${sql.table(table)}
          WHERE change_version > b.version AND change_tx <> b.tx ORDER BY change_version LIMIT 1)`,
    ),
    sql`(SELECT change_version FROM product_comparisons
          WHERE user_id = ${userId} AND change_version > b.version AND change_tx <> b.tx ORDER BY change_version LIMIT 1)`,
  ];
  const moreCatalogRows = MORE_CATALOG.map(([table, name, shape]) => sql`${pageRows(table, shape)} AS ${sql.id(name)}`);
  return sql<PullRow>`${sql.raw(PULL_STATEMENT_MARK)}
    WITH state AS (${syncPositionQuery(userId)}),
    gate AS (
      SELECT (${epoch}::text IS NULL OR s.epoch::text = ${epoch}::text) AND s.high_water > ${after}::bigint AS readable
      FROM state s
    ),
    boundary AS (
      SELECT k.version, k.tx FROM (
        ${sql.join(boundaryBranches, sql`\n        UNION ALL\n        `)}
      ) k
      WHERE (SELECT readable FROM gate)
      ORDER BY k.version
      OFFSET ${limit - 1} LIMIT 1
    ),
    next_tx AS (
      SELECT min(k.version) AS version FROM boundary b CROSS JOIN LATERAL (
        ${sql.join(nextTxBranches, sql`\n        UNION ALL\n        `)}
      ) k
    ),
    page AS (
      SELECT
        g.readable,
        ${after}::bigint AS after,
        -- An unreadable cursor reads the empty range (after, after].
        CASE WHEN NOT g.readable THEN ${after}::bigint ELSE coalesce((SELECT version FROM next_tx) - 1, s.high_water) END AS through,
        g.readable AND (SELECT version FROM next_tx) IS NOT NULL AS has_more
      FROM state s CROSS JOIN gate g
    )
    SELECT
      s.epoch, s.high_water, s.server_time, p.readable, p.through, p.has_more,
      ${pageRows('products', PRODUCT_JSON)} AS products,
      ${sql.join(moreCatalogRows)},
      ${pageRows('product_comparisons', COMPARISON_JSON, sql`r.user_id = ${userId}`)} AS comparisons,
      CASE WHEN p.has_more THEN NULL ELSE (
        SELECT coalesce(json_agg(json_build_object('tableName', table_name, 'rowCount', row_count::text, 'checksum', checksum::text)), '[]'::json)
        FROM sync_table_stats WHERE ${statsRowsOf(userId)}
      ) END AS stats,
      (SELECT max_offline_days FROM sync_policy) AS max_offline_days
    FROM state s CROSS JOIN page p`;
}

/** Record fields that older records lack: absent from the answer rather than null. */
const OPTIONAL_RECORD_FIELDS = ['appVersion', 'preparedOn', 'disclosures', 'bestInterest'] as const;

function checkedComparisons(comparisons: SyncedComparison[]): SyncedComparison[] {
  for (const comparison of comparisons) {
    for (const field of OPTIONAL_RECORD_FIELDS) {
      if (comparison[field] === null) delete comparison[field];
    }
    if (comparison.catalogCursor === null && comparison.appVersion === undefined) delete comparison.catalogCursor;
    // The CHECK product_comparisons_results_present admits only an object or an array.
    if (typeof comparison.results !== 'object' || comparison.results === null) {
      throw new Error(`product_comparisons ${comparison.comparisonId}: results is neither a JSON object nor an array`);
    }
  }
  return comparisons;
}

/** A pull page and the offline policy read by the same statement (the route sends both). */
export interface PulledPage {
  page: PullResponse;
  maxOfflineDays: number | null;
}

/** One page of changes after the caller's cursor. Throws ResyncRequiredError or ValidationError. */
export async function pullChanges(db: Kysely<Database>, args: PullArgs): Promise<PullResponse> {
  return (await pullPage(db, args)).page;
}

/** Where a pull reads from: the cursor's epoch (null for a first pull) and version. */
export interface PullPosition {
  epoch: string | null;
  version: string;
}

/** The validated query and the position it reads after. Throws ValidationError. */
export function pullPositionOf(args: PullArgs): { query: PullQuery; position: PullPosition } {
  const query = validatePullQuery(args);
  const cursor = query.cursor === undefined ? undefined : parseCursor(query.cursor);
  // An outdated cursor is refused by checkCursor below; it only needs the epoch for the answer.
  const position = cursor?.kind === 'current' ? cursor : { epoch: cursor === undefined ? null : '', version: '0' };
  return { query, position };
}

/** The direct pull: one statement for the caller (shared-catalog-page.ts shares it between callers). */
export async function pullPage(db: Kysely<Database>, args: PullArgs): Promise<PulledPage> {
  const { query, position } = pullPositionOf(args);
  const row = requireEpoch((await pullStatement(position.version, position.epoch, query.limit, args.userId).execute(db)).rows[0]);
  return pageOfRow(row, query, position);
}

/** The answer a pull statement's row makes (checks the cursor against the row's state first). */
export function pageOfRow(row: PullRow & { epoch: string }, query: PullQuery, position: PullPosition): PulledPage {
  const state: SyncPosition = { epoch: row.epoch, highWater: row.highWater, serverTime: row.serverTime };
  checkCursor(query, state);
  if (!row.readable && position.version !== state.highWater) {
    throw new Error(`pull: cursor ${position.version} was accepted but its rows were not read (high water ${state.highWater})`);
  }

  const response: PullResponse = {
    epoch: state.epoch,
    cursor: encodeCursor({ epoch: state.epoch, version: row.through }),
    hasMore: row.hasMore,
    highWater: state.highWater,
    serverTime: state.serverTime,
    changes: {
      products: row.products,
      availability: row.availability,
      rates: row.rates,
      comparisons: checkedComparisons(row.comparisons),
      carriers: row.carriers,
      approvals: row.approvals,
      strategies: row.strategies,
      strategyRates: row.strategyRates,
      indexLevels: row.indexLevels,
    },
  };
  if (!row.hasMore) response.checksums = checksumReportOf(row.stats ?? [], state);
  return { page: response, maxOfflineDays: row.maxOfflineDays };
}

export { type ReaderAndWriter } from './replica-or-writer.js';

/** pullChanges on the read replica when it can answer, else on the writer (see replica-or-writer.ts). */
export async function pullFromReplica(pools: ReaderAndWriter, args: PullArgs): Promise<PullResponse> {
  return onReplicaOrWriter(pools, (db) => pullChanges(db, args));
}

/** Reads pages for many callers at once (shared-catalog-page.ts). */
export interface PageReader {
  pull(db: Kysely<Database>, args: PullArgs): Promise<PulledPage>;
}

/** pullFromReplica with the offline policy of the same snapshot; through `shared` when given. */
export async function pullWithPolicyFromReplica(pools: ReaderAndWriter, args: PullArgs, shared?: PageReader): Promise<PulledPage> {
  return onReplicaOrWriter(pools, (db) => (shared ? shared.pull(db, args) : pullPage(db, args)));
}
