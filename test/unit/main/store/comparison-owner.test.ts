// Two reps on one laptop: each sees, opens and uploads only the comparisons they saved, a
// sign-out that clears the cache keeps the other rep's unsent work, and a cache from before owners
// is filed under the stored session's rep, or held for no one when there is none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileUnownedComparisons } from '../../../../src-main/compose.js';
import { clearLocalCache } from '../../../../src-main/services/clear-local-cache.js';
import { migrateClientDatabase } from '../../../../src-main/store/migrate.js';
import { clientMigrations } from '../../../../src-main/store/migrations/index.js';
import { openClientDatabase, type ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { nextUploadBatch, pendingUploadCount, rejectedUploadCount, markRejected } from '../../../../src-main/store/outbox.js';
import { getComparison, heldComparisonCount, listComparisons, saveComparison } from '../../../../src-main/store/saved-comparisons.js';
import { getSyncState, setSyncState } from '../../../../src-main/store/sync-state-repository.js';
import { readSyncStatus } from '../../../../src-main/sync/run-status.js';
import { SyncKey } from '../../../../src-main/sync/sync-keys.js';
import { claimSyncStateFor } from '../../../../src-main/sync/sync-owner.js';
import { comparisonToSave, REP2_SUBJECT, REP_SUBJECT, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

const T0 = new Date('2026-11-24T15:00:00.000Z');
let folder: TempFolder;
let handle: ClientDatabaseHandle;

async function openMigrated(migrations = clientMigrations): Promise<ClientDatabaseHandle> {
  const opened = openClientDatabase({ file: folder.file('cache.sqlite') });
  await migrateClientDatabase(opened, { migrations });
  return opened;
}

beforeEach(async () => {
  folder = tempFolder();
  handle = await openMigrated();
});
afterEach(async () => {
  await handle.close();
  folder.remove();
});

describe('comparisons of two reps on one laptop', () => {
  it('lists, opens, counts and uploads each rep’s own comparisons only', async () => {
    const mine = comparisonToSave({ clientReference: 'REP A client: Margaret Smith' });
    const theirs = comparisonToSave({ ownerSubject: REP2_SUBJECT, clientReference: 'REP B client' });
    await saveComparison(handle.db, mine, T0);
    await saveComparison(handle.db, theirs, T0);

    expect((await listComparisons(handle.db, { ownerSubject: REP_SUBJECT })).map((row) => row.clientReference)).toEqual(['REP A client: Margaret Smith']);
    expect((await listComparisons(handle.db, { ownerSubject: REP2_SUBJECT })).map((row) => row.clientReference)).toEqual(['REP B client']);
    expect(await listComparisons(handle.db, { ownerSubject: null })).toEqual([]);
    // Another rep's comparison does not open (nor print: the illustration reads through the same query).
    expect(await getComparison(handle.db, mine.comparisonId, REP2_SUBJECT)).toBeNull();
    expect(await getComparison(handle.db, mine.comparisonId, null)).toBeNull();
    expect(await getComparison(handle.db, mine.comparisonId, REP_SUBJECT)).not.toBeNull();

    expect((await nextUploadBatch(handle.db, REP_SUBJECT, T0, 10)).map((item) => item.comparisonId)).toEqual([mine.comparisonId]);
    expect((await nextUploadBatch(handle.db, REP2_SUBJECT, T0, 10)).map((item) => item.comparisonId)).toEqual([theirs.comparisonId]);
    expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(1);
    expect(await pendingUploadCount(handle.db, null)).toBe(0);
    await markRejected(handle.db, theirs.comparisonId, 'refused', T0);
    expect(await rejectedUploadCount(handle.db, REP_SUBJECT)).toBe(0);
    expect(await rejectedUploadCount(handle.db, REP2_SUBJECT)).toBe(1);
    expect(handle.sqlite.prepare('SELECT owner_subject FROM outbox WHERE comparison_id = ?').pluck().get(theirs.comparisonId)).toBe(REP2_SUBJECT);
  });

  it('refuses a save without an owner, naming the field', async () => {
    await expect(saveComparison(handle.db, comparisonToSave({ ownerSubject: '  ' }), T0)).rejects.toThrow(/ownerSubject: must name the signed-in rep/);
    expect(handle.sqlite.prepare('SELECT count(*) FROM saved_comparisons').pluck().get()).toBe(0);
  });

  it('clearing the cache at one rep’s sign-out keeps the other rep’s comparisons, sent or not', async () => {
    await saveComparison(handle.db, comparisonToSave({ clientReference: 'A' }), T0);
    await saveComparison(handle.db, comparisonToSave({ ownerSubject: REP2_SUBJECT, clientReference: 'B' }), T0);
    await setSyncState(handle.db, SyncKey.cursor, 'c1', T0);
    await clearLocalCache(handle.db, REP_SUBJECT);
    expect(await listComparisons(handle.db, { ownerSubject: REP_SUBJECT })).toEqual([]);
    expect((await listComparisons(handle.db, { ownerSubject: REP2_SUBJECT })).map((row) => row.clientReference)).toEqual(['B']);
    expect(await pendingUploadCount(handle.db, REP2_SUBJECT)).toBe(1);
    expect(await getSyncState(handle.db, SyncKey.cursor)).toBeNull();
  });

  it('a run for another rep than the sync state’s forgets the cursor (a full download), a run for the same rep keeps it', async () => {
    await setSyncState(handle.db, SyncKey.cursor, 'cursor-of-a', T0);
    expect(await claimSyncStateFor(handle.db, REP_SUBJECT, T0)).toBe(true);
    await setSyncState(handle.db, SyncKey.cursor, 'cursor-of-a', T0);
    expect(await claimSyncStateFor(handle.db, REP_SUBJECT, T0)).toBe(false);
    expect(await getSyncState(handle.db, SyncKey.cursor)).toBe('cursor-of-a');
    expect(await claimSyncStateFor(handle.db, REP2_SUBJECT, T0)).toBe(true);
    expect(await getSyncState(handle.db, SyncKey.cursor)).toBeNull();
    expect(await getSyncState(handle.db, SyncKey.owner)).toBe(REP2_SUBJECT);
  });
});

describe('a cache from before owners', () => {
  async function legacyCacheWithPendingComparison(): Promise<string> {
    await handle.close();
    folder.remove();
    folder = tempFolder();
    const before = Object.fromEntries(Object.entries(clientMigrations).filter(([name]) => name < '20261204100000'));
    const legacy = await openMigrated(before);
    const comparison = comparisonToSave({ clientReference: 'Saved before owners' });
    legacy.sqlite
      .prepare(`INSERT INTO saved_comparisons (comparison_id, created_at, as_of_date, investment_amount, horizon_years, client_reference, payload) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(comparison.comparisonId, comparison.createdAt, comparison.asOfDate, comparison.investmentAmount, comparison.horizonYears, comparison.clientReference, JSON.stringify(comparison.payload));
    legacy.sqlite.prepare(`INSERT INTO outbox (comparison_id, created_at, updated_at) VALUES (?, ?, ?)`).run(comparison.comparisonId, comparison.createdAt, comparison.createdAt);
    legacy.sqlite.prepare(`INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)`).run(SyncKey.cursor, 'legacy-cursor', comparison.createdAt);
    await legacy.close();
    handle = await openMigrated();
    return comparison.comparisonId;
  }

  it('is filed under the stored session’s rep at start-up, pending upload and sync position kept', async () => {
    const comparisonId = await legacyCacheWithPendingComparison();
    expect(await heldComparisonCount(handle.db)).toBe(1);
    await fileUnownedComparisons(handle.db, { currentUser: () => ({ subject: REP_SUBJECT, groups: [] }) });
    expect(await heldComparisonCount(handle.db)).toBe(0);
    expect((await getComparison(handle.db, comparisonId, REP_SUBJECT))?.upload).toMatchObject({ status: 'pending' });
    expect((await nextUploadBatch(handle.db, REP_SUBJECT, T0, 10)).map((item) => item.comparisonId)).toEqual([comparisonId]);
    // The cursor was pulled with that rep's tokens: their first run continues from it.
    expect(await claimSyncStateFor(handle.db, REP_SUBJECT, T0)).toBe(false);
    expect(await getSyncState(handle.db, SyncKey.cursor)).toBe('legacy-cursor');
  });

  it('without a stored session is held: listed, opened and uploaded for no one, and the status says how many', async () => {
    const comparisonId = await legacyCacheWithPendingComparison();
    await fileUnownedComparisons(handle.db, { currentUser: () => null });
    for (const owner of [REP_SUBJECT, REP2_SUBJECT]) {
      expect(await listComparisons(handle.db, { ownerSubject: owner })).toEqual([]);
      expect(await getComparison(handle.db, comparisonId, owner)).toBeNull();
      expect(await nextUploadBatch(handle.db, owner, new Date('9999-01-01T00:00:00.000Z'), 10)).toEqual([]);
    }
    const status = await readSyncStatus({ db: handle.db, now: () => T0, stalenessWarningDays: 7, ownerSubject: () => REP2_SUBJECT }, 'idle');
    expect(status).toMatchObject({ pendingUploads: 0, heldComparisons: 1 });
    // Never lost: still in the file.
    expect(handle.sqlite.prepare('SELECT count(*) FROM outbox WHERE owner_subject IS NULL').pluck().get()).toBe(1);
  });
});
