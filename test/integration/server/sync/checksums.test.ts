// The verification half of sync: the trigger-maintained stats always equal a full recomputation,
// the TypeScript canonical text and hash equal PostgreSQL's for every row (awkward values included),
// a damaged client copy is caught, and the application role cannot touch the stats.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentChecksums } from '../../../../server/sync/checksums.js';
import { pushComparisons } from '../../../../server/sync/push.js';
import { canonicalRowHash, checksumsOf } from '../../../../server/sync/row-hash.js';
import {
  canonicalAvailability,
  canonicalComparison,
  canonicalComparisonItem,
  canonicalProduct,
  canonicalRate,
} from '../../../../src-shared/sync/row-canonical.js';
import {
  catalog,
  createUser,
  expectReplicaEqualsServer,
  loadCatalogInTransactions,
  recomputedStats,
  Replica,
  comparisonFromRows,
  startSyncDatabase,
  storedStats,
  type SyncTestDatabase,
} from '../../../support/sync-fixtures.js';

let env: SyncTestDatabase;
let rep: string;
const generated = catalog(120, 5, 11);
const productIds = generated.map((entry) => entry.product.productId);

beforeAll(async () => {
  env = await startSyncDatabase('sync_checksums');
  rep = await createUser(env.owner);
  await loadCatalogInTransactions(env.owner, generated, 40);
});

afterAll(async () => {
  await env?.close();
});

function pgCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

describe('stats maintained by the triggers', () => {
  it('equal a full recomputation after every kind of statement', async () => {
    const check = async () => expect(await storedStats(env.owner)).toEqual(await recomputedStats(env.owner));
    await check();

    // Many rows in one UPDATE, as the application role.
    await env.app.updateTable('rateHistory').set({ createdBy: 'corrections@ratedesk.test' }).where('productId', 'in', productIds.slice(0, 30)).execute();
    await check();
    // A statement that touches nothing.
    await env.app.updateTable('products').set({ description: 'x' }).where('productId', '=', '00000000-0000-4000-8000-000000000000').execute();
    await check();
    // INSERT ... ON CONFLICT DO UPDATE: both an insert and an update in one statement.
    const [existing, fresh] = [generated[0]?.product, catalog(1, 1, 4242)[0]?.product];
    if (!existing || !fresh) throw new Error('no products');
    const upsert = (p: typeof existing, description: string) =>
      sql`(${p.productId}::uuid, ${p.cusip}, ${p.productName}, ${p.productType}, ${p.issuerName}, ${description}, ${p.minimumInvestment}::numeric,
           ${p.baseRate}::numeric, ${p.termYears}::smallint, ${p.guaranteedMinimumRate}::numeric, ${p.compounding}, 'admin', 'admin')`;
    await sql`
      INSERT INTO products (product_id, cusip, product_name, product_type, issuer_name, description, minimum_investment,
                            base_rate, term_years, guaranteed_minimum_rate, compounding, created_by, updated_by)
      VALUES ${upsert(existing, 'upserted')}, ${upsert(fresh, 'new')}
      ON CONFLICT (product_id) DO UPDATE SET description = excluded.description`.execute(env.app);
    await check();
    // A statement that fails half-way and a transaction that rolls back leave the stats as they were.
    const before = await storedStats(env.owner);
    await expect(
      env.app.updateTable('rateHistory').set({ baseRate: sql`CASE WHEN product_id = ${productIds[5]} THEN 99 ELSE base_rate END` }).execute(),
    ).rejects.toThrow(/rate_history_base_rate_range/);
    await env.app
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('products').set({ isActive: false }).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await storedStats(env.owner)).toEqual(before);
    // Comparisons and their items, for two users.
    const other = await createUser(env.owner, 'other');
    await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [comparisonFromRows(generated.slice(0, 4)), comparisonFromRows(generated.slice(4, 5))] });
    await pushComparisons(env.app, { userId: other, sessionId: null, comparisons: [comparisonFromRows(generated.slice(0, 2))] });
    await check();
    // An operator deleting rows (the application cannot).
    const doomed = generated[100]?.rates[0]?.rateHistoryId ?? '';
    await env.owner.deleteFrom('rateHistory').where('rateHistoryId', '=', doomed).execute();
    await check();
  });

  it('cannot be written, rebuilt or reset by the application role', async () => {
    const refused = async (statement: ReturnType<typeof sql>) => pgCode(await statement.execute(env.app).catch((error: unknown) => error));
    expect(await refused(sql`UPDATE sync_table_stats SET row_count = 0`)).toBe('42501');
    expect(await refused(sql`INSERT INTO sync_table_stats VALUES ('products', 'x', 1, 1)`)).toBe('42501');
    expect(await refused(sql`SELECT recompute_sync_table_stats()`)).toBe('42501');
    expect(await refused(sql`SELECT rotate_sync_epoch()`)).toBe('42501');
    expect(await refused(sql`UPDATE sync_epoch SET epoch = gen_random_uuid()`)).toBe('42501');
    // Reading them is what the server does.
    const report = await currentChecksums(env.app, { userId: rep });
    expect(report.tables.products.count).toBeGreaterThan(0);
  });
});

