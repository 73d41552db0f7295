// Two reps take turns on one laptop against the real server: each run uploads only its own rep's
// outbox (with that rep's token), the other rep's unsent comparison waits untouched, a run for the
// other rep downloads everything again (the cursor and comparisons' checksum were the first rep's)
// and ends verified, and nobody's comparison lands under the wrong user on the server.
import { describe, expect, it } from 'vitest';
import { getComparison, listComparisons } from '../../../../src-main/store/saved-comparisons.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { apiClient, engineFor, firstProductIds, saveOnClient, useClientSyncServerWithCache, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { REP2_SUBJECT, REP_SUBJECT } from '../../../support/store-fixtures.js';
import { verifiedComparison } from '../../../support/sync-fixtures.js';

let server: ClientSyncServer;
let client: ClientDatabaseHandle;

useClientSyncServerWithCache(60, 'client-sync-owner-', (started, opened) => {
  [server, client] = [started, opened];
});

/** The identity provider subject of the user the server filed the comparison under; null when it has none. */
async function serverOwnerOf(comparisonId: string): Promise<string | null> {
  const row = await server.api.owner
    .selectFrom('productComparisons as c')
    .innerJoin('users as u', 'u.userId', 'c.userId')
    .select('u.oktaUserId')
    .where('c.comparisonId', '=', comparisonId)
    .executeTakeFirst();
  return row?.oktaUserId ?? null;
}

function outboxStatus(comparisonId: string): string {
  return String(client.sqlite.prepare('SELECT status FROM outbox WHERE comparison_id = ?').pluck().get(comparisonId));
}

describe('two reps on one laptop', () => {
  it('uploads each rep’s comparisons as that rep only, and a switch of rep downloads everything again without losing anyone’s', async () => {
    const ids = await firstProductIds(server, 2);
    const ofA = await verifiedComparison(server.api.owner, ids, { comparisonDate: new Date().toISOString() });
    const ofB = await verifiedComparison(server.api.owner, ids, { comparisonDate: new Date().toISOString() });
    await saveOnClient(client, ofA, REP_SUBJECT);
    await saveOnClient(client, ofB, REP2_SUBJECT);

    const asA = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { ownerSubject: () => REP_SUBJECT });
    const first = await asA.runNow('manual');
    expect(first).toMatchObject({ ok: true, uploaded: 1 });
    expect(first.status.pendingUploads).toBe(0);
    expect(await serverOwnerOf(ofA.comparisonId)).toBe(REP_SUBJECT);
    // B's comparison waited: not sent with A's token, still pending for B.
    expect(await serverOwnerOf(ofB.comparisonId)).toBeNull();
    expect(outboxStatus(ofB.comparisonId)).toBe('pending');
    expect((await listComparisons(client.db, { ownerSubject: REP_SUBJECT })).map((row) => row.comparisonId)).toEqual([ofA.comparisonId]);

    // A second run for A continues from A's cursor: nothing to download.
    expect(await asA.runNow('manual')).toMatchObject({ ok: true, rowsApplied: 0 });

    const asB = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep2), { ownerSubject: () => REP2_SUBJECT });
    const switched = await asB.runNow('manual');
    expect(switched).toMatchObject({ ok: true, uploaded: 1, repaired: [] });
    // The whole catalog came again (the cursor was A's), and the copy verified equal to the server's for B.
    expect(switched.rowsApplied).toBeGreaterThan(60);
    expect(await serverOwnerOf(ofB.comparisonId)).toBe(REP2_SUBJECT);
    expect(outboxStatus(ofB.comparisonId)).toBe('applied');
    // B never sees A's comparison, and A's stays A's on the laptop.
    expect((await listComparisons(client.db, { ownerSubject: REP2_SUBJECT })).map((row) => row.comparisonId)).toEqual([ofB.comparisonId]);
    expect(await getComparison(client.db, ofA.comparisonId, REP2_SUBJECT)).toBeNull();
    expect(await getComparison(client.db, ofA.comparisonId, REP_SUBJECT)).toMatchObject({ upload: { status: 'applied' } });

    // Back to A: a full download again, verified, with A's comparison counted for A.
    const back = await asA.runNow('manual');
    expect(back).toMatchObject({ ok: true, uploaded: 0, repaired: [] });
    expect(back.rowsApplied).toBeGreaterThan(60);
  }, 120_000);
});
