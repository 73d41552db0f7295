// Pull against a real PostgreSQL, as the server's least-privileged role: a first pull pages through
// a whole catalog and reproduces it exactly, deltas carry exactly what changed (tombstones included),
// a page never splits a transaction, and one rep's comparisons never reach another.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src-shared/errors.js';
import { pullChanges } from '../../../../server/sync/pull.js';
import { pushComparisons } from '../../../../server/sync/push.js';
import { parseCursor } from '../../../../src-shared/sync/cursor.js';
import type { PullResponse } from '../../../../src-shared/sync/protocol.js';
import {
  CATALOG_TERMS_TABLES,
  catalog,
  createUser,
  expectReplicaEqualsServer,
  loadCatalogInTransactions,
  Replica,
  comparisonFromRows,
  startSyncDatabase,
  type SyncTestDatabase,
} from '../../../support/sync-fixtures.js';

let env: SyncTestDatabase;
let rep: string;
const generated = catalog(300, 4);
let transactions = 0;

beforeAll(async () => {
  env = await startSyncDatabase('sync_pull');
  rep = await createUser(env.owner);
  // Five products per transaction: 60 publishes of about 30 rows, so pages have boundaries to respect.
  transactions = await loadCatalogInTransactions(env.owner, generated, 5);
});

afterAll(async () => {
  await env?.close();
});

/** Every catalog table: the page's collection, the table, its key column. */
const CATALOG_TABLES = [
  ['products', 'products', 'product_id'],
  ['availability', 'product_availability', 'availability_id'],
  ['rates', 'rate_history', 'rate_history_id'],
  ...CATALOG_TERMS_TABLES,
] as const;

/** The ids of a page's rows of `collection` (the key column in camelCase is the wire's id field). */
function pageIds(page: PullResponse, collection: (typeof CATALOG_TABLES)[number][0], key: string): string[] {
  const field = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const rows: ReadonlyArray<Readonly<Record<string, unknown>>> = page.changes[collection];
  return rows.map((row) => String(row[field]));
}

/** Every row of the page, with the transaction that wrote it, read back from the server. */
async function transactionsOf(page: PullResponse): Promise<Map<string, number>> {
  const selects = CATALOG_TABLES.map(
    ([collection, table, key]) => sql`SELECT change_tx AS tx FROM ${sql.table(table)} WHERE ${sql.ref(key)} = ANY(${pageIds(page, collection, key)}::uuid[])`,
  );
  const rows = await sql<{ tx: string }>`${sql.join(selects, sql` UNION ALL `)}`.execute(env.owner);
  const counts = new Map<string, number>();
  for (const { tx } of rows.rows) counts.set(tx, (counts.get(tx) ?? 0) + 1);
  return counts;
}

/** The catalog rows (change_tx of each) of every synced catalog table. */
const allCatalogRows = () => sql.join(CATALOG_TABLES.map(([, table]) => sql`SELECT change_tx AS tx FROM ${sql.table(table)}`), sql` UNION ALL `);

/** How many catalog rows each of `txs` wrote, as the server holds them now. */
async function rowsWrittenBy(txs: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql<{ tx: string; n: string }>`
    SELECT tx, count(*) AS n FROM (${allCatalogRows()}) t WHERE tx = ANY(${txs}::bigint[]) GROUP BY tx`.execute(env.owner);
  return new Map(rows.rows.map((row) => [row.tx, Number(row.n)]));
}

async function expectWholeTransactions(page: PullResponse): Promise<void> {
  const inPage = await transactionsOf(page);
  const written = await rowsWrittenBy([...inPage.keys()]);
  for (const [tx, count] of inPage) expect({ tx, rows: count }).toEqual({ tx, rows: written.get(tx) });
}

