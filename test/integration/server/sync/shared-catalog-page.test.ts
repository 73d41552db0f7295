// The shared catalog page (server/sync/shared-catalog-page.ts) answers exactly what the direct pull
// (server/sync/pull.ts, one statement per caller) answers: over a random history of catalog
// publishes and comparison pushes by several reps, every pull at a random cursor and limit gives
// the same JSON both ways (serverTime aside: the clock of the statement that read it), the same
// refusal when there is one, and both paths are taken many times: shared and built once for
// callers that ask alike, direct for callers with comparisons of their own to receive.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPage, type PullArgs } from '../../../../server/sync/pull.js';
import { pushComparisons } from '../../../../server/sync/push.js';
import { SharedCatalogPages } from '../../../../server/sync/shared-catalog-page.js';
import { seededRandom } from '../../../support/fault-report.js';
import { catalog, createUser, loadCatalogInTransactions, startSyncDatabase, verifiedComparison, type SyncTestDatabase } from '../../../support/sync-fixtures.js';

const STEPS = 80;

let env: SyncTestDatabase;

beforeAll(async () => {
  env = await startSyncDatabase('sync_shared_page');
  await loadCatalogInTransactions(env.owner, catalog(24, 3), 4);
});

afterAll(async () => {
  await env?.close();
});

/** The answer as sent, without the one field two reads of the same page may differ in; or the refusal. */
async function answer(read: () => Promise<{ page: { serverTime: string }; maxOfflineDays: number | null }>): Promise<string> {
  try {
    const { page, maxOfflineDays } = await read();
    const { serverTime: _serverTime, ...rest } = page;
    return JSON.stringify({ rest, maxOfflineDays });
  } catch (error) {
    return `refused: ${error instanceof Error ? `${error.name} ${error.message}` : String(error)}`;
  }
}

describe('the shared catalog page', () => {
  it('answers every pull of a random history exactly as the direct pull does', async () => {
    const dice = seededRandom(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(dice() * items.length)] as T;
    const reps = [await createUser(env.owner, 'alice'), await createUser(env.owner, 'bob'), await createUser(env.owner, 'carol')];
    const productIds = (await env.owner.selectFrom('products').select('productId').orderBy('productId').execute()).map((row) => row.productId);
    const shared = new SharedCatalogPages({ maxEntries: 8 });
    // Cursors each rep has been given (undefined: a first pull), so pulls resume where real ones would.
    const cursors = new Map<string, (string | undefined)[]>(reps.map((rep) => [rep, [undefined]]));
    let compared = 0;
    let lastPages = 0;

    for (let step = 0; step < STEPS; step += 1) {
      const roll = dice();
      if (roll < 0.2) {
        // A publish: several products renamed in one transaction (a page never splits it).
        const changed = Array.from({ length: 1 + Math.floor(dice() * 5) }, () => pick(productIds));
        await env.owner.transaction().execute(async (trx) => {
          for (const productId of changed) {
            await sql`UPDATE products SET product_name = product_name || '.' WHERE product_id = ${productId}`.execute(trx);
          }
        });
      } else if (roll < 0.3) {
        // alice and bob save comparisons; carol never does, so her pulls can always be shared.
        const userId = pick(reps.slice(0, 2));
        const comparison = await verifiedComparison(env.app, [pick(productIds)]);
        const pushed = await pushComparisons(env.app, { userId, sessionId: null, comparisons: [comparison] });
        expect(pushed.results.map((result) => result.status)).toEqual(['applied']);
      } else {
        const userId = pick(reps);
        const known = cursors.get(userId) ?? [];
        const args: PullArgs = { cursor: pick(known), limit: pick([1, 2, 3, 7, 20, 1000]), userId };
        const direct = await answer(() => pullPage(env.app, args));
        const viaShared = await answer(() => shared.pull(env.app, args));
        expect(viaShared).toBe(direct);
        // Another rep at the same cursor (a fleet after a publish) may reuse the page just built.
        const neighbour = reps[2] === userId ? reps[0] : reps[2];
        if (neighbour !== undefined && args.cursor !== undefined) {
          const neighbourArgs = { ...args, userId: neighbour };
          expect(await answer(() => shared.pull(env.app, neighbourArgs))).toBe(await answer(() => pullPage(env.app, neighbourArgs)));
        }
        compared += 1;
        if (!direct.startsWith('refused')) {
          const page = JSON.parse(direct) as { rest: { cursor: string; hasMore: boolean } };
          known.push(page.rest.cursor);
          if (!page.rest.hasMore) lastPages += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
    expect(lastPages).toBeGreaterThan(5);
    expect(shared.counts.shared).toBeGreaterThan(20);
    expect(shared.counts.direct).toBeGreaterThan(5);
    // Pages were reused: fewer catalog statements than shared answers.
    expect(shared.counts.built).toBeLessThan(shared.counts.shared);
  });

  it('builds a page once for many identical pulls at the same moment', async () => {
    const shared = new SharedCatalogPages();
    const users = await Promise.all(Array.from({ length: 12 }, (_, index) => createUser(env.owner, `fleet${index}`)));
    const pages = await Promise.all(users.map((userId) => shared.pull(env.app, { limit: 50, userId })));
    expect(shared.counts).toMatchObject({ shared: 12, built: 1, direct: 0 });
    expect(new Set(pages.map((page) => page.page.cursor)).size).toBe(1);
  });
});
