// Admission control for the sync reads (issue 15, fleet load). When an admin publishes, a whole
// fleet pulls within the same second. Without a gate every pull asks the pg pool for a connection
// at once, the pool's queue outgrows its acquisition timeout and the late ones are answered 503 (a
// server fault, logged and alerted on, retried by every laptop at once). The gate lets at most
// `concurrency` pulls (the pool's size) hold connections, queues the rest first come first served,
// and tells a caller to come back later (429 with Retry-After, a client's normal "busy") instead of
// queuing it beyond what it can be served in: when the queue is full, when its estimated wait is
// past the bound, or when it has waited out the bound. Per instance, like the pool it protects.
import { ProblemCode, ProblemError } from '../http/problem.js';

export interface AdmissionSettings {
  /** Work allowed to run at once: the pool's size, so the pool never queues for it. */
  concurrency: number;
  /** Callers that may wait; more are answered 429 at once. */
  maxQueue: number;
  /** The longest a caller waits for its turn (and the estimated wait above which it is not queued). */
  maxWaitMs: number;
}

/** Retry-After is whole seconds; beyond this a laptop's own timer would sync sooner anyway. */
const MAX_RETRY_AFTER_SECONDS = 30;
/** Weight of the newest service time in the running average (about the last 20 runs). */
const SERVICE_TIME_WEIGHT = 0.05;

interface Waiter {
  admit(): void;
  timer: ReturnType<typeof setTimeout>;
  /** Set once the waiter ran or gave up, so a stale entry at the head is skipped. */
  done: boolean;
}

export class AdmissionGate {
  private running = 0;
  private waiting = 0;
  private readonly queue: Waiter[] = [];
  private head = 0;
  /** Running average of how long one admitted run takes (a first guess until runs are measured). */
  private serviceMs = 20;
  private refusedCount = 0;

  constructor(private readonly settings: AdmissionSettings) {
    if (settings.concurrency < 1) throw new Error('AdmissionGate: concurrency must be at least 1');
  }

  /** Answers refused so far (429), for logs and tests. */
  get refused(): number {
    return this.refusedCount;
  }

  /** `work` when its turn comes; ProblemError 429 with Retry-After when it cannot be served in time. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.admit();
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.serviceMs += (performance.now() - started - this.serviceMs) * SERVICE_TIME_WEIGHT;
      this.release();
    }
  }

  /** How long the callers already in line take to drain, at the measured pace. */
  private estimatedWaitMs(): number {
    return ((this.waiting + 1) * this.serviceMs) / this.settings.concurrency;
  }

  private admit(): Promise<void> {
    if (this.running < this.settings.concurrency && this.waiting === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting >= this.settings.maxQueue || this.estimatedWaitMs() > this.settings.maxWaitMs) return Promise.reject(this.busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: resolve,
        done: false,
        timer: setTimeout(() => {
          waiter.done = true;
          this.waiting -= 1;
          reject(this.busy());
        }, this.settings.maxWaitMs),
      };
      this.waiting += 1;
      this.queue.push(waiter);
    });
  }

  /** Hands the finished run's slot to the longest waiter, or frees it. */
  private release(): void {
    for (;;) {
      const next = this.queue[this.head];
      if (next === undefined) break;
      this.head += 1;
      if (next.done) continue;
      next.done = true;
      this.waiting -= 1;
      clearTimeout(next.timer);
      this.compact();
      next.admit();
      return;
    }
    this.compact();
    this.running -= 1;
  }

  /** Drops the served entries from the front now and then (shift() on every release is O(n)). */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  private busy(): ProblemError {
    this.refusedCount += 1;
    // The time the line ahead takes to drain; the caller adds its own jitter so a refused crowd
    // does not come back in the same second.
    const seconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(this.estimatedWaitMs() / 1000)));
    return new ProblemError(429, ProblemCode.rateLimited, 'Server busy', {
      detail: `Too many sync requests are waiting for the database; retry in ${seconds} s`,
      headers: { 'retry-after': String(seconds) },
    });
  }
}
