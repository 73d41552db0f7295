// The server states its business time zone in /v1/me and in each pull (so every laptop computes
// "today" as the server does), honours RATEDESK_CLOCK for business dates, and stores the
// historical mark of an uploaded comparison, with checksums the client agrees with.
import { describe, expect, it } from 'vitest';
import type { ChecksumReport, PullResponse, PushResponse } from '../../../../src-shared/sync/protocol.js';
import { checksumsOf } from '../../../../server/sync/row-hash.js';
import { productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';
import { verifiedComparison } from '../../../support/sync-fixtures.js';

let api: ApiHarness;

// 03:30 UTC on June 1 is still May 31 in Chicago: a business date the laptop's UTC date is not.
useApiHarness(
  (started) => {
    api = started;
  },
  { env: { RATEDESK_BUSINESS_TIME_ZONE: 'America/Chicago', RATEDESK_CLOCK: '2030-06-01T03:30:00Z' } },
);

describe('the business time zone on the wire', () => {
  it('is in /v1/me', async () => {
    const me = await api.call(api.tokens.rep, 'GET', '/v1/me');
    expect(me.status, me.body).toBe(200);
    expect(me.json).toMatchObject({ businessTimeZone: 'America/Chicago' });
  });

  it('is in every pull, and business dates follow RATEDESK_CLOCK in that zone', async () => {
    const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(7) }));
    expect(created.status, created.body).toBe(201);
    const productId = (created.json as { productId: string }).productId;

    const pulled = await api.call(api.tokens.rep, 'GET', '/v1/sync/pull');
    expect(pulled.status, pulled.body).toBe(200);
    const page = pulled.json as PullResponse;
    expect(page.businessTimeZone).toBe('America/Chicago');
    // The first rate takes effect "today": the server's clock in the business zone, not the real date.
    expect(page.changes.rates.find((rate) => rate.productId === productId)?.effectiveDate).toBe('2030-05-31');
  });
});

describe('a comparison saved as a historical view', () => {
  it('is stored and sent back as such, and the checksums agree with the client’s', async () => {
    const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(8) }));
    const productId = (created.json as { productId: string }).productId;
    const savedNow = { comparisonDate: '2030-06-01T03:30:00.000Z', businessTimeZone: 'America/Chicago' };
    const historical = await verifiedComparison(api.owner, [productId], { ...savedNow, asOfDate: '2030-01-15', historical: true });
    const current = await verifiedComparison(api.owner, [productId], savedNow);
    expect(current.asOfDate).toBe('2030-05-31');
    const pushed = await api.call(api.tokens.rep2, 'POST', '/v1/sync/push', { comparisons: [historical, current] });
    expect(pushed.status, pushed.body).toBe(200);
    expect((pushed.json as PushResponse).results.map((result) => result.status)).toEqual(['applied', 'applied']);

    const stored = await api.owner.selectFrom('productComparisons').select(['comparisonId', 'historical']).where('comparisonId', 'in', [historical.comparisonId, current.comparisonId]).execute();
    expect(Object.fromEntries(stored.map((row) => [row.comparisonId, row.historical]))).toEqual({ [historical.comparisonId]: true, [current.comparisonId]: false });

    const page = (await api.call(api.tokens.rep2, 'GET', '/v1/sync/pull?limit=5000')).json as PullResponse;
    const back = new Map(page.changes.comparisons.map((comparison) => [comparison.comparisonId, comparison.historical]));
    expect(back.get(historical.comparisonId)).toBe(true);
    expect(back.get(current.comparisonId)).toBe(false);

    const report = (await api.call(api.tokens.rep2, 'GET', '/v1/sync/checksums')).json as ChecksumReport;
    const mine = page.changes.comparisons;
    expect(checksumsOf({ products: [], availability: [], rates: [], comparisons: mine }).comparisons).toEqual(report.tables.comparisons);
  });
});
