// The desktop sync engine (unchanged, the app's default page size) downloading the whole catalog
// into a fresh cache file, in a process of its own so its peak memory is the client's alone.
// Prints one JSON line: wall time, time inside the page transactions (apply), time waiting for and
// decoding pages (pull), rows, and this process's peak RSS.
// With `idle` as the 3rd argument it opens the cache and builds the engine but does not sync: the
// memory baseline of the same process doing nothing.
// Usage: BENCH_ACCESS_TOKEN=<token> node --import tsx bench/first-sync-child.ts <baseUrl> <cacheFile> [idle]
// (the token goes by environment, not argv, which any local user can read with ps)
import { createHash } from 'node:crypto';
import { createSyncApiClient, type SyncApi } from '../src-main/sync/api-client.js';
import { createSyncEngine } from '../src-main/sync/engine.js';
import { openOrRebuild } from '../src-main/store/rebuild-cache.js';

const [baseUrl = '', file = '', mode = 'sync'] = process.argv.slice(2);
const token = process.env.BENCH_ACCESS_TOKEN ?? '';
if (!baseUrl || !token || !file) {
  console.error('Usage: BENCH_ACCESS_TOKEN=<token> first-sync-child.ts <baseUrl> <cacheFile> [idle]');
  process.exit(2);
}

const { handle } = await openOrRebuild({ file });
const client = createSyncApiClient({ baseUrl, getAccessToken: async () => token, reportRejectedToken: () => undefined, timeoutMs: 120_000 });
let pullMs = 0;
let applyMs = 0;
let appliedRows = 0;
const slowestPages: number[] = [];
const timedApi: SyncApi = {
  ...client,
  async pull(args) {
    const started = performance.now();
    try {
      return await client.pull(args);
    } finally {
      pullMs += performance.now() - started;
    }
  },
};
const engine = createSyncEngine({
  db: handle.db,
  api: timedApi,
  md5Hex: (text) => createHash('md5').update(text).digest('hex'),
  onPageApplied: ({ rows, applyMs: ms }) => {
    applyMs += ms;
    appliedRows += rows;
    slowestPages.push(ms);
  },
});
const started = performance.now();
const outcome = mode === 'idle' ? await engine.refresh().then((status) => ({ ok: true, status, pages: 0 })) : await engine.runNow('start');
const totalMs = performance.now() - started;
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
    pullMs,
    slowestPageMs: slowestPages[0] ?? 0,
    // resourceUsage().maxRSS is in kilobytes: the peak over this process's life, i.e. the first sync.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
