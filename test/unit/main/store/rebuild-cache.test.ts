import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProducts } from '../../../../src-main/store/catalog-queries.js';
import { upsertProducts } from '../../../../src-main/store/catalog-upserts.js';
import { markApplied, markRejected, markUploading, nextUploadBatch } from '../../../../src-main/store/outbox.js';
import { markRecordEventApplied, pendingRecordEvents, enqueueRecordEvent, printHistory, scheduleRecordEventRetry } from '../../../../src-main/store/record-event-queue.js';
import { getComparison, heldComparisonCount, listComparisons, saveComparison } from '../../../../src-main/store/saved-comparisons.js';
import { ClientMigrationError } from '../../../../src-main/store/migrate.js';
import { clientMigrations } from '../../../../src-main/store/migrations/index.js';
import { openClientDatabase } from '../../../../src-main/store/open-database.js';
import { calledForRebuild, openOrRebuild, recoverInterruptedRebuild, stagingFileOf, StoreStateKey } from '../../../../src-main/store/rebuild-cache.js';
import { getSyncState, readSyncState, setSyncState } from '../../../../src-main/store/sync-state-repository.js';
import type { IllustrationPrintedEvent, SignedOutEvent } from '../../../../src-shared/records/record-events.js';
import { cachedProduct, comparisonToSave, cusipNumber, migratedDatabase, REP_SUBJECT, REP2_SUBJECT, tempFolder, uniqueId, type TempFolder } from '../../../support/store-fixtures.js';

let folder: TempFolder;
let file: string;
beforeEach(() => {
  folder = tempFolder();
  file = folder.file('cache.sqlite');
});
afterEach(() => folder.remove());

const NOW = new Date('2026-11-24T16:00:00.000Z');

/** A cache with a catalog, a sync cursor and three comparisons: pending, rejected, applied. */
async function populatedCache(): Promise<{ pending: string; rejected: string; applied: string }> {
  const handle = await migratedDatabase(file);
  await upsertProducts(handle.db, [
    cachedProduct({ productId: uniqueId(), cusip: cusipNumber(1), productName: 'Summit Ridge SecureGrowth 5' }),
    cachedProduct({ productId: uniqueId(), cusip: cusipNumber(2), productName: 'Summit Ridge SecureGrowth 5 Plus' }),
  ]);
  await setSyncState(handle.db, 'cursor', 'v1.0d3c5a9e-7c1f-4b7a-9a51-2f0f3f6c8e11.1234');
  const pending = comparisonToSave({ clientReference: 'Pending client' });
  const rejected = comparisonToSave({ clientReference: 'Rejected client' });
  const applied = comparisonToSave({ clientReference: 'Applied client' });
  for (const comparison of [pending, rejected, applied]) await saveComparison(handle.db, comparison);
  await markUploading(handle.db, [pending.comparisonId]);
  await markRejected(handle.db, rejected.comparisonId, 'asOfDate: must not be in the future');
  await markApplied(handle.db, [applied.comparisonId], '77');
  await handle.close();
  return { pending: pending.comparisonId, rejected: rejected.comparisonId, applied: applied.comparisonId };
}

function printedEvent(comparisonId: string, copyNumber: number): IllustrationPrintedEvent {
  return {
    kind: 'ILLUSTRATION_PRINTED',
    eventId: uniqueId(),
    occurredAt: '2026-11-24T15:30:00.000Z',
    comparisonId,
    pdfSha256: String(copyNumber).repeat(64),
    pageCount: 3,
    copyNumber,
    reprint: copyNumber > 1,
    printedOn: '2026-11-24',
    historical: false,
  };
}

/**
 * A laptop two reps share: a comparison each, one held from before owners, rep A's two prints (the
 * first on the server, the second not yet) and rep B's sign-out waiting for a retry.
 */
