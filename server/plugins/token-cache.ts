// An in-memory LRU with per-entry expiry, for "this token belongs to that user and session" and
// "this token verified". lru-cache does the work; this file only pins down the two rules the
// callers rely on. Each server instance keeps its own (the server is otherwise stateless): a miss
// only costs the verification or the sign-in bookkeeping query once more, so no shared cache is
// needed behind a load balancer.
import { LRUCache } from 'lru-cache';

export interface TokenCache<V> {
  get(key: string): V | undefined;
  /** Remembers `value` for `ttlMs` (a token's remaining life, capped); nothing when `ttlMs` <= 0. */
  set(key: string, value: V, ttlMs: number): void;
}

/**
 * At most `maxEntries` values (the least recently used go first), each until its own TTL runs out
 * on `clock` (milliseconds; the callers' clock, so tests can move it).
 */
export function createTokenCache<V extends object>(maxEntries: number, clock: () => number = Date.now): TokenCache<V> {
  const cache = new LRUCache<string, V>({
    max: maxEntries,
    perf: { now: clock },
    // lru-cache reuses a reading of the clock for this many ms by default; the callers' clock is
    // read every time (a test that moves it expects the move to count at once).
    ttlResolution: 0,
  });
  return {
    get(key) {
      const value = cache.get(key);
      // lru-cache serves an entry until its age is past the TTL; a token is expired at `exp`
      // itself, so an entry with no time left is dropped here.
      if (value !== undefined && cache.getRemainingTTL(key) <= 0) {
        cache.delete(key);
        return undefined;
      }
      return value;
    },
    set(key, value, ttlMs) {
      // lru-cache reads a TTL of 0 as "forever": a token already past its life is not stored at all.
      if (ttlMs <= 0) return;
      cache.set(key, value, { ttl: ttlMs });
    },
  };
}
