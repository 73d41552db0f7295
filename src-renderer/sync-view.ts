// What the status bar says about sync. Pure, so each state's wording is tested.
import type { SyncStatus } from '../src-shared/sync/status.js';
import { formatAgo } from '../src-shared/format/display.js';

export type Tone = 'ok' | 'busy' | 'warning' | 'error';

export interface SyncView {
  connection: string;
  tone: Tone;
  activity: string | null;
  lastSync: string;
  pending: string | null;
  problem: string | null;
  canRetry: boolean;
}

export function describeSync(status: SyncStatus, now: Date): SyncView {
  const lastSync =
    status.lastSuccessfulSyncAt === null ? 'Never synced' : `Last synced ${formatAgo(status.lastSuccessfulSyncAt, now)}`;
  const pendingParts: string[] = [];
  if (status.pendingUploads > 0) pendingParts.push(`${status.pendingUploads} comparison${status.pendingUploads === 1 ? '' : 's'} waiting to upload`);
  if (status.rejectedUploads > 0) pendingParts.push(`${status.rejectedUploads} refused by the server`);
  // Saved before comparisons had owners, with no session to tell whose: shown to no one, never lost.
  const held = status.heldComparisons ?? 0;
  if (held > 0) pendingParts.push(`${held} older comparison${held === 1 ? '' : 's'} held for the rep who saved ${held === 1 ? 'it' : 'them'}`);
  const pending = pendingParts.length > 0 ? pendingParts.join(', ') : null;
  const stale = status.stale ? 'The rates on this laptop may be out of date; sync before quoting.' : null;

  switch (status.state) {
    case 'syncing': {
      const percent = status.progress?.percent;
      return { connection: 'Online', tone: 'busy', activity: percent === undefined ? 'Syncing…' : `Syncing… ${percent}%`, lastSync, pending, problem: null, canRetry: false };
    }
    case 'idle':
      return { connection: 'Online', tone: stale === null ? 'ok' : 'warning', activity: null, lastSync, pending, problem: stale, canRetry: stale !== null };
    case 'offline':
      return {
        connection: 'Offline',
        tone: 'warning',
        activity: null,
        lastSync,
        pending,
        problem: stale ?? 'Working from the rates saved on this laptop.',
        canRetry: true,
      };
    case 'needs-sign-in':
      return { connection: 'Signed out', tone: 'warning', activity: null, lastSync, pending, problem: 'Sign in again to sync. Nothing saved here is lost.', canRetry: false };
    case 'error':
      return { connection: 'Sync error', tone: 'error', activity: null, lastSync, pending, problem: status.reason ?? 'Sync failed.', canRetry: true };
    case 'update-required':
      return {
        connection: 'Update required',
        tone: 'error',
        activity: null,
        lastSync,
        pending,
        problem: status.reason ?? 'This version of RateDesk is too old for the server: install the update. Saved comparisons stay on this laptop until then.',
        canRetry: false,
      };
    case 'revoked':
      return { connection: 'Access revoked', tone: 'error', activity: null, lastSync, pending, problem: status.reason ?? 'Access to RateDesk was revoked on this laptop.', canRetry: false };
  }
}
