// Figure 1 (first sync into a fresh client cache) and the client half of figure 6 (peak RSS).
import path from 'node:path';
import { z } from 'zod';
import { runForJson } from './child-process.js';
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
  peakRssBytes: z.number(),
  /** This thread's event-loop delay p99 with the engine on it (figure 7 compares the worker with it). */
  eventLoopP99Ms: z.number(),
});
const CeilingResult = z.object({ rows: z.number(), ms: z.number() });

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

  input.log('first sync: the desktop engine downloads the whole catalog into a fresh cache');
  const sync = SyncResult.parse(await runForJson('bench/first-sync-child.ts', [input.baseUrl, cacheFile], { BENCH_ACCESS_TOKEN: input.token }));
  if (!sync.ok) throw new Error(`the first sync did not finish: ${sync.reason ?? 'unknown reason'}`);
  input.log(`  ${sync.rows.toLocaleString('en-US')} rows in ${sync.pages} pages, ${(sync.totalMs / 1000).toFixed(1)} s`);

  input.log('first sync ceiling: prepared inserts of the same rows in one transaction');
  const ceiling = CeilingResult.parse(await runForJson('bench/sqlite-ceiling-child.ts', [cacheFile, ceilingFile]));
  const idle = SyncResult.parse(await runForJson('bench/first-sync-child.ts', [input.baseUrl, idleFile, 'idle'], { BENCH_ACCESS_TOKEN: input.token }));

  const applyRate = perSecond(sync.rows, sync.applyMs);
  const ceilingRate = perSecond(ceiling.rows, ceiling.ms);
  // The time the whole sync would take if applying cost what the ceiling costs; the rest (network,
  // server, JSON decoding and validation, verification) is unchanged.
  const totalAtCeilingApply = (sync.totalMs - sync.applyMs + (sync.rows / ceilingRate) * 1000) / 1000;
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
        name: 'total time',
        value: sync.totalMs / 1000,
        unit: 's',
        better: Better.lower,
        ceiling: { value: totalAtCeilingApply, what: 'the same sync with the apply at the ceiling rate' },
        target: { on: 'value', atMost: 60, text: '< 60 s' },
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
