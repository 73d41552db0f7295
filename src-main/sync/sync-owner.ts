// The cursor and the comparisons' checksum describe one rep's pull: the catalog is everyone's, but
// the comparisons that came with it are that rep's own. When a run is for another rep than the
// state belongs to, the cursor goes, so the pull downloads everything again for the new rep (the
// catalog upserts are idempotent) and the comparisons' sum is rebuilt from their comparisons only.
// Nobody's saved comparisons or outbox entries are touched.
import type { Kysely } from 'kysely';
import type { ClientDatabase } from '../store/schema.js';
import { deleteSyncState, getSyncState, setSyncState } from '../store/sync-state-repository.js';
import { SyncKey } from './sync-keys.js';

/** Makes the sync state `ownerSubject`'s; true when it belonged to someone else (or no one) and was reset. */
export async function claimSyncStateFor(db: Kysely<ClientDatabase>, ownerSubject: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if ((await getSyncState(trx, SyncKey.owner)) === ownerSubject) return false;
    await deleteSyncState(trx, SyncKey.cursor);
    await deleteSyncState(trx, SyncKey.etag);
    await setSyncState(trx, SyncKey.owner, ownerSubject, now);
    return true;
  });
}

/**
 * A cache from before owners has a cursor but no owner: it was pulled with the stored session's
 * tokens, so it is that rep's (start-up, with the same user its unowned comparisons go to). A
 * state that already names an owner is left alone.
 */
export async function adoptUnownedSyncState(db: Kysely<ClientDatabase>, ownerSubject: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if ((await getSyncState(trx, SyncKey.owner)) === null) await setSyncState(trx, SyncKey.owner, ownerSubject, now);
  });
}
