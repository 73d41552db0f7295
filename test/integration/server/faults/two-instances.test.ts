// Issue 6: two API server instances against one database, admins publishing through both and
// clients sending each request to either; no missed change, and every first sync applied the
// catalog snapshot (offered by one instance, its bytes possibly from the other). See
// test/support/two-instances-scenario.ts; the long version is test/soak/two-instances.test.ts.
// Also the deadlock that scenario found between an upload and an admin edit (server/sync/write-lock.ts).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { acquireSyncWriteLock } from '../../../../server/sync/write-lock.js';
import { sleep } from '../../../support/fault-report.js';
import { createUser } from '../../../support/sync-fixtures.js';
import { runTwoInstancesScenario, useTwoInstancesEnvironment } from '../../../support/two-instances-scenario.js';

const environment = useTwoInstancesEnvironment();

describe('two server instances, clients spread across both', () => {
  it('every client ends with exactly the server state', async () => {
    await runTwoInstancesScenario(environment(), { clients: 3, publishes: 120, comparisons: 30, seed: 6004 });
  }, 120_000);

  it('an upload holding the writers’ lock and an admin edit of a product in it both complete', async () => {
    const { server } = environment();
    const owner = server.api.owner;
    const { productId } = await owner.selectFrom('products').select('productId').orderBy('productId').executeTakeFirstOrThrow();
    const userId = await createUser(owner);
    let edit: ReturnType<typeof server.api.call> | undefined;
    // An upload as server/sync/push.ts runs it: the writers' lock first, then its rows. The admin
    // edit arrives in between; it used to lock the product row and then wait for the writers' lock,
    // while the upload's item (a foreign key to that product) waited for the row: a deadlock.
    await owner.transaction().execute(async (trx) => {
      await acquireSyncWriteLock(trx);
      edit = server.api.call(server.api.tokens.admin, 'PATCH', `/v1/admin/products/${productId}`, { description: 'Edited during an upload' });
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { rows } = await sql<{ waiting: string }>`
          SELECT count(*)::text AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(owner);
        if (rows[0]?.waiting !== '0') break;
        if (Date.now() > deadline) throw new Error('the admin edit never waited for the writers’ lock');
        await sleep(20);
      }
      const comparisonId = crypto.randomUUID();
      await sql`
        INSERT INTO product_comparisons (comparison_id, user_id, comparison_date, investment_amount, horizon_years, as_of_date, inputs, results, engine_version)
        VALUES (${comparisonId}, ${userId}, now(), 100000.00, 5, current_date, '{}'::jsonb, '{}'::jsonb, 'projection-rules-1')`.execute(trx);
      await sql`
        INSERT INTO product_comparison_items (comparison_id, position, product_id, base_rate, bonus_rate, product_snapshot)
        VALUES (${comparisonId}, 1, ${productId}, 4.5000, 0.0000, '{}'::jsonb)`.execute(trx);
    });
    const answer = await edit;
    expect(answer?.status, answer?.body).toBe(200);
  }, 60_000);
});
