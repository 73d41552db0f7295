// The desktop sync engine as the app runs it (default page size, the store's prepared catalog
// writes) downloading the whole catalog into a fresh cache file, in a process of its own so its
// peak memory is the client's alone.
// When the server offers a catalog snapshot the engine downloads and applies it first (issue 15),
// and the figures say which part was which.
// Prints one JSON line: wall time, time inside the page transactions (apply), time waiting for and
// decoding pages while none is being applied (pull), rows, and this process's peak RSS.
// With `idle` as the 3rd argument it opens the cache and builds the engine but does not sync: the
// memory baseline of the same process doing nothing.
// Usage: BENCH_ACCESS_TOKEN=<token> node --import tsx bench/first-sync-child.ts <baseUrl> <cacheFile> [idle]
// (the token goes by environment, not argv, which any local user can read with ps)
import { hash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createSyncApiClient, type SyncApi } from '../src-main/sync/api-client.js';
import { createSyncEngine } from '../src-main/sync/engine.js';
import type { SnapshotEvent } from '../src-main/sync/snapshot-sync.js';
import { openOrRebuild } from '../src-main/store/rebuild-cache.js';

const [baseUrl = '', file = '', mode = 'sync'] = process.argv.slice(2);
const token = process.env.BENCH_ACCESS_TOKEN ?? '';
if (!baseUrl || !token || !file) {
  console.error('Usage: BENCH_ACCESS_TOKEN=<token> first-sync-child.ts <baseUrl> <cacheFile> [idle]');
  process.exit(2);
}

const { handle } = await openOrRebuild({ file });
const client = createSyncApiClient({ baseUrl, getAccessToken: async () => token, reportRejectedToken: () => undefined, timeoutMs: 120_000 });
let applyMs = 0;
let appliedRows = 0;
const slowestPages: number[] = [];
/** [start, end] of every pull request and of every page's apply, in performance.now() time. */
const pulls: [number, number][] = [];
const applies: [number, number][] = [];
const timedApi: SyncApi = {
  ...client,
  async pull(args) {
    const started = performance.now();
    try {
      return await client.pull(args);
    } finally {
      pulls.push([started, performance.now()]);
    }
  },
};

/** Merged, sorted intervals. */
function union(intervals: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Time spent waiting for pages: a pull in flight and no page being applied. The engine asks for
 * the next page before applying the current one, so the two overlap and a plain sum of request
 * times would count the overlap twice.
 */
function waitingForPagesMs(): number {
  const applying = union(applies);
  let waiting = 0;
  for (const [start, end] of union(pulls)) {
    let overlap = 0;
    for (const [from, to] of applying) overlap += Math.max(0, Math.min(end, to) - Math.max(start, from));
    waiting += end - start - overlap;
  }
  return waiting;
}
/** The catalog snapshot's part of the sync (issue 15): null when the sync pulled pages only. */
let snapshot: { bytes: number; downloadMs: number; applyMs: number; rows: number } | null = null;
function onSnapshot(event: SnapshotEvent): void {
  const now = performance.now();
  if (event.kind === 'downloaded') {
    snapshot = { bytes: event.bytes, downloadMs: event.downloadMs, applyMs: 0, rows: 0 };
    // The download (and its SHA-256 check) is waiting for the server's bytes, as a page pull is.
    pulls.push([now - event.downloadMs, now]);
  } else if (event.kind === 'applied' && snapshot !== null) {
    snapshot.applyMs = event.applyMs;
    snapshot.rows = event.rows;
    applyMs += event.applyMs;
    appliedRows += event.rows;
    applies.push([now - event.applyMs, now]);
  }
}
const engine = createSyncEngine({
  onSnapshot,
  db: handle.db,
  catalogBulk: handle.catalogBulk,
  api: timedApi,
  // Whose comparisons come with the pull; the bench measures the catalog.
  ownerSubject: () => 'bench-rep',
  md5Hex: (text) => hash('md5', text, 'hex'),
  onPageApplied: ({ rows, applyMs: ms }) => {
    applyMs += ms;
    const now = performance.now();
    applies.push([now - ms, now]);
    appliedRows += rows;
    slowestPages.push(ms);
  },
});
// The engine on this thread, as before issue 14 moved it to a worker: figure 7's comparison.
const eventLoop = monitorEventLoopDelay({ resolution: 5 });
eventLoop.enable();
const started = performance.now();
const outcome = mode === 'idle' ? await engine.refresh().then((status) => ({ ok: true, status, pages: 0 })) : await engine.runNow('start');
const totalMs = performance.now() - started;
eventLoop.disable();
await handle.close();
slowestPages.sort((a, b) => b - a);
process.stdout.write(
  `${JSON.stringify({
    ok: outcome.ok,
    reason: outcome.status.reason ?? null,
    pages: outcome.pages,
    rows: appliedRows,
    totalMs,
    applyMs,
    pullMs: waitingForPagesMs(),
    slowestPageMs: slowestPages[0] ?? 0,
    snapshot,
    eventLoopP99Ms: eventLoop.percentile(99) / 1e6,
    // resourceUsage().maxRSS is in kilobytes: the peak over this process's life, i.e. the first sync.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
