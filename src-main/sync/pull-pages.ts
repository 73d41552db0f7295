// Pulls the catalog and the rep's comparisons page by page from the cursor the cache holds (from
// none: a full download), applying each page with its cursor in one transaction (apply-page.ts),
// and reports progress. Returns the server's checksums for the cursor it ended at, for verify.ts.
import { z } from 'zod';
import { parseCursor } from '../../src-shared/sync/cursor.js';
import { SYNC_COLLECTIONS, type ChecksumReport, type TableChecksum } from '../../src-shared/sync/protocol.js';
import type { SyncProgress } from '../../src-shared/sync/status.js';
import { withFullDownloadTuning } from '../store/full-download-tuning.js';
import { forgetServerVersions } from '../store/saved-comparisons.js';
import { deleteSyncState, getSyncState, setSyncState } from '../store/sync-state-repository.js';
import type { PullAnswer } from './api-client.js';
import { applyPage, pageRowCount, type BeforePageCommit } from './apply-page.js';
import { readPullReport } from './pull-report.js';
import type { SyncRunContext } from './run-context.js';
import { keepCachePolicy } from './cache-validity.js';
import { SyncKey } from './sync-keys.js';
import { startFromSnapshot, type SnapshotOptions } from './snapshot-sync.js';
import { prepareRedownload } from './verify.js';

export interface PullContext extends SyncRunContext, SnapshotOptions {
  /** Rows per pull page (the server may send more to keep a transaction whole). */
  pageLimit: number;
  beforePageCommit?: BeforePageCommit | undefined;
  onPageApplied?: ((info: { pageNumber: number; rows: number; applyMs: number }) => void) | undefined;
  /** Progress of a pull of more than one page (or one with rows), as pages commit. */
  onProgress: (progress: SyncProgress) => Promise<void>;
  /** The business time zone a page stated (business-time-zone.ts keeps it). */
  onBusinessTimeZone?: ((zone: string) => Promise<void>) | undefined;
}

export interface PullResult {
  /** The server's sums for the cursor we ended at (from the last page, or asked for after a 304); null: pull again. */
  checksums: ChecksumReport | null;
}

/** Pages and rows committed so far in the run; counted as they commit, so a run that fails later still reports them. */
export interface PullCounts {
  pages: number;
  rowsApplied: number;
}

const StoredEtag = z.object({ cursor: z.string(), etag: z.string() });

/** undefined for text that is not JSON (a damaged state value then simply does not parse). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function storedEtag(context: PullContext, cursor: string | null): Promise<string | null> {
  const stored = await getSyncState(context.db, SyncKey.etag);
  if (stored === null || cursor === null) return null;
  const parsed = StoredEtag.safeParse(parseJson(stored));
  return parsed.success && parsed.data.cursor === cursor ? parsed.data.etag : null;
}

/** Before a download from no cursor: every comparison will arrive again and is counted then. */
async function resetComparisonSums(context: PullContext): Promise<void> {
  await context.db.transaction().execute(async (trx) => {
    await forgetServerVersions(trx, context.ownerSubject);
    await setSyncState(trx, SyncKey.comparisonsChecksum, JSON.stringify({ count: 0, checksum: '0' } satisfies TableChecksum));
  });
}

/** Pulls until the copy is at the server's head; a pull from no cursor runs with the store's full-download tuning. */
export async function pullAll(context: PullContext, counted: PullCounts): Promise<PullResult> {
  let cursor = await getSyncState(context.db, SyncKey.cursor);
  if (cursor !== null && parseCursor(cursor).kind !== 'current') {
    // Written by another cursor format (an older server): the server would refuse it anyway.
    await prepareRedownload(context, SYNC_COLLECTIONS);
    cursor = null;
  }
  if (cursor === null) {
    await resetComparisonSums(context);
    // The snapshot, when the server offers one, replaces the pages up to its version.
    return withFullDownloadTuning(context.db, async () => pullPages(context, await startFromSnapshot(context), counted));
  }
  return pullPages(context, cursor, counted);
}

async function pullPages(context: PullContext, from: string | null, counted: PullCounts): Promise<PullResult> {
  const { db, api, now, pageLimit } = context;
  let cursor = from;
  const etag = await storedEtag(context, cursor);
  const position = cursor === null ? null : parseCursor(cursor);
  const start = position?.kind === 'current' ? BigInt(position.version) : 0n;
  let pages = 0;
  let rowsApplied = 0;
  let percent = 0;
  let target: bigint | null = null;
  let prefetched: Promise<PullAnswer> | null = null;
  const report = await readPullReport(db, context.ownerSubject);
  for (;;) {
    const answer = await (prefetched ?? api.pull({ cursor, limit: pageLimit, etag: pages === 0 ? etag : null, report }));
    prefetched = null;
    if (answer.kind === 'not-modified') {
      const report = await api.checksums();
      return { checksums: report.cursor === cursor ? report : null };
    }
    const { page } = answer;
    const requested = cursor;
    if (page.hasMore) {
      // The next page is asked for before this one is written, so the server builds and sends it
      // meanwhile (a download is mostly waiting for the server otherwise). It is applied only
      // after this page commits, from this page's cursor: the order of commits is unchanged. Its
      // failure surfaces when it is awaited; if this page fails first, it is simply dropped.
      const next = api.pull({ cursor: page.cursor, limit: pageLimit, etag: null, report });
      next.catch(() => undefined);
      prefetched = next;
    }
    pages += 1;
    const rows = pageRowCount(page);
    const applyStarted = performance.now();
    await applyPage(db, page, {
      md5Hex: context.md5Hex,
      now: now(),
      pageNumber: pages,
      beforeCommit: context.beforePageCommit,
      catalogBulk: context.catalogBulk,
      ownerSubject: context.ownerSubject,
    });
    context.onPageApplied?.({ pageNumber: pages, rows, applyMs: performance.now() - applyStarted });
    if (page.businessTimeZone !== undefined) await context.onBusinessTimeZone?.(page.businessTimeZone);
    await keepCachePolicy(db, page.cachePolicy, now());
    rowsApplied += rows;
    counted.pages += 1;
    counted.rowsApplied += rows;
    cursor = page.cursor;
    if (!page.hasMore) {
      // The ETag names the requested cursor: it can answer 304 only to a request at the same
      // cursor, i.e. when this page was empty and the cursor did not move.
      if (answer.etag !== null && requested === page.cursor) {
        await setSyncState(db, SyncKey.etag, JSON.stringify({ cursor: requested, etag: answer.etag }), now());
      } else {
        await deleteSyncState(db, SyncKey.etag);
      }
      if (pages > 1 || rowsApplied > 0) await context.onProgress({ rowsApplied, rowsTotal: rowsApplied, percent: 100 });
      return { checksums: page.checksums ?? null };
    }
    await deleteSyncState(db, SyncKey.etag);
    // Progress by change versions: the first page says how far the server is (highWater) and the
    // cursor moves towards it. Each synced row holds one version, but updates and other reps'
    // uploads use versions too, so the span is an upper estimate of the rows to come: the
    // percent follows the cursor (kept monotonic, 100 only when done) and rowsTotal is a guess.
    target ??= BigInt(page.highWater);
    const reached = parseCursor(page.cursor);
    let rowsTotal = rowsApplied;
    if (reached.kind === 'current' && target > start) {
      const done = Number(((BigInt(reached.version) - start) * 100n) / (target - start));
      percent = Math.max(percent, Math.min(99, done));
      rowsTotal = Math.max(rowsApplied, Number(target - start));
    }
    await context.onProgress({ rowsApplied, rowsTotal, percent });
  }
}
