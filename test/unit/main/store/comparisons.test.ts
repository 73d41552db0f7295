import { beforeEach, describe, expect, it } from 'vitest';
import { markApplied, markRejected, markUploading, nextUploadBatch, pendingUploadCount, resetInterruptedUploads, scheduleRetry } from '../../../../src-main/store/outbox.js';
import { getComparison, listComparisons, saveComparison, upsertServerComparisons } from '../../../../src-main/store/saved-comparisons.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { ValidationError } from '../../../../src-shared/errors.js';
import { comparisonToSave, REP_SUBJECT, uniqueId, useMigratedCache } from '../../../support/store-fixtures.js';

let handle: ClientDatabaseHandle;
useMigratedCache((opened) => {
  handle = opened;
});
beforeEach(() => {
  handle.sqlite.exec('DELETE FROM outbox; DELETE FROM saved_comparisons;');
});

const T0 = new Date('2026-11-24T15:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe('saveComparison', () => {
  it('stores exactly what was shown and queues it for upload', async () => {
    const input = comparisonToSave({ investmentAmount: '99999999999.99' });
    const saved = await saveComparison(handle.db, input, T0);
    expect(saved.upload).toMatchObject({ status: 'pending', attempts: 0 });

    const loaded = await getComparison(handle.db, input.comparisonId, REP_SUBJECT);
    expect(loaded?.payload).toEqual(input.payload);
    expect(loaded).toMatchObject({ investmentAmount: '99999999999.99', clientReference: 'Client A-17', serverChangeVersion: null });
    expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(1);
    expect((await listComparisons(handle.db, { ownerSubject: REP_SUBJECT })).map((row) => row.comparisonId)).toEqual([input.comparisonId]);
  });

  it('writes nothing when the outbox insert fails: no comparison without its upload', async () => {
    handle.sqlite.exec(`CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    try {
      const input = comparisonToSave();
      await expect(saveComparison(handle.db, input, T0)).rejects.toThrow(/simulated failure/);
      expect(await getComparison(handle.db, input.comparisonId, REP_SUBJECT)).toBeNull();
      expect(handle.sqlite.prepare('SELECT count(*) FROM saved_comparisons').pluck().get()).toBe(0);
    } finally {
      handle.sqlite.exec('DROP TRIGGER outbox_fails');
    }
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const error = await saveComparison(handle.db, comparisonToSave({ investmentAmount: '2.5e5' }), T0).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ issues: [{ path: 'investmentAmount' }] });
    await expect(saveComparison(handle.db, comparisonToSave({ clientReference: '   ' }), T0)).rejects.toThrow(/clientReference: must not be blank/);
    expect(await listComparisons(handle.db, { ownerSubject: REP_SUBJECT })).toEqual([]);
  });

  it('refuses to save the same comparison twice', async () => {
    const input = comparisonToSave();
    await saveComparison(handle.db, input, T0);
    await expect(saveComparison(handle.db, input, T0)).rejects.toThrow(/comparisonId: is already saved/);
    expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(1);
  });
});

describe('the outbox', () => {
  it('hands out due entries oldest first and counts attempts', async () => {
    const first = comparisonToSave();
    const second = comparisonToSave();
    await saveComparison(handle.db, first, T0);
    await saveComparison(handle.db, second, minutes(1));

    const batch = await nextUploadBatch(handle.db, REP_SUBJECT, minutes(2), 10);
    expect(batch.map((item) => item.comparisonId)).toEqual([first.comparisonId, second.comparisonId]);
    expect(batch[0]?.payload).toEqual(first.payload);

    await markUploading(handle.db, [first.comparisonId], minutes(2));
    expect((await nextUploadBatch(handle.db, REP_SUBJECT, minutes(2), 10)).map((item) => item.comparisonId)).toEqual([second.comparisonId]);
    expect((await getComparison(handle.db, first.comparisonId, REP_SUBJECT))?.upload).toMatchObject({ status: 'uploading', attempts: 1 });
    expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(2);
  });

  it('waits until a retry is due', async () => {
    const input = comparisonToSave();
    await saveComparison(handle.db, input, T0);
    await markUploading(handle.db, [input.comparisonId], T0);
    await scheduleRetry(handle.db, input.comparisonId, 'connect ECONNREFUSED', minutes(5), T0);

    expect(await nextUploadBatch(handle.db, REP_SUBJECT, minutes(4), 10)).toEqual([]);
    expect((await nextUploadBatch(handle.db, REP_SUBJECT, minutes(5), 10)).map((item) => item.attempts)).toEqual([1]);
    expect((await getComparison(handle.db, input.comparisonId, REP_SUBJECT))?.upload).toMatchObject({ status: 'pending', lastError: 'connect ECONNREFUSED' });
  });

  it('marks applied entries done and remembers the server version', async () => {
    const input = comparisonToSave();
    await saveComparison(handle.db, input, T0);
    await markUploading(handle.db, [input.comparisonId], T0);
    await markApplied(handle.db, [input.comparisonId.toUpperCase()], '9223372036854775807', minutes(1));

    expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(0);
    expect(await nextUploadBatch(handle.db, REP_SUBJECT, minutes(10), 10)).toEqual([]);
    expect(await getComparison(handle.db, input.comparisonId, REP_SUBJECT)).toMatchObject({
      serverChangeVersion: '9223372036854775807',
      upload: { status: 'applied', lastError: null },
    });
  });

  it('keeps a rejected comparison visible with the server reason, and stops sending it', async () => {
    const input = comparisonToSave();
    await saveComparison(handle.db, input, T0);
    await markRejected(handle.db, input.comparisonId, 'clientReference: must not contain a Social Security number', minutes(1));

    const [listed] = await listComparisons(handle.db, { ownerSubject: REP_SUBJECT });
    expect(listed?.upload).toMatchObject({ status: 'rejected', rejectedReason: 'clientReference: must not contain a Social Security number' });
    expect(await nextUploadBatch(handle.db, REP_SUBJECT, minutes(10), 10)).toEqual([]);
    expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(0);
  });

  it('puts uploads interrupted by a quit back in the queue', async () => {
    const input = comparisonToSave();
    await saveComparison(handle.db, input, T0);
    await markUploading(handle.db, [input.comparisonId], T0);
    expect(await resetInterruptedUploads(handle.db, minutes(1))).toBe(1);
    expect((await nextUploadBatch(handle.db, REP_SUBJECT, minutes(1), 10)).map((item) => item.comparisonId)).toEqual([input.comparisonId]);
  });

  it('closes the entry when the server copy arrives by pull, and stores comparisons from another laptop', async () => {
    const local = comparisonToSave();
    await saveComparison(handle.db, local, T0);
    const { ownerSubject: _owner, ...other } = comparisonToSave();
    const elsewhere = { ...other, comparisonId: uniqueId(), clientReference: null, changeVersion: '42' };
    const { clientReference: _ref, ownerSubject: _localOwner, ...localFields } = local;
    await upsertServerComparisons(handle.db, REP_SUBJECT, [
      { ...localFields, clientReference: local.clientReference ?? null, createdAt: local.createdAt, changeVersion: '41' },
      { ...elsewhere, createdAt: '2026-11-20T10:00:00.000Z' },
    ], minutes(1));

    expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(0);
    expect(await getComparison(handle.db, local.comparisonId, REP_SUBJECT)).toMatchObject({ serverChangeVersion: '41', upload: { status: 'applied' } });
    expect(await getComparison(handle.db, elsewhere.comparisonId, REP_SUBJECT)).toMatchObject({ serverChangeVersion: '42', upload: null });
  });
});
