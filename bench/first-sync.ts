// Figure 1 (first sync into a fresh client cache) and the client half of figure 6 (peak RSS).
import path from 'node:path';
import { z } from 'zod';
import { runForJson } from './child-process.js';
import { waitForSnapshot } from './first-sync-snapshot.js';
import { Better, type FigureInput } from './report.js';
import { perSecond } from './statistics.js';

export const SyncResult = z.object({
  ok: z.boolean(),
  reason: z.string().nullable(),
  pages: z.number(),
  rows: z.number(),
  totalMs: z.number(),
  applyMs: z.number(),
  pullMs: z.number(),
  slowestPageMs: z.number(),
  /** The catalog snapshot's part (issue 15); null: the sync pulled pages only. */
  snapshot: z.object({ bytes: z.number(), downloadMs: z.number(), applyMs: z.number(), rows: z.number() }).nullable().default(null),
  peakRssBytes: z.number(),
  /** This thread's event-loop delay p99 with the engine on it (figure 7 compares the worker with it). */
  eventLoopP99Ms: z.number(),
});
const CeilingResult = z.object({ rows: z.number(), ms: z.number(), copyMs: z.number() });

const MB = 1024 * 1024;

export interface FirstSyncResult {
  figures: FigureInput[];
  /** The synced cache, for the payload and later phases. */
  cacheFile: string;
  rows: number;
  /** The main thread's event-loop delay p99 with the engine running on it. */
  eventLoopP99Ms: number;
}

export async function measureFirstSync(input: { baseUrl: string; token: string; folder: string; log: (line: string) => void }): Promise<FirstSyncResult> {
  const cacheFile = path.join(input.folder, 'first-sync.sqlite');
  const idleFile = path.join(input.folder, 'idle.sqlite');
  const ceilingFile = path.join(input.folder, 'ceiling.sqlite');

  input.log('first sync: the server builds its catalog snapshot (once per catalog version)');
  const build = await waitForSnapshot(input.baseUrl, input.token);
  input.log(build === null ? '  no snapshot offered: the first sync pulls pages' : `  ${(build.bytes / MB).toFixed(1)} MB at version ${build.version} in ${(build.buildMs / 1000).toFixed(1)} s`);
  input.log('first sync: the desktop engine downloads the whole catalog into a fresh cache');
  const sync = SyncResult.parse(await runForJson('bench/first-sync-child.ts', [input.baseUrl, cacheFile], { BENCH_ACCESS_TOKEN: input.token }));
  if (!sync.ok) throw new Error(`the first sync did not finish: ${sync.reason ?? 'unknown reason'}`);
  input.log(`  ${sync.rows.toLocaleString('en-US')} rows in ${sync.pages} pages, ${(sync.totalMs / 1000).toFixed(1)} s`);

  input.log('first sync ceiling: prepared inserts of the same rows in one transaction');
  const ceiling = CeilingResult.parse(await runForJson('bench/sqlite-ceiling-child.ts', [cacheFile, ceilingFile]));
  const idle = SyncResult.parse(await runForJson('bench/first-sync-child.ts', [input.baseUrl, idleFile, 'idle'], { BENCH_ACCESS_TOKEN: input.token }));

  const applyRate = perSecond(sync.rows, sync.applyMs);
  const ceilingRate = perSecond(ceiling.rows, ceiling.ms);
  const copyCeilingRate = perSecond(ceiling.rows, ceiling.copyMs);
  // The time the whole sync would take if applying cost what the ceiling costs; the rest (network,
  // server, JSON decoding and validation, verification) is unchanged.
  const totalAtCeilingApply = (sync.totalMs - sync.applyMs + (sync.rows / ceilingRate) * 1000) / 1000;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const snap = sync.snapshot;
  const parts =
    snap === null
      ? 'no snapshot: every row came as pages'
      : `snapshot ${(snap.bytes / MB).toFixed(1)} MB: ${seconds(snap.downloadMs)} downloading and checking its SHA-256, ${seconds(snap.applyMs)} applying ${snap.rows} rows; ` +
        `then ${sync.pages} delta page(s) with ${sync.rows - snap.rows} rows; ${seconds(sync.totalMs - snap.downloadMs - snap.applyMs)} the rest (delta, checksum verification, status); ` +
        `client peak RSS ${(sync.peakRssBytes / MB).toFixed(0)} MB`;
  return {
    cacheFile,
    rows: sync.rows,
    eventLoopP99Ms: sync.eventLoopP99Ms,
    figures: [
      {
        section: '1 first sync',
        name: 'client apply rate',
        value: applyRate,
        unit: 'rows/s',
        better: Better.higher,
        ceiling: { value: ceilingRate, what: 'better-sqlite3 prepared inserts of the same rows, one transaction' },
        target: { on: 'ratio', atLeast: 0.5, text: 'ratio >= 0.5' },
        note:
          `${sync.rows} rows in ${sync.pages} pages; ${(sync.applyMs / 1000).toFixed(1)} s applying (slowest page ${sync.slowestPageMs.toFixed(0)} ms), ` +
          `${(sync.pullMs / 1000).toFixed(1)} s waiting for pages while none was applied (server, network, decoding and validating), ` +
          `${((sync.totalMs - sync.applyMs - sync.pullMs) / 1000).toFixed(1)} s the rest (checksum verification, status)`,
      },
      {
        section: '1 first sync',
        name: 'client apply rate against a copy in SQLite',
        value: applyRate,
        unit: 'rows/s',
        better: Better.higher,
        ceiling: { value: copyCeilingRate, what: 'INSERT ... SELECT of the same rows in key order from the synced file, indexes built after (the bulk load\'s method without parsing or staging)' },
      },
      {
        section: '1 first sync',
        name: 'total time',
        value: sync.totalMs / 1000,
        unit: 's',
        better: Better.lower,
        ceiling: { value: totalAtCeilingApply, what: 'the same sync with the apply at the ceiling rate' },
        target: { on: 'value', atMost: 15, text: '< 15 s' },
        note: parts,
      },
      {
        section: '1 first sync',
        name: 'snapshot build (server, once per catalog version)',
        value: build === null ? null : build.buildMs / 1000,
        unit: 's',
        better: Better.lower,
        ceiling: { value: null, what: 'not on any client\'s path: built before the fleet asks, reused until the catalog moves on' },
      },
      {
        section: '6 memory',
        name: 'client peak RSS during first sync',
        value: sync.peakRssBytes / MB,
        unit: 'MB',
        better: Better.lower,
        ceiling: { value: idle.peakRssBytes / MB, what: 'the same client process opened but idle' },
      },
    ],
  };
}
