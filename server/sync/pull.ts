// Pull: the changes since a client's cursor, one page at a time (docs/adr/0001-sync-cursor.md).
//
// A page is planned on the (change_version, change_tx) keys and then read by version range:
// 1. the snapshot: one REPEATABLE READ, READ ONLY transaction, so rows, cursor and checksums agree;
// 2. the boundary: the limit-th key after the cursor, merged across the tables in version order;
// 3. the end of the boundary's transaction: the first key after it that belongs to another
//    transaction. The sync writers' lock makes each transaction's versions one contiguous run, so
//    everything between the boundary and that key belongs to the boundary's transaction and goes
//    into this page: a page never splits a transaction;
// 4. the rows: every table's rows in (cursor, end], by the change_version index.
// With no boundary (fewer rows than the limit) the page runs to the snapshot's high water and is
// the last one. Each step is an index range scan, so a delta costs what it returns.
import { sql, type Kysely } from 'kysely';
import { encodeCursor } from '../../src-shared/sync/cursor.js';
import type {
  PullResponse,
  SyncedAvailability,
  SyncedComparison,
  SyncedComparisonItem,
  SyncedProduct,
  SyncedRate,
} from '../../src-shared/sync/protocol.js';
import type { Database } from '../db/schema.js';
import { readChecksumReport } from './checksums.js';
import { ResyncReason, ResyncRequiredError } from './resync-required-error.js';
import { checkCursor, readSyncState, validatePullQuery } from './sync-state.js';

export interface PullArgs {
  /** The cursor of the client's last pull; absent for a first (full) pull. */
  cursor?: string | undefined;
  /** Rows per page, 1..5000 (default 1000). */
  limit?: number | undefined;
  /** users.user_id of the caller: only their comparisons are returned. */
  userId: string;
}

type Reader = Kysely<Database>;

/** The limit-th change after `after` across all synced tables (no row when there are fewer). */
export function boundaryKeyQuery(after: string, limit: number, userId: string) {
  // Each branch stops after `limit` index entries; the outer ORDER BY merges the sorted branches
  // (Merge Append), so PostgreSQL reads about `limit` keys in all.
  return sql<{ version: string; tx: string }>`
    SELECT k.version, k.tx FROM (
      (SELECT change_version AS version, change_tx AS tx FROM products
        WHERE change_version > ${after} ORDER BY change_version LIMIT ${limit})
      UNION ALL
      (SELECT change_version, change_tx FROM product_availability
        WHERE change_version > ${after} ORDER BY change_version LIMIT ${limit})
      UNION ALL
      (SELECT change_version, change_tx FROM rate_history
        WHERE change_version > ${after} ORDER BY change_version LIMIT ${limit})
      UNION ALL
      (SELECT change_version, change_tx FROM product_comparisons
        WHERE user_id = ${userId} AND change_version > ${after} ORDER BY change_version LIMIT ${limit})
    ) k
    ORDER BY k.version
    OFFSET ${limit - 1} LIMIT 1`;
}

/** The first change after `version` written by another transaction than `tx` (null when none). */
export function nextTransactionStartQuery(version: string, tx: string, userId: string) {
  return sql<{ version: string | null }>`
    SELECT min(k.version) AS version FROM (
      (SELECT change_version AS version FROM products
        WHERE change_version > ${version} AND change_tx <> ${tx} ORDER BY change_version LIMIT 1)
      UNION ALL
      (SELECT change_version FROM product_availability
        WHERE change_version > ${version} AND change_tx <> ${tx} ORDER BY change_version LIMIT 1)
      UNION ALL
      (SELECT change_version FROM rate_history
        WHERE change_version > ${version} AND change_tx <> ${tx} ORDER BY change_version LIMIT 1)
      UNION ALL
      (SELECT change_version FROM product_comparisons
        WHERE user_id = ${userId} AND change_version > ${version} AND change_tx <> ${tx} ORDER BY change_version LIMIT 1)
    ) k`;
}

// Timestamps with a default are Generated<Timestamp> in server/db/schema.ts, whose select type
// Kysely leaves as the inner ColumnType; the values are ISO strings (server/db/type-parsers.ts).

/** The version range (after, through] of a table, in version order: what a page reads. */
export function productRows(db: Reader, after: string, through: string) {
  return db
    .selectFrom('products')
    .select([
      'productId',
      'cusip',
      'productName',
      'productType',
      'issuerName',
      'description',
      'minimumInvestment',
      'maximumInvestment',
      'baseRate',
      'bonusRate',
      'bonusYears',
      'termYears',
      'guaranteedMinimumRate',
      'compounding',
      'surrenderSchedule',
      'freeWithdrawalPercent',
      'returnOfPremium',
      'returnOfPremiumPercentage',
      'termsAndConditions',
      'isActive',
      (eb) => eb.ref('createdAt').$castTo<string>().as('createdAt'),
      (eb) => eb.ref('updatedAt').$castTo<string>().as('updatedAt'),
      'createdBy',
      'updatedBy',
      'changeVersion',
    ])
    .where('changeVersion', '>', after)
    .where('changeVersion', '<=', through)
    .orderBy('changeVersion');
}

export function availabilityRows(db: Reader, after: string, through: string) {
  return db
    .selectFrom('productAvailability')
    .select([
      'availabilityId',
      'productId',
      'startDate',
      'endDate',
      'isActive',
      (eb) => eb.ref('createdAt').$castTo<string>().as('createdAt'),
      'createdBy',
      'changeVersion',
    ])
    .where('changeVersion', '>', after)
    .where('changeVersion', '<=', through)
    .orderBy('changeVersion');
}

