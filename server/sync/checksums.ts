// Counts and checksums of what the server holds for a user, read from sync_table_stats (kept by
// triggers, see migrations/20261124001300_sync_checksums.ts): a handful of rows whatever the
// catalog size. The client compares them with its own sums (src-shared/sync/checksum.ts).
import { sql, type Kysely } from 'kysely';
import { encodeCursor } from '../../src-shared/sync/cursor.js';
import type { ChecksumReport, TableChecksum } from '../../src-shared/sync/protocol.js';
import type { Database } from '../db/schema.js';
import { readSyncPosition, type SyncPosition } from './sync-position.js';

const TABLE_COLLECTION = {
  products: 'products',
  product_availability: 'availability',
  rate_history: 'rates',
  product_comparisons: 'comparisons',
  carriers: 'carriers',
  product_state_approvals: 'approvals',
  fia_strategies: 'strategies',
  fia_strategy_rates: 'strategyRates',
  index_levels: 'indexLevels',
} as const;

/** The catalog tables: one stats row each, scope ''. */
const CATALOG_STATS_TABLES = Object.keys(TABLE_COLLECTION).filter((table) => table !== 'product_comparisons');

function isStatsTable(name: string): name is keyof typeof TABLE_COLLECTION {
  return Object.hasOwn(TABLE_COLLECTION, name);
}

/** The sync_table_stats rows a report for `userId` is made of (a condition on that table). */
export function statsRowsOf(userId: string) {
  return sql<boolean>`(scope = '' AND table_name IN (${sql.join(CATALOG_STATS_TABLES.map((table) => sql.lit(table)))}))
       OR (table_name = 'product_comparisons' AND scope = ${userId})`;
}

export interface StatsRow {
  tableName: string;
  /** bigint as text. */
  rowCount: string;
  /** numeric(20,0) as text. */
  checksum: string;
}

/** The report made of `rows` (read in the snapshot `state` comes from). */
export function checksumReportOf(rows: readonly StatsRow[], state: SyncPosition): ChecksumReport {
  const empty = (): TableChecksum => ({ count: 0, checksum: '0' });
  const tables: ChecksumReport['tables'] = {
    products: empty(),
    availability: empty(),
    rates: empty(),
    comparisons: empty(),
    carriers: empty(),
    approvals: empty(),
    strategies: empty(),
    strategyRates: empty(),
    indexLevels: empty(),
  };
  for (const row of rows) {
    if (!isStatsTable(row.tableName)) continue;
    // checksum is numeric(20,0), so its text has no decimal point; counts stay far below 2^53.
    tables[TABLE_COLLECTION[row.tableName]] = { count: Number(row.rowCount), checksum: row.checksum };
  }
  return { epoch: state.epoch, cursor: encodeCursor({ epoch: state.epoch, version: state.highWater }), tables };
}

/** The report at `state`; call inside the transaction `state` was read in, so both share a snapshot. */
export async function readChecksumReport(db: Kysely<Database>, userId: string, state: SyncPosition): Promise<ChecksumReport> {
  const result = await sql<StatsRow>`
    SELECT table_name, row_count, checksum FROM sync_table_stats WHERE ${statsRowsOf(userId)}`.execute(db);
  return checksumReportOf(result.rows, state);
}

/** Counts and checksums for `userId` now, with the cursor they belong to. */
export async function currentChecksums(db: Kysely<Database>, { userId }: { userId: string }): Promise<ChecksumReport> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => readChecksumReport(trx, userId, await readSyncPosition(trx, userId)));
}
