// Issue 13's catalog records reach the laptop's cache through the desktop sync engine (real server,
// PostgreSQL, HTTP and SQLite): carriers, state approvals, FIA strategies and their rates, index
// levels and the products' carrier and MVA reference rate, with their tombstones; a cache synced
// before these tables existed fills them on its next sync; clearing the cache empties them.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { clearLocalCache } from '../../../../src-main/services/clear-local-cache.js';
import { approvalsOfProducts, carriersById, indexLevelsOf, strategiesOfProducts, strategyRatesOf } from '../../../../src-main/store/catalog-terms-queries.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import {
  apiClient,
  engineFor,
  expectClientEqualsServer,
  openClient,
  useClientSyncServerWithCache,
  type ClientSyncServer,
} from '../../../support/client-sync-harness.js';

let server: ClientSyncServer;
let client: ClientDatabaseHandle;
let folder = '';
const ADMIN = 'admin@ratedesk.test';
const TERMS_TABLES = ['carriers', 'product_state_approvals', 'fia_strategies', 'fia_strategy_rates', 'index_levels'] as const;

useClientSyncServerWithCache(12, 'client-sync-terms-', (started, opened, setup) => {
  [server, client, folder] = [started, opened, setup.folder.path];
});

function cachedCounts(handle: ClientDatabaseHandle): Record<string, number> {
  return Object.fromEntries(TERMS_TABLES.map((table) => [table, (handle.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));
}

async function serverCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TERMS_TABLES) {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(server.api.owner);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

async function productOfType(type: 'MYGA' | 'FIA'): Promise<string> {
  const row = await server.api.owner.selectFrom('products').select('productId').where('productType', '=', type).orderBy('cusip').executeTakeFirstOrThrow();
  return row.productId;
}

const sync = (handle: ClientDatabaseHandle, options: Parameters<typeof engineFor>[2] = {}) =>
  engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep), options).runNow('start');

