// The desktop sync engine: uploads the outbox, pulls the catalog and the rep's comparisons page by
// page, verifies the copy against the server's checksums and repairs what differs. Design and
// guarantees: docs/adr/0001-sync-cursor.md (server side) and the notes below (client side).
//
// - One run at a time: runNow during a run schedules exactly one more run after it.
// - A page and its cursor are committed together (apply-page.ts): a crash or cut resumes exactly.
// - The outbox is never dropped: uploads end applied (confirmed by a pull), rejected (kept with
//   the server's reason) or pending with a backoff; a repair or a resync never touches it.
// - Repair: the protocol pages all tables together, so a table that fails verification is emptied
//   and the whole history is pulled again from no cursor; tables that matched are rewritten with
//   identical rows (the upserts are version-guarded) and stay visible meanwhile. Products are
//   referenced by availability and rates, so emptying products empties those too.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { NeedsSignInError, OfflineError } from '../auth/auth-errors.js';
import { nextAttemptAt } from '../../src-shared/sync/backoff.js';
import type { Md5Hex } from '../../src-shared/sync/checksum.js';
import { parseCursor } from '../../src-shared/sync/cursor.js';
import { MAX_PUSH_COMPARISONS, SavedComparison, type ChecksumReport, type TableChecksum } from '../../src-shared/sync/protocol.js';
import { SyncState, type SyncProgress, type SyncStatus } from '../../src-shared/sync/status.js';
import { fromZodError } from '../../src-shared/errors.js';
import {
  markApplied,
  markRejected,
  markUploading,
  nextUploadBatch,
  pendingUploadCount,
  scheduleRetry,
  type UploadItem,
} from '../store/comparison-repository.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import { OutboxStatus, type ClientDatabase } from '../store/schema.js';
import { deleteSyncState, getSyncState, setSyncState } from '../store/sync-state-repository.js';
import {
  ForbiddenError,
  NetworkError,
  RequestRefusedError,
  ResyncRequiredError,
  ServerUnavailableError,
  UnauthorizedError,
  type PullAnswer,
  type SyncApi,
} from './api-client.js';
import { applyPage, pageRowCount, readComparisonsChecksum, type BeforePageCommit } from './apply-page.js';
import { catalogChecksums } from './local-checksums.js';
import { SyncKey } from './sync-keys.js';

export const SyncTable = { products: 'products', availability: 'availability', rates: 'rates', comparisons: 'comparisons' } as const;
export type SyncTable = (typeof SyncTable)[keyof typeof SyncTable];
const TABLES = Object.values(SyncTable);

export interface SyncOutcome {
  /** True when the run ended with a copy verified equal to the server's. */
  ok: boolean;
  status: SyncStatus;
  uploaded: number;
  rejected: number;
  pages: number;
  rowsApplied: number;
  /** Tables found different and downloaded again (all four after a server epoch change). */
  repaired: SyncTable[];
  /** True when the server asked for a full download (new epoch, restore). */
  resynced: boolean;
}

export type SyncReason = 'start' | 'timer' | 'network' | 'manual' | 'saved' | (string & {});

/** Runs someone is waiting for: they retry pending uploads without waiting out the backoff. */
const USER_DRIVEN_REASONS: ReadonlySet<SyncReason> = new Set(['manual', 'network', 'saved']);
/** A date after every scheduled retry (ISO text compares correctly up to year 9999). */
const EVERYTHING_DUE = new Date('9999-12-31T23:59:59.999Z');

export interface SyncEngineOptions {
  db: Kysely<ClientDatabase>;
  /**
   * The prepared catalog upserts of the same connection as `db` (ClientDatabaseHandle.catalogBulk).
   * The app passes it: the apply of a big first sync measured about 1.3 to 1.7 times faster
   * (docs/performance.md), and the verification reads the copy faster. Without it pages are written
   * and read through Kysely, with the same result.
   */
  catalogBulk?: CatalogBulk | undefined;
  api: SyncApi;
  md5Hex: Md5Hex;
  now?: () => Date;
  /** A draw in [0, 1) for the backoff jitter. */
  random?: () => number;
  /** Rows per pull page (the server may send more to keep a transaction whole). */
  pageLimit?: number;
  /** The status says `stale` when the last successful sync is older than this many days. */
  stalenessWarningDays?: number;
  onStatus?: (status: SyncStatus) => void;
  /** Test hook: runs inside each page's transaction, before it commits. */
  beforePageCommit?: BeforePageCommit;
  /** Measurement hook (npm run bench): after each page's transaction committed, with how long it took. */
  onPageApplied?: (info: { pageNumber: number; rows: number; applyMs: number }) => void;
}

