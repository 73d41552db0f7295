// What PostgreSQL itself shows while figures 8 and 9 run, read from the outside on a connection of
// the bench's own (superuser), so the API server runs unchanged: its connections
// (pg_stat_activity) and the sync writers' advisory lock (pg_locks: who holds it, and since when
// each waiter has waited, pg_locks.waitstart, PostgreSQL 14 and later).
import pg from 'pg';
import { SYNC_LOCK_KEY } from '../server/sync/write-lock.js';

/** The application_name of the API server's pools (server/db/config.ts). */
const SERVER_APPLICATION = 'ratedesk-server%';

/** pg_locks shows a bigint advisory key as its high and low 32 bits (classid, objid) with objsubid 1. */
export function advisoryKeyParts(key: bigint): { classid: number; objid: number } {
  const unsigned = BigInt.asUintN(64, key);
  return { classid: Number(unsigned >> 32n), objid: Number(unsigned & 0xffff_ffffn) };
}

interface Sampler<T> {
  stop(): Promise<T>;
}

/** Runs `query` every `intervalMs` (one at a time) until stopped, folding each row into the summary. */
async function sample<Row extends pg.QueryResultRow, T>(url: string, query: string, intervalMs: number, fold: (row: Row) => void, summary: () => T): Promise<Sampler<T>> {
  const client = new pg.Client({ connectionString: url, application_name: 'ratedesk-bench-sampler' });
  // A sampler still open when the database stops (a run that failed elsewhere) must not crash the run.
  client.on('error', () => undefined);
  await client.connect();
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const { rows } = await client.query<Row>(query);
      if (rows[0]) fold(rows[0]);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - started))));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.finally(() => client.end());
      return summary();
    },
  };
}

export interface ConnectionSamples {
  /** The most pooled connections seen at once. */
  peak: number;
  /** The most LISTEN connections seen at once (the change feed's, outside the pool: server/sync/change-feed.ts). */
  listeners: number;
  samples: number;
}

/**
 * The API server's connections to the database, every `intervalMs`: its pools' apart from the one
 * that only waits for notifications (idle after LISTEN), which holds no query and is no pool's.
 */
export function sampleServerConnections(url: string, intervalMs = 50): Promise<Sampler<ConnectionSamples>> {
  let peak = 0;
  let listeners = 0;
  let samples = 0;
  return sample<{ connections: number; listeners: number }, ConnectionSamples>(
    url,
    `SELECT count(*) FILTER (WHERE NOT listening)::int AS connections, count(*) FILTER (WHERE listening)::int AS listeners
       FROM (SELECT state = 'idle' AND query ILIKE 'LISTEN %' AS listening FROM pg_stat_activity WHERE application_name LIKE '${SERVER_APPLICATION}') a`,
    intervalMs,
    (row) => {
      peak = Math.max(peak, row.connections);
      listeners = Math.max(listeners, row.listeners);
      samples += 1;
    },
    () => ({ peak, listeners, samples }),
  );
}

export interface LockSamples {
  /** The longest any transaction was seen waiting for the lock, in ms (a lower bound: sampled). */
  longestWaitMs: number;
  /** Share of samples in which some transaction held the lock. */
  heldFraction: number;
  /** Most transactions seen waiting at once. */
  peakWaiters: number;
  samples: number;
}

/** The sync writers' advisory lock (server/sync/write-lock.ts), every `intervalMs`. */
export function sampleSyncWriteLock(url: string, intervalMs = 10): Promise<Sampler<LockSamples>> {
  const { classid, objid } = advisoryKeyParts(BigInt(SYNC_LOCK_KEY));
  let longestWaitMs = 0;
  let held = 0;
  let peakWaiters = 0;
  let samples = 0;
  return sample<{ held: boolean; waiters: number; longest_ms: number | null }, LockSamples>(
    url,
    `SELECT coalesce(bool_or(granted), false) AS held, count(*) FILTER (WHERE NOT granted)::int AS waiters,
            max(extract(epoch FROM clock_timestamp() - waitstart) * 1000)::float8 AS longest_ms
       FROM pg_locks WHERE locktype = 'advisory' AND classid = '${classid}'::oid AND objid = '${objid}'::oid AND objsubid = 1`,
    intervalMs,
    (row) => {
      samples += 1;
      if (row.held) held += 1;
      peakWaiters = Math.max(peakWaiters, row.waiters);
      longestWaitMs = Math.max(longestWaitMs, row.longest_ms ?? 0);
    },
    () => ({ longestWaitMs, heldFraction: samples === 0 ? 0 : held / samples, peakWaiters, samples }),
  );
}
