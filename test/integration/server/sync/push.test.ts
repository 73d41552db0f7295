// Push against a real PostgreSQL, as the server's least-privileged role: per-item answers, an
// idempotent retry, immutability (first write wins), isolation of a bad item, and the write
// checkpoint a later pull reaches.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src-shared/errors.js';
import { cursorReached } from '../../../../src-shared/sync/cursor.js';
import { pullChanges } from '../../../../server/sync/pull.js';
import { PushReason, pushComparisons } from '../../../../server/sync/push.js';
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
  unverifiedComparison,
} from '../../../support/sync-fixtures.js';

let env: SyncTestDatabase;
let rep: string;
let otherRep: string;
const generated = catalog(8, 3);
const productIds = generated.map((entry) => entry.product.productId);

beforeAll(async () => {
  env = await startSyncDatabase('sync_push');
  rep = await createUser(env.owner, 'rep');
  otherRep = await createUser(env.owner, 'other');
  await loadCatalogInTransactions(env.owner, generated, 4);
});

afterAll(async () => {
  await env?.close();
});

/** A comparison the server verifies, of generated products from..to (exclusive), as the laptop makes it. */
const honest = (from: number, to: number, options: Parameters<typeof comparisonFromRows>[1] = {}) => comparisonFromRows(generated.slice(from, to), options);

async function comparisonCount(userId: string): Promise<number> {
  const row = await env.owner.selectFrom('productComparisons').select((eb) => eb.fn.countAll<string>().as('n')).where('userId', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('push', () => {
  it('answers each comparison on its own, in upload order', async () => {
    const [p0 = '', , p2 = ''] = productIds;
    const good = honest(0, 2);
    const [rateOfP0, rateOfP1] = good.items.map((item) => item.rateHistoryId);
    const unknownProduct = unverifiedComparison([p0, '00000000-0000-4000-8000-000000000000']);
    const wrongRate = unverifiedComparison([p2], {}, [rateOfP0 ?? null]);
    const alsoGood = honest(2, 3);

    const response = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [good, unknownProduct, wrongRate, alsoGood] });

    expect(response.results).toEqual([
      { comparisonId: good.comparisonId, status: 'applied' },
      {
        comparisonId: unknownProduct.comparisonId,
        status: 'rejected',
        reason: 'items.1.productId: product 00000000-0000-4000-8000-000000000000 does not exist on the server',
      },
      { comparisonId: wrongRate.comparisonId, status: 'rejected', reason: `items.0.rateHistoryId: rate period ${rateOfP0 ?? ''} belongs to another product than ${p2}` },
      { comparisonId: alsoGood.comparisonId, status: 'applied' },
    ]);
    const stored = await env.owner
      .selectFrom('productComparisonItems')
      .select(['position', 'productId', 'rateHistoryId', 'baseRate'])
      .where('comparisonId', '=', good.comparisonId)
      .orderBy('position')
      .execute();
    expect(stored).toEqual(good.items.map((item) => ({ position: item.position, productId: item.productId, rateHistoryId: item.rateHistoryId, baseRate: item.baseRate })));
    expect(rateOfP0).toEqual(expect.any(String));
    expect(rateOfP1).toEqual(expect.any(String));
    const audit = await env.owner.selectFrom('auditLog').select(['recordId', 'userId']).where('actionType', '=', 'COMPARISON_SAVED').where('userId', '=', rep).execute();
    expect(audit.map((row) => row.recordId).sort()).toEqual([good.comparisonId, alsoGood.comparisonId].sort());
  });

  it('is idempotent: the same upload again changes nothing and answers duplicate', async () => {
    const batch = [honest(0, 2), honest(2, 5)];
    const first = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: batch });
    expect(first.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const count = await comparisonCount(rep);
    const stats = await storedStats(env.owner);

    const retry = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: batch });
    expect(retry.results).toEqual(batch.map((c) => ({ comparisonId: c.comparisonId, status: 'duplicate', reason: PushReason.alreadyStored })));
    expect(await comparisonCount(rep)).toBe(count);
    expect(await storedStats(env.owner)).toEqual(stats);
    expect(retry.writeCheckpoint).toBe(first.writeCheckpoint);
  });

  it('keeps the first copy of a comparison: a changed re-upload is a duplicate, not an edit', async () => {
    const original = honest(0, 1);
    await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [original] });
    const edited = { ...original, investmentAmount: '250000.00', clientReference: 'Someone else' };
    const response = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [edited, edited] });
    expect(response.results.map((result) => result.status)).toEqual(['duplicate', 'duplicate']);
    expect(response.results[1]?.reason).toBe(PushReason.repeatedInBatch);
    const row = await env.owner.selectFrom('productComparisons').select(['investmentAmount']).where('comparisonId', '=', original.comparisonId).executeTakeFirst();
    expect(row?.investmentAmount).toBe('100000.00');
  });

  it("rejects another rep's comparison id without revealing anything about it", async () => {
    const theirs = honest(0, 1);
    await pushComparisons(env.app, { userId: otherRep, sessionId: null, comparisons: [theirs] });
    const mine = honest(1, 2, { comparisonId: theirs.comparisonId });
    const response = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [mine] });
    expect(response.results).toEqual([{ comparisonId: theirs.comparisonId, status: 'rejected', reason: PushReason.idTaken }]);
    const owner = await env.owner.selectFrom('productComparisons').select('userId').where('comparisonId', '=', theirs.comparisonId).executeTakeFirst();
    expect(owner?.userId).toBe(otherRep);
  });

  it('accepts a comparison of a product that has since been withdrawn', async () => {
    const withdrawn = productIds[7] ?? '';
    const shownBefore = honest(7, 8);
    await env.owner.updateTable('products').set({ isActive: false, updatedBy: 'admin@ratedesk.test' }).where('productId', '=', withdrawn).execute();
    const response = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [shownBefore] });
    expect(response.results[0]?.status).toBe('applied');
  });

  it('isolates a comparison the database refuses: only that one is rejected', async () => {
    // A rule only the database knows (zod and the reference checks cannot foresee it), to force
    // the batch insert to fail and the one-by-one retry to find the culprit.
    await sql`ALTER TABLE product_comparisons ADD CONSTRAINT test_reference_not_retired CHECK (client_reference <> 'Retired household')`.execute(env.owner);
    try {
      const fine = honest(0, 1);
      const refused = honest(1, 2, { clientReference: 'Retired household' });
      const alsoFine = honest(2, 3);
      const response = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [fine, refused, alsoFine] });
      expect(response.results).toEqual([
        { comparisonId: fine.comparisonId, status: 'applied' },
        { comparisonId: refused.comparisonId, status: 'rejected', reason: 'test_reference_not_retired: violates test_reference_not_retired' },
        { comparisonId: alsoFine.comparisonId, status: 'applied' },
      ]);
      const items = await env.owner.selectFrom('productComparisonItems').select('comparisonId').where('comparisonId', '=', refused.comparisonId).execute();
      expect(items).toEqual([]);
    } finally {
      await sql`ALTER TABLE product_comparisons DROP CONSTRAINT test_reference_not_retired`.execute(env.owner);
    }
  });

  it('refuses a malformed upload as a whole, naming the field', async () => {
    const bad = honest(0, 2, { clientReference: 'John 123-45-6789' });
    const duplicatePositions = honest(0, 2);
    const [firstItem, secondItem] = duplicatePositions.items;
    if (!firstItem || !secondItem) throw new Error('need two items');
    duplicatePositions.items = [firstItem, { ...secondItem, position: 1 }];
    const before = await comparisonCount(rep);
    const error = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [bad, duplicatePositions] }).catch((caught: unknown) => caught);
    if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
    expect(error.issues).toEqual([
      { path: 'comparisons.0.clientReference', message: "must not contain a Social Security number; use the client's name or a CRM reference" },
      { path: 'comparisons.1.items.1.position', message: 'duplicates items.0.position' },
    ]);
    expect(await comparisonCount(rep)).toBe(before);
  });

  it('stores the session of the upload when it exists, and null when it is gone', async () => {
    const session = await env.owner
      .insertInto('userSessions')
      .values({ userId: rep, jwtTokenHash: 'a'.repeat(64), expiresAt: new Date(Date.now() + 3_600_000) })
      .returning('sessionId')
      .executeTakeFirstOrThrow();
    const withSession = honest(0, 1);
    const withGoneSession = honest(0, 1);
    await pushComparisons(env.app, { userId: rep, sessionId: session.sessionId, comparisons: [withSession] });
    await pushComparisons(env.app, { userId: rep, sessionId: '11111111-1111-4111-8111-111111111111', comparisons: [withGoneSession] });
    const rows = await env.owner
      .selectFrom('productComparisons')
      .select(['comparisonId', 'sessionId'])
      .where('comparisonId', 'in', [withSession.comparisonId, withGoneSession.comparisonId])
      .execute();
    expect(new Map(rows.map((row) => [row.comparisonId, row.sessionId]))).toEqual(
      new Map([
        [withSession.comparisonId, session.sessionId],
        [withGoneSession.comparisonId, null],
      ]),
    );
  });
});

