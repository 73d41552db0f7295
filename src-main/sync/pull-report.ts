// What a pull tells the server about this copy for its delivery receipt (issue 14): the rep's
// outbox (waiting and refused uploads) and whether the copy's last verification against the
// server's checksums passed. Read once per run, from the cache, before its first page; the
// verification result is kept in sync_state by the run that verified.
import type { ChecksumState } from '../../src-shared/sync/client-report.js';
import { pendingUploadCount, rejectedUploadCount } from '../store/outbox.js';
import type { ClientDb } from '../store/schema.js';
import { getSyncState, setSyncState } from '../store/sync-state-repository.js';
import { SyncKey } from './sync-keys.js';

export interface PullReport {
  pendingUploads: number;
  rejectedUploads: number;
  checksums: ChecksumState;
}

export async function readPullReport(db: ClientDb, ownerSubject: string): Promise<PullReport> {
  const [pendingUploads, rejectedUploads, checksums] = await Promise.all([
    pendingUploadCount(db, ownerSubject),
    rejectedUploadCount(db, ownerSubject),
    getSyncState(db, SyncKey.checksums),
  ]);
  return { pendingUploads, rejectedUploads, checksums: checksums === 'verified' || checksums === 'mismatch' ? checksums : 'unknown' };
}

/** After comparing the copy with the server's sums: what the next pull reports. */
export async function rememberVerification(db: ClientDb, verified: boolean, now: Date): Promise<void> {
  await setSyncState(db, SyncKey.checksums, verified ? 'verified' : 'mismatch', now);
}