describe('first pull', () => {
  it('pages through the whole catalog in version order, whole transactions per page, and ends with the exact server state', async () => {
    const replica = new Replica();
    const limit = 40;
    const sizes: number[] = [];
    let previousCursorVersion = -1n;
    await replica.catchUp(env.app, rep, limit, async (page) => {
      const rows = CATALOG_TABLES.reduce((sum, [collection]) => sum + page.changes[collection].length, 0);
      sizes.push(rows);
      await expectWholeTransactions(page);
      const cursor = parseCursor(page.cursor);
      if (cursor.kind !== 'current') throw new Error(`unexpected cursor ${page.cursor}`);
      expect(BigInt(cursor.version)).toBeGreaterThan(previousCursorVersion);
      previousCursorVersion = BigInt(cursor.version);
      expect(page.checksums === undefined).toBe(page.hasMore);
    });

    // Every catalog row once (issue 13's records included), and the biggest publish.
    const counted = await sql<{ rows: string; biggest: string }>`
      SELECT sum(n) AS rows, max(n) AS biggest FROM (SELECT count(*) AS n FROM (${allCatalogRows()}) t GROUP BY tx) x`.execute(env.owner);
    const expectedRows = Number(counted.rows[0]?.rows);
    const biggest = Number(counted.rows[0]?.biggest);
    expect(replica.products.size).toBe(300);
    expect(replica.approvals.size).toBeGreaterThan(300);
    expect(replica.rowsReceived).toBe(expectedRows);
    // Pages were cut: many of them, each at least `limit` rows except the last, and none bigger
    // than the limit plus the rest of one publish.
    expect(replica.pages).toBeGreaterThan(expectedRows / (limit + biggest));
    expect(sizes.slice(0, -1).every((size) => size >= limit && size < limit + biggest)).toBe(true);
    expect(transactions).toBe(60);
    expect(await expectReplicaEqualsServer(env.owner, rep, replica)).toBe(expectedRows);
  });

  it('returns an empty last page with the same cursor when nothing changed', async () => {
    const replica = new Replica();
    const last = await replica.catchUp(env.app, rep, 5000);
    const again = await pullChanges(env.app, { cursor: last.cursor, userId: rep });
    expect(again.hasMore).toBe(false);
    expect(again.cursor).toBe(last.cursor);
    expect(again.changes).toEqual({
      products: [],
      availability: [],
      rates: [],
      comparisons: [],
      carriers: [],
      approvals: [],
      strategies: [],
      strategyRates: [],
      indexLevels: [],
    });
    expect(again.checksums).toEqual(last.checksums);
  });
});

describe('delta pulls', () => {
  it('carry exactly the inserted, updated and deactivated rows; tombstones arrive as isActive false', async () => {
    const replica = new Replica();
    await replica.catchUp(env.app, rep, 1000);
    const before = replica.rowsReceived;

    const [first, second, third] = generated;
    if (!first || !second || !third) throw new Error('catalog too small');
    const fresh = catalog(1, 2, 991);
    await loadCatalogInTransactions(env.owner, fresh, 1);
    await env.owner.updateTable('products').set({ baseRate: '5.1250', updatedBy: 'admin@ratedesk.test' }).where('productId', '=', first.product.productId).execute();
    await env.owner.updateTable('products').set({ isActive: false, updatedBy: 'admin@ratedesk.test' }).where('productId', '=', second.product.productId).execute();
    const retracted = third.rates[0]?.rateHistoryId ?? '';
    await env.owner.updateTable('rateHistory').set({ isActive: false }).where('rateHistoryId', '=', retracted).execute();

    const delta = await replica.catchUp(env.app, rep, 1000);
    const freshEntry = fresh[0];
    if (!freshEntry) throw new Error('no fresh product');
    // The fresh product's publish (its windows, rates and issue 13 records), two products, one rate.
    const publish = await sql<{ n: string }>`
      SELECT count(*) AS n FROM (${allCatalogRows()}) t
      WHERE tx = (SELECT change_tx FROM products WHERE product_id = ${freshEntry.product.productId})`.execute(env.owner);
    expect(Number(publish.rows[0]?.n)).toBeGreaterThan(1 + freshEntry.availability.length + 2);
    expect(replica.rowsReceived - before).toBe(Number(publish.rows[0]?.n) + 2 + 1);
    expect(delta.changes.products.map((row) => row.productId).sort()).toEqual(
      [freshEntry.product.productId, first.product.productId, second.product.productId].sort(),
    );
    expect(replica.products.get(first.product.productId)?.baseRate).toBe('5.1250');
    expect(replica.products.get(second.product.productId)?.isActive).toBe(false);
    expect(replica.rates.get(retracted)?.isActive).toBe(false);
    await expectReplicaEqualsServer(env.owner, rep, replica);
  });

  it('delivers a publish of 50 rows in one page even with a limit of 10', async () => {
    const replica = new Replica();
    await replica.catchUp(env.app, rep, 5000);

    // Small publishes (about 5 rows each) before and after the big one.
    await loadCatalogInTransactions(env.owner, catalog(6, 2, 501), 1);
    const products = generated.slice(10, 60).map((entry) => entry.product.productId);
    await env.owner.updateTable('products').set({ bonusRate: '1.0000', bonusYears: 1, updatedBy: 'admin@ratedesk.test' }).where('productId', 'in', products).execute();
    await loadCatalogInTransactions(env.owner, catalog(6, 2, 502), 1);

    const pages: PullResponse[] = [];
    await replica.catchUp(env.app, rep, 10, async (page) => {
      pages.push(page);
      await expectWholeTransactions(page);
    });
    const withPublish = pages.flatMap((page, index) => (page.changes.products.some((row) => products.includes(row.productId)) ? [index] : []));
    expect(withPublish).toHaveLength(1);
    const publishPage = withPublish[0] ?? -1;
    expect(pages[publishPage]?.changes.products.filter((row) => products.includes(row.productId))).toHaveLength(50);
    // The publish was cut into the middle of the stream, not handed a page of its own by luck.
    expect(publishPage).toBeGreaterThan(0);
    expect(publishPage).toBeLessThan(pages.length - 1);
    await expectReplicaEqualsServer(env.owner, rep, replica);
  });
});

