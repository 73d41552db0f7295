// The queries a pull runs, planned by PostgreSQL on a catalog of about 12,000 rows with fresh
// statistics: every one is driven by a change_version index, none reads a whole table. The exact
// SQL the pull code sends is explained, not a hand-written look-alike.
import pg from 'pg';
import { sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availabilityRows,
  boundaryKeyQuery,
  comparisonRows,
  nextTransactionStartQuery,
  productRows,
  rateRows,
} from '../../server/sync/pull.js';
import { pushComparisons } from '../../server/sync/push.js';
import { readSyncState, syncStateQuery } from '../../server/sync/sync-state.js';
import {
  catalog,
  createUser,
  loadCatalogInTransactions,
  savedComparison,
  startSyncDatabase,
  type SyncTestDatabase,
} from '../support/sync-fixtures.js';

let env: SyncTestDatabase;
let client: pg.Client;
let rep: string;

beforeAll(async () => {
  env = await startSyncDatabase('sync_explain');
  rep = await createUser(env.owner);
  const other = await createUser(env.owner, 'other');
  const generated = catalog(1000, 10, 5);
  await loadCatalogInTransactions(env.owner, generated, 100);
  const productIds = generated.slice(0, 4).map((entry) => entry.product.productId);
  await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [savedComparison(productIds)] });
  // Many reps' saved comparisons (headers are enough for the plans): 5,000 rows, 100 per rep.
  const reps = [other];
  for (let i = 0; i < 48; i += 1) reps.push(await createUser(env.owner, 'many'));
  await sql`
    INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results, engine_version)
    SELECT gen_random_uuid(), (${reps}::uuid[])[1 + n % ${reps.length}], now(), 50000, 5, '2026-11-24', '{}', '{}', 'bulk'
    FROM generate_series(1, 5000) n`.execute(env.owner);
  // A recent publish: what a delta pull finds.
  await loadCatalogInTransactions(env.owner, catalog(5, 3, 6), 1);
  client = new pg.Client({ connectionString: env.database.url });
  await client.connect();
  await client.query('ANALYZE');
});

afterAll(async () => {
  await client?.end();
  await env?.close();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

async function plan(query: { compile(): CompiledQuery } | CompiledQuery): Promise<{ nodes: PlanNode[]; text: string }> {
  const compiled = 'compile' in query ? query.compile() : query;
  const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]);
  const root = result.rows[0]?.['QUERY PLAN'][0]?.Plan;
  if (!root) throw new Error('no plan');
  return { nodes: flatten(root), text: JSON.stringify(root) };
}

// For one rep's comparisons either index is a good plan: (user_id, change_version) when the rep
// has few rows in a long range, (change_version) filtered by user when the range is short.
const COMPARISON_INDEXES = ['product_comparisons_user_id_change_version_idx', 'product_comparisons_change_version_idx'];

/** No table read whole, and `table` read through one of `indexes`. */
function expectIndexDriven(nodes: PlanNode[], table: string, indexes: string | readonly string[]): void {
  const seqScans = nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']);
  expect(seqScans).toEqual([]);
  const used = nodes.filter((node) => node['Relation Name'] === table).map((node) => node['Index Name']);
  expect(used.length).toBeGreaterThan(0);
  for (const index of used) expect(typeof indexes === 'string' ? [indexes] : indexes).toContain(index);
}

describe('the plan of a pull', () => {
  it('reads the state (epoch, high water) with one index probe per table', async () => {
    const { nodes } = await plan(syncStateQuery(rep).compile(env.owner));
    const probes = nodes.filter((node) => node['Index Name']).map((node) => node['Index Name']).sort();
    expect(probes).toEqual([
      'product_availability_change_version_idx',
      'product_comparisons_user_id_change_version_idx',
      'products_change_version_idx',
      'rate_history_change_version_idx',
    ]);
    expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name'])).toEqual(['sync_epoch']);
  });

  it('finds the page boundary and the end of its transaction through the change_version indexes', async () => {
    const state = await readSyncState(env.owner, rep);
    const after = String(BigInt(state.highWater) - 20n);
    const boundary = (await boundaryKeyQuery(after, 10, rep).execute(env.owner)).rows[0];
    if (!boundary) throw new Error('expected a boundary 10 rows before the end');

    for (const query of [boundaryKeyQuery(after, 10, rep), boundaryKeyQuery('0', 1000, rep), nextTransactionStartQuery(boundary.version, boundary.tx, rep)]) {
      const { nodes } = await plan(query.compile(env.owner));
      expectIndexDriven(nodes, 'rate_history', 'rate_history_change_version_idx');
      expectIndexDriven(nodes, 'products', 'products_change_version_idx');
      expectIndexDriven(nodes, 'product_availability', 'product_availability_change_version_idx');
      expectIndexDriven(nodes, 'product_comparisons', COMPARISON_INDEXES);
    }
  });

  it('reads the rows of a delta by version range, with no Seq Scan on rate_history', async () => {
    const state = await readSyncState(env.owner, rep);
    const after = String(BigInt(state.highWater) - 20n);
    expectIndexDriven((await plan(rateRows(env.owner, after, state.highWater))).nodes, 'rate_history', 'rate_history_change_version_idx');
    expectIndexDriven((await plan(productRows(env.owner, after, state.highWater))).nodes, 'products', 'products_change_version_idx');
    expectIndexDriven((await plan(availabilityRows(env.owner, after, state.highWater))).nodes, 'product_availability', 'product_availability_change_version_idx');
    expectIndexDriven(
      (await plan(comparisonRows(env.owner, after, state.highWater, rep))).nodes,
      'product_comparisons',
      COMPARISON_INDEXES,
    );
    // The first page of a first pull, too (1000 of about 12,000 rows).
    const firstPage = (await boundaryKeyQuery('0', 1000, rep).execute(env.owner)).rows[0];
    expectIndexDriven((await plan(rateRows(env.owner, '0', firstPage?.version ?? '0'))).nodes, 'rate_history', 'rate_history_change_version_idx');
  });

  it('is the plan the catalog size calls for: the table really is big enough for a Seq Scan to tempt the planner', async () => {
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM rate_history`.execute(env.owner);
    expect(Number(count.rows[0]?.n)).toBeGreaterThanOrEqual(10_000);
    const { nodes } = await plan(sql`SELECT * FROM rate_history WHERE created_by <> ''`.compile(env.owner));
    expect(nodes.some((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'rate_history')).toBe(true);
  });
});
