// How many failed sign-ins (missing, malformed, tampered, expired or ended tokens) each client
// address may cause a minute, checked BEFORE a token is verified: a flood of bad tokens is then
// refused with a 429 at the cost of a map lookup, not a signature check each. Reps behind one office
// NAT share an address, so the budget counts failures only (a rep's good requests cost nothing from
// it), and once an address is over budget a token that already signed in on this server still
// passes: a flood from the office's address does not lock its signed-in reps out.
//
// The same counts feed the audit (plugins/auth-failure-audit.ts): one LOGIN_FAILED row per address
// per interval with the count, never one per failure, so a flood cannot flood audit_log either.
// Each server instance counts its own; behind N instances an address gets N budgets, still bounded.
import { LRUCache } from 'lru-cache';
import { createTokenCache } from '../plugins/token-cache.js';

export interface AuthFailureBudgetOptions {
  /** Failures an address may cause per window before it is refused without verification. */
  maxFailures: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Most addresses (and most known-good tokens) remembered at once; default 10,000. */
  maxEntries?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

/** What one address did since the last audit. */
export interface AuthFailureTally {
  /** null: every address past maxEntries, summed. */
  address: string | null;
  failures: number;
  /** Requests refused with a 429 without their token being looked at. */
  refused: number;
  /** Failures by AuthError code (missing_token, invalid_token, expired_token). */
  reasons: Record<string, number>;
  firstAt: Date;
  lastAt: Date;
}

export interface AuthFailureBudget {
  /** Seconds until `address` may fail again, or 0 while it is within its budget. */
  retryAfterSeconds(address: string): number;
  recordFailure(address: string, reason: string): void;
  recordRefused(address: string): void;
  /** A token that signed in: it passes the address check until it expires. */
  rememberGood(tokenHash: string, expiresAt: Date): void;
  isKnownGood(tokenHash: string): boolean;
  /** The tallies since the last call, emptied. */
  drainTallies(): AuthFailureTally[];
}

interface Window {
  startedAt: number;
  failures: number;
}

export function createAuthFailureBudget(options: AuthFailureBudgetOptions): AuthFailureBudget {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const windows = new LRUCache<string, Window>({ max: maxEntries });
  const goodTokens = createTokenCache<{ good: true }>(maxEntries, now);
  let tallies = new Map<string | null, AuthFailureTally>();

  function windowOf(address: string): Window {
    const at = now();
    const current = windows.get(address);
    if (current && at - current.startedAt < windowMs) return current;
    const fresh = { startedAt: at, failures: 0 };
    windows.set(address, fresh);
    return fresh;
  }

  function tallyOf(address: string): AuthFailureTally {
    const key = tallies.has(address) || tallies.size < maxEntries ? address : null;
    let tally = tallies.get(key);
    if (!tally) {
      const at = new Date(now());
      tally = { address: key, failures: 0, refused: 0, reasons: {}, firstAt: at, lastAt: at };
      tallies.set(key, tally);
    }
    tally.lastAt = new Date(now());
    return tally;
  }

  return {
    retryAfterSeconds(address) {
      const window = windowOf(address);
      if (window.failures < options.maxFailures) return 0;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - now()) / 1000));
    },
    recordFailure(address, reason) {
      windowOf(address).failures += 1;
      const tally = tallyOf(address);
      tally.failures += 1;
      tally.reasons[reason] = (tally.reasons[reason] ?? 0) + 1;
    },
    recordRefused(address) {
      tallyOf(address).refused += 1;
    },
    rememberGood(tokenHash, expiresAt) {
      goodTokens.set(tokenHash, { good: true }, expiresAt.getTime() - now());
    },
    isKnownGood(tokenHash) {
      return goodTokens.get(tokenHash) !== undefined;
    },
    drainTallies() {
      const drained = [...tallies.values()];
      tallies = new Map();
      return drained;
    },
  };
}
