// What "Prepare for offline" says is missing, from the status the run left.
import { describe, expect, it } from 'vitest';
import { createPrepareOfflineHandlers, MissingForOffline, missingFor } from '../../../../src-main/services/prepare-offline.js';
import type { SyncStatus } from '../../../../src-shared/sync/status.js';

const synced: SyncStatus = { state: 'idle', lastSuccessfulSyncAt: '2026-12-03T15:00:00.000Z', pendingUploads: 0, rejectedUploads: 0, cacheAgeDays: 0, stale: false };

function engine(status: SyncStatus, outcome: unknown = { ok: status.state === 'idle', repaired: [] }) {
  return { runNow: () => Promise.resolve(outcome), status: () => status, onStatus: () => () => undefined };
}

describe('prepare for offline', () => {
  it('is ready after a verified sync with nothing waiting, until the policy says', async () => {
    const handlers = createPrepareOfflineHandlers({ sync: engine(synced), today: () => '2026-12-03', cachePolicy: () => ({ maxOfflineDays: 10 }) });
    expect(await handlers.prepareForOffline()).toEqual({ ready: true, ratesAsOf: '2026-12-03', lastSyncAt: synced.lastSuccessfulSyncAt, cacheValidUntil: '2026-12-13T15:00:00.000Z', pendingUploads: 0 });
  });

  it('lists each thing still missing', async () => {
    expect(missingFor({ ...synced, pendingUploads: 2 }, false)).toEqual(['2 saved comparisons are still waiting to upload.']);
    expect(missingFor({ ...synced, state: 'offline', pendingUploads: 1 }, false)).toEqual([MissingForOffline.offline, '1 saved comparison is still waiting to upload.']);
    expect(missingFor({ ...synced, state: 'needs-sign-in' }, false)).toEqual([MissingForOffline.signIn]);
    expect(missingFor({ ...synced, state: 'update-required' }, false)).toEqual([MissingForOffline.updateRequired]);
    expect(missingFor({ ...synced, state: 'revoked', revocation: { scope: 'device', reason: 'Laptop reported lost' } }, false)).toEqual([`${MissingForOffline.revoked} Reason: Laptop reported lost`]);
    const mismatch = engine({ ...synced, state: 'error', reason: 'still differ' }, { ok: false, repaired: ['rates'] });
    expect(await createPrepareOfflineHandlers({ sync: mismatch, today: () => '2026-12-03' }).prepareForOffline()).toEqual({ ready: false, missing: [MissingForOffline.checksumMismatch] });
    const never = engine({ ...synced, lastSuccessfulSyncAt: null });
    expect(await createPrepareOfflineHandlers({ sync: never, today: () => '2026-12-03' }).prepareForOffline()).toEqual({ ready: false, missing: [MissingForOffline.neverSynced] });
  });
});
