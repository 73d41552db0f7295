// Figure 9 (issue 15, target 6): every synced write takes one advisory lock (ADR 0001), so uploads
// queue behind an admin's rate sheet. 200 reps upload comparisons (one per request, each verified
// by the server against the catalog) for a while with nothing else writing, then as long again
// while an admin imports rate sheets back to back (and on until one is in: an import refused with a
// 503, no pool connection within its timeout, is counted and tried again). The lock is watched from
// pg_locks (pg-sampler.ts), so the server runs unchanged: its waits are sampled every 10 ms, a lower
// bound of the longest; time spent queueing for a pool connection is not in it (see the p99 upload).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Agent, request } from 'undici';
import { createDatabase } from '../server/db/database.js';
import type { Database } from '../server/db/schema.js';
import type { SavedComparison } from '../src-shared/sync/protocol.js';
import { verifiedComparison } from '../test/support/saved-comparisons.js';
import { planRateSheet, publishSheet, type RepToken } from './fleet-setup.js';
import { sampleSyncWriteLock, type LockSamples } from './pg-sampler.js';
import { Better, type FigureInput } from './report.js';
import type { BenchStack } from './stack.js';
import { percentile, perSecond } from './statistics.js';

export const CONTENTION_REPS = 200;
const TEMPLATES = 4;

interface Phase {
  applied: number;
  refused: number;
  failedImports: number;
  firstRefusal: string | undefined;
  pushesPerSecond: number;
  p99Ms: number | null;
  lock: LockSamples;
  imports: number[];
}

/** A few comparisons the server verifies, built from its own rows as the desktop builds them. */
async function templates(db: Kysely<Database>): Promise<SavedComparison[]> {
  const products = await db.selectFrom('products').select('productId').where('isActive', '=', true).orderBy('productId', 'desc').limit(50).execute();
  const built: SavedComparison[] = [];
  for (const { productId } of products) {
    if (built.length === TEMPLATES) break;
    // A product not offered today cannot be compared; the next one is tried.
    const comparison = await verifiedComparison(db, [productId], { comparisonDate: new Date().toISOString() }).catch(() => null);
    if (comparison) built.push(comparison);
  }
  if (built.length === 0) throw new Error('no product of the catalog could be compared today');
  return built;
}

