// What a run tells the rep: the status figures read from the cache (last success, outbox, cache
// age) and the state a failure stops the run in. Which state a failure means is decided by the one
// classifier (src-main/http/classify-failure.ts); this file only words it for the sync status.
import type { Kysely } from 'kysely';
import { SyncState, type SyncProgress, type SyncStatus } from '../../src-shared/sync/status.js';
import { classifyFailure, FailureKind, ServerTrouble } from '../http/classify-failure.js';
import { pendingUploadCount, rejectedUploadCount } from '../store/outbox.js';
import type { ClientDatabase } from '../store/schema.js';
import { getSyncState } from '../store/sync-state-repository.js';
import { SyncKey } from './sync-keys.js';

const DAY_MS = 86_400_000;

/** A run ended early on purpose, in a state of its own choosing (e.g. a copy that keeps differing). */
export class RunStopped extends Error {
  constructor(
    readonly state: SyncState,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The state the rep sees after a run failed with `error`, and why; anything unexpected is an error with its message. */
export function stoppedBy(error: unknown): { state: SyncState; reason: string } {
  if (error instanceof RunStopped) return { state: error.state, reason: error.reason };
  const failure = classifyFailure(error);
  switch (failure.kind) {
    case FailureKind.needsSignIn:
      return { state: SyncState.needsSignIn, reason: failure.message };
    case FailureKind.offline:
      return { state: SyncState.offline, reason: failure.message };
    case FailureKind.forbidden:
      return { state: SyncState.error, reason: `Not allowed to sync: ${failure.message}` };
    case FailureKind.serverTrouble:
      // An answer this version cannot read is not an outage: its message says what was wrong.
      return { state: SyncState.error, reason: failure.trouble === ServerTrouble.incompatible ? failure.message : `The server is unavailable: ${failure.message}` };
    default:
      return { state: SyncState.error, reason: failure.message };
  }
}

export interface StatusFigures {
  db: Kysely<ClientDatabase>;
  now: () => Date;
  /** The status says `stale` when the last successful sync is older than this many days. */
  stalenessWarningDays: number;
}

/** The status in `state`, with the figures as the cache holds them now. */
export async function readSyncStatus(
  { db, now, stalenessWarningDays }: StatusFigures,
  state: SyncState,
  extra: { reason?: string; progress?: SyncProgress } = {},
): Promise<SyncStatus> {
  const last = await getSyncState(db, SyncKey.lastSuccessAt);
  const ageMs = last === null ? null : Math.max(0, now().getTime() - Date.parse(last));
  return {
    state,
    ...extra,
    lastSuccessfulSyncAt: last,
    pendingUploads: await pendingUploadCount(db),
    rejectedUploads: await rejectedUploadCount(db),
    cacheAgeDays: ageMs === null ? null : Math.floor(ageMs / DAY_MS),
    stale: ageMs === null || ageMs > stalenessWarningDays * DAY_MS,
  };
}
