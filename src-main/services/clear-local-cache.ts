// Empties the local cache when the rep signs out and asks for it (a shared or handed-over
// laptop): catalog, saved comparisons, their upload queue and the sync position, in one
// transaction so a failure leaves everything as it was. The next sign-in downloads the catalog
// again and gets the rep's own comparisons back from the server.
import type { Kysely } from 'kysely';
import type { ClientDatabase } from '../store/schema.js';

export async function clearLocalCache(db: Kysely<ClientDatabase>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Children before parents: the foreign keys would refuse the other order.
    await trx.deleteFrom('outbox').execute();
    await trx.deleteFrom('savedComparisons').execute();
    await trx.deleteFrom('rateHistory').execute();
    await trx.deleteFrom('productAvailability').execute();
    await trx.deleteFrom('products').execute();
    await trx.deleteFrom('syncState').execute();
  });
}
