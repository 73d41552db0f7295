// The pull answers an instance gave moments ago, so a repeat of the same pull (the same caller,
// cursor and limit) while nothing changed costs no SQL: a 304 when the client already holds the
// answer, else the same bytes again (issue 15, target 2). An answer is reused only while
// - the change feed is live and its generation is the one the answer was read under (no commit to
//   a table the answer depends on has been announced since: change-feed.ts), and
// - it is younger than MEMO_MAX_AGE_MS. The age bound covers what a notification cannot: a pull
//   read from a replica that had not yet replayed the commit the notification announced (the
//   stale answer read after the notification is memoized under the new generation), and a
//   connection that died silently before its keep-alive noticed. Either way an answer is at most
//   this much older than a memo-less server's would be.
// Keyed by the caller: an entry never answers another user, whose comparisons (and so high water,
// ETag and body) differ. Bounded by entries and bytes, so memory stays near a memo-less server's.
import { LRUCache } from 'lru-cache';

/** How long an answer is reused at most, notifications or not. */
export const MEMO_MAX_AGE_MS = 5_000;
/** Bodies larger than this are not kept (full-sync pages: nobody asks for the same one twice at once). */
export const MEMO_MAX_BODY_BYTES = 256 * 1024;

export interface MemoizedPull {
  /** The ETag the answer carried, offline policy included (what If-None-Match is compared with). */
  etag: string;
  /** The 200's JSON; absent when only the ETag is known (a probe answered 304). */
  body?: string | undefined;
  /** The cursor the device holds once it applied the body (the delivery receipt's). */
  heldCursor?: string | undefined;
}

interface Entry extends MemoizedPull {
  generation: number;
}

export interface PullMemoSource {
  readonly generation: number;
  readonly live: boolean;
}

export interface PullAnswerMemoOptions {
  maxAgeMs?: number;
  maxEntries?: number;
  maxBytes?: number;
}

export class PullAnswerMemo {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly feed: PullMemoSource,
    options: PullAnswerMemoOptions = {},
  ) {
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 10_000,
      maxSize: options.maxBytes ?? 16 * 1024 * 1024,
      // Keys, tags and the body (UTF-16 in memory: two bytes a character); at least 1.
      sizeCalculation: (entry, key) => 2 * (key.length + entry.etag.length + (entry.body?.length ?? 0) + (entry.heldCursor?.length ?? 0)) + 64,
      ttl: options.maxAgeMs ?? MEMO_MAX_AGE_MS,
    });
  }

  static keyOf(args: { userId: string; cursor?: string | undefined; limit?: number | undefined }): string {
    return `${args.userId.toLowerCase()}\n${args.cursor ?? ''}\n${args.limit ?? ''}`;
  }

  /**
   * The generation to read under: take it BEFORE reading PostgreSQL, so a commit announced while
   * the read runs makes its answer unusable instead of memoized as current. null: do not memoize.
   */
  readingGeneration(): number | null {
    return this.feed.live ? this.feed.generation : null;
  }

  /** The answer for `key`, when it is still current. */
  get(key: string): MemoizedPull | undefined {
    if (!this.feed.live) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.generation !== this.feed.generation) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Keeps an answer read under `generation` (from readingGeneration), unless it is already outdated. */
  remember(key: string, generation: number | null, answer: MemoizedPull): void {
    if (generation === null || !this.feed.live || generation !== this.feed.generation) return;
    const body = answer.body !== undefined && answer.body.length <= MEMO_MAX_BODY_BYTES ? answer.body : undefined;
    const kept = this.entries.get(key);
    // A probe (tag only) does not throw away the body of the same answer.
    if (body === undefined && kept?.body !== undefined && kept.etag === answer.etag && kept.generation === generation) return;
    this.entries.set(key, { etag: answer.etag, body, heldCursor: body === undefined ? undefined : answer.heldCursor, generation });
  }

  /** Entries and their estimated bytes (for the bench's memory note). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }
}
