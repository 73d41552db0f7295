// The token cache's two rules on top of lru-cache: an entry is gone at the very millisecond its TTL
// runs out (a token is expired at `exp`), and a TTL of zero or less stores nothing (lru-cache would
// read 0 as "forever"). Plus the LRU bound.
import { describe, expect, it } from 'vitest';
import { createTokenCache } from '../../../../server/plugins/token-cache.js';

describe('token cache', () => {
  it('serves an entry until its TTL runs out, not a millisecond longer', () => {
    let now = 1_800_000_000_000;
    const cache = createTokenCache<{ user: string }>(10, () => now);
    cache.set('a', { user: 'rep' }, 60_000);
    now += 59_999;
    expect(cache.get('a')).toEqual({ user: 'rep' });
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('stores nothing for a TTL of zero or less', () => {
    let now = 1_800_000_000_000;
    const cache = createTokenCache<{ user: string }>(10, () => now);
    cache.set('zero', { user: 'rep' }, 0);
    cache.set('negative', { user: 'rep' }, -5);
    expect(cache.get('zero')).toBeUndefined();
    expect(cache.get('negative')).toBeUndefined();
    now += 3_600_000;
    expect(cache.get('zero')).toBeUndefined();
  });

  it('forgets the least recently used entry beyond maxEntries', () => {
    const cache = createTokenCache<{ n: number }>(2, () => 1_800_000_000_000);
    cache.set('a', { n: 1 }, 1_000);
    cache.set('b', { n: 2 }, 1_000);
    expect(cache.get('a')).toEqual({ n: 1 });
    cache.set('c', { n: 3 }, 1_000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ n: 1 });
    expect(cache.get('c')).toEqual({ n: 3 });
  });
});
