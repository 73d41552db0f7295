// What a run tells the rep: the status figures read from the cache (last success, outbox, cache
// age) and the state a failure stops the run in. Which state a failure means is decided by the one
// classifier (src-main/http/classify-failure.ts) and its words by failure-wording.ts; the technical
// message goes along as the detail, behind the status bar's "details" toggle.
import type { Kysely } from 'kysely';
import { SyncState, type SyncProgress, type SyncStatus } from '../../src-shared/sync/status.js';
import { classifyFailure, FailureKind } from '../http/classify-failure.js';
import { syncFailureText } from '../http/failure-wording.js';
import { pendingUploadCount, rejectedUploadCount } from '../store/outbox.js';
import { heldComparisonCount } from '../store/saved-comparisons.js';
import type { ClientDatabase } from '../store/schema.js';
import { getSyncState } from '../store/sync-state-repository.js';
import { cacheValidity } from './cache-validity.js';
import { SyncKey } from './sync-keys.js';

const DAY_MS = 86_400_000;

/** A run ended early on purpose, in a state of its own choosing (e.g. a copy that keeps differing). */
export class RunStopped extends Error {
  constructor(
    readonly state: SyncState,
    readonly reason: string,
    /** Technical detail (e.g. which tables differ), for the details toggle, never the sentence itself. */
    readonly detail?: string,
    /** Set when an admin revoked the device or rep (revocation.ts). */
    readonly revocation?: { scope: 'device' | 'user'; reason: string },
  ) {
    super(reason);
  }
}

/** The state the rep sees after a run failed with `error`, and why; anything unexpected is an error with its message. */
export function stoppedBy(error: unknown): { state: SyncState } & StatusExtra {
  if (error instanceof RunStopped) {
    return {
      state: error.state,
      reason: error.reason,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.revocation === undefined ? {} : { revocation: error.revocation }),
    };
  }
  const failure = classifyFailure(error);
  const worded = { reason: syncFailureText(failure), detail: failure.message };
  switch (failure.kind) {
    case FailureKind.needsSignIn:
      return { state: SyncState.needsSignIn, ...worded };
    case FailureKind.offline:
      return { state: SyncState.offline, ...worded };
    case FailureKind.updateRequired:
      return {
        state: SyncState.updateRequired,
        ...worded,
        ...(failure.minimumProtocolVersion === undefined ? {} : { minimumProtocolVersion: failure.minimumProtocolVersion }),
      };
    default:
      return { state: SyncState.error, ...worded };
  }
}

export interface StatusFigures {
  db: Kysely<ClientDatabase>;
  now: () => Date;
  /** The status says `stale` when the last successful sync is older than this many days. */
  stalenessWarningDays: number;
  /** Whose outbox the counts are (the rep signed in now); null: nobody's. */
  ownerSubject: () => string | null;
}

/** What a status carries beyond the figures: why the run stopped, its progress, the server's minimum protocol, a revocation. */
export interface StatusExtra {
  reason?: string;
  detail?: string;
  progress?: SyncProgress;
  minimumProtocolVersion?: number;
  revocation?: { scope: 'device' | 'user'; reason: string };
}

/** The status in `state`, with the figures as the cache holds them now. */
export async function readSyncStatus(
  { db, now, stalenessWarningDays, ownerSubject }: StatusFigures,
  state: SyncState,
  extra: StatusExtra = {},
): Promise<SyncStatus> {
  const last = await getSyncState(db, SyncKey.lastSuccessAt);
  const ageMs = last === null ? null : Math.max(0, now().getTime() - Date.parse(last));
  const owner = ownerSubject();
  const held = await heldComparisonCount(db);
  const validity = await cacheValidity(db, now());
  return {
    state,
    ...extra,
    lastSuccessfulSyncAt: last,
    pendingUploads: await pendingUploadCount(db, owner),
    rejectedUploads: await rejectedUploadCount(db, owner),
    ...(held > 0 ? { heldComparisons: held } : {}),
    cacheAgeDays: ageMs === null ? null : Math.floor(ageMs / DAY_MS),
    stale: ageMs === null || ageMs > stalenessWarningDays * DAY_MS,
    cacheValidUntil: validity.validUntil,
    cacheExpired: validity.expired,
  };
}

/** What a status re-read without a run keeps of the last one: its reason, detail and the server's minimum protocol. */
export function carriedOver(status: SyncStatus): Omit<StatusExtra, 'progress'> {
  return {
    ...(status.reason === undefined ? {} : { reason: status.reason }),
    ...(status.detail === undefined ? {} : { detail: status.detail }),
    ...(status.minimumProtocolVersion === undefined ? {} : { minimumProtocolVersion: status.minimumProtocolVersion }),
    ...(status.revocation === undefined ? {} : { revocation: status.revocation }),
  };
}
