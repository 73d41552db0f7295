// The sync engine as the desktop app runs it: over the configured server with the signed-in
// session's tokens, publishing its status to any number of listeners (IPC events, the services).
// No Electron imports, so the development web host can run the same thing in Node.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SyncStatus } from '../../src-shared/sync/status.js';
import type { AuthSession } from '../auth/session.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import type { ClientDatabase } from '../store/schema.js';
import { createSyncApiClient } from './api-client.js';
import { createSyncEngine, type SyncEngine } from './engine.js';

/** Background sync every five minutes; runs also at start, on demand and when the network returns. */
export const SYNC_INTERVAL_MS = 5 * 60_000;

export interface DesktopSync {
  engine: SyncEngine;
  runNow(reason: string): Promise<unknown>;
  refresh(): Promise<SyncStatus>;
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
}

export function createDesktopSync(options: {
  db: Kysely<ClientDatabase>;
  /** The store handle's catalogBulk (same connection as db): the fast apply of pull pages. */
  catalogBulk?: CatalogBulk;
  serverUrl: string;
  auth: Pick<AuthSession, 'getAccessToken' | 'reportRejectedToken'>;
  stalenessWarningDays: number;
  /** "RateDesk/<version>", sent as User-Agent. */
  userAgent?: string;
  /** The business time zone a pull page stated. */
  onBusinessTimeZone?: (zone: string) => Promise<void>;
}): DesktopSync {
  const listeners = new Set<(status: SyncStatus) => void>();
  const engine = createSyncEngine({
    db: options.db,
    catalogBulk: options.catalogBulk,
    api: createSyncApiClient({
      baseUrl: options.serverUrl,
      getAccessToken: () => options.auth.getAccessToken(),
      reportRejectedToken: (token) => options.auth.reportRejectedToken(token),
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
    }),
    md5Hex: (text) => createHash('md5').update(text).digest('hex'),
    stalenessWarningDays: options.stalenessWarningDays,
    ...(options.onBusinessTimeZone === undefined ? {} : { onBusinessTimeZone: options.onBusinessTimeZone }),
    onStatus: (status) => {
      for (const listener of listeners) listener(status);
    },
  });
  return {
    engine,
    runNow: (reason) => engine.runNow(reason),
    refresh: () => engine.refresh(),
    status: () => engine.status(),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
