// "Prepare for offline" (issue 14): one sync run as the rep's "sync now" makes it (the outbox is
// uploaded without waiting out a backoff, the pull ends with the engine's checksum verification and
// repair), then the readiness read from what the run left: ready with the day the rates are for
// and until when the cache may quote, or each thing still missing in words.
import { z } from 'zod';
import type { OfflineReadiness, prepareOfflineMethods } from '../../src-shared/desktop-api/index.js';
import { cacheValidUntil, DEFAULT_CACHE_POLICY, type CachePolicy } from '../../src-shared/sync/cache-policy.js';
import { SyncState, type SyncStatus } from '../../src-shared/sync/status.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { SYNC_UNAVAILABLE, type SyncEngineLike } from './sync-status-services.js';

export interface PrepareOfflineOptions {
  sync: SyncEngineLike | null;
  /** The business date (the server's business day, on the corrected clock). */
  today: () => string;
  /**
   * The offline policy this laptop holds (the one the last pull brought). Used only when the status
   * does not state cacheValidUntil itself; default DEFAULT_CACHE_POLICY.
   */
  cachePolicy?: () => CachePolicy;
}

export const MissingForOffline = {
  offline: 'This laptop cannot reach the RateDesk server: connect to the network and try again.',
  signIn: 'Sign in again so RateDesk can sync.',
  updateRequired: 'This version of RateDesk is too old for the server: install the update first.',
  revoked: 'Access to RateDesk was revoked on this laptop.',
  checksumMismatch: "The rates on this laptop do not match the server's (checksum mismatch) even after a fresh download; tell your administrator.",
  neverSynced: 'The rates have not been downloaded completely yet.',
} as const;

// The engine's outcome (SyncOutcome) where the sync runs in this process; anything else is ignored.
const RunOutcome = z.object({ ok: z.boolean(), repaired: z.array(z.string()) });

export function createPrepareOfflineHandlers(options: PrepareOfflineOptions): HandlersFor<typeof prepareOfflineMethods> {
  const policy = options.cachePolicy ?? (() => DEFAULT_CACHE_POLICY);
  return {
    prepareForOffline: async (): Promise<OfflineReadiness> => {
      if (options.sync === null) return { ready: false, missing: [SYNC_UNAVAILABLE] };
      const outcome = RunOutcome.safeParse(await options.sync.runNow('manual'));
      const status = options.sync.status();
      const mismatch = outcome.success && !outcome.data.ok && outcome.data.repaired.length > 0;
      const missing = missingFor(status, mismatch);
      const validUntil = status.cacheValidUntil ?? cacheValidUntil(status.lastSuccessfulSyncAt, policy());
      if (missing.length > 0 || status.lastSuccessfulSyncAt === null || validUntil === null) {
        return { ready: false, missing: missing.length > 0 ? missing : [MissingForOffline.neverSynced] };
      }
      return { ready: true, ratesAsOf: options.today(), lastSyncAt: status.lastSuccessfulSyncAt, cacheValidUntil: validUntil, pendingUploads: 0 };
    },
  };
}

/** What keeps the laptop from being ready, after the run: empty when nothing does. */
export function missingFor(status: SyncStatus, checksumMismatch: boolean): string[] {
  const missing: string[] = [];
  switch (status.state) {
    case SyncState.offline:
      missing.push(MissingForOffline.offline);
      break;
    case SyncState.needsSignIn:
      missing.push(MissingForOffline.signIn);
      break;
    case SyncState.updateRequired:
      missing.push(MissingForOffline.updateRequired);
      break;
    case SyncState.revoked:
      missing.push(status.revocation === undefined ? MissingForOffline.revoked : `${MissingForOffline.revoked} Reason: ${status.revocation.reason}`);
      break;
    case SyncState.error:
      missing.push(checksumMismatch ? MissingForOffline.checksumMismatch : `The sync did not finish: ${status.reason ?? 'the server refused it'}`);
      break;
    case SyncState.syncing:
    case SyncState.idle:
      break;
  }
  if (status.pendingUploads > 0) {
    missing.push(`${status.pendingUploads} saved comparison${status.pendingUploads === 1 ? ' is' : 's are'} still waiting to upload.`);
  }
  return missing;
}
