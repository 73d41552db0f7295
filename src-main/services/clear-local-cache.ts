// Empties the local cache when the rep signs out and asks for it (a shared or handed-over
// laptop): the catalog, the sync position and the signing-out rep's saved comparisons with their
// upload queue, in one transaction so a failure leaves everything as it was. Other reps'
// comparisons (and held ones, of no known owner) stay: some may not have reached the server yet,
// and they upload when their rep signs in again. Queued record events (a sign-out's audit entry)
// stay too. The next sign-in downloads the catalog again and gets the rep's own comparisons back
// from the server.
import type { Kysely } from 'kysely';
import type { ClientDatabase } from '../store/schema.js';

export async function clearLocalCache(db: Kysely<ClientDatabase>, ownerSubject: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (ownerSubject !== null) {
      // Children before parents: the foreign keys would refuse the other order.
      const own = trx.selectFrom('savedComparisons').select('comparisonId').where('ownerSubject', '=', ownerSubject);
      await trx.deleteFrom('outbox').where('comparisonId', 'in', own).execute();
      await trx.deleteFrom('savedComparisons').where('ownerSubject', '=', ownerSubject).execute();
    }
    for (const table of ['fiaStrategyRates', 'fiaStrategies', 'productStateApprovals', 'indexLevels', 'carriers'] as const) {
      await trx.deleteFrom(table).execute();
    }
    await trx.deleteFrom('rateHistory').execute();
    await trx.deleteFrom('productAvailability').execute();
    await trx.deleteFrom('products').execute();
    await trx.deleteFrom('syncState').execute();
  });
}
