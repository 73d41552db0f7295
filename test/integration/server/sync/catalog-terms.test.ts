// Issue 13's catalog records through the pull (real PostgreSQL, the server's least-privileged
// role): carriers, state approvals, FIA strategies and their rates, index levels and the products'
// carrierId and mvaReferenceRate reach a client copy exactly, with their tombstones, and the
// TypeScript canonical text of each row is PostgreSQL's, awkward values included.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_CANONICAL } from '../../../../src-shared/sync/checksum.js';
import { canonicalRowHash } from '../../../../server/sync/row-hash.js';
import { currentChecksums } from '../../../../server/sync/checksums.js';
import { CATALOG_TERMS_TABLES, Replica, catalog, createUser, expectReplicaEqualsServer, loadCatalogInTransactions } from '../../../support/sync-fixtures.js';
import { recomputedStats, startSyncDatabase, storedStats, type SyncTestDatabase } from '../../../support/sync-fixtures.js';

let env: SyncTestDatabase;
let rep: string;
const generated = catalog(8, 2, 1313);
const fia = generated.find((entry) => entry.product.productType === 'FIA')?.product;
const myga = generated.find((entry) => entry.product.productType === 'MYGA')?.product;
const ADMIN = 'admin@ratedesk.test';
const AWKWARD = 'Back\\slash \\N, unit\u001fseparator, émoji 📈';

/** Rows written directly with SQL as the application role, as an admin route would. */
const ids = { carrier: '', approvalOpen: '', approvalRetired: '', strategy: '', strategyRate: '', level: '' };

beforeAll(async () => {
  env = await startSyncDatabase('sync_catalog_terms');
  rep = await createUser(env.owner);
  await loadCatalogInTransactions(env.owner, generated, 4);
  if (!fia || !myga) throw new Error('the generated catalog has no FIA or no MYGA');
  await env.app.transaction().execute(async (trx) => {
    const carrier = await trx
      .insertInto('carriers')
      .values({ carrierName: `Test ${AWKWARD} Life`, naicCode: '99999', amBestRating: null, amBestOutlook: null, ratingAsOf: null, createdBy: ADMIN, updatedBy: ADMIN })
      .returning('carrierId')
      .executeTakeFirstOrThrow();
    ids.carrier = carrier.carrierId;
    const approval = (stateCode: string) =>
      trx
        .insertInto('productStateApprovals')
        .values({ productId: myga.productId, stateCode, approvedFrom: '2026-01-01', approvedUntil: null, createdBy: ADMIN, updatedBy: ADMIN })
        .returning('approvalId')
        .executeTakeFirstOrThrow();
    // States the generator may have approved already: theirs are retired first (one active period per state).
    await trx.updateTable('productStateApprovals').set({ isActive: false, updatedBy: ADMIN }).where('productId', '=', myga.productId).where('stateCode', 'in', ['VT', 'WY']).execute();
    ids.approvalOpen = (await approval('VT')).approvalId;
    ids.approvalRetired = (await approval('WY')).approvalId;
    const strategy = await trx
      .insertInto('fiaStrategies')
      .values({
        productId: fia.productId, strategyCode: 'TEST-PAR', strategyName: `Participation ${AWKWARD}`, indexName: `Index ${AWKWARD}`,
        creditingMethod: 'participation', guaranteedRate: '25.0000', floorRate: '0.0000', sortOrder: 99, createdBy: ADMIN, updatedBy: ADMIN,
      })
      .returning('strategyId')
      .executeTakeFirstOrThrow();
    ids.strategy = strategy.strategyId;
    const rate = await trx
      .insertInto('fiaStrategyRates')
      .values({ strategyId: ids.strategy, rate: '45.5000', effectiveDate: '2026-02-01', endDate: '2026-12-31', createdBy: ADMIN })
      .returning('strategyRateId')
      .executeTakeFirstOrThrow();
    ids.strategyRate = rate.strategyRateId;
    const level = await trx
      .insertInto('indexLevels')
      .values({ indexName: `Index ${AWKWARD}`, levelDate: '1999-12-31', level: '1234567890.1234', source: `Vendor ${AWKWARD}`, createdBy: ADMIN })
      .returning('indexLevelId')
      .executeTakeFirstOrThrow();
    ids.level = level.indexLevelId;
  });
});

afterAll(async () => {
  await env?.close();
});