async function sharedLaptopCache() {
  const handle = await migratedDatabase(file);
  const repA = comparisonToSave({ clientReference: 'Rep A client' });
  const repB = comparisonToSave({ ownerSubject: REP2_SUBJECT, clientReference: 'Rep B client' });
  const held = comparisonToSave({ clientReference: 'Saved before owners' });
  for (const comparison of [repA, repB, held]) await saveComparison(handle.db, comparison);
  handle.sqlite.prepare('UPDATE saved_comparisons SET owner_subject = NULL WHERE comparison_id = ?').run(held.comparisonId);
  handle.sqlite.prepare('UPDATE outbox SET owner_subject = NULL WHERE comparison_id = ?').run(held.comparisonId);
  const printed = printedEvent(repA.comparisonId, 1);
  const pendingPrint = printedEvent(repA.comparisonId, 2);
  const signOut: SignedOutEvent = { kind: 'SIGNED_OUT', eventId: uniqueId(), occurredAt: '2026-11-24T15:45:00.000Z' };
  await enqueueRecordEvent(handle.db, REP_SUBJECT, printed, new Date('2026-11-24T15:30:00.000Z'));
  await enqueueRecordEvent(handle.db, REP_SUBJECT, pendingPrint, new Date('2026-11-24T15:31:00.000Z'));
  await enqueueRecordEvent(handle.db, REP2_SUBJECT, signOut, new Date('2026-11-24T15:45:00.000Z'));
  await markRecordEventApplied(handle.db, printed.eventId, NOW);
  await scheduleRecordEventRetry(handle.db, signOut.eventId, 'server unreachable', new Date('2026-11-24T17:00:00.000Z'), NOW);
  await handle.close();
  return { repA: repA.comparisonId, repB: repB.comparisonId, printed, pendingPrint, signOut };
}

/** Marks the cache as written by a newer app, which calls for a rebuild. */
function markFromTheFuture(): void {
  const newer = new Database(file);
  newer.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('29990101000000_from_the_future', NOW.toISOString());
  newer.close();
}

async function expectCarriedOver(ids: { pending: string; rejected: string; applied: string }, store: Awaited<ReturnType<typeof openOrRebuild>>) {
  const { db } = store.handle;
  // Nothing the rep created is lost, and each keeps its upload state.
  expect((await listComparisons(db, { ownerSubject: REP_SUBJECT })).map((row) => row.clientReference).sort()).toEqual(['Applied client', 'Pending client', 'Rejected client']);
  expect((await getComparison(db, ids.rejected, REP_SUBJECT))?.upload).toMatchObject({ status: 'rejected', rejectedReason: 'asOfDate: must not be in the future' });
  expect(await getComparison(db, ids.applied, REP_SUBJECT)).toMatchObject({ serverChangeVersion: '77', upload: { status: 'applied' } });
  // The upload cut off by the failure is queued again.
  expect((await nextUploadBatch(db, REP_SUBJECT, NOW, 10)).map((item) => item.comparisonId)).toEqual([ids.pending]);
  expect((await getComparison(db, ids.pending, REP_SUBJECT))?.payload).toEqual(comparisonToSave().payload);
  // The catalog and the sync position start over, so the next sync downloads everything.
  expect(await listProducts(db, { asOfDate: '2026-11-24', includeInactive: true })).toEqual([]);
  expect(await getSyncState(db, 'cursor')).toBeNull();
  expect(store.report).toMatchObject({ rebuilt: true, salvagedComparisons: 3, pendingUploads: 1 });
  expect(store.report.lostComparisons).toBeUndefined();
}

