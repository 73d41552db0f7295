// Verification and repair of the local copy. After a pull the copy's per-table counts and checksums
// are compared with the server's for the same cursor; a table that differs is emptied and the
// history pulled again. The protocol pages all tables together, so a repair re-downloads from no
// cursor: tables that matched are rewritten with identical rows (the upserts are version-guarded)
// and stay visible meanwhile. Saved comparisons and the outbox are never emptied.
//
// A cache from before issue 13's tables (client migration 20261204100300) has them empty, with a
// cursor past rows the server already holds, and its products lack carrierId and
// mvaReferenceRate. Nothing special is done for it: every sync ends here (after a 304 too, with
// the checksums asked for), the server's counts for those collections are not zero, so they
// differ and the copy is downloaded again, filling them. An older server sends no sums for them
// (they read as empty, protocol.ts), and an empty cache matches.
import { SYNC_COLLECTIONS, type ChecksumReport, type SyncCollection, type TableChecksum } from '../../src-shared/sync/protocol.js';
import { emptyCatalogTables } from '../store/catalog-upserts.js';
import { deleteSyncState } from '../store/sync-state-repository.js';
import { readComparisonsChecksum } from './apply-page.js';
import { catalogChecksums } from './local-checksums.js';
import type { SyncRunContext } from './run-context.js';
import { SyncKey } from './sync-keys.js';

function sameChecksum(a: TableChecksum, b: TableChecksum): boolean {
  return a.count === b.count && a.checksum === b.checksum;
}

/** The collections whose local sums differ from the server's. */
export async function differingCollections(
  { db, md5Hex, catalogBulk }: Pick<SyncRunContext, 'db' | 'md5Hex' | 'catalogBulk'>,
  report: ChecksumReport,
): Promise<SyncCollection[]> {
  const catalog = await catalogChecksums(db, md5Hex, catalogBulk);
  const comparisons = await readComparisonsChecksum(db);
  const local = { ...catalog, comparisons };
  return SYNC_COLLECTIONS.filter((collection) => !sameChecksum(local[collection], report.tables[collection]));
}

/**
 * Empties `collections` (with their dependants) and forgets the cursor, in one transaction, so the
 * next pull downloads everything again. Saved comparisons and the outbox are kept; the pull from
 * no cursor rebuilds the comparisons' sum from what arrives.
 */
export async function prepareRedownload({ db }: Pick<SyncRunContext, 'db'>, collections: readonly SyncCollection[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await emptyCatalogTables(trx, collections);
    await deleteSyncState(trx, SyncKey.cursor);
    await deleteSyncState(trx, SyncKey.etag);
  });
}