export interface SyncEngine {
  runNow(reason?: SyncReason): Promise<SyncOutcome>;
  /** Runs now and then every intervalMs (and when the network comes back). */
  start(options: { intervalMs: number }): void;
  /** Stops the timer; a run in progress finishes. */
  stop(): void;
  networkChanged(online: boolean): void;
  status(): SyncStatus;
  /** Reads the persisted figures (last success, outbox, cache age) without syncing, e.g. at start-up. */
  refresh(): Promise<SyncStatus>;
}

const DAY_MS = 86_400_000;

/**
 * WAL size (in 4 KB pages, about 400 MB) allowed before a checkpoint while a full download runs.
 * Each of its ~100 page transactions touches index pages all over the big tables (random UUID keys);
 * with SQLite's default (a checkpoint every 1,000 pages) the same index pages are copied back into
 * the database after almost every transaction. Checkpointing rarely copies each page once: the
 * apply of the 1,000,000-row benchmark catalog measured about 1.6 times faster (docs/performance.md).
 */
const FULL_DOWNLOAD_WAL_AUTOCHECKPOINT = 100_000;

/**
 * SQLite page cache (in KiB, as a negative cache_size) while a full download runs, instead of the
 * default 2 MB. The random-UUID primary key index of a million rate rows is about 50 MB; once it
 * fits, each row's insert stops reading index pages back from the file: the benchmark's apply
 * measured about 15% faster with 64 MB (32 MB gained nothing). Given back when the download ends.
 */
const FULL_DOWNLOAD_CACHE_KIB = 65_536;

const StoredEtag = z.object({ cursor: z.string(), etag: z.string() });

