// The desktop sync engine: when runs happen and what the rep is told. A run uploads the outbox
// (upload.ts), pulls the catalog and the rep's comparisons page by page (pull-pages.ts), verifies
// the copy against the server's checksums and repairs what differs (verify.ts). Design and
// guarantees: docs/adr/0001-sync-cursor.md (server side) and the notes below (client side).
//
// - One run at a time: runNow during a run schedules exactly one more run after it.
// - A page and its cursor are committed together (apply-page.ts): a crash or cut resumes exactly.
// - The outbox is never dropped: uploads end applied (confirmed by a pull), rejected (kept with
//   the server's reason) or pending with a backoff; a repair or a resync never touches it.
// - Repair: a collection that fails verification is emptied (with its dependants) and the whole
//   history is pulled again from no cursor (verify.ts).
// - Per rep: a run is for the rep signed in when it starts (ownerSubject). It uploads only their
//   outbox; a run for another rep than the last resets the cursor first (sync-owner.ts).
import type { Kysely } from 'kysely';
import type { Md5Hex } from '../../src-shared/sync/checksum.js';
import { SYNC_COLLECTIONS, type SyncCollection } from '../../src-shared/sync/protocol.js';
import { SyncState, type SyncProgress, type SyncStatus } from '../../src-shared/sync/status.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import type { ClientDatabase } from '../store/schema.js';
import { setSyncState } from '../store/sync-state-repository.js';
import { wipeClientCache } from '../store/wipe-cache.js';
import { ResyncRequiredError, type SyncApi } from './api-client.js';
import type { BeforePageCommit } from './apply-page.js';
import { pullAll, type PullContext, type PullResult } from './pull-pages.js';
import { snapshotFolderOf, type SnapshotEvent } from './snapshot-sync.js';
import { rememberVerification } from './pull-report.js';
import { carriedOver, RunStopped, readSyncStatus, stoppedBy, type StatusFigures } from './run-status.js';
import { SyncKey } from './sync-keys.js';
import { claimSyncStateFor } from './sync-owner.js';
import { settleRevocation, type Revocation } from './revocation.js';
import { uploadOutbox, type UploadContext } from './upload.js';
import { differingCollections, prepareRedownload } from './verify.js';

export interface SyncOutcome {
  /** True when the run ended with a copy verified equal to the server's. */
  ok: boolean;
  status: SyncStatus;
  uploaded: number;
  rejected: number;
  pages: number;
  rowsApplied: number;
  /** Collections found different and downloaded again (all four after a server epoch change). */
  repaired: SyncCollection[];
  /** True when the server asked for a full download (new epoch, restore). */
  resynced: boolean;
}

export type SyncReason = 'start' | 'timer' | 'network' | 'manual' | 'saved' | (string & {});

/** Runs someone is waiting for: they retry pending uploads without waiting out the backoff. */
const USER_DRIVEN_REASONS: ReadonlySet<SyncReason> = new Set(['manual', 'network', 'saved', 'signed-in']);

/**
 * After a 426 only these ask the server again (it answers the same until it or the app changes);
 * the timer, the network and saves just restate "update required" with fresh counts, so an old
 * build does not keep calling a server that has told it to update.
 */
const RECHECKS_UPDATE_REQUIRED: ReadonlySet<SyncReason> = new Set(['manual', 'start', 'signed-in']);

export interface SyncEngineOptions {
  db: Kysely<ClientDatabase>;
  /**
   * The prepared catalog upserts of the same connection as `db` (ClientDatabaseHandle.catalogBulk).
   * The app passes it: the apply of a big first sync measured about 1.3 to 1.7 times faster
   * (docs/performance.md), and the verification reads the copy faster. Without it pages are written
   * and read through Kysely, with the same result.
   */
  catalogBulk?: CatalogBulk | undefined;
  /** The server; a function gets the run's rep and returns an API whose requests carry that rep's token only. */
  api: SyncApi | ((ownerSubject: string) => SyncApi);
  /** The rep a run is for (the signed-in user's subject, or the last one's offline); null: nobody, nothing syncs. */
  ownerSubject: () => string | null;
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
  /** The business time zone a pull page stated. */
  onBusinessTimeZone?: (zone: string) => Promise<void>;
  /** Where a catalog snapshot is downloaded to (snapshot-sync.ts; the app: the cache's folder); default a temporary folder. */
  snapshotFolder?: string | undefined;
  /** Measurement and test hook: what a full download did with the catalog snapshot. */
  onSnapshot?: (event: SnapshotEvent) => void;
  /** After the outbox upload of each run (desktop-sync.ts: the record events); must not throw. */
  afterUpload?: (run: { ownerSubject: string; userDriven: boolean }) => Promise<unknown>;
  /**
   * An admin revoked this device or rep and nothing is left unsent (revocation.ts): delete the cache
   * and the sign-in. Default: the cache's rows only (wipe-cache.ts); the app also removes the file's
   * copies and the tokens.
   */
  wipe?: (revocation: Revocation) => Promise<void>;
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

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const now = options.now ?? (() => new Date());
  const afterUpload = options.afterUpload;
  const snapshotFolder = snapshotFolderOf(options.snapshotFolder);
  const figures: StatusFigures = { db: options.db, now, stalenessWarningDays: options.stalenessWarningDays ?? 7, ownerSubject: options.ownerSubject };

