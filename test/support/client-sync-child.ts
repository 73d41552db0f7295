// A desktop sync run in its own process, for the crash test (test/integration/main/sync/faults.test.ts): it syncs
// into the SQLite file given and, inside the transaction of page <pauseAtPage>, after that page's
// rows are written, prints "PAUSED <page>" and waits for the SIGKILL the test sends.
// Usage: node --import tsx test/support/client-sync-child.ts <baseUrl> <token> <file> <pauseAtPage> <pageLimit>
import { md5Hex } from '../../server/sync/row-hash.js';
import { createSyncApiClient } from '../../src-main/sync/api-client.js';
import { createSyncEngine } from '../../src-main/sync/engine.js';
import { openOrRebuild } from '../../src-main/store/rebuild-cache.js';

const [baseUrl = '', token = '', file = '', pauseAt = '2', limit = '100'] = process.argv.slice(2);
const pauseAtPage = Number(pauseAt);

const { handle } = await openOrRebuild({ file });
const engine = createSyncEngine({
  db: handle.db,
  catalogBulk: handle.catalogBulk,
  api: createSyncApiClient({ baseUrl, getAccessToken: async () => token, reportRejectedToken: () => undefined }),
  md5Hex,
  // The token is the rep's (faults.test.ts).
  ownerSubject: () => '00u-demo-rep',
  pageLimit: Number(limit),
  beforePageCommit: async ({ pageNumber, rows }) => {
    if (pageNumber !== pauseAtPage) return;
    process.stdout.write(`PAUSED ${pageNumber} ${rows}\n`);
    // Held inside the open transaction until killed.
    await new Promise((resolve) => setTimeout(resolve, 120_000));
  },
});
const outcome = await engine.runNow('start');
process.stdout.write(`DONE ${JSON.stringify(outcome.status)}\n`);
await handle.close();
