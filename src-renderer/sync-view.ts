// What the status bar says about sync. Pure, so each state's wording is tested.
import type { OfflineReadiness } from '../src-shared/desktop-api/index.js';
import { CLOCK_SKEW_WARNING_MS, type SyncStatus } from '../src-shared/sync/status.js';
import { formatAgo, formatBusinessDate, formatTimestamp } from '../src-shared/format/display.js';

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

/** The status bar's clock warning, or null while the laptop's clock is within CLOCK_SKEW_WARNING_MS of the server's. */
export function describeClockSkew(status: Pick<SyncStatus, 'clockSkewMs'>): string | null {
  const skew = status.clockSkewMs;
  if (skew === undefined || Math.abs(skew) <= CLOCK_SKEW_WARNING_MS) return null;
  const minutes = Math.round(Math.abs(skew) / 60_000);
  const amount = minutes < 120 ? `${minutes} minutes` : `about ${Math.round(minutes / 60)} hours`;
  return `This laptop's clock is ${amount} ${skew > 0 ? 'fast' : 'slow'}; RateDesk uses the server's time for business dates.`;
}

/** What "Prepare for offline" answered, in one line (ready) or the list of what is missing. */
export function describeReadiness(readiness: OfflineReadiness): { ready: boolean; lines: string[] } {
  if (!readiness.ready) return { ready: false, lines: readiness.missing };
  return { ready: true, lines: [`Ready: rates as of ${formatBusinessDate(readiness.ratesAsOf)}, cache valid until ${formatTimestamp(readiness.cacheValidUntil)}`] };
}
