// A server that no longer supports this build's protocol (issue 14), on the real stack: the same
// database and identity provider behind a second server started with a higher minimum, as after a
// deploy. The laptop is told "update required" (426), keeps every comparison in its outbox (none
// rejected, none stuck "uploading"), stops calling the server on its own, and keeps quoting and
// saving from its cache; once it reaches a server that accepts it, everything uploads.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.js';
import { businessDate } from '../../../../src-shared/dates.js';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../../../src-shared/time/business-calendar.js';
import { PROTOCOL_VERSION } from '../../../../src-shared/sync/client-report.js';
import { SyncState, SyncStatus } from '../../../../src-shared/sync/status.js';
import { createComparisonHandlers } from '../../../../src-main/services/comparison-services.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { UPDATE_REQUIRED_TEXT } from '../../../../src-main/http/failure-wording.js';
import {
  apiClient,
  engineFor,
  firstProductIds,
  saveVerifiedOnClient,
  useClientSyncServerWithCache,
  type ClientSyncServer,
} from '../../../support/client-sync-harness.js';
import { REP_SUBJECT } from '../../../support/store-fixtures.js';

let server: ClientSyncServer;
let client: ClientDatabaseHandle;
let upgraded: FastifyInstance;
let upgradedUrl: string;
/** Every request the upgraded server received, by path. */
const upgradedRequests: string[] = [];

useClientSyncServerWithCache(60, 'client-update-required-', (started, opened) => {
  [server, client] = [started, opened];
});

beforeAll(async () => {
  upgraded = await buildApp({ logger: false, config: { ...server.api.config, minProtocolVersion: PROTOCOL_VERSION + 1 } });
  upgraded.addHook('onResponse', async (request) => {
    upgradedRequests.push(request.url);
  });
  await upgraded.listen({ port: 0, host: '127.0.0.1' });
  upgradedUrl = `http://127.0.0.1:${(upgraded.server.address() as AddressInfo).port}`;
}, 60_000);

// Registered after the harness's afterAll hooks, so it runs before them.
afterAll(async () => {
  await upgraded.close();
});

function outboxRows(): { comparisonId: string; status: string; lastError: string | null }[] {
  return client.sqlite.prepare('SELECT comparison_id AS comparisonId, status, last_error AS lastError FROM outbox ORDER BY comparison_id').all() as {
    comparisonId: string;
    status: string;
    lastError: string | null;
  }[];
}

async function serverCopies(comparisonIds: readonly string[]): Promise<number> {
  const rows = await server.api.owner.selectFrom('productComparisons').select('comparisonId').where('comparisonId', 'in', comparisonIds).execute();
  return rows.length;
}

describe('a client whose protocol the server no longer supports', () => {
  it('says "update required" with the minimum, keeps its outbox, stops calling on its own, and keeps quoting from the cache', async () => {
    const first = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep)).runNow('start');
    expect(first.ok).toBe(true);
    const saved = [await saveVerifiedOnClient(server, client, REP_SUBJECT), await saveVerifiedOnClient(server, client, REP_SUBJECT)];
    const ids = saved.map((comparison) => comparison.comparisonId.toLowerCase()).sort();

    const statuses: SyncStatus[] = [];
    const engine = engineFor(client, apiClient(upgradedUrl, server.api.tokens.rep), { onStatus: (status) => statuses.push(status) });
    const refused = await engine.runNow('manual');

    expect(refused.ok).toBe(false);
    expect(refused.status).toMatchObject({ state: SyncState.updateRequired, minimumProtocolVersion: PROTOCOL_VERSION + 1, pendingUploads: 2, rejectedUploads: 0 });
    expect(refused.status.reason).toBe(UPDATE_REQUIRED_TEXT);
    expect(refused.status.detail).toContain(`requires protocol ${PROTOCOL_VERSION + 1}`);
    expect(SyncStatus.safeParse(refused.status).success).toBe(true);
    // Nothing rejected, nothing left "uploading": every comparison waits for the update.
    expect(outboxRows()).toEqual(ids.map((comparisonId) => ({ comparisonId, status: 'pending', lastError: UPDATE_REQUIRED_TEXT })));
    expect(await serverCopies(ids)).toBe(0);

    // The timer, the network and a save restate it without a request; the rep's "Sync now" asks again.
    const asked = upgradedRequests.length;
    for (const reason of ['timer', 'network', 'saved'] as const) {
      expect((await engine.runNow(reason)).status).toMatchObject({ state: SyncState.updateRequired, minimumProtocolVersion: PROTOCOL_VERSION + 1, pendingUploads: 2 });
    }
    expect(upgradedRequests.length).toBe(asked);
    expect((await engine.runNow('manual')).status.state).toBe(SyncState.updateRequired);
    expect(upgradedRequests.length).toBeGreaterThan(asked);
    expect((await engine.refresh()).minimumProtocolVersion).toBe(PROTOCOL_VERSION + 1);

    // Offline on the cache: the rep still compares and saves (into the outbox).
    const today = businessDate(new Date(), DEFAULT_BUSINESS_TIME_ZONE);
    const handlers = createComparisonHandlers({ db: client.db, sync: null, now: () => new Date(), today: () => today, appVersion: '0.1.0', currentOwner: () => REP_SUBJECT });
    const productIds = await firstProductIds(server, 2);
    const shown = await handlers.compare({ premium: '100000.00', years: 5, startDate: today, asOfDate: today, productIds });
    expect(shown.products.map((column) => column.productId)).toEqual(productIds);
    expect(shown.products[0]?.projection?.rows.length).toBeGreaterThan(0);
    const { comparisonId } = await handlers.saveComparison({ comparison: shown, clientReference: 'Update household', historical: false });
    expect((await engine.refresh()).pendingUploads).toBe(3);

    // The updated app (here: a server that accepts this protocol) uploads all of them.
    const after = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep)).runNow('manual');
    expect(after.status).toMatchObject({ state: SyncState.idle, pendingUploads: 0, rejectedUploads: 0 });
    expect(after.uploaded).toBe(3);
    expect(await serverCopies([...ids, comparisonId.toLowerCase()])).toBe(3);
  }, 120_000);
});
