// The offline policy on the real stack (issue 14): an admin sets it on the server, the laptop
// receives it with its pull and reports until when its cache may quote; past that the catalog,
// Compare and a current-view illustration say "connect to refresh" instead of showing rates, while
// saved comparisons stay viewable. A new sync makes the cache quotable again.
import { describe, expect, it } from 'vitest';
import { createCatalogHandlers } from '../../../../src-main/services/catalog-services.js';
import { createComparisonHandlers } from '../../../../src-main/services/comparison-services.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { quoteGuard } from '../../../../src-main/sync/cache-validity.js';
import { businessDate } from '../../../../src-shared/dates.js';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../../../src-shared/time/business-calendar.js';
import { apiClient, engineFor, firstProductIds, useClientSyncServerWithCache, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { REP_SUBJECT } from '../../../support/store-fixtures.js';

const DAY_MS = 86_400_000;

let server: ClientSyncServer;
let client: ClientDatabaseHandle;

useClientSyncServerWithCache(30, 'client-cache-expiry-', (started, opened) => {
  [server, client] = [started, opened];
});

/** The catalog and Compare of the laptop, their cache judged at `now` (the real clock in the app). */
function servicesAt(now: () => Date) {
  const today = () => businessDate(new Date(), DEFAULT_BUSINESS_TIME_ZONE);
  const assertQuotable = quoteGuard(client.db, now);
  return {
    catalog: createCatalogHandlers({ db: client.db, today, assertQuotable }),
    comparisons: createComparisonHandlers({ db: client.db, sync: null, now: () => new Date(), today, appVersion: '1.4.0', currentOwner: () => REP_SUBJECT, assertQuotable }),
  };
}

const CONNECT_TO_REFRESH = { code: 'cache-expired', message: expect.stringContaining('Connect to refresh: the rates on this laptop are older than the 3 days your firm allows') };

describe('a cache past the offline policy', () => {
  it('stops quoting after the days the server allows, keeps saved comparisons viewable, and quotes again after a sync', async () => {
    const policy = await server.api.call(server.api.tokens.admin, 'PUT', '/v1/admin/sync-policy', { maxOfflineDays: 3 });
    expect(policy.status, policy.body).toBe(200);
    const engine = engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep));
    const synced = await engine.runNow('manual');
    expect(synced.ok).toBe(true);
    const syncedAt = Date.parse(synced.status.lastSuccessfulSyncAt ?? '');
    expect(synced.status.cacheValidUntil).toBe(new Date(syncedAt + 3 * DAY_MS).toISOString());
    expect(synced.status.cacheExpired).toBe(false);

    const productIds = await firstProductIds(server, 2);
    const today = businessDate(new Date(), DEFAULT_BUSINESS_TIME_ZONE);
    const compare = { premium: '100000.00', years: 5, startDate: today, asOfDate: today, productIds };

    // Two days later: still within the policy, quoting as usual; the rep saves a comparison.
    const within = servicesAt(() => new Date(syncedAt + 2 * DAY_MS));
    expect((await within.catalog.productDetail({ productId: productIds[0] ?? '' }))?.rateInForce).not.toBeNull();
    const shown = await within.comparisons.compare(compare);
    const { comparisonId } = await within.comparisons.saveComparison({ comparison: shown, clientReference: 'Expiry household', historical: false });

    // Four days later: past it. No rate is shown or computed.
    const past = servicesAt(() => new Date(syncedAt + 4 * DAY_MS));
    await expect(past.catalog.productDetail({ productId: productIds[0] ?? '' })).rejects.toMatchObject(CONNECT_TO_REFRESH);
    await expect(past.catalog.catalogSearch({ text: 'Demo', limit: 10, clientFit: 'ignore' })).rejects.toMatchObject(CONNECT_TO_REFRESH);
    await expect(past.comparisons.compare(compare)).rejects.toMatchObject(CONNECT_TO_REFRESH);
    await expect(past.comparisons.saveComparison({ comparison: shown, clientReference: 'Too late', historical: false })).rejects.toMatchObject(CONNECT_TO_REFRESH);
    // The saved record is still there to read.
    expect(await past.comparisons.getComparison({ comparisonId })).toMatchObject({ comparisonId, clientReference: 'Expiry household' });
    const later = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { now: () => new Date(syncedAt + 4 * DAY_MS) }).refresh();
    expect(later).toMatchObject({ cacheExpired: true, cacheValidUntil: synced.status.cacheValidUntil });

    // Connected again: a sync four days on renews the cache.
    const renewed = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { now: () => new Date(syncedAt + 4 * DAY_MS) }).runNow('manual');
    expect(renewed.status).toMatchObject({ state: 'idle', cacheExpired: false });
    expect(await past.comparisons.compare(compare)).toMatchObject({ asOfDate: today });
  }, 120_000);
});