async function runPhase(input: {
  stack: BenchStack;
  reps: readonly RepToken[];
  comparisons: readonly SavedComparison[];
  durationMs: number;
  sheetRows: number | null;
}): Promise<Phase> {
  const agent = new Agent({ connections: CONTENTION_REPS, keepAliveTimeout: 30_000 });
  const lock = await sampleSyncWriteLock(input.stack.database.ownerUrl);
  const latencies: number[] = [];
  const imports: number[] = [];
  let applied = 0;
  let refused = 0;
  let firstRefusal: string | undefined;
  let failedImports = 0;
  const started = performance.now();
  const running = () => performance.now() - started < input.durationMs;
  // Uploads go on until the admin has got at least one sheet in (or given up), so it is contended throughout.
  let adminDone = input.sheetRows === null;
  const rep = async (index: number) => {
    const { token } = input.reps[index % input.reps.length] as RepToken;
    const template = input.comparisons[index % input.comparisons.length] as SavedComparison;
    const deviceId = randomUUID();
    while (running() || !adminDone) {
      const sent = performance.now();
      const response = await request(`${input.stack.server.baseUrl}/v1/sync/push`, {
        dispatcher: agent,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-ratedesk-device': deviceId },
        body: JSON.stringify({ comparisons: [{ ...template, comparisonId: randomUUID() }] }),
      });
      const text = await response.body.text();
      latencies.push(performance.now() - sent);
      if (response.statusCode === 200 && text.includes('"status":"applied"')) applied += 1;
      else {
        refused += 1;
        firstRefusal ??= `${response.statusCode}: ${text.slice(0, 300)}`;
      }
    }
  };
  const admin = async (sheetRows: number) => {
    for (let round = 1; running() || (imports.length === 0 && failedImports < 5); round += 1) {
      const sheet = await planRateSheet(input.stack.database.ownerUrl, sheetRows, round);
      // A refused import (a 503 when no pool connection frees up in time) is reported, not fatal.
      await publishSheet(input.stack.server.baseUrl, input.stack.tokens.admin, sheet.rows).then(
        (ms) => imports.push(ms),
        (error: unknown) => {
          failedImports += 1;
          firstRefusal ??= `import ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    }
    adminDone = true;
  };
  const failure = await Promise.all([...Array.from({ length: CONTENTION_REPS }, (_, index) => rep(index)), ...(input.sheetRows === null ? [] : [admin(input.sheetRows)])]).then(
    () => null,
    (error: unknown) => error,
  );
  const elapsed = performance.now() - started;
  await agent.close();
  const samples = await lock.stop();
  if (failure !== null) throw failure;
  return { applied, refused, failedImports, firstRefusal, pushesPerSecond: perSecond(applied, elapsed), p99Ms: latencies.length > 0 ? percentile(latencies, 99) : null, lock: samples, imports };
}

export async function measurePushContention(input: {
  stack: BenchStack;
  reps: readonly RepToken[];
  sheetRows: number;
  durationSeconds: number;
  log: (line: string) => void;
}): Promise<FigureInput[]> {
  const db = createDatabase({ connectionString: input.stack.database.ownerUrl, max: 2 });
  let comparisons: SavedComparison[];
  try {
    comparisons = await templates(db);
  } finally {
    await db.destroy();
  }
  const durationMs = input.durationSeconds * 1000;
  input.log(`pushes under contention: ${CONTENTION_REPS} reps uploading comparisons for ${input.durationSeconds} s alone, then as long with ${input.sheetRows}-row rate sheets imported back to back`);
  const alone = await runPhase({ ...input, comparisons, durationMs, sheetRows: null });
  const contended = await runPhase({ ...input, comparisons, durationMs, sheetRows: input.sheetRows });
  const longestImport = contended.imports.length > 0 ? Math.max(...contended.imports) : null;
  // Each upload is one transaction holding the lock; the share of time it is held bounds the rate.
  const lockBound = alone.lock.heldFraction > 0 ? alone.pushesPerSecond / alone.lock.heldFraction : null;
  input.log(
    `  ${alone.pushesPerSecond.toFixed(0)} pushes/s alone, ${contended.pushesPerSecond.toFixed(0)}/s during ${contended.imports.length} imports; longest lock wait ${contended.lock.longestWaitMs.toFixed(0)} ms; ` +
      `${alone.refused + contended.refused + contended.failedImports} refused`,
  );
  const refusal = (phase: Phase) => (phase.firstRefusal === undefined ? undefined : ` (first: ${phase.firstRefusal})`);
  const held = (phase: Phase) => `${(phase.lock.heldFraction * 100).toFixed(0)}%`;
  return [
    {
      section: '9 pushes under contention',
      name: 'comparisons uploaded per second during rate sheet imports',
      value: contended.pushesPerSecond,
      unit: '/s',
      better: Better.higher,
      ceiling: { value: alone.pushesPerSecond, what: `the same ${CONTENTION_REPS} reps with no import` },
      note:
        `${CONTENTION_REPS} reps over ${input.reps.length} tokens, one comparison per upload; p99 upload ${contended.p99Ms?.toFixed(0) ?? 'n/a'} ms (alone ${alone.p99Ms?.toFixed(0) ?? 'n/a'} ms); ` +
        `lock held ${held(alone)} of the time alone, ${held(contended)} with imports; lock-bound estimate ${lockBound === null ? 'n/a' : `${lockBound.toFixed(0)} uploads/s`} (rate alone / share held); ` +
        `refused: ${alone.refused} uploads alone, ${contended.refused} uploads and ${contended.failedImports} imports with imports${refusal(alone) ?? refusal(contended) ?? ''}`,
    },
    {
      section: '9 pushes under contention',
      name: 'longest wait for the sync write lock',
      value: contended.lock.longestWaitMs,
      unit: 'ms',
      better: Better.lower,
      ceiling: { value: longestImport, what: 'the longest rate sheet import (its transaction holds the lock)' },
      note: `pg_locks every 10 ms (${contended.lock.samples} samples, a lower bound); ${contended.imports.length} imports of ${input.sheetRows} rows; up to ${contended.lock.peakWaiters} transactions waiting at once; alone the longest wait was ${alone.lock.longestWaitMs.toFixed(0)} ms`,
    },
  ];
}