export function rateRows(db: Reader, after: string, through: string) {
  return db
    .selectFrom('rateHistory')
    .select([
      'rateHistoryId',
      'productId',
      'baseRate',
      'bonusRate',
      'effectiveDate',
      'endDate',
      'isActive',
      (eb) => eb.ref('createdAt').$castTo<string>().as('createdAt'),
      'createdBy',
      'changeVersion',
    ])
    .where('changeVersion', '>', after)
    .where('changeVersion', '<=', through)
    .orderBy('changeVersion');
}

export function comparisonRows(db: Reader, after: string, through: string, userId: string) {
  return db
    .selectFrom('productComparisons')
    .select([
      'comparisonId',
      'comparisonDate',
      (eb) => eb.ref('receivedAt').$castTo<string>().as('receivedAt'),
      'asOfDate',
      'investmentAmount',
      'horizonYears',
      // Added by migration 20261124001200_comparison_sync.
      sql<string | null>`client_reference`.as('clientReference'),
      'inputs',
      'results',
      'engineVersion',
      'changeVersion',
    ])
    .where('userId', '=', userId)
    .where('changeVersion', '>', after)
    .where('changeVersion', '<=', through)
    .orderBy('changeVersion');
}

async function comparisonsWithItems(db: Reader, after: string, through: string, userId: string): Promise<SyncedComparison[]> {
  const headers = await comparisonRows(db, after, through, userId).execute();
  if (headers.length === 0) return [];
  const items = await db
    .selectFrom('productComparisonItems')
    .select(['comparisonId', 'position', 'productId', 'rateHistoryId', 'baseRate', 'bonusRate', 'productSnapshot', 'changeVersion'])
    .where(
      'comparisonId',
      'in',
      headers.map((header) => header.comparisonId),
    )
    .orderBy('comparisonId')
    .orderBy('position')
    .execute();
  const byComparison = new Map<string, SyncedComparisonItem[]>();
  for (const { comparisonId, ...item } of items) {
    const list = byComparison.get(comparisonId) ?? [];
    list.push(item);
    byComparison.set(comparisonId, list);
  }
  return headers.map((header) => {
    const { results, ...rest } = header;
    // The CHECK product_comparisons_results_present admits only an object or an array.
    if (typeof results !== 'object' || results === null) {
      throw new Error(`product_comparisons ${header.comparisonId}: results is neither a JSON object nor an array`);
    }
    return { ...rest, results, items: byComparison.get(header.comparisonId) ?? [] } satisfies SyncedComparison;
  });
}

/** One page of changes after the caller's cursor. Throws ResyncRequiredError or ValidationError. */
export async function pullChanges(db: Kysely<Database>, args: PullArgs): Promise<PullResponse> {
  const query = validatePullQuery(args);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const state = await readSyncState(trx, args.userId);
      const { after, limit } = checkCursor(query, state);

      let through = state.highWater;
      let hasMore = false;
      const boundary = after === state.highWater ? undefined : (await boundaryKeyQuery(after, limit, args.userId).execute(trx)).rows[0];
      if (boundary) {
        const next = (await nextTransactionStartQuery(boundary.version, boundary.tx, args.userId).execute(trx)).rows[0]?.version;
        if (next !== undefined && next !== null) {
          through = (BigInt(next) - 1n).toString();
          hasMore = true;
        }
      }

      let products: SyncedProduct[] = [];
      let availability: SyncedAvailability[] = [];
      let rates: SyncedRate[] = [];
      let comparisons: SyncedComparison[] = [];
      if (after !== through) {
        [products, availability, rates, comparisons] = await Promise.all([
          productRows(trx, after, through).execute(),
          availabilityRows(trx, after, through).execute(),
          rateRows(trx, after, through).execute(),
          comparisonsWithItems(trx, after, through, args.userId),
        ]);
      }

      const response: PullResponse = {
        epoch: state.epoch,
        cursor: encodeCursor({ epoch: state.epoch, version: through }),
        hasMore,
        highWater: state.highWater,
        serverTime: state.serverTime,
        changes: { products, availability, rates, comparisons },
      };
      if (!hasMore) response.checksums = await readChecksumReport(trx, args.userId, state);
      return response;
    });
}

export interface ReaderAndWriter {
  /** DATABASE_URL. */
  writer: Kysely<Database>;
  /** DATABASE_READ_URL (the same instance as writer when there is no replica). */
  reader: Kysely<Database>;
}

/**
 * A pull served by the read replica when it can be. A replica replays the writer's history in
 * commit order, so its snapshot is an earlier but consistent state and lag only delays changes.
 * When the client already holds more than the replica has (its cursor came from the writer: it has
 * just pushed, or an earlier pull fell back) or names an epoch the replica has not replayed yet,
 * the writer answers instead, so nobody is sent back in time or told to resync because of lag.
 */
export async function pullFromReplica({ writer, reader }: ReaderAndWriter, args: PullArgs): Promise<PullResponse> {
  if (reader === writer) return pullChanges(writer, args);
  try {
    return await pullChanges(reader, args);
  } catch (error) {
    if (error instanceof ResyncRequiredError && error.reason !== ResyncReason.outdatedCursor) return pullChanges(writer, args);
    throw error;
  }
}