/** undefined for text that is not JSON (a damaged state value then simply does not parse). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

class RunStopped extends Error {
  constructor(
    readonly state: SyncState,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function sameChecksum(a: TableChecksum, b: TableChecksum): boolean {
  return a.count === b.count && a.checksum === b.checksum;
}

/** Maps a failure to the state the rep sees; anything unexpected is an error with its message. */
function stopFor(error: unknown): RunStopped {
  if (error instanceof RunStopped) return error;
  if (error instanceof NeedsSignInError || error instanceof UnauthorizedError) return new RunStopped(SyncState.needsSignIn, error.message);
  if (error instanceof OfflineError || error instanceof NetworkError) return new RunStopped(SyncState.offline, error.message);
  if (error instanceof ForbiddenError) return new RunStopped(SyncState.error, `Not allowed to sync: ${error.message}`);
  if (error instanceof ServerUnavailableError) return new RunStopped(SyncState.error, `The server is unavailable: ${error.message}`);
  return new RunStopped(SyncState.error, error instanceof Error ? error.message : String(error));
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, api, md5Hex } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const pageLimit = options.pageLimit ?? 1000;
  const stalenessWarningDays = options.stalenessWarningDays ?? 7;

  let current: SyncStatus = {
    state: SyncState.idle,
    lastSuccessfulSyncAt: null,
    pendingUploads: 0,
    rejectedUploads: 0,
    cacheAgeDays: null,
    stale: true,
  };
  let running: Promise<SyncOutcome> | null = null;
  let queued: Promise<SyncOutcome> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  function publish(next: SyncStatus): void {
    current = next;
    options.onStatus?.(next);
  }

  async function freshStatus(state: SyncState, extra: { reason?: string; progress?: SyncProgress } = {}): Promise<SyncStatus> {
    const last = await getSyncState(db, SyncKey.lastSuccessAt);
    const rejected = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', OutboxStatus.rejected)
      .executeTakeFirstOrThrow();
    const ageMs = last === null ? null : Math.max(0, now().getTime() - Date.parse(last));
    return {
      state,
      ...extra,
      lastSuccessfulSyncAt: last,
      pendingUploads: await pendingUploadCount(db),
      rejectedUploads: Number(rejected.count),
      cacheAgeDays: ageMs === null ? null : Math.floor(ageMs / DAY_MS),
      stale: ageMs === null || ageMs > stalenessWarningDays * DAY_MS,
    };
  }

  // ---- uploads -------------------------------------------------------------------------------

  async function retryLater(items: readonly UploadItem[], error: unknown): Promise<void> {
    const at = now();
    const retryAfterMs = error instanceof ServerUnavailableError ? error.retryAfterMs : undefined;
    // Waiting for sign-in is not the server's fault: due again as soon as the rep is back.
    const waitsForSignIn = error instanceof NeedsSignInError || error instanceof UnauthorizedError;
    const message = error instanceof Error ? error.message : String(error);
    for (const item of items) {
      const due = waitsForSignIn
        ? at
        : nextAttemptAt(at, { attempt: item.attempts + 1, random: random(), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
      await scheduleRetry(db, item.comparisonId, message, due, at);
    }
  }

  /** The server's version of a comparison that came back by pull already, or null. */
  async function pulledVersion(comparisonId: string): Promise<string | null> {
    const { rows } = await sql<{ version: string | null }>`
      SELECT CAST(server_change_version AS TEXT) AS version FROM saved_comparisons WHERE comparison_id = ${comparisonId}`.execute(db);
    return rows[0]?.version ?? null;
  }

  async function pushItems(items: readonly UploadItem[]): Promise<{ uploaded: number; rejected: number }> {
    let uploaded = 0;
    let rejected = 0;
    const sendable: { item: UploadItem; comparison: SavedComparison }[] = [];
    for (const item of items) {
      const parsed = SavedComparison.safeParse(item.payload);
      if (parsed.success) {
        sendable.push({ item, comparison: parsed.data });
      } else {
        // The server would refuse it the same way; keep it, visibly, with the reason.
        await markRejected(db, item.comparisonId, `Cannot be uploaded: ${fromZodError(parsed.error).message}`, now());
        rejected += 1;
      }
    }
    if (sendable.length === 0) return { uploaded, rejected };
    await markUploading(db, sendable.map(({ item }) => item.comparisonId), now());
    let response;
    try {
      response = await api.push({ comparisons: sendable.map(({ comparison }) => comparison) });
    } catch (error) {
      if (error instanceof RequestRefusedError && sendable.length > 1) {
        // One bad comparison refuses the whole request: send them one by one to find it.
        for (const { item } of sendable) await scheduleRetry(db, item.comparisonId, error.message, now(), now());
        for (const { item } of sendable) {
          const one = await pushItems([item]);
          uploaded += one.uploaded;
          rejected += one.rejected;
        }
        return { uploaded, rejected };
      }
      if (error instanceof RequestRefusedError) {
        await markRejected(db, sendable[0]?.item.comparisonId ?? '', error.message, now());
        return { uploaded, rejected: rejected + 1 };
      }
      await retryLater(sendable.map(({ item }) => item), error);
      throw error;
    }
    for (const result of response.results) {
      const id = result.comparisonId.toLowerCase();
      if (result.status === 'rejected') {
        await markRejected(db, id, result.reason ?? 'Rejected by the server.', now());
        rejected += 1;
        continue;
      }
      // applied or duplicate (an earlier upload whose answer was lost): the server has it. It stays
      // "uploading" until a pull brings the server's copy back (the ADR's write checkpoint), unless
      // that already happened.
      uploaded += 1;
      const version = await pulledVersion(id);
      if (version !== null) await markApplied(db, [id], version, now());
    }
    return { uploaded, rejected };
  }

  async function uploadOutbox(ignoreBackoff: boolean): Promise<{ uploaded: number; rejected: number }> {
    let uploaded = 0;
    let rejected = 0;
    const seen = new Set<number>();
    for (;;) {
      // The backoff spares a struggling server from automatic retries; when the rep asks (Sync now)
      // or the network has just come back, every pending comparison is tried at once.
      const dueBy = ignoreBackoff ? EVERYTHING_DUE : now();
      const batch = (await nextUploadBatch(db, dueBy, MAX_PUSH_COMPARISONS)).filter((item) => !seen.has(item.outboxId));
      if (batch.length === 0) return { uploaded, rejected };
      for (const item of batch) seen.add(item.outboxId);
      const done = await pushItems(batch);
      uploaded += done.uploaded;
      rejected += done.rejected;
    }
  }

  // ---- pulls ---------------------------------------------------------------------------------

  /**
   * Empties `tables` (with their dependants) and forgets the cursor, in one transaction, so the
   * next pull downloads everything again. Saved comparisons and the outbox are kept; their server
   * versions are cleared so the comparisons' sum is rebuilt from what arrives.
   */
  async function prepareRedownload(tables: readonly SyncTable[]): Promise<void> {
    const wipe = new Set(tables);
    if (wipe.has(SyncTable.products)) {
      wipe.add(SyncTable.availability);
      wipe.add(SyncTable.rates);
    }
    await db.transaction().execute(async (trx) => {
      if (wipe.has(SyncTable.availability)) await trx.deleteFrom('productAvailability').execute();
      if (wipe.has(SyncTable.rates)) await trx.deleteFrom('rateHistory').execute();
      if (wipe.has(SyncTable.products)) await trx.deleteFrom('products').execute();
      await deleteSyncState(trx, SyncKey.cursor);
      await deleteSyncState(trx, SyncKey.etag);
    });
  }

  /** Before a download from no cursor: every comparison will arrive again and is counted then. */
  async function resetComparisonSums(): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('savedComparisons').set({ serverChangeVersion: null }).execute();
      await setSyncState(trx, SyncKey.comparisonsChecksum, JSON.stringify({ count: 0, checksum: '0' } satisfies TableChecksum));
    });
  }

  interface PullResult {
    /** The server's sums for the cursor we ended at (from the last page, or asked for after a 304). */
    checksums: ChecksumReport | null;
  }

  async function storedEtag(cursor: string | null): Promise<string | null> {
    const stored = await getSyncState(db, SyncKey.etag);
    if (stored === null || cursor === null) return null;
    const parsed = StoredEtag.safeParse(parseJson(stored));
    return parsed.success && parsed.data.cursor === cursor ? parsed.data.etag : null;
  }

  async function pullAll(counted: { pages: number; rowsApplied: number }): Promise<PullResult> {
    let cursor = await getSyncState(db, SyncKey.cursor);
    if (cursor !== null && parseCursor(cursor).kind !== 'current') {
      // Written by another cursor format (an older server): the server would refuse it anyway.
      await prepareRedownload(TABLES);
      cursor = null;
    }
    if (cursor === null) {
      await resetComparisonSums();
      return withFullDownloadSettings(() => pullPages(cursor, counted));
    }
    return pullPages(cursor, counted);
  }

  /** The connection's current value of a numeric PRAGMA, or `fallback`. */
  async function pragmaNumber(name: string, fallback: number): Promise<number> {
    const { rows } = await sql<Record<string, unknown>>`PRAGMA ${sql.raw(name)}`.execute(db);
    const value = Object.values(rows[0] ?? {})[0];
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : fallback;
  }

  /**
   * Runs a full download with rare WAL checkpoints and a bigger page cache, then puts both back,
   * checkpoints and shrinks the WAL, and lets SQLite free the cache's memory.
   */
  async function withFullDownloadSettings<T>(run: () => Promise<T>): Promise<T> {
    const usualCheckpoint = await pragmaNumber('wal_autocheckpoint', 1000);
    const usualCache = await pragmaNumber('cache_size', -2000);
    await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(FULL_DOWNLOAD_WAL_AUTOCHECKPOINT))}`.execute(db);
    await sql`PRAGMA cache_size = ${sql.raw(String(-FULL_DOWNLOAD_CACHE_KIB))}`.execute(db);
    try {
      return await run();
    } finally {
      // None of these may hide the run's own error: the settings are per connection (a reopened
      // cache starts from the defaults), and a checkpoint that cannot run now (a reader in the
      // way) runs later by itself. TRUNCATE gives the WAL's disk space back.
      await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(usualCheckpoint))}`.execute(db).catch(() => undefined);
      await sql`PRAGMA cache_size = ${sql.raw(String(usualCache))}`.execute(db).catch(() => undefined);
      await sql`PRAGMA shrink_memory`.execute(db).catch(() => undefined);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db).catch(() => undefined);
    }
  }

  async function pullPages(from: string | null, counted: { pages: number; rowsApplied: number }): Promise<PullResult> {
    let cursor = from;
    const etag = await storedEtag(cursor);
    const position = cursor === null ? null : parseCursor(cursor);
    const start = position?.kind === 'current' ? BigInt(position.version) : 0n;
    let pages = 0;
    let rowsApplied = 0;
    let percent = 0;
    let target: bigint | null = null;
    let prefetched: Promise<PullAnswer> | null = null;
    for (;;) {
      const answer = await (prefetched ?? api.pull({ cursor, limit: pageLimit, etag: pages === 0 ? etag : null }));
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
        const next = api.pull({ cursor: page.cursor, limit: pageLimit, etag: null });
        next.catch(() => undefined);
        prefetched = next;
      }
      pages += 1;
      const applyStarted = performance.now();
      await applyPage(db, page, { md5Hex, now: now(), pageNumber: pages, beforeCommit: options.beforePageCommit, catalogBulk: options.catalogBulk });
      options.onPageApplied?.({ pageNumber: pages, rows: pageRowCount(page), applyMs: performance.now() - applyStarted });
      rowsApplied += pageRowCount(page);
      // Counted as committed, so a run that fails later still reports what it applied.
      counted.pages += 1;
      counted.rowsApplied += pageRowCount(page);
      cursor = page.cursor;
      if (!page.hasMore) {
        // The ETag names the requested cursor: it can answer 304 only to a request at the same
        // cursor, i.e. when this page was empty and the cursor did not move.
        if (answer.etag !== null && requested === page.cursor) {
          await setSyncState(db, SyncKey.etag, JSON.stringify({ cursor: requested, etag: answer.etag }), now());
        } else {
          await deleteSyncState(db, SyncKey.etag);
        }
        if (pages > 1 || rowsApplied > 0) publish(await freshStatus(SyncState.syncing, { progress: { rowsApplied, rowsTotal: rowsApplied, percent: 100 } }));
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
      publish(await freshStatus(SyncState.syncing, { progress: { rowsApplied, rowsTotal, percent } }));
    }
  }

  /** The tables whose local sums differ from the server's. */
  async function differingTables(report: ChecksumReport): Promise<SyncTable[]> {
    const catalog = await catalogChecksums(db, md5Hex, options.catalogBulk);
    const comparisons = await readComparisonsChecksum(db);
    const local = { ...catalog, comparisons };
    return TABLES.filter((table) => !sameChecksum(local[table], report.tables[table]));
  }

  // ---- a run ---------------------------------------------------------------------------------

  async function execute(reason: SyncReason): Promise<SyncOutcome> {
    const outcome: Omit<SyncOutcome, 'status' | 'ok'> = { uploaded: 0, rejected: 0, pages: 0, rowsApplied: 0, repaired: [], resynced: false };
    publish(await freshStatus(SyncState.syncing));
    try {
      const pushed = await uploadOutbox(USER_DRIVEN_REASONS.has(reason));
      outcome.uploaded = pushed.uploaded;
      outcome.rejected = pushed.rejected;

      let verified = false;
      // At most: the normal pull, a resync or repair, and one more repair if the server moved on
      // during the first. Still different after that is reported, not looped on.
      for (let attempt = 0; attempt < 3 && !verified; attempt += 1) {
        let pulled: PullResult;
        try {
          pulled = await pullAll(outcome);
        } catch (error) {
          if (!(error instanceof ResyncRequiredError) || outcome.resynced) throw error;
          outcome.resynced = true;
          await prepareRedownload(TABLES);
          continue;
        }
        if (pulled.checksums === null) {
          // Only after a 304 whose checksums belong to a newer cursor: pull again.
          continue;
        }
        const differing = await differingTables(pulled.checksums);
        if (differing.length === 0) {
          verified = true;
        } else {
          for (const table of differing) if (!outcome.repaired.includes(table)) outcome.repaired.push(table);
          await prepareRedownload(differing);
        }
      }
      if (!verified) throw new RunStopped(SyncState.error, `The local copy still differs from the server after a fresh download (${outcome.repaired.join(', ')}).`);
      await setSyncState(db, SyncKey.lastSuccessAt, now().toISOString(), now());
      const status = await freshStatus(SyncState.idle);
      publish(status);
      return { ...outcome, ok: true, status };
    } catch (error) {
      const stopped = stopFor(error);
      const status = await freshStatus(stopped.state, { reason: stopped.reason });
      publish(status);
      return { ...outcome, ok: false, status };
    }
  }

  let queuedReason: SyncReason | null = null;
  function runNow(reason: SyncReason = 'manual'): Promise<SyncOutcome> {
    if (running === null) {
      running = execute(reason).finally(() => {
        running = null;
      });
      return running;
    }
    // A request during a run may concern something the run already passed (a comparison saved
    // after the upload step): one more run after it, shared by every such request, and as eager as
    // the most eager of them.
    if (queuedReason === null || USER_DRIVEN_REASONS.has(reason)) queuedReason = reason;
    queued ??= running.then(() => {
      const next = queuedReason ?? reason;
      queued = null;
      queuedReason = null;
      return runNow(next);
    });
    return queued;
  }

  return {
    runNow,
    start({ intervalMs }) {
      if (timer !== null) return;
      timer = setInterval(() => void runNow('timer'), intervalMs);
      timer.unref?.();
      void runNow('start');
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
    networkChanged(online) {
      if (online) {
        void runNow('network');
      } else if (running === null) {
        publish({ ...current, state: SyncState.offline, reason: 'The computer is offline.' });
      }
    },
    status: () => current,
    async refresh() {
      const status = await freshStatus(current.state, current.reason === undefined ? {} : { reason: current.reason });
      publish(status);
      return status;
    },
  };
}
