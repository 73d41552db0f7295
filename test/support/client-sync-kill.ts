// A desktop sync in its own process (client-sync-child.ts) killed with SIGKILL inside the SQLite
// transaction of one page, after that page's rows are written and before they commit. Used by
// test/integration/main/sync/faults.test.ts and the soak that repeats it at random pages.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getSyncState } from '../../src-main/store/sync-state-repository.js';
import { SyncKey } from '../../src-main/sync/sync-keys.js';
import { openClient } from './client-sync-harness.js';

const CHILD = fileURLToPath(new URL('./client-sync-child.ts', import.meta.url));

export interface KilledSync {
  /** False when the sync finished before reaching the page (the catalog has fewer pages). */
  killed: boolean;
  /** Rows of the page that was written but not committed. */
  rowsInFlight: number;
}

/** Runs a sync of `file` in a child process and kills it inside page `pauseAtPage`. */
export async function killSyncDuringPage(baseUrl: string, token: string, file: string, pauseAtPage: number, pageLimit: number): Promise<KilledSync> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, baseUrl, token, file, String(pauseAtPage), String(pageLimit)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const paused = await new Promise<string | null>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /PAUSED [0-9]+ ([0-9]+)/.exec(stdout);
      if (line) resolve(line[1] ?? '0');
    });
    void exited.then(({ code }) => {
      if (/DONE /.test(stdout) && code === 0) resolve(null);
      else reject(new Error(`the sync process exited (${code}) before pausing: ${stdout} ${stderr}`));
    });
  });
  if (paused === null) return { killed: false, rowsInFlight: 0 };
  child.kill('SIGKILL');
  const { signal } = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the sync process ended with ${signal ?? 'no signal'} instead of SIGKILL`);
  return { killed: true, rowsInFlight: Number(paused) };
}

export interface CacheCounts {
  products: number;
  rates: number;
  availability: number;
  /** Rows of issue 13's tables (carriers, approvals, strategies, strategy rates, index levels). */
  catalogTerms: number;
  cursor: string | null;
}

/** What a cache file holds, read by a fresh connection (as the next start of the app would). */
export async function cacheCounts(file: string): Promise<CacheCounts> {
  const handle = await openClient(file);
  try {
    const counts = handle.sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM rate_history) AS rates, (SELECT count(*) FROM product_availability) AS availability,
                (SELECT count(*) FROM carriers) + (SELECT count(*) FROM product_state_approvals) + (SELECT count(*) FROM fia_strategies)
                  + (SELECT count(*) FROM fia_strategy_rates) + (SELECT count(*) FROM index_levels) AS catalogTerms`,
      )
      .get() as { products: number; rates: number; availability: number; catalogTerms: number };
    return { ...counts, cursor: await getSyncState(handle.db, SyncKey.cursor) };
  } finally {
    await handle.close();
  }
}