describe("issue 13's records in the pull", () => {
  it('reach a first pull exactly, with the checksums the server keeps for them', async () => {
    const replica = new Replica();
    const last = await replica.catchUp(env.app, rep, 50);
    expect(replica.carriers.get(ids.carrier)).toMatchObject({ carrierName: `Test ${AWKWARD} Life`, naicCode: '99999', amBestRating: null, isActive: true });
    expect(replica.approvals.get(ids.approvalOpen)).toMatchObject({ stateCode: 'VT', approvedFrom: '2026-01-01', approvedUntil: null });
    expect(replica.strategies.get(ids.strategy)).toMatchObject({ creditingMethod: 'participation', guaranteedRate: '25.0000', floorRate: '0.0000', sortOrder: 99 });
    expect(replica.strategyRates.get(ids.strategyRate)).toMatchObject({ rate: '45.5000', effectiveDate: '2026-02-01', endDate: '2026-12-31' });
    expect(replica.indexLevels.get(ids.level)).toMatchObject({ level: '1234567890.1234', levelDate: '1999-12-31' });
    // The generator's records came too: every table has rows, and each count is the server's.
    for (const [collection, table] of CATALOG_TERMS_TABLES) {
      const count = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(env.owner);
      expect({ collection, rows: replica[collection].size }).toEqual({ collection, rows: Number(count.rows[0]?.n) });
      expect(last.checksums?.tables[collection].count).toBe(replica[collection].size);
    }
    await expectReplicaEqualsServer(env.owner, rep, replica);
    expect(await currentChecksums(env.app, { userId: rep })).toEqual(last.checksums);
  });

  it("carry a product's carrierId and MVA reference rate", async () => {
    if (!myga) throw new Error('no MYGA');
    const replica = new Replica();
    await replica.catchUp(env.app, rep, 5000);
    await env.app
      .updateTable('products')
      .set({ carrierId: ids.carrier, mvaApplies: true, mvaSpread: '0.2500', mvaReferenceIndex: '10-year Treasury', mvaReferenceRate: '4.1250', updatedBy: ADMIN })
      .where('productId', '=', myga.productId)
      .execute();
    const delta = await replica.catchUp(env.app, rep, 5000);
    expect(delta.changes.products.map((row) => [row.productId, row.carrierId, row.mvaReferenceRate])).toEqual([[myga.productId, ids.carrier, '4.1250']]);
    await expectReplicaEqualsServer(env.owner, rep, replica);
  });

  it('carry tombstones and withdrawals as the changed rows only, and the copy still adds up', async () => {
    const replica = new Replica();
    await replica.catchUp(env.app, rep, 5000);
    const before = replica.rowsReceived;
    await env.app.transaction().execute(async (trx) => {
      await trx.updateTable('carriers').set({ isActive: false, updatedBy: ADMIN }).where('carrierId', '=', ids.carrier).execute();
      await trx.updateTable('productStateApprovals').set({ approvedUntil: '2026-06-30', updatedBy: ADMIN }).where('approvalId', '=', ids.approvalOpen).execute();
      await trx.updateTable('productStateApprovals').set({ isActive: false, updatedBy: ADMIN }).where('approvalId', '=', ids.approvalRetired).execute();
      await trx.updateTable('fiaStrategies').set({ isActive: false, updatedBy: ADMIN }).where('strategyId', '=', ids.strategy).execute();
      await trx.updateTable('fiaStrategyRates').set({ isActive: false }).where('strategyRateId', '=', ids.strategyRate).execute();
      await trx.updateTable('indexLevels').set({ isActive: false }).where('indexLevelId', '=', ids.level).execute();
    });
    const delta = await replica.catchUp(env.app, rep, 5000);
    expect(replica.rowsReceived - before).toBe(6);
    expect(delta.changes.carriers.map((row) => [row.carrierId, row.isActive])).toEqual([[ids.carrier, false]]);
    expect(replica.approvals.get(ids.approvalOpen)).toMatchObject({ isActive: true, approvedUntil: '2026-06-30' });
    expect(replica.approvals.get(ids.approvalRetired)?.isActive).toBe(false);
    expect(replica.strategies.get(ids.strategy)?.isActive).toBe(false);
    expect(replica.strategyRates.get(ids.strategyRate)?.isActive).toBe(false);
    expect(replica.indexLevels.get(ids.level)?.isActive).toBe(false);
    await expectReplicaEqualsServer(env.owner, rep, replica);
    // A stale copy of one of them no longer adds up.
    replica.approvals.set(ids.approvalOpen, { ...(replica.approvals.get(ids.approvalOpen) as NonNullable<ReturnType<typeof replica.approvals.get>>), approvedUntil: null });
    expect(replica.checksums().approvals).not.toEqual(delta.checksums?.tables.approvals);
  });
});

describe('the canonical form of the new rows', () => {
  it('is the same text in TypeScript and PostgreSQL, and the stats equal a recomputation', async () => {
    const replica = new Replica();
    await replica.catchUp(env.app, rep, 5000);
    for (const [collection, table, key] of CATALOG_TERMS_TABLES) {
      const server = await sql<{ id: string; text: string }>`
        SELECT ${sql.ref(key)} AS id, ${sql.raw(`sync_canonical_${table}`)}(r) AS text FROM ${sql.table(table)} r`.execute(env.owner);
      const canonical = CATALOG_CANONICAL[collection] as (row: unknown) => string;
      const client = new Map([...replica[collection]].map(([id, row]) => [id, canonical(row)]));
      expect(client).toEqual(new Map(server.rows.map((row) => [row.id, row.text])));
    }
    const carrierText = CATALOG_CANONICAL.carriers(replica.carriers.get(ids.carrier) as NonNullable<ReturnType<typeof replica.carriers.get>>);
    expect(carrierText.split('\u001f').slice(1, 7)).toEqual(['Test Back\\\\slash \\\\N, unit\\sseparator, émoji 📈 Life', '99999', '\\N', '\\N', '\\N', 'f']);
    const pgHash = await sql<{ hash: string }>`SELECT sync_row_hash(${carrierText}) AS hash`.execute(env.owner);
    expect(BigInt(pgHash.rows[0]?.hash ?? '0')).toBe(canonicalRowHash(carrierText));
    // The products' text ends with the MVA reference rate and the carrier before the stamps.
    const product = [...replica.products.values()].find((row) => row.carrierId === ids.carrier);
    expect(CATALOG_CANONICAL.products(product as NonNullable<typeof product>)).toContain(`\u001f4.1250\u001f${ids.carrier}\u001f`);
    expect(await storedStats(env.owner)).toEqual(await recomputedStats(env.owner));
  });
});
