// Soak: a desktop sync process killed with SIGKILL inside a page's transaction SOAK_CLIENT_KILLS
// times (default 40), each time at a random page and page size, into the same cache file; after
// every kill the cache must still be consistent (a fresh process reads it, resumes, and every run
// ends equal to the server row by row). Between rounds an admin publishes, so later runs download
// deltas as well as the first full download. SOAK_SEED replays a run.
import { describe, expect, it } from 'vitest';
import {
  apiClient,
  engineFor,
  expectClientEqualsServer,
  openClient,
  useClientSyncServer,
  type ClientSyncServer,
  type TempFolder,
} from '../support/client-sync-harness.js';
import { cacheCounts, killSyncDuringPage } from '../support/client-sync-kill.js';
import { compareCacheWithServer, envInt, reportFault, seededRandom, userIdOf, soakSeed } from '../support/fault-report.js';

let server: ClientSyncServer;
let folder: TempFolder;
useClientSyncServer(envInt('SOAK_CLIENT_PRODUCTS', 400), 'client-kill-soak-', (setup) => {
  ({ server, folder } = setup);
});

describe('soak: sync process killed during page applies', () => {
  it('keeps the cache consistent through every kill', async () => {
    const rounds = envInt('SOAK_CLIENT_KILLS', 40);
    const seed = soakSeed();
    const dice = seededRandom(seed);
    const owner = server.api.owner;
    const file = `${folder.path}/cache.sqlite`;
    const productIds = (await owner.selectFrom('products').select('productId').execute()).map((row) => row.productId);
    let kills = 0;
    let operations = 0;
    let rowsChecked = 0;
    let rowsLost = 0;
    for (let round = 0; round < rounds; round += 1) {
      // Fresh caches now and then, so first downloads are killed as well as deltas.
      const fresh = round === 0 || dice() < 0.3;
      const target = fresh ? `${folder.path}/cache-${round}.sqlite` : file;
      const pageLimit = 20 + Math.floor(dice() * 200);
      // A delta is a page or two: killed in its first page; a first download anywhere in its first six.
      const pauseAtPage = fresh ? 1 + Math.floor(dice() * 6) : 1;
      const killed = await killSyncDuringPage(server.baseUrl, server.api.tokens.rep, target, pauseAtPage, pageLimit);
      operations += 1;
      if (killed.killed) kills += 1;
      const before = await cacheCounts(target);
      expect(before.products).toBeGreaterThanOrEqual(0);

      const handle = await openClient(target);
      try {
        const outcome = await engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep), { pageLimit }).runNow('start');
        operations += outcome.pages;
        expect(outcome.status.reason).toBeUndefined();
        expect(outcome).toMatchObject({ ok: true, repaired: [] });
        await expectClientEqualsServer(server, handle);
        const differences = await compareCacheWithServer(owner, handle, await userIdOf(owner, 'rep@ratedesk.test'));
        rowsChecked += differences.checked;
        rowsLost += differences.missing + differences.stale + differences.extra;
      } finally {
        await handle.close();
      }

      // Changes for the next round's delta: a new rate on a few products, through the API.
      for (let n = 0; n < 3; n += 1) {
        const productId = productIds[Math.floor(dice() * productIds.length)] ?? '';
        const day = 1 + Math.floor(dice() * 27);
        const answer = await server.api.call(server.api.tokens.admin, 'POST', `/v1/admin/products/${productId}/rates`, {
          baseRate: `${2 + Math.floor(dice() * 5)}.${String(Math.floor(dice() * 10_000)).padStart(4, '0')}`,
          effectiveDate: `${2031 + round}-02-${String(day).padStart(2, '0')}`,
        });
        expect([201, 409]).toContain(answer.status);
        operations += 1;
      }
    }
    reportFault('client-kill-soak', { operations, faults: kills, rowsChecked, rowsLost, extra: { rounds, seed } });
  });
});
