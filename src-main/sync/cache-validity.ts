// The offline policy on the laptop (issue 14): the last CachePolicy a pull brought (kept in
// sync_state; the default before any), when the cache stops quoting, and the guard the catalog,
// Compare and illustration services call before they show or print a rate. Past the limit the rep
// is told to connect instead of being shown rates the firm may no longer offer; saved comparisons
// stay viewable (they are records of what was shown then).
import type { Kysely } from 'kysely';
import { cacheExpired, cacheValidUntil, CachePolicy, DEFAULT_CACHE_POLICY } from '../../src-shared/sync/cache-policy.js';
import { desktopErrorCodes } from '../../src-shared/desktop-api/index.js';
import { DesktopCallError } from '../ipc/desktop-call-error.js';
import type { ClientDatabase, ClientDb } from '../store/schema.js';
import { getSyncState, setSyncState } from '../store/sync-state-repository.js';
import { SyncKey } from './sync-keys.js';

export async function storedCachePolicy(db: ClientDb): Promise<CachePolicy> {
  const stored = await getSyncState(db, SyncKey.cachePolicy);
  if (stored === null) return DEFAULT_CACHE_POLICY;
  try {
    const parsed = CachePolicy.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_CACHE_POLICY;
  } catch {
    return DEFAULT_CACHE_POLICY;
  }
}

/** Keeps the policy a pull page stated (a page without one, from an older server, changes nothing). */
export async function keepCachePolicy(db: ClientDb, policy: CachePolicy | undefined, now: Date): Promise<void> {
  if (policy !== undefined) await setSyncState(db, SyncKey.cachePolicy, JSON.stringify(policy), now);
}

export interface CacheValidity {
  policy: CachePolicy;
  lastSuccessfulSyncAt: string | null;
  /** Null before a first complete sync. */
  validUntil: string | null;
  /** True past validUntil, or never synced (the status says so; the quote guard refuses only the former). */
  expired: boolean;
}

export async function cacheValidity(db: ClientDb, now: Date): Promise<CacheValidity> {
  const policy = await storedCachePolicy(db);
  const last = await getSyncState(db, SyncKey.lastSuccessAt);
  return { policy, lastSuccessfulSyncAt: last, validUntil: cacheValidUntil(last, policy), expired: cacheExpired(last, policy, now) };
}

export function cacheExpiredMessage(policy: CachePolicy): string {
  return `Connect to refresh: the rates on this laptop are older than the ${policy.maxOfflineDays} days your firm allows. Sync, then quote again; saved comparisons stay viewable.`;
}

/**
 * Throws a cache-expired DesktopCallError when the last complete sync is older than the policy
 * allows, on the real clock (RATEDESK_CLOCK moves business dates, not how old the copy is). A cache
 * that never completed a sync has nothing verified to quote from and is not refused here: its
 * status already says "never synced".
 */
export function quoteGuard(db: Kysely<ClientDatabase>, now: () => Date = () => new Date()): () => Promise<void> {
  return async () => {
    const validity = await cacheValidity(db, now());
    if (validity.lastSuccessfulSyncAt !== null && validity.expired) {
      throw new DesktopCallError(desktopErrorCodes.cacheExpired, cacheExpiredMessage(validity.policy));
    }
  };
}