describe('the canonical form', () => {
  it('is the same text in TypeScript and PostgreSQL, for every row and for awkward values', async () => {
    const awkward = catalog(20, 2, 777).find((entry) => entry.product.productType !== 'CD');
    if (!awkward) throw new Error('no annuity');
    // Issue 13's terms (migration 20261204000700): a negative floor and awkward index text.
    Object.assign(awkward.product, {
      minimumIssueAge: 0,
      maximumIssueAge: 120,
      mvaApplies: true,
      mvaSpread: '0.2500',
      mvaReferenceIndex: 'Moody\'s \\ Baa\u001fyield',
      mvaFactorFloor: '-7.5000',
      mvaFactorCap: '0.0000',
    });
    awkward.product.description = 'Back\\slash, unit\u001fseparator, \\N, tab\tnew\nline, émoji 📈, "quotes"';
    awkward.product.termsAndConditions = null;
    awkward.product.maximumInvestment = null;
    awkward.product.surrenderSchedule = [];
    awkward.product.productName = '\\N';
    await loadCatalogInTransactions(env.owner, [awkward], 1);
    await pushComparisons(env.app, {
      userId: rep,
      sessionId: null,
      comparisons: [
        comparisonFromRows([awkward], { clientReference: 'O\'Brien \\ "Ltd" \u001f' }),
        // A historical view adds its mark to the canonical text (migration 20261203100100).
        comparisonFromRows([awkward], { historical: true, asOfDate: '2026-01-15' }),
      ],
    });

    const replica = new Replica();
    await replica.catchUp(env.app, rep, 5000);
    const texts = async (query: ReturnType<typeof sql<{ id: string; text: string }>>) =>
      new Map((await query.execute(env.owner)).rows.map((row) => [row.id, row.text]));
    const server = {
      products: await texts(sql`SELECT product_id AS id, sync_canonical_products(p) AS text FROM products p`),
      availability: await texts(sql`SELECT availability_id AS id, sync_canonical_product_availability(a) AS text FROM product_availability a`),
      rates: await texts(sql`SELECT rate_history_id AS id, sync_canonical_rate_history(r) AS text FROM rate_history r`),
      comparisons: await texts(sql`SELECT comparison_id AS id, sync_canonical_product_comparisons(c) AS text FROM product_comparisons c WHERE user_id = ${rep}`),
      items: await texts(sql`
        SELECT i.comparison_id || '/' || i.position AS id, sync_canonical_product_comparison_items(i) AS text
        FROM product_comparison_items i JOIN product_comparisons c USING (comparison_id) WHERE c.user_id = ${rep}`),
    };
    const client = {
      products: new Map([...replica.products].map(([id, row]) => [id, canonicalProduct(row)])),
      availability: new Map([...replica.availability].map(([id, row]) => [id, canonicalAvailability(row)])),
      rates: new Map([...replica.rates].map(([id, row]) => [id, canonicalRate(row)])),
      comparisons: new Map([...replica.comparisons].map(([id, row]) => [id, canonicalComparison(row)])),
      items: new Map([...replica.comparisons].flatMap(([id, row]) => row.items.map((item) => [`${id}/${item.position}`, canonicalComparisonItem(id, item)] as const))),
    };
    expect(client).toEqual(server);
    expect(client.products.get(awkward.product.productId)).toContain('Back\\\\slash, unit\\sseparator, \\\\N');
    expect(client.products.get(awkward.product.productId)).toContain(['0', '120', 't', '0.2500', "Moody's \\\\ Baa\\syield", '-7.5000', '0.0000'].join('\u001f'));

    // And the hashes: PostgreSQL's sync_row_hash over the same text equals node:crypto's.
    const awkwardText = client.products.get(awkward.product.productId) ?? '';
    const pgHash = await sql<{ hash: string }>`SELECT sync_row_hash(${awkwardText}) AS hash`.execute(env.owner);
    expect(BigInt(pgHash.rows[0]?.hash ?? '0')).toBe(canonicalRowHash(awkwardText));
    await expectReplicaEqualsServer(env.owner, rep, replica);
  });
});