describe('comparisons', () => {
  it("reach only their owner, with their items, and another rep's pushes do not move the cursor", async () => {
    const alice = await createUser(env.owner, 'alice');
    const bob = await createUser(env.owner, 'bob');
    const productIds = generated.slice(0, 3).map((entry) => entry.product.productId);
    const aliceReplica = new Replica();
    const bobReplica = new Replica();
    await aliceReplica.catchUp(env.app, alice, 5000);
    const bobFirst = await bobReplica.catchUp(env.app, bob, 5000);

    const mine = comparisonFromRows(generated.slice(0, 3));
    await pushComparisons(env.app, { userId: alice, sessionId: null, comparisons: [mine] });

    const bobAgain = await pullChanges(env.app, { cursor: bobReplica.cursor, userId: bob });
    expect(bobAgain.changes.comparisons).toEqual([]);
    expect(bobAgain.cursor).toBe(bobFirst.cursor);
    expect(bobAgain.checksums?.tables.comparisons).toEqual({ count: 0, checksum: '0' });

    await aliceReplica.catchUp(env.app, alice, 5000);
    const stored = aliceReplica.comparisons.get(mine.comparisonId);
    expect(stored?.items.map((item) => item.productId)).toEqual(productIds);
    expect(stored).toMatchObject({ clientReference: 'Smith household', investmentAmount: '100000.00', inputs: mine.inputs, results: mine.results });
    expect(aliceReplica.lastChecksums?.tables.comparisons.count).toBe(1);
    await expectReplicaEqualsServer(env.owner, alice, aliceReplica);
    await expectReplicaEqualsServer(env.owner, bob, bobReplica);

    // A first pull of another rep's laptop never sees them either.
    const bobFresh = new Replica();
    await bobFresh.catchUp(env.app, bob, 50);
    expect(bobFresh.comparisons.size).toBe(0);
  });
});

describe('bad requests', () => {
  it('name the field and the reason', async () => {
    const issues = async (args: Parameters<typeof pullChanges>[1]) => {
      const error = await pullChanges(env.app, args).catch((caught: unknown) => caught);
      if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
      return error.issues;
    };
    expect(await issues({ userId: rep, limit: 0 })).toEqual([{ path: 'limit', message: 'must be a whole number between 1 and 5000' }]);
    expect(await issues({ userId: rep, limit: 5001 })).toEqual([{ path: 'limit', message: 'must be a whole number between 1 and 5000' }]);
    expect((await issues({ userId: rep, cursor: 'page-2' }))[0]?.path).toBe('cursor');
  });
});
