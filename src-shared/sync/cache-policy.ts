// How long a desktop may quote from its cached catalog without a sync (issue 14). The server sets it
// (an admin changes it; sync_policy) and sends it with every pull; the desktop keeps the last one it
// received. Past the limit the app says "connect to refresh" instead of quoting: rates that old may
// no longer be offered, and a client must not be shown them as current.
import { z } from 'zod';

export const DEFAULT_MAX_OFFLINE_DAYS = 30;
export const MAX_OFFLINE_DAYS_LIMIT = 365;

export const CachePolicy = z.object({
  maxOfflineDays: z
    .int({ error: `must be a whole number of days from 1 to ${MAX_OFFLINE_DAYS_LIMIT}` })
    .min(1, `must be a whole number of days from 1 to ${MAX_OFFLINE_DAYS_LIMIT}`)
    .max(MAX_OFFLINE_DAYS_LIMIT, `must be a whole number of days from 1 to ${MAX_OFFLINE_DAYS_LIMIT}`),
});
export type CachePolicy = z.infer<typeof CachePolicy>;

export const DEFAULT_CACHE_POLICY: CachePolicy = { maxOfflineDays: DEFAULT_MAX_OFFLINE_DAYS };

const DAY_MS = 86_400_000;

/** The instant after which the cache must not quote: the last successful sync plus the allowed days; null before a first sync. */
export function cacheValidUntil(lastSuccessfulSyncAt: string | null, policy: CachePolicy): string | null {
  if (lastSuccessfulSyncAt === null) return null;
  const at = Date.parse(lastSuccessfulSyncAt);
  if (Number.isNaN(at)) return null;
  return new Date(at + policy.maxOfflineDays * DAY_MS).toISOString();
}

/** True when quoting must stop: never synced, or past cacheValidUntil at `now`. */
export function cacheExpired(lastSuccessfulSyncAt: string | null, policy: CachePolicy, now: Date): boolean {
  const until = cacheValidUntil(lastSuccessfulSyncAt, policy);
  return until === null || now.getTime() >= Date.parse(until);
}
