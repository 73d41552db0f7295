// Shared by the sync integration tests: a migrated database per test file with the server's
// least-privileged login role, catalog writers, and an in-memory client copy that applies pull
// pages the way the desktop app does, plus the server's own row hashes to compare it with.
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import { createDatabase } from '../../server/db/database.js';
import { ensureLoginRole, migrateToLatest } from '../../server/db/migrate.js';
import type { Database } from '../../server/db/schema.js';
import { generateCatalog, type GeneratedProduct } from '../../server/seed/catalog-generator.js';
import { loadCatalog } from '../../server/seed/load-catalog.js';
import { pullChanges } from '../../server/sync/pull.js';
import { canonicalRowHash, checksumsOf, md5Hex } from '../../server/sync/row-hash.js';
import { comparisonHashes } from '../../src-shared/sync/checksum.js';
import { CATALOG_CANONICAL } from '../../src-shared/sync/checksum.js';
import {
  PullResponse,
  type SyncedAvailability,
  type SyncedCarrier,
  type SyncedComparison,
  type SyncedIndexLevel,
  type SyncedProduct,
  type SyncedRate,
  type SyncedStateApproval,
  type SyncedStrategy,
  type SyncedStrategyRate,
} from '../../src-shared/sync/protocol.js';
import { compareVersions } from '../../src-shared/sync/cursor.js';
import { adminUrl, createEmptyDatabase, type TestDatabase } from './database.js';

export interface SyncTestDatabase {
  database: TestDatabase;
  /** Superuser (the migrator): arranging rows, reading stats, operator actions. */
  owner: Kysely<Database>;
  /** A LOGIN role that is only a member of ratedesk_app, as the server connects. */
  app: Kysely<Database>;
  appUrl: string;
  close(): Promise<void>;
}

export async function startSyncDatabase(prefix: string, { poolSize = 10 }: { poolSize?: number } = {}): Promise<SyncTestDatabase> {
  const database = await createEmptyDatabase(prefix);
  await migrateToLatest(database.url);
  const role = `${database.name}_app`;
  const password = `pw-${database.name}`;
  await ensureLoginRole(adminUrl(), { role, password });
  const url = new URL(database.url);
  url.username = role;
  url.password = password;
  const appUrl = url.toString();
  // Idle connections are cut on purpose by copyDatabase; the pool replaces them.
  const quiet = { onIdleClientError: () => undefined };
  const owner = createDatabase({ connectionString: database.url, max: poolSize }, quiet);
  const app = createDatabase({ connectionString: appUrl, max: poolSize }, quiet);
  return {
    database,
    owner,
    app,
    appUrl,
    async close() {
      await app.destroy();
      await owner.destroy();
      await database.drop();
      const admin = createDatabase({ connectionString: adminUrl(), max: 1 });
      try {
        await sql`DROP ROLE IF EXISTS ${sql.id(role)}`.execute(admin);
      } finally {
        await admin.destroy();
      }
    },
  };
}

/**
 * A copy of the database as it is now (CREATE DATABASE ... TEMPLATE): a stand-in for a backup to
 * restore, or for a replica that stopped replaying at this point. The original's connections are
 * closed for the copy (PostgreSQL requires it); its pools reconnect on their next query.
 */
