// The sync engine as the desktop app runs it: over the configured server with the signed-in
// session's tokens, publishing its status to any number of listeners (IPC events, the services).
// No Electron imports, so the development web host can run the same thing in Node.
import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SyncStatus } from '../../src-shared/sync/status.js';
import type { AuthSession } from '../auth/session.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import type { ClientDatabase } from '../store/schema.js';
import type { AuthorizedRequestOptions, Installation } from '../http/authorized-request.js';
import { createSyncApiClient } from './api-client.js';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine.js';
import { createRecordEventsApi, uploadRecordEvents } from './upload-record-events.js';

/** Background sync every five minutes; runs also at start, on demand and when the network returns. */
export const SYNC_INTERVAL_MS = 5 * 60_000;

export interface DesktopSync {
  engine: SyncEngine;
  runNow(reason: string): Promise<unknown>;
  refresh(): Promise<SyncStatus>;
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /**
   * Sends the signed-in user's pending record events now (sign-out calls it before the tokens go):
   * best-effort, within a few seconds; what is not sent stays queued for their next sync.
   */
  flushRecordEvents(): Promise<void>;
}

/** How long sign-out waits for the record events. */
export const FLUSH_RECORD_EVENTS_TIMEOUT_MS = 5_000;

export function createDesktopSync(options: {
  db: Kysely<ClientDatabase>;
  /** The store handle's catalogBulk (same connection as db): the fast apply of pull pages. */
  catalogBulk?: CatalogBulk;
  serverUrl: string;
  auth: Pick<AuthSession, 'getAccessToken' | 'reportRejectedToken' | 'currentUser'>;
  stalenessWarningDays: number;
  /** "RateDesk/<version>", sent as User-Agent. */
  userAgent?: string;
  /** This installation, stated on every request (device id, app version; the protocol always goes). */
  installation?: Installation;
  /** Sees every answer of the sync's requests (the clock check, clock-check.ts). */
  observeResponse?: AuthorizedRequestOptions['observeResponse'];
  /** The business time zone a pull page stated. */
  onBusinessTimeZone?: (zone: string) => Promise<void>;
  /** After a revocation, once nothing is left unsent: wipe the cache file and the sign-in (engine.ts). */
  wipe?: SyncEngineOptions['wipe'];
  /** Where a catalog snapshot is downloaded (the cache's folder: a cut download resumes after a restart too). */
  snapshotFolder?: string;
}): DesktopSync {
  const listeners = new Set<(status: SyncStatus) => void>();
  // The record events of one rep, sent with that rep's token only.
  const recordEvents = (ownerSubject: string, ignoreBackoff: boolean, timeoutMs?: number) =>
    uploadRecordEvents({
      db: options.db,
      now: () => new Date(),
      ownerSubject,
      ignoreBackoff,
      api: createRecordEventsApi({
        baseUrl: options.serverUrl,
        getAccessToken: () => options.auth.getAccessToken({ subject: ownerSubject }),
        reportRejectedToken: (token) => options.auth.reportRejectedToken(token),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
        ...(options.installation === undefined ? {} : { installation: options.installation }),
        ...(options.observeResponse === undefined ? {} : { observeResponse: options.observeResponse }),
      }),
    });
  const engine = createSyncEngine({
    db: options.db,
    catalogBulk: options.catalogBulk,
    // A client per run, bound to the run's rep: its requests carry that rep's token or none.
    api: (ownerSubject) =>
      createSyncApiClient({
        baseUrl: options.serverUrl,
        getAccessToken: () => options.auth.getAccessToken({ subject: ownerSubject }),
        reportRejectedToken: (token) => options.auth.reportRejectedToken(token),
        ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
        ...(options.installation === undefined ? {} : { installation: options.installation }),
        ...(options.observeResponse === undefined ? {} : { observeResponse: options.observeResponse }),
      }),
    ownerSubject: () => options.auth.currentUser()?.subject ?? null,
    afterUpload: ({ ownerSubject, userDriven }) => recordEvents(ownerSubject, userDriven),
    // One-shot hash: about twice as fast per row as createHash, and the verification hashes every cached row.
    md5Hex: (text) => hash('md5', text, 'hex'),
    stalenessWarningDays: options.stalenessWarningDays,
    ...(options.onBusinessTimeZone === undefined ? {} : { onBusinessTimeZone: options.onBusinessTimeZone }),
    ...(options.wipe === undefined ? {} : { wipe: options.wipe }),
    ...(options.snapshotFolder === undefined ? {} : { snapshotFolder: options.snapshotFolder }),
    onStatus: (status) => {
      for (const listener of listeners) listener(status);
    },
  });
  return {
    engine,
    runNow: (reason) => engine.runNow(reason),
    refresh: () => engine.refresh(),
    status: () => engine.status(),
    async flushRecordEvents() {
      const ownerSubject = options.auth.currentUser()?.subject ?? null;
      if (ownerSubject === null) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FLUSH_RECORD_EVENTS_TIMEOUT_MS);
      });
      try {
        await Promise.race([recordEvents(ownerSubject, true, FLUSH_RECORD_EVENTS_TIMEOUT_MS).catch(() => undefined), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