describe('a client copy', () => {
  it('adds up to the server checksums, tombstones and updates included, and a damaged copy does not', async () => {
    await env.owner.updateTable('products').set({ isActive: false, updatedBy: 'admin' }).where('productId', 'in', productIds.slice(50, 60)).execute();
    await env.owner.updateTable('rateHistory').set({ baseRate: '3.3300' }).where('productId', 'in', productIds.slice(60, 70)).execute();

    const replica = new Replica();
    const last = await replica.catchUp(env.app, rep, 700);
    expect(last.checksums?.tables).toEqual(replica.checksums());
    const report = await currentChecksums(env.app, { userId: rep });
    expect(report).toEqual(last.checksums);

    const tables = () => checksumsOf({
      products: replica.products.values(),
      availability: replica.availability.values(),
      rates: replica.rates.values(),
      comparisons: replica.comparisons.values(),
    });
    const good = tables();
    // A corrupted value: only the rates checksum changes, the count does not.
    const [rateId, rate] = [...replica.rates][0] ?? [];
    if (!rateId || !rate) throw new Error('no rate');
    replica.rates.set(rateId, { ...rate, baseRate: '4.0001' });
    expect(tables().rates.count).toBe(good.rates.count);
    expect(tables().rates.checksum).not.toBe(good.rates.checksum);
    expect(tables().products).toEqual(good.products);
    // A stale copy (an older version of the same values) is caught too.
    replica.rates.set(rateId, { ...rate, changeVersion: String(BigInt(rate.changeVersion) - 1n) });
    expect(tables().rates.checksum).not.toBe(good.rates.checksum);
    replica.rates.set(rateId, rate);
    expect(tables()).toEqual(good);
    // A lost row changes count and checksum.
    replica.availability.delete([...replica.availability.keys()][0] ?? '');
    expect(tables().availability.count).toBe(good.availability.count - 1);
    // A comparison missing one item.
    const [comparisonId, comparison] = [...replica.comparisons][0] ?? [];
    if (!comparisonId || !comparison) throw new Error('no comparison');
    replica.comparisons.set(comparisonId, { ...comparison, items: comparison.items.slice(1) });
    expect(tables().comparisons.count).toBe(good.comparisons.count);
    expect(tables().comparisons.checksum).not.toBe(good.comparisons.checksum);
  });

  it('of a pull page checksum report matches currentChecksums at the same cursor', async () => {
    // The last page of a full pull (the catalog's state approvals make it more than one page).
    const page = await new Replica().catchUp(env.app, rep, 5000);
    expect(page.hasMore).toBe(false);
    expect(await currentChecksums(env.app, { userId: rep })).toEqual(page.checksums);
  });
});

describe('an operator TRUNCATE', () => {
  it('leaves stats that still equal the (now empty) tables', async () => {
    // Comparisons refuse TRUNCATE (20261204000100_record_immutability); an operator who owns the
    // tables can switch that off, and the stats must stay true either way.
    await env.owner.transaction().execute(async (trx) => {
      for (const table of ['record_events', 'product_comparison_items', 'product_comparisons']) {
        await sql`ALTER TABLE ${sql.id(table)} DISABLE TRIGGER ${sql.id(`${table}_refuse_truncate`)}`.execute(trx);
      }
      await sql`TRUNCATE record_events, product_comparison_items, product_comparisons, rate_history, product_availability, products,
        product_state_approvals, fia_strategy_rates, fia_strategies, carriers, index_levels`.execute(trx);
      for (const table of ['record_events', 'product_comparison_items', 'product_comparisons']) {
        await sql`ALTER TABLE ${sql.id(table)} ENABLE ALWAYS TRIGGER ${sql.id(`${table}_refuse_truncate`)}`.execute(trx);
      }
    });
    expect(await storedStats(env.owner)).toEqual(await recomputedStats(env.owner));
    const report = await currentChecksums(env.app, { userId: rep });
    const empty = { count: 0, checksum: '0' };
    expect(report.tables).toEqual({
      products: empty,
      availability: empty,
      rates: empty,
      comparisons: empty,
      carriers: empty,
      approvals: empty,
      strategies: empty,
      strategyRates: empty,
      indexLevels: empty,
    });
  });
});
