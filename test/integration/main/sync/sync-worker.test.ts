// Issue 14, sync off the UI thread: the desktop sync runs in a worker thread (as in the web host;
// the app uses a utilityProcess over the same bridge) on its own SQLite connection, against the
// real server. Main keeps answering, sees every status, hands out tokens on request, and the
// engine still tells main's typed errors apart.
import { afterEach, describe, expect, it } from 'vitest';
import { NeedsSignInError, NeedsSignInReason, OfflineError, OfflineReason } from '../../../../src-main/auth/auth-errors.js';
import type { SessionUser } from '../../../../src-main/auth/token-vault.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import type { SyncOutcome } from '../../../../src-main/sync/engine.js';
import { startRemoteDesktopSync, type HostedDesktopSync } from '../../../../src-main/sync/worker/sync-host.js';
import { startSyncThread } from '../../../../src-main/sync/worker/thread-transport.js';
import { SyncState, type SyncStatus } from '../../../../src-shared/sync/status.js';
import { expectClientEqualsServer, openClient, saveVerifiedOnClient, useClientSyncServer, type ClientSyncSetup } from '../../../support/client-sync-harness.js';
import { REP_SUBJECT } from '../../../support/store-fixtures.js';

let setup: ClientSyncSetup;
useClientSyncServer(400, 'client-sync-worker-', (started) => {
  setup = started;
});

const REP: SessionUser = { subject: REP_SUBJECT, groups: [] };
let cacheNumber = 0;
const open: { client: ClientDatabaseHandle; sync: HostedDesktopSync }[] = [];

afterEach(async () => {
  for (const { client, sync } of open.splice(0)) {
    await sync.close();
    await client.close();
  }
});

/** A fresh cache opened (and migrated) by main, and the sync of it in a worker thread. */
async function desktopWithWorker(auth: { getAccessToken: (options: { subject?: string }) => Promise<string>; user: () => SessionUser | null }) {
  cacheNumber += 1;
  const client = await openClient(`${setup.folder.path}/cache-${cacheNumber}.sqlite`);
  const tokenRequests: (string | undefined)[] = [];
  const answers: number[] = [];
  let changed: () => void = () => undefined;
  const sync = await startRemoteDesktopSync({
    transport: startSyncThread(),
    cache: { file: client.file },
    options: {
      serverUrl: setup.server.baseUrl,
      stalenessWarningDays: 7,
      // A callback given the fetch Response: it crosses as its status and headers.
      observeResponse: (response) => answers.push(response.status),
      auth: {
        getAccessToken: (options = {}) => {
          tokenRequests.push(options.subject);
          return auth.getAccessToken(options);
        },
        reportRejectedToken: () => undefined,
        currentUser: auth.user,
      },
    },
    watchMirrored: (listener) => {
      changed = listener;
      return () => undefined;
    },
  });
  open.push({ client, sync });
  return { client, sync, tokenRequests, answers, userChanged: () => changed() };
}

/** Rows written through this connection since it was opened (SQLite's total_changes()). */
function rowsWrittenBy(client: ClientDatabaseHandle): number {
  return (client.sqlite.prepare('SELECT total_changes() AS changes').get() as { changes: number }).changes;
}

describe('the desktop sync in a worker', () => {
  it('fills the cache from the worker while main keeps answering, sees every status, and uploads a comparison saved during the sync', async () => {
    const rep = setup.server.api.tokens.rep;
    const { client, sync, tokenRequests, answers } = await desktopWithWorker({ getAccessToken: () => Promise.resolve(rep), user: () => REP });
    const statuses: SyncStatus[] = [];
    sync.onStatus((status) => statuses.push(status));
    const writtenBefore = rowsWrittenBy(client);

    const firstRun = sync.runNow('start') as Promise<SyncOutcome>;
    let firstRunDone = false;
    void firstRun.finally(() => {
      firstRunDone = true;
    });
    // The rep saves a comparison in main (main's connection) while the worker writes pages.
    await new Promise<void>((resolve) => {
      const stop = sync.onStatus((status) => {
        if (status.progress !== undefined) {
          stop();
          resolve();
        }
      });
    });
    const comparison = await saveVerifiedOnClient(setup.server, client, REP_SUBJECT);
    // Main kept answering: the rep's save went through while the worker was still downloading (how
    // long main's event loop may pause is a benchmark figure: npm run bench, section 7).
    expect(firstRunDone).toBe(false);
    const savedRun = sync.runNow('saved') as Promise<SyncOutcome>;
    const [first, afterSave] = await Promise.all([firstRun, savedRun]);

    expect(first.ok, first.status.reason).toBe(true);
    expect(afterSave.ok, afterSave.status.reason).toBe(true);
    expect(afterSave.uploaded).toBe(1);
    const onServer = await setup.server.api.owner.selectFrom('productComparisons').select('comparisonId').where('comparisonId', '=', comparison.comparisonId).execute();
    expect(onServer).toHaveLength(1);
    expect(sync.status()).toMatchObject({ state: SyncState.idle, pendingUploads: 0 });

    // The catalog is in the file main reads, written by the worker's connection, not main's (which
    // wrote only the comparison and its outbox entry: a handful of rows).
    const rows = await expectClientEqualsServer(setup.server, client);
    expect(rows).toBeGreaterThan(1000);
    expect(rowsWrittenBy(client) - writtenBefore).toBeLessThan(10);

    expect(statuses.map((status) => status.state)).toContain(SyncState.syncing);
    expect(statuses.some((status) => status.progress !== undefined)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ state: SyncState.idle, pendingUploads: 0 });
    // The token stays in main: asked for per request, for the run's rep only.
    expect(tokenRequests.length).toBeGreaterThan(2);
    expect(new Set(tokenRequests)).toEqual(new Set([REP_SUBJECT]));
    expect(answers).toContain(200);
  });

  it('tells the rep to sign in again when main refuses a token with NeedsSignInError, and waits for the network on OfflineError', async () => {
    let failure: Error = new NeedsSignInError(NeedsSignInReason.sessionEnded, 'The session ended.');
    const { sync } = await desktopWithWorker({ getAccessToken: () => Promise.reject(failure), user: () => REP });

    const ended = (await sync.runNow('manual')) as SyncOutcome;
    // An untyped error would have stopped the run in `error`; the class crossed the channel intact.
    expect(ended.status.state).toBe(SyncState.needsSignIn);
    expect(sync.status().state).toBe(SyncState.needsSignIn);

    failure = new OfflineError(OfflineReason.unreachable, 'No answer from the identity provider.');
    const offline = (await sync.runNow('manual')) as SyncOutcome;
    expect(offline.status.state).toBe(SyncState.offline);
  });

  it('syncs for nobody once main says the rep signed out', async () => {
    let user: SessionUser | null = REP;
    const rep = setup.server.api.tokens.rep;
    const { sync, userChanged } = await desktopWithWorker({ getAccessToken: () => Promise.resolve(rep), user: () => user });
    user = null;
    userChanged();
    const outcome = (await sync.runNow('manual')) as SyncOutcome;
    expect(outcome.status).toMatchObject({ state: SyncState.needsSignIn, reason: 'Sign in to RateDesk to sync.' });
  });
});