export async function copyDatabase(env: SyncTestDatabase, suffix: string): Promise<{ url: string; appUrl: string; drop(): Promise<void> }> {
  const name = `${env.database.name}_${suffix}`;
  const admin = createDatabase({ connectionString: adminUrl(), max: 1 });
  try {
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${env.database.name} AND pid <> pg_backend_pid()`.execute(admin);
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(env.database.name)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const withName = (url: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    url: withName(env.database.url),
    appUrl: withName(env.appUrl),
    async drop() {
      const dropper = createDatabase({ connectionString: adminUrl(), max: 1 });
      try {
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(dropper);
      } finally {
        await dropper.destroy();
      }
    },
  };
}

let userCounter = 0;

/** A user row (comparisons need an owner); returns users.user_id. */
export async function createUser(db: Kysely<Database>, label = 'rep'): Promise<string> {
  userCounter += 1;
  const tag = `${label}-${userCounter}-${Math.random().toString(36).slice(2, 8)}`;
  const row = await db
    .insertInto('users')
    .values({ oktaUserId: `00u-${tag}`, email: `${tag}@ratedesk.test` })
    .returning('userId')
    .executeTakeFirstOrThrow();
  return row.userId;
}

/** Loads a generated catalog in transactions of `productsPerTransaction` products each. */
export async function loadCatalogInTransactions(
  db: Kysely<Database>,
  catalog: Iterable<GeneratedProduct>,
  productsPerTransaction: number,
): Promise<number> {
  let chunk: GeneratedProduct[] = [];
  let transactions = 0;
  for (const entry of catalog) {
    chunk.push(entry);
    if (chunk.length === productsPerTransaction) {
      await loadCatalog(db, chunk);
      transactions += 1;
      chunk = [];
    }
  }
  if (chunk.length > 0) {
    await loadCatalog(db, chunk);
    transactions += 1;
  }
  return transactions;
}

export function catalog(products: number, rateRowsPerProduct = 4, seed = 7): GeneratedProduct[] {
  return [...generateCatalog({ seed, products, rateRowsPerProduct })];
}

// Comparisons to push live in saved-comparisons.ts; re-exported so sync tests import one module.
export { comparisonFromRows, unverifiedComparison, verifiedComparison, type ComparisonOptions } from './saved-comparisons.js';

export type Collection = keyof typeof CATALOG_CANONICAL | 'comparisons';

/** Issue 13's synced tables: the collection, the table, its key column. */
export const CATALOG_TERMS_TABLES = [
  ['carriers', 'carriers', 'carrier_id'],
  ['approvals', 'product_state_approvals', 'approval_id'],
  ['strategies', 'fia_strategies', 'strategy_id'],
  ['strategyRates', 'fia_strategy_rates', 'strategy_rate_id'],
  ['indexLevels', 'index_levels', 'index_level_id'],
] as const;
export type RowHashes = Record<Collection, Map<string, bigint>>;

export interface HashDifference {
  missing: number;
  extra: number;
  stale: number;
  rows: number;
}

/** The client copy: rows by primary key, replaced as pages arrive (as the desktop app applies them). */
export class Replica {
  readonly products = new Map<string, SyncedProduct>();
  readonly availability = new Map<string, SyncedAvailability>();
  readonly rates = new Map<string, SyncedRate>();
  readonly comparisons = new Map<string, SyncedComparison>();
  readonly carriers = new Map<string, SyncedCarrier>();
  readonly approvals = new Map<string, SyncedStateApproval>();
  readonly strategies = new Map<string, SyncedStrategy>();
  readonly strategyRates = new Map<string, SyncedStrategyRate>();
  readonly indexLevels = new Map<string, SyncedIndexLevel>();
  cursor: string | undefined;
  pages = 0;
  rowsReceived = 0;
  /** A row that arrived with a version lower than the copy already had: must never happen. */
  wentBack = 0;
  lastChecksums: PullResponse['checksums'];

  apply(page: PullResponse): void {
    const put = <T extends { changeVersion: string }>(map: Map<string, T>, key: string, row: T) => {
      const current = map.get(key);
      if (current && compareVersions(row.changeVersion, current.changeVersion) < 0) this.wentBack += 1;
      map.set(key, row);
      this.rowsReceived += 1;
    };
    for (const row of page.changes.products) put(this.products, row.productId, row);
    for (const row of page.changes.availability) put(this.availability, row.availabilityId, row);
    for (const row of page.changes.rates) put(this.rates, row.rateHistoryId, row);
    for (const row of page.changes.comparisons) put(this.comparisons, row.comparisonId, row);
    for (const row of page.changes.carriers) put(this.carriers, row.carrierId, row);
    for (const row of page.changes.approvals) put(this.approvals, row.approvalId, row);
    for (const row of page.changes.strategies) put(this.strategies, row.strategyId, row);
    for (const row of page.changes.strategyRates) put(this.strategyRates, row.strategyRateId, row);
    for (const row of page.changes.indexLevels) put(this.indexLevels, row.indexLevelId, row);
    this.cursor = page.cursor;
    this.pages += 1;
    if (!page.hasMore) this.lastChecksums = page.checksums;
  }

  /** Pulls until hasMore is false; every page is checked against the wire contract. */
  async catchUp(db: Kysely<Database>, userId: string, limit: number, onPage?: (page: PullResponse) => void | Promise<void>): Promise<PullResponse> {
    for (;;) {
      const page = await pullChanges(db, { cursor: this.cursor, limit, userId });
      PullResponse.parse(page);
      await onPage?.(page);
      this.apply(page);
      if (!page.hasMore) return page;
    }
  }

  checksums() {
    return checksumsOf({
      products: this.products.values(),
      availability: this.availability.values(),
      rates: this.rates.values(),
      comparisons: this.comparisons.values(),
      carriers: this.carriers.values(),
      approvals: this.approvals.values(),
      strategies: this.strategies.values(),
      strategyRates: this.strategyRates.values(),
      indexLevels: this.indexLevels.values(),
    });
  }

  /** Hash of every row, computed in TypeScript from the wire rows. */
  rowHashes(): RowHashes {
    const hashMap = <T>(map: Map<string, T>, canonical: (row: T) => string) =>
      new Map([...map].map(([key, row]) => [key, BigInt.asUintN(64, canonicalRowHash(canonical(row)))]));
    return {
      products: hashMap(this.products, CATALOG_CANONICAL.products),
      availability: hashMap(this.availability, CATALOG_CANONICAL.availability),
      rates: hashMap(this.rates, CATALOG_CANONICAL.rates),
      carriers: hashMap(this.carriers, CATALOG_CANONICAL.carriers),
      approvals: hashMap(this.approvals, CATALOG_CANONICAL.approvals),
      strategies: hashMap(this.strategies, CATALOG_CANONICAL.strategies),
      strategyRates: hashMap(this.strategyRates, CATALOG_CANONICAL.strategyRates),
      indexLevels: hashMap(this.indexLevels, CATALOG_CANONICAL.indexLevels),
      comparisons: new Map(
        [...this.comparisons].map(([key, comparison]) => {
          const { row, items } = comparisonHashes(comparison, md5Hex);
          return [key, BigInt.asUintN(64, items.reduce((sum, hash) => sum + hash, row))];
        }),
      ),
    };
  }
}

/** Hash of every row as PostgreSQL computes it (row_hash_<table>), independent of the pull code. */
export async function serverRowHashes(db: Kysely<Database>, userId: string): Promise<RowHashes> {
  const modulus = '18446744073709551616';
  const read = async (query: ReturnType<typeof sql<{ id: string; hash: string }>>) =>
    new Map((await query.execute(db)).rows.map((row) => [row.id, BigInt(row.hash)]));
  return {
    products: await read(sql`SELECT product_id AS id, mod(row_hash_products(p) + ${sql.raw(modulus)}, ${sql.raw(modulus)}) AS hash FROM products p`),
    availability: await read(
      sql`SELECT availability_id AS id, mod(row_hash_product_availability(a) + ${sql.raw(modulus)}, ${sql.raw(modulus)}) AS hash FROM product_availability a`,
    ),
    rates: await read(sql`SELECT rate_history_id AS id, mod(row_hash_rate_history(r) + ${sql.raw(modulus)}, ${sql.raw(modulus)}) AS hash FROM rate_history r`),
    ...(Object.fromEntries(
      await Promise.all(
        CATALOG_TERMS_TABLES.map(async ([collection, table, key]) => [
          collection,
          await read(sql`SELECT ${sql.id(key)} AS id, mod(${sql.raw(`row_hash_${table}`)}(r) + ${sql.raw(modulus)}, ${sql.raw(modulus)}) AS hash FROM ${sql.table(table)} r`),
        ]),
      ),
    ) as Record<(typeof CATALOG_TERMS_TABLES)[number][0], Map<string, bigint>>),
    comparisons: await read(sql`
      SELECT c.comparison_id AS id,
             mod(mod(row_hash_product_comparisons(c)::numeric
                     + coalesce((SELECT sum(row_hash_product_comparison_items(i)) FROM product_comparison_items i
                                 WHERE i.comparison_id = c.comparison_id), 0), ${sql.raw(modulus)}) + ${sql.raw(modulus)}, ${sql.raw(modulus)}) AS hash
      FROM product_comparisons c WHERE c.user_id = ${userId}`),
  };
}

/** Rows of `server` that `copy` lacks (missing) or holds with another value (stale), and rows only `copy` has (extra). */
export function countDifferences<V>(server: ReadonlyMap<string, V>, copy: ReadonlyMap<string, V>): { missing: number; stale: number; extra: number } {
  let missing = 0;
  let stale = 0;
  for (const [key, value] of server) {
    const copied = copy.get(key);
    if (copied === undefined) missing += 1;
    else if (copied !== value) stale += 1;
  }
  const extra = [...copy.keys()].filter((key) => !server.has(key)).length;
  return { missing, stale, extra };
}

export function compareHashes(server: RowHashes, replica: RowHashes): Record<Collection, HashDifference> {
  const diff = (a: Map<string, bigint>, b: Map<string, bigint>): HashDifference => ({ ...countDifferences(a, b), rows: a.size });
  const collections = Object.keys(server) as Collection[];
  return Object.fromEntries(collections.map((collection) => [collection, diff(server[collection], replica[collection])])) as Record<Collection, HashDifference>;
}

/** Row-by-row and checksum equality of a caught-up copy with the server; returns the rows checked. */
export async function expectReplicaEqualsServer(db: Kysely<Database>, userId: string, replica: Replica): Promise<number> {
  const differences = compareHashes(await serverRowHashes(db, userId), replica.rowHashes());
  for (const difference of Object.values(differences)) {
    expect({ missing: difference.missing, extra: difference.extra, stale: difference.stale }).toEqual({ missing: 0, extra: 0, stale: 0 });
  }
  expect(replica.lastChecksums?.tables).toEqual(replica.checksums());
  expect(replica.wentBack).toBe(0);
  return Object.values(differences).reduce((sum, difference) => sum + difference.rows, 0);
}

export interface StatsRow {
  tableName: string;
  scope: string;
  rowCount: string;
  checksum: string;
}

export async function storedStats(db: Kysely<Database>): Promise<StatsRow[]> {
  return (await sql<StatsRow>`SELECT table_name, scope, row_count, checksum FROM sync_table_stats ORDER BY table_name, scope`.execute(db)).rows;
}

/** The stats recomputed from every row, the way nothing in production ever has to. */
export async function recomputedStats(db: Kysely<Database>): Promise<StatsRow[]> {
  const m = sql.raw('18446744073709551616');
  return (
    await sql<StatsRow>`
      SELECT table_name, scope, row_count::bigint, checksum FROM (
        SELECT 'products' AS table_name, '' AS scope, count(*) AS row_count,
               mod(mod(coalesce(sum(row_hash_products(r)), 0), ${m}) + ${m}, ${m}) AS checksum FROM products r
        UNION ALL
        SELECT 'product_availability', '', count(*),
               mod(mod(coalesce(sum(row_hash_product_availability(r)), 0), ${m}) + ${m}, ${m}) FROM product_availability r
        UNION ALL
        SELECT 'rate_history', '', count(*),
               mod(mod(coalesce(sum(row_hash_rate_history(r)), 0), ${m}) + ${m}, ${m}) FROM rate_history r
        UNION ALL
        ${sql.join(
          CATALOG_TERMS_TABLES.map(
            ([, table]) => sql`SELECT ${sql.lit(table)}, '', count(*),
               mod(mod(coalesce(sum(${sql.raw(`row_hash_${table}`)}(r)), 0), ${m}) + ${m}, ${m}) FROM ${sql.table(table)} r
        UNION ALL`,
          ),
          sql` `,
        )}
        SELECT 'product_comparisons', scope, sum(counted), mod(mod(sum(hash), ${m}) + ${m}, ${m}) FROM (
          SELECT c.user_id::text AS scope, 1 AS counted, row_hash_product_comparisons(c) AS hash FROM product_comparisons c
          UNION ALL
          SELECT c.user_id::text, 0, row_hash_product_comparison_items(i)
          FROM product_comparison_items i JOIN product_comparisons c USING (comparison_id)
        ) x GROUP BY scope
      ) s
      ORDER BY table_name, scope`.execute(db)
  ).rows;
}