describe('write checkpoint', () => {
  it('is reached by the first pull that returns the applied comparisons, and not before', async () => {
    const replica = new Replica();
    await replica.catchUp(env.app, rep, 5000);
    const before = replica.cursor ?? '';

    const comparison = honest(3, 6);
    const response = await pushComparisons(env.app, { userId: rep, sessionId: null, comparisons: [comparison] });
    expect(cursorReached(before, response.writeCheckpoint)).toBe(false);

    const page = await pullChanges(env.app, { cursor: before, userId: rep });
    expect(page.changes.comparisons.map((c) => c.comparisonId)).toEqual([comparison.comparisonId]);
    expect(cursorReached(page.cursor, response.writeCheckpoint)).toBe(true);
    replica.apply(page);
    await expectReplicaEqualsServer(env.owner, rep, replica);
  });

  it('is the current position when nothing was applied', async () => {
    const replica = new Replica();
    const last = await replica.catchUp(env.app, rep, 5000);
    const response = await pushComparisons(env.app, {
      userId: rep,
      sessionId: null,
      comparisons: [unverifiedComparison(['00000000-0000-4000-8000-000000000001'])],
    });
    expect(response.results[0]?.status).toBe('rejected');
    expect(response.writeCheckpoint).toBe(last.cursor);
  });
});

describe('stats', () => {
  it('equal a full recomputation after all of the above', async () => {
    expect(await storedStats(env.owner)).toEqual(await recomputedStats(env.owner));
  });
});