describe("issue 13's records on the laptop", () => {
  it('fill the cache on a first download, by the bulk path and by the Kysely path alike', async () => {
    const outcome = await sync(client);
    expect(outcome).toMatchObject({ ok: true, repaired: [] });
    await expectClientEqualsServer(server, client);
    const counts = await serverCounts();
    expect(Object.values(counts).every((count) => count > 0)).toBe(true);
    expect(cachedCounts(client)).toEqual(counts);

    // The cached carrier is the server's, as the screens read it.
    const serverCarrier = await server.api.owner.selectFrom('carriers').selectAll().orderBy('naicCode').executeTakeFirstOrThrow();
    const cached = (await carriersById(client.db)).get(serverCarrier.carrierId);
    expect(cached).toMatchObject({ carrierName: serverCarrier.carrierName, naicCode: serverCarrier.naicCode, amBestRating: serverCarrier.amBestRating, isActive: true });

    const other = await openClient(`${folder}/kysely-path.sqlite`);
    try {
      expect(await sync(other, { catalogBulk: undefined })).toMatchObject({ ok: true, repaired: [] });
      await expectClientEqualsServer(server, other);
      expect(cachedCounts(other)).toEqual(counts);
    } finally {
      await other.close();
    }
  });

  it("bring an admin's new records, a product's carrier and MVA reference rate, and the tombstones", async () => {
    const [myga, fia] = [await productOfType('MYGA'), await productOfType('FIA')];
    const created = await server.api.owner.transaction().execute(async (trx) => {
      const carrier = await trx
        .insertInto('carriers')
        .values({ carrierName: 'Sync Test Life', naicCode: '98765', amBestRating: 'A-', amBestOutlook: 'negative', ratingAsOf: '2026-09-30', createdBy: ADMIN, updatedBy: ADMIN })
        .returning('carrierId')
        .executeTakeFirstOrThrow();
      await trx.updateTable('products')
        .set({ carrierId: carrier.carrierId, mvaApplies: true, mvaSpread: '0.5000', mvaReferenceIndex: '5-year Treasury', mvaReferenceRate: '3.8750', updatedBy: ADMIN })
        .where('productId', '=', myga)
        .execute();
      await trx.updateTable('productStateApprovals').set({ isActive: false, updatedBy: ADMIN }).where('productId', '=', myga).where('stateCode', 'in', ['ND', 'SD']).execute();
      const approval = (stateCode: string) =>
        trx.insertInto('productStateApprovals').values({ productId: myga, stateCode, approvedFrom: '2026-01-01', approvedUntil: null, createdBy: ADMIN, updatedBy: ADMIN })
          .returning('approvalId').executeTakeFirstOrThrow();
      const strategy = await trx
        .insertInto('fiaStrategies')
        .values({ productId: fia, strategyCode: 'SYNC-SPREAD', strategyName: 'Spread test', indexName: 'Demo Index (synthetic)', creditingMethod: 'spread', guaranteedRate: '3.0000', floorRate: '0.0000', sortOrder: 42, createdBy: ADMIN, updatedBy: ADMIN })
        .returning('strategyId')
        .executeTakeFirstOrThrow();
      const rate = await trx.insertInto('fiaStrategyRates').values({ strategyId: strategy.strategyId, rate: '1.7500', effectiveDate: '2026-03-01', endDate: null, createdBy: ADMIN })
        .returning('strategyRateId').executeTakeFirstOrThrow();
      const level = await trx.insertInto('indexLevels').values({ indexName: 'Sync Test Index', levelDate: '2001-12-31', level: '1148.0800', source: 'synthetic', createdBy: ADMIN })
        .returning('indexLevelId').executeTakeFirstOrThrow();
      return { carrierId: carrier.carrierId, nd: (await approval('ND')).approvalId, sd: (await approval('SD')).approvalId, ...strategy, ...rate, ...level };
    });
    expect(await sync(client)).toMatchObject({ ok: true, repaired: [] });
    expect((await carriersById(client.db)).get(created.carrierId)).toMatchObject({ carrierName: 'Sync Test Life', amBestRating: 'A-', amBestOutlook: 'negative', ratingAsOf: '2026-09-30' });
    expect(client.sqlite.prepare('SELECT carrier_id AS carrierId, mva_reference_rate AS rate FROM products WHERE product_id = ?').get(myga)).toEqual({ carrierId: created.carrierId, rate: '3.8750' });
    expect((await strategyRatesOf(client.db, [created.strategyId])).map((row) => row.rate)).toEqual(['1.7500']);

    // The tombstones: a retired carrier, strategy and level, one approval withdrawn and one retired.
    await server.api.owner.transaction().execute(async (trx) => {
      await trx.updateTable('carriers').set({ isActive: false, updatedBy: ADMIN }).where('carrierId', '=', created.carrierId).execute();
      await trx.updateTable('fiaStrategies').set({ isActive: false, updatedBy: ADMIN }).where('strategyId', '=', created.strategyId).execute();
      await trx.updateTable('indexLevels').set({ isActive: false }).where('indexLevelId', '=', created.indexLevelId).execute();
      await trx.updateTable('productStateApprovals').set({ approvedUntil: '2026-05-31', updatedBy: ADMIN }).where('approvalId', '=', created.nd).execute();
      await trx.updateTable('productStateApprovals').set({ isActive: false, updatedBy: ADMIN }).where('approvalId', '=', created.sd).execute();
    });
    const delta = await sync(client);
    expect(delta).toMatchObject({ ok: true, repaired: [], rowsApplied: 5 });
    expect((await carriersById(client.db)).get(created.carrierId)?.isActive).toBe(false);
    expect((await strategiesOfProducts(client.db, [fia])).find((row) => row.strategyId === created.strategyId)?.isActive).toBe(false);
    expect((await indexLevelsOf(client.db, ['Sync Test Index'])).map((row) => row.isActive)).toEqual([false]);
    const approvals = await approvalsOfProducts(client.db, [myga]);
    expect(approvals.find((row) => row.approvalId === created.nd)).toMatchObject({ isActive: true, approvedUntil: '2026-05-31' });
    expect(approvals.find((row) => row.approvalId === created.sd)?.isActive).toBe(false);
    await expectClientEqualsServer(server, client);
  });

  it('are filled on the next sync of a cache that synced before they existed', async () => {
    // What an app before client migration 20261204100300 leaves: the tables empty, products without
    // carrier or MVA reference rate, and a cursor already past those rows.
    for (const table of TERMS_TABLES) client.sqlite.prepare(`DELETE FROM ${table}`).run();
    client.sqlite.prepare('UPDATE products SET carrier_id = NULL, mva_reference_rate = NULL').run();
    const outcome = await sync(client);
    expect(outcome.ok).toBe(true);
    expect(outcome.repaired).toEqual(expect.arrayContaining(['products', 'carriers', 'approvals', 'strategies', 'strategyRates', 'indexLevels']));
    await expectClientEqualsServer(server, client);
    expect(cachedCounts(client)).toEqual(await serverCounts());
  });

  it('are emptied with the rest of the catalog when the rep clears the cache', async () => {
    await clearLocalCache(client.db, null);
    expect(Object.values(cachedCounts(client))).toEqual([0, 0, 0, 0, 0]);
  });
});
