// The sync engine as the desktop app composes it (src-main/sync/desktop-sync.ts): statuses reach
// every subscribed listener, an unreachable server reads as offline, and unsubscribing stops them.
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../server/db/embedded.js';
import { createDesktopSync } from '../../../../src-main/sync/desktop-sync.js';
import type { SyncStatus } from '../../../../src-shared/sync/status.js';
import { migratedDatabase, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

let folder: TempFolder | undefined;
afterEach(() => folder?.remove());

describe('createDesktopSync', () => {
  it('reports offline to its listeners when the server cannot be reached, and stops after unsubscribe', async () => {
    folder = tempFolder();
    const handle = await migratedDatabase(folder.file('cache.sqlite'));
    const port = await freePort(); // nothing listens there
    const sync = createDesktopSync({
      db: handle.db,
      serverUrl: `http://127.0.0.1:${port}`,
      auth: {
        getAccessToken: async () => 'token-for-test',
        reportRejectedToken: () => undefined,
        currentUser: () => ({ subject: '00u-rep-1', groups: [] }),
      },
      stalenessWarningDays: 3,
    });
    const seen: SyncStatus[] = [];
    const unsubscribe = sync.onStatus((status) => seen.push(status));

    await sync.runNow('test');
    expect(seen.map((status) => status.state)).toContain('offline');
    expect(sync.status().state).toBe('offline');
    expect(sync.status().stale).toBe(true); // never synced

    unsubscribe();
    const before = seen.length;
    await sync.runNow('again');
    expect(seen.length).toBe(before);
    await handle.close();
  });
});
