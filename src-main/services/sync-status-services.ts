// The sync status handlers and event: the engine's own status, or, where no engine runs, an
// "offline" status with the outbox counts that are still real.
import type { Kysely } from 'kysely';
import { SyncState, type syncStatusMethods, type SyncStatus } from '../../src-shared/desktop-api/index.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import type { DesktopEventSources } from '../ipc/desktop-events.js';
import { pendingUploadCount, rejectedUploadCount } from '../store/outbox.js';
import type { ClientDatabase } from '../store/schema.js';

/** What the services need from the sync engine (src-main/sync), whichever shape it settles on. */
export interface SyncEngineLike {
  runNow(reason: string): Promise<unknown>;
  /** Re-reads the status from the store (after the cache was cleared) and publishes it. */
  refresh?(): Promise<unknown>;
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
}

export const SYNC_UNAVAILABLE = 'Sync is not available in this window.';

export interface SyncStatusServicesOptions {
  db: Kysely<ClientDatabase>;
  /** null until a sync engine is wired in: sync-status then reports "unavailable". */
  sync: SyncEngineLike | null;
  /** Whose outbox the counts are (the signed-in rep); null: nobody's. */
  currentOwner: () => string | null;
}

export function createSyncStatusHandlers({ db, sync, currentOwner }: SyncStatusServicesOptions): HandlersFor<typeof syncStatusMethods> {
  async function syncStatus(): Promise<SyncStatus> {
    if (sync !== null) return sync.status();
    // A host without an engine (the development web host, or before one is wired) cannot reach
    // the server, which is what "offline" tells the UI; the outbox counts are still real.
    return {
      state: SyncState.offline,
      reason: SYNC_UNAVAILABLE,
      lastSuccessfulSyncAt: null,
      pendingUploads: await pendingUploadCount(db, currentOwner()),
      rejectedUploads: await rejectedUploadCount(db, currentOwner()),
      cacheAgeDays: null,
      stale: true,
    };
  }

  return {
    syncStatus: () => syncStatus(),

    syncNow: async () => {
      if (sync !== null) await sync.runNow('manual');
      return syncStatus();
    },
  };
}

export function syncStatusEventSources(sync: SyncEngineLike | null): Pick<DesktopEventSources, 'onSyncStatus'> {
  return { onSyncStatus: (listener) => (sync === null ? () => undefined : sync.onStatus(listener)) };
}