  /** The contexts of one run, for `ownerSubject`: built at its start, so a sign-in mid-run cannot change whose it is. */
  function runContexts(ownerSubject: string): { upload: UploadContext; pull: PullContext } {
    const api = typeof options.api === 'function' ? options.api(ownerSubject) : options.api;
    return {
      upload: { db: options.db, api, now, random: options.random ?? Math.random, ownerSubject },
      pull: {
        db: options.db,
        catalogBulk: options.catalogBulk,
        api,
        md5Hex: options.md5Hex,
        now,
        ownerSubject,
        pageLimit: options.pageLimit ?? 1000,
        beforePageCommit: options.beforePageCommit,
        onPageApplied: options.onPageApplied,
        onBusinessTimeZone: options.onBusinessTimeZone,
        snapshotFolder,
        onSnapshot: options.onSnapshot,
        onProgress: async (progress: SyncProgress) => publish(await readSyncStatus(figures, SyncState.syncing, { progress })),
      },
    };
  }

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
  let queuedReason: SyncReason | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  /** The status a 426 ended the last run in; null while the server accepts this build. */
  let updateRequired: SyncStatus | null = null;
  /** The status a revocation ended a run in; kept while nobody is signed in (the wipe signed the rep out). */
  let revoked: SyncStatus | null = null;

  function publish(next: SyncStatus): void {
    current = next;
    options.onStatus?.(next);
  }

  /** Pulls, verifies and repairs until the copy equals the server's; throws RunStopped when it keeps differing. */
  async function pullVerified(pull: PullContext, outcome: Omit<SyncOutcome, 'status' | 'ok'>): Promise<void> {
    // At most: the normal pull, a resync or repair, and one more repair if the server moved on
    // during the first. Still different after that is reported, not looped on.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      let pulled: PullResult;
      try {
        pulled = await pullAll(pull, outcome);
      } catch (error) {
        if (!(error instanceof ResyncRequiredError) || outcome.resynced) throw error;
        outcome.resynced = true;
        await prepareRedownload(pull, SYNC_COLLECTIONS);
        continue;
      }
      // null only after a 304 whose checksums belong to a newer cursor: pull again.
      if (pulled.checksums === null) continue;
      const differing = await differingCollections(pull, pulled.checksums);
      await rememberVerification(pull.db, differing.length === 0, now());
      if (differing.length === 0) return;
      for (const collection of differing) if (!outcome.repaired.includes(collection)) outcome.repaired.push(collection);
      // A repair downloads pages: if the snapshot itself was the difference, it would bring it back.
      pull.skipSnapshot = true;
      await prepareRedownload(pull, differing);
    }
    throw new RunStopped(SyncState.error, 'The rates on this laptop still differ from the server after a fresh download; tell your administrator.', `Differing tables: ${outcome.repaired.join(', ')}`);
  }

  async function execute(reason: SyncReason): Promise<SyncOutcome> {
    const outcome: Omit<SyncOutcome, 'status' | 'ok'> = { uploaded: 0, rejected: 0, pages: 0, rowsApplied: 0, repaired: [], resynced: false };
    if (updateRequired !== null && !RECHECKS_UPDATE_REQUIRED.has(reason)) {
      const status = await readSyncStatus(figures, SyncState.updateRequired, carriedOver(updateRequired));
      publish(status);
      return { ...outcome, ok: false, status };
    }
    if (revoked !== null && options.ownerSubject() === null) {
      const status = await readSyncStatus(figures, SyncState.revoked, carriedOver(revoked));
      publish(status);
      return { ...outcome, ok: false, status };
    }
    publish(await readSyncStatus(figures, SyncState.syncing));
    try {
      const ownerSubject = options.ownerSubject();
      if (ownerSubject === null) throw new RunStopped(SyncState.needsSignIn, 'Sign in to RateDesk to sync.');
      const { upload, pull } = runContexts(ownerSubject);
      await claimSyncStateFor(options.db, ownerSubject, now());
      const pushed = await uploadOutbox(upload, USER_DRIVEN_REASONS.has(reason));
      outcome.uploaded = pushed.uploaded;
      outcome.rejected = pushed.rejected;
      await options.afterUpload?.({ ownerSubject, userDriven: USER_DRIVEN_REASONS.has(reason) });
      await pullVerified(pull, outcome).catch(async (error: unknown) => {
        // The uploads above went through (the server takes them from a revoked caller); the pull did not.
        throw await settleRevocation(error, {
          db: options.db,
          upload,
          afterUpload: afterUpload === undefined ? undefined : () => afterUpload({ ownerSubject, userDriven: true }),
          wipe: options.wipe ?? (() => wipeClientCache({ db: options.db })),
        });
      });
      await setSyncState(options.db, SyncKey.lastSuccessAt, now().toISOString(), now());
      const status = await readSyncStatus(figures, SyncState.idle);
      updateRequired = null;
      revoked = null;
      publish(status);
      return { ...outcome, ok: true, status };
    } catch (error) {
      const { state, ...stopped } = stoppedBy(error);
      const status = await readSyncStatus(figures, state, stopped);
      updateRequired = state === SyncState.updateRequired ? status : null;
      if (state === SyncState.revoked) revoked = status;
      publish(status);
      return { ...outcome, ok: false, status };
    }
  }

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
        // The detail of an earlier failure would not explain this state: it goes.
        const { detail: _earlier, ...rest } = current;
        publish({ ...rest, state: SyncState.offline, reason: 'The computer is offline.' });
      }
    },
    status: () => current,
    async refresh() {
      const status = await readSyncStatus(figures, current.state, carriedOver(current));
      publish(status);
      return status;
    },
  };
}
