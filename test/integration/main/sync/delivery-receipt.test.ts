// The client's side of the delivery receipt (issue 14): the desktop sync engine's pulls state the
// installation, the outbox (waiting and refused uploads) and the last verification, and the
// server's receipt shows them with the cursor the laptop's copy is complete to.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Hex } from '../../../../server/sync/row-hash.js';
import { createSyncApiClient } from '../../../../src-main/sync/api-client.js';
import { SyncKey } from '../../../../src-main/sync/sync-keys.js';
import { markRejected, scheduleRetry } from '../../../../src-main/store/outbox.js';
import { getSyncState } from '../../../../src-main/store/sync-state-repository.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { engineFor, openClient, saveVerifiedOnClient, useClientSyncServer, type ClientSyncSetup } from '../../../support/client-sync-harness.js';
import { REP_SUBJECT } from '../../../support/store-fixtures.js';

let setup: ClientSyncSetup;
useClientSyncServer(60, 'delivery-receipt-', (started) => {
  setup = started;
});

const handles: ClientDatabaseHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.close();
});

describe('what a desktop pull tells the server', () => {
  it('states the device, its outbox and its last verification, and the receipt keeps the cursor it holds', async () => {
    const handle = await openClient(join(setup.folder.path, 'laptop.sqlite'));
    handles.push(handle);
    const deviceId = randomUUID();
    const api = createSyncApiClient({
      baseUrl: setup.server.baseUrl,
      getAccessToken: async () => setup.server.api.tokens.rep,
      reportRejectedToken: () => undefined,
      timeoutMs: 20_000,
      installation: { deviceId, appVersion: '1.4.2' },
    });
    const engine = engineFor(handle, api, { md5Hex });
    const receipt = () => setup.server.api.owner.selectFrom('deviceReceipts').selectAll().where('deviceId', '=', deviceId).executeTakeFirstOrThrow();

    expect((await engine.runNow('manual')).ok).toBe(true);
    // The first run's pull came before any verification.
    expect(await receipt()).toMatchObject({ appVersion: '1.4.2', checksums: 'unknown', pendingUploads: 0, rejectedUploads: 0 });

    // One comparison refused by the server, one waiting out a backoff (a timer run does not retry it).
    const refused = await saveVerifiedOnClient(setup.server, handle, REP_SUBJECT);
    await markRejected(handle.db, refused.comparisonId, 'refused in this test');
    const waiting = await saveVerifiedOnClient(setup.server, handle, REP_SUBJECT);
    await scheduleRetry(handle.db, waiting.comparisonId, 'server busy', new Date(Date.now() + 3_600_000));
    const heldCursor = await getSyncState(handle.db, SyncKey.cursor);

    expect((await engine.runNow('timer')).ok).toBe(true);
    const after = await receipt();
    expect(after).toMatchObject({ checksums: 'verified', pendingUploads: 1, rejectedUploads: 1 });
    expect(after.cursorVersion).toBe(heldCursor?.split('.').at(-1));
    expect(await getSyncState(handle.db, SyncKey.checksums)).toBe('verified');
  });
});
