// When to try an upload again after a transient failure (network down, 5xx, 429): exponential
// backoff with jitter, so a fleet of laptops coming back online does not retry in lock-step.
// Pure: the caller passes the random draw, so tests and the outbox are deterministic.

export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Ceiling of the exponential part. */
  maxMs: number;
}

/** 5 s, 10 s, 20 s, ... up to 15 minutes: quick recovery from a blip, no hammering during an outage. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

export interface RetryDelayInput {
  /** Failed attempts so far, 1 after the first failure. */
  attempt: number;
  /** A draw in [0, 1), e.g. Math.random(). */
  random: number;
  /** The server's Retry-After, when it sent one; never retried sooner than that. */
  retryAfterMs?: number;
  policy?: BackoffPolicy;
}

/**
 * "Equal jitter": half of the exponential delay is fixed, the other half random. Unlike full
 * jitter it never retries almost at once, and it still spreads the fleet over half the window.
 */
export function retryDelayMs({ attempt, random, retryAfterMs, policy = DEFAULT_BACKOFF }: RetryDelayInput): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a whole number >= 1, got ${attempt}`);
  if (!(random >= 0 && random < 1)) throw new RangeError(`random must be in [0, 1), got ${random}`);
  // 2 ** 40 is already past any sensible maxMs; capping the exponent avoids Infinity.
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 40));
  const half = exponential / 2;
  const delay = Math.round(half + random * half);
  return retryAfterMs !== undefined && retryAfterMs > delay ? Math.ceil(retryAfterMs) : delay;
}

/** The instant of the next attempt. */
export function nextAttemptAt(now: Date, input: RetryDelayInput): Date {
  return new Date(now.getTime() + retryDelayMs(input));
}