describe('openOrRebuild', () => {
  it('opens a healthy cache as it is', async () => {
    await populatedCache();
    const store = await openOrRebuild({ file });
    expect(store.report).toEqual({ rebuilt: false, salvagedComparisons: 0 });
    expect(await listProducts(store.handle.db, { asOfDate: '2026-11-24' })).toHaveLength(2);
    expect(await getSyncState(store.handle.db, 'cursor')).not.toBeNull();
    await store.handle.close();
  });

  it('creates a new cache where there is none', async () => {
    const store = await openOrRebuild({ file });
    expect(store.report.rebuilt).toBe(false);
    expect(store.migration.applied).toEqual(Object.keys(clientMigrations));
    await store.handle.close();
  });

  it('rebuilds a cache written by a newer app, keeping comparisons and the old file', async () => {
    const ids = await populatedCache();
    const newer = new Database(file);
    newer.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('29990101000000_from_the_future', NOW.toISOString());
    newer.close();

    const store = await openOrRebuild({ file, now: () => NOW });
    await expectCarriedOver(ids, store);
    expect(store.report.reason).toMatch(/newer version of RateDesk/);
    expect(store.report.brokenFile).toBe(`${file}.broken-20261124T160000000Z`);
    const kept = new Database(store.report.brokenFile ?? '', { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM products').pluck().get()).toBe(2);
    kept.close();
    expect((await readSyncState(store.handle.db))[StoreStateKey.rebuildReason]).toMatch(/newer version/);
    await store.handle.close();
  });

  it('rebuilds a file of garbage bytes and keeps them untouched beside the new cache', async () => {
    const garbage = Buffer.from('this is not a database, it is a shopping list: eggs, milk, annuities. '.repeat(200));
    writeFileSync(file, garbage);

    const store = await openOrRebuild({ file, now: () => NOW });
    expect(store.report).toMatchObject({ rebuilt: true, salvagedComparisons: 0, reason: expect.stringMatching(/SQLITE_NOTADB/) });
    expect(readFileSync(store.report.brokenFile ?? '')).toEqual(garbage);
    // The new cache works.
    await saveComparison(store.handle.db, comparisonToSave());
    expect(await listComparisons(store.handle.db, { ownerSubject: REP_SUBJECT })).toHaveLength(1);
    await store.handle.close();
  });

  it('rebuilds when a migration fails on the old data, carrying comparisons into the migrated cache', async () => {
    const ids = await populatedCache();
    // A later release adds a rule the old cached catalog breaks (two names alike): it fails after
    // its first statement. On the empty rebuilt catalog it succeeds.
    const stricter: Migration = {
      async up(db) {
        await sql`ALTER TABLE products ADD COLUMN short_name TEXT`.execute(db);
        await sql`UPDATE products SET short_name = substr(product_name, 1, 20)`.execute(db);
        await sql`CREATE UNIQUE INDEX products_short_name_key ON products (short_name)`.execute(db);
      },
    };
    const migrations = { ...clientMigrations, '29990101000000_short_names': stricter };

    const store = await openOrRebuild({ file, migrations, now: () => NOW });
    await expectCarriedOver(ids, store);
    expect(store.report.reason).toMatch(/29990101000000_short_names.*UNIQUE/);
    const columns = store.handle.sqlite.prepare(`SELECT name FROM pragma_table_info('products')`).pluck().all();
    expect(columns).toContain('short_name');
    // The old file was rolled back, not half-migrated, before it was set aside.
    const kept = new Database(store.report.brokenFile ?? '', { readonly: true });
    expect(kept.prepare(`SELECT name FROM pragma_table_info('products')`).pluck().all()).not.toContain('short_name');
    kept.close();
    await store.handle.close();
  });

  it('counts a comparison the new schema refuses as lost, keeps it in the old file, and carries the rest', async () => {
    await populatedCache();
    const old = new Database(file);
    old.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('29990101000000_from_the_future', ?)`).run(NOW.toISOString());
    // A newer app's row this build's CHECKs refuse (a horizon beyond 50 years).
    old.pragma('ignore_check_constraints = ON');
    old.prepare(`UPDATE saved_comparisons SET horizon_years = 60 WHERE client_reference = 'Applied client'`).run();
    old.close();

    const store = await openOrRebuild({ file, now: () => NOW });
    expect(store.report).toMatchObject({ rebuilt: true, salvagedComparisons: 2, lostComparisons: 1 });
    await store.handle.close();
  });

  it("carries each rep's comparisons, held comparisons and queued prints and sign-outs over under their owners", async () => {
    const ids = await sharedLaptopCache();
    markFromTheFuture();

    const store = await openOrRebuild({ file, now: () => NOW });
    const { db } = store.handle;
    // Each rep still sees only their own comparisons, and uploads only their own.
    expect((await listComparisons(db, { ownerSubject: REP_SUBJECT })).map((row) => row.clientReference)).toEqual(['Rep A client']);
    expect((await listComparisons(db, { ownerSubject: REP2_SUBJECT })).map((row) => row.clientReference)).toEqual(['Rep B client']);
    expect((await nextUploadBatch(db, REP_SUBJECT, NOW, 10)).map((item) => item.comparisonId)).toEqual([ids.repA]);
    expect((await nextUploadBatch(db, REP2_SUBJECT, NOW, 10)).map((item) => item.comparisonId)).toEqual([ids.repB]);
    // The comparison saved before owners existed is still held for the stored session's user.
    expect(await heldComparisonCount(db)).toBe(1);
    // The print not yet on the server, and rep B's sign-out, still wait for their owner's next run.
    expect((await pendingRecordEvents(db, REP_SUBJECT, null, 10)).map((queued) => queued.event)).toEqual([ids.pendingPrint]);
    expect((await pendingRecordEvents(db, REP2_SUBJECT, null, 10)).map((queued) => queued.event)).toEqual([ids.signOut]);
    // The retry schedule is kept (no burst of uploads right after the rebuild).
    expect(await pendingRecordEvents(db, REP2_SUBJECT, NOW, 10)).toEqual([]);
    // The print history of rep A's comparison is whole: the copy already uploaded and the one waiting.
    expect((await printHistory(db, ids.repA)).map((copy) => [copy.copyNumber, copy.uploadStatus])).toEqual([
      [1, 'applied'],
      [2, 'pending'],
    ]);
    expect(store.report).toMatchObject({ rebuilt: true, salvagedComparisons: 3, pendingUploads: 3, salvagedRecordEvents: 3, pendingRecordEvents: 2 });
    expect(store.report.lostRecordEvents).toBeUndefined();
    await store.handle.close();
  });

  it('counts a queued event it cannot read or the new schema refuses as lost, and carries the rest', async () => {
    const ids = await sharedLaptopCache();
    markFromTheFuture();
    const old = new Database(file);
    // A newer app's looser queue holding an event of a kind this build refuses, and one without
    // an owner (unreadable: nobody could upload it).
    old.exec(`CREATE TABLE newer_queue AS SELECT * FROM record_event_queue;
              DROP TABLE record_event_queue;
              ALTER TABLE newer_queue RENAME TO record_event_queue;`);
    old.prepare(`UPDATE record_event_queue SET kind = 'SOMETHING_NEWER' WHERE event_id = ?`).run(ids.signOut.eventId);
    old.prepare(`UPDATE record_event_queue SET owner_subject = NULL WHERE event_id = ?`).run(ids.printed.eventId);
    old.close();

    const store = await openOrRebuild({ file, now: () => NOW });
    expect(store.report).toMatchObject({ salvagedComparisons: 3, salvagedRecordEvents: 1, pendingRecordEvents: 1, lostRecordEvents: 2 });
    expect(store.report.lostComparisons).toBeUndefined();
    expect((await pendingRecordEvents(store.handle.db, REP_SUBJECT, null, 10)).map((queued) => queued.event)).toEqual([ids.pendingPrint]);
    // Both are still in the kept file.
    const kept = new Database(store.report.brokenFile ?? '', { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM record_event_queue').pluck().get()).toBe(3);
    kept.close();
    await store.handle.close();
  });

  it('does not rebuild for a full disk or a locked file', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(calledForRebuild(new ClientMigrationError(file, 'x', full))).toBe(false);
    expect(calledForRebuild(busy)).toBe(false);
    expect(calledForRebuild(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }))).toBe(true);
    expect(calledForRebuild(Object.assign(new Error('malformed'), { code: 'SQLITE_CORRUPT_INDEX' }))).toBe(true);
  });
});

describe('recoverInterruptedRebuild', () => {
  it('puts a finished rebuild in place when the crash came between the two renames', async () => {
    const staging = await migratedDatabase(stagingFileOf(file));
    await saveComparison(staging.db, comparisonToSave({ clientReference: 'Survivor' }));
    await setSyncState(staging.db, StoreStateKey.rebuiltAt, NOW.toISOString());
    await staging.close();

    const store = await openOrRebuild({ file });
    expect((await listComparisons(store.handle.db, { ownerSubject: REP_SUBJECT })).map((row) => row.clientReference)).toEqual(['Survivor']);
    expect(existsSync(stagingFileOf(file))).toBe(false);
    await store.handle.close();
  });

  it('discards an unfinished rebuild and keeps the original', async () => {
    await populatedCache();
    const staging = openClientDatabase({ file: stagingFileOf(file) });
    await staging.close();
    recoverInterruptedRebuild(file);
    expect(readdirSync(folder.path).filter((name) => name.includes('rebuilding'))).toEqual([]);
    const store = await openOrRebuild({ file });
    expect(await listComparisons(store.handle.db, { ownerSubject: REP_SUBJECT })).toHaveLength(3);
    await store.handle.close();
  });
});
