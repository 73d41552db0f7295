// The statement a pull runs, planned by PostgreSQL on a catalog of about 12,000 rows with fresh
// statistics: every synced table in it is read through a change_version index, none is read whole.
// The exact SQL the pull code sends is explained, not a hand-written look-alike.
import pg from 'pg';
import { sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullStatement } from '../../../../server/sync/pull.js';
import { pushComparisons } from '../../../../server/sync/push.js';
import { readSyncPosition, syncPositionQuery } from '../../../../server/sync/sync-position.js';
import {
  catalog,
  createUser,
  loadCatalogInTransactions,
  comparisonFromRows,
  startSyncDatabase,
  type SyncTestDatabase,
} from '../../../support/sync-fixtures.js';

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
  await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [comparisonFromRows(generated.slice(0, 4))] });
  // Many reps' saved comparisons (headers are enough for the plans): 5,000 rows, 100 per rep.
  const reps = [other];
  for (let i = 0; i < 48; i += 1) reps.push(await createUser(env.owner, 'many'));
  await sql`
    INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results, engine_version)
    SELECT gen_random_uuid(), (${reps}::uuid[])[1 + n % ${reps.length}], now(), 50000, 5, '2026-11-24', '{}', '{}', 'bulk'
    FROM generate_series(1, 5000) n`.execute(env.owner);
  // With an item each, so the items of a page's comparisons are worth an index probe.
  await sql`
    INSERT INTO product_comparison_items (comparison_id, position, product_id, base_rate, bonus_rate, product_snapshot)
    SELECT comparison_id, 1, ${productIds[0]}, 4.5, 0, '{}' FROM product_comparisons WHERE engine_version = 'bulk'`.execute(env.owner);
  // A recent publish: what a delta pull finds.
  await loadCatalogInTransactions(env.owner, catalog(5, 3, 6), 1);
  client = new pg.Client({ connectionString: env.database.url });
  await client.connect();
  await client.query('ANALYZE');
  // Issue 13's records that stay a few pages in any catalog (a carrier per issuer, one index's
  // year-end levels): reading such a table whole costs what one index probe does.
  const small = await client.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relkind = 'r' AND relpages <= 4 AND relname = ANY($1::text[])`,
    [TERMS_TABLES.map(([table]) => table)],
  );
  SMALL_TABLES.push(...small.rows.map((row) => row.relname));
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

/** The plan PostgreSQL makes for `query` as a prepared statement without looking at its values. */
async function genericPlan(query: CompiledQuery): Promise<{ nodes: PlanNode[]; text: string }> {
  await client.query('SET plan_cache_mode = force_generic_plan');
  await client.query(`PREPARE generic_pull AS ${query.sql}`);
  try {
    const values = query.parameters.map((value) => (value === null ? 'NULL' : client.escapeLiteral(String(value))));
    const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) EXECUTE generic_pull(${values.join(', ')})`);
    const root = result.rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (!root) throw new Error('no plan');
    return { nodes: flatten(root), text: JSON.stringify(root) };
  } finally {
    await client.query('DEALLOCATE generic_pull');
    await client.query('RESET plan_cache_mode');
  }
}

// For one rep's comparisons any index that starts at the rep's own rows is a good plan:
// (user_id, change_version) when the rep has few rows in a long range, (change_version) filtered by
// user when the range is short, and (user_id, comparison_date) when the rep has a row or two.
const COMPARISON_INDEXES = [
  'product_comparisons_user_id_change_version_idx',
  'product_comparisons_change_version_idx',
  'product_comparisons_user_id_comparison_date_idx',
];

// sync_epoch and sync_policy (the offline policy the pull reads with its page) have one row;
// sync_table_stats a few here (one per table and rep: its primary key (table_name, scope) serves it
// once it is big enough to be worth an index).
const SINGLE_PAGE_TABLES = ['sync_epoch', 'sync_policy', 'sync_table_stats'];
const SMALL_TABLES: string[] = [];

