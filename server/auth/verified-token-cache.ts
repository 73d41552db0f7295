// A client pulls every few seconds with the same access token, and checking its RS256 signature is
// the most expensive step of an authenticated request that has nothing to send. So a token that
// verified is remembered (by the SHA-256 of its text, never the text itself) for a short while:
// at most `maxAgeMs`, and never past its own `exp`, so an expired token is refused exactly as
// before. Only successes are stored: a token that failed is verified again (and fails again) on
// every request, and a key-fetch outage is never turned into an acceptance or a cached refusal.
// The bound on `maxAgeMs` is also how long a token keeps working after the issuer stops publishing
// its signing key (jose caches the key set for minutes anyway).
import { createHash } from 'node:crypto';
import { createTokenCache } from '../plugins/token-cache.js';
import type { AccessTokenVerifier, VerifiedPrincipal } from './verify-access-token.js';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered at once (least recently used go first). Default 10,000. */
  maxEntries?: number;
  /** Longest a verification is reused. Default 60 s. */
  maxAgeMs?: number;
  /** Milliseconds since the epoch; the same clock jose checks `exp` against (the real one). */
  now?: () => number;
}

export const DEFAULT_VERIFIED_TOKEN_MAX_ENTRIES = 10_000;
export const DEFAULT_VERIFIED_TOKEN_MAX_AGE_MS = 60_000;

/** `verifier`, reusing a successful verification of the same token until it expires or ages out. */
export function cachingVerifier(verifier: AccessTokenVerifier, options: VerifiedTokenCacheOptions = {}): AccessTokenVerifier {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_VERIFIED_TOKEN_MAX_AGE_MS;
  const cache = createTokenCache<VerifiedPrincipal>(options.maxEntries ?? DEFAULT_VERIFIED_TOKEN_MAX_ENTRIES, now);

  return {
    async verify(token) {
      // Missing or blank tokens are the verifier's to refuse, with its own message.
      if (token === undefined || token.trim() === '') return verifier.verify(token);
      const key = createHash('sha256').update(token).digest('hex');
      const hit = cache.get(key);
      if (hit) return hit;
      const principal = await verifier.verify(token);
      cache.set(key, principal, Math.min(maxAgeMs, principal.expiresAt.getTime() - now()));
      return principal;
    },
  };
}