/** Issue 13's synced tables and their change_version indexes. */
const TERMS_TABLES = [
  ['carriers', 'carriers_change_version_idx'],
  ['product_state_approvals', 'product_state_approvals_change_version_idx'],
  ['fia_strategies', 'fia_strategies_change_version_idx'],
  ['fia_strategy_rates', 'fia_strategy_rates_change_version_idx'],
  ['index_levels', 'index_levels_change_version_idx'],
] as const;

/** No table read whole (but the one-page bookkeeping tables), and `table` read through one of `indexes`. */
function expectIndexDriven(nodes: PlanNode[], table: string, indexes: string | readonly string[]): void {
  const seqScans = nodes
    .filter((node) => node['Node Type'] === 'Seq Scan' && ![...SINGLE_PAGE_TABLES, ...SMALL_TABLES].includes(node['Relation Name'] ?? ''))
    .map((node) => node['Relation Name']);
  expect(seqScans).toEqual([]);
  const used = nodes.filter((node) => node['Relation Name'] === table).map((node) => node['Index Name']);
  expect(used.length).toBeGreaterThan(0);
  for (const index of used) expect(typeof indexes === 'string' ? [indexes] : indexes).toContain(index);
}

describe('the plan of a pull', () => {
  it('reads the state (epoch, high water) with one index probe per table', async () => {
    const { nodes } = await plan(syncPositionQuery(rep).compile(env.owner));
    const probes = nodes.filter((node) => node['Index Name']).map((node) => node['Index Name'] ?? '').sort();
    const seqScans = nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name'] ?? '');
    const termsIndexes: string[] = TERMS_TABLES.map(([, index]) => index);
    expect(probes.filter((index) => !termsIndexes.includes(index))).toEqual([
      'product_availability_change_version_idx',
      'product_comparisons_user_id_change_version_idx',
      'products_change_version_idx',
      'rate_history_change_version_idx',
    ]);
    // Issue 13's tables: an index probe each, or a read of a table of a few pages.
    for (const [table, index] of TERMS_TABLES) {
      expect({ table, read: probes.includes(index) || (SMALL_TABLES.includes(table) && seqScans.includes(table)) }).toEqual({ table, read: true });
    }
    expect(seqScans.filter((table) => !SMALL_TABLES.includes(table))).toEqual(['sync_epoch']);
  });

  it('plans the whole pull (boundary, end of its transaction, rows, checksums) through the change_version indexes', async () => {
    const state = await readSyncPosition(env.owner, rep);
    const delta = String(BigInt(state.highWater) - 20n);
    // A delta with a boundary inside it, the first page of a first pull (1000 of about 17,000
    // rows), and a delta to the end of the history.
    for (const [after, limit] of [[delta, 10], ['0', 1000], [delta, 1000]] as const) {
      const compiled = pullStatement(after, state.epoch, limit, rep).compile(env.owner);
      // The pull is a prepared statement: after five runs PostgreSQL may keep a generic plan, made
      // without the values, so that plan must be index-driven too.
      for (const { nodes } of [await plan(compiled), await genericPlan(compiled)]) {
        expectIndexDriven(nodes, 'rate_history', 'rate_history_change_version_idx');
        expectIndexDriven(nodes, 'products', 'products_change_version_idx');
        expectIndexDriven(nodes, 'product_availability', 'product_availability_change_version_idx');
        expectIndexDriven(nodes, 'product_comparisons', COMPARISON_INDEXES);
        for (const [table, index] of TERMS_TABLES) {
          if (!SMALL_TABLES.includes(table)) expectIndexDriven(nodes, table, index);
        }
      }
    }
  });

  it('reads the big issue 13 tables through their indexes too: only the few-page ones may be read whole', () => {
    expect(SMALL_TABLES).not.toContain('product_state_approvals');
    expect(SMALL_TABLES).not.toContain('fia_strategy_rates');
  });

  it('is the plan the catalog size calls for: the table really is big enough for a Seq Scan to tempt the planner', async () => {
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM rate_history`.execute(env.owner);
    expect(Number(count.rows[0]?.n)).toBeGreaterThanOrEqual(10_000);
    const { nodes } = await plan(sql`SELECT * FROM rate_history WHERE created_by <> ''`.compile(env.owner));
    expect(nodes.some((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'rate_history')).toBe(true);
  });
});
