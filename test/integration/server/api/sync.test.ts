// The sync routes over HTTP: pull with cursor and ETag/304, push with per-comparison answers,
// checksums, and the resync answer, with real tokens and the least-privileged database role.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../../src-shared/sync/cursor.js';
import type { ChecksumReport, PullResponse, PushResponse } from '../../../../src-shared/sync/protocol.js';
import { productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';
import { unverifiedComparison, verifiedComparison } from '../../../support/sync-fixtures.js';

let api: ApiHarness;
let productId: string;

beforeAll(async () => {
  api = await startApiHarness();
  const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(1) }));
  expect(created.status, created.body).toBe(201);
  productId = (created.json as { productId: string }).productId;
});

afterAll(async () => {
  await api?.close();
});

async function pull(token: string, cursor?: string, headers: Record<string, string> = {}) {
  return api.call(token, 'GET', `/v1/sync/pull${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, headers);
}

describe('GET /v1/sync/pull', () => {
  it('downloads the catalog, answers 304 while nothing changes, and sends changes after a publish', async () => {
    const first = await pull(api.tokens.rep);
    expect(first.status, first.body).toBe(200);
    const page = first.json as PullResponse;
    expect(page.hasMore).toBe(false);
    expect(page.changes.products.map((product) => product.productId)).toContain(productId);
    expect(page.changes.rates.some((rate) => rate.productId === productId)).toBe(true);
    expect(page.checksums?.tables.products.count).toBeGreaterThanOrEqual(1);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);

    const unchanged = await pull(api.tokens.rep, page.cursor);
    const unchangedEtag = unchanged.headers.etag as string;
    const notModified = await pull(api.tokens.rep, page.cursor, { 'if-none-match': unchangedEtag });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(unchangedEtag);

    const published = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productId}/rates`, { baseRate: '4.9', effectiveDate: '2099-01-01' });
    expect(published.status, published.body).toBe(201);
    const changed = await pull(api.tokens.rep, page.cursor, { 'if-none-match': unchangedEtag });
    expect(changed.status).toBe(200);
    const delta = changed.json as PullResponse;
    expect(delta.changes.rates.map((rate) => [rate.effectiveDate, rate.baseRate])).toContainEqual(['2099-01-01', '4.9000']);
    expect(delta.changes.products).toEqual([]);
    expect(changed.headers.etag).not.toBe(unchangedEtag);
  });

  it('tells a client with a cursor from another database to download again (409 resync-required)', async () => {
    const response = await pull(api.tokens.rep, encodeCursor({ epoch: randomUUID(), version: '1' }));
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({
      type: 'https://ratedesk.example/problems/resync-required',
      reason: 'epoch-mismatch',
      serverEpoch: expect.any(String),
    });
  });
});

describe('POST /v1/sync/push', () => {
  it('stores the rep’s comparison once, returns it to the rep only, and audits it', async () => {
    const comparison = await verifiedComparison(api.owner, [productId], { comparisonDate: new Date().toISOString() });
    const before = (await pull(api.tokens.rep)).json as PullResponse;

    const pushed = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', { comparisons: [comparison] });
    expect(pushed.status, pushed.body).toBe(200);
    const answer = pushed.json as PushResponse;
    expect(answer.results).toEqual([{ comparisonId: comparison.comparisonId, status: 'applied' }]);

    const again = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', { comparisons: [comparison] });
    expect((again.json as PushResponse).results[0]?.status).toBe('duplicate');

    const mine = (await pull(api.tokens.rep, before.cursor)).json as PullResponse;
    expect(mine.changes.comparisons.map((c) => c.comparisonId)).toEqual([comparison.comparisonId]);
    const theirs = (await pull(api.tokens.admin)).json as PullResponse;
    expect(theirs.changes.comparisons).toEqual([]);
    const anotherRep = (await pull(api.tokens.rep2)).json as PullResponse;
    expect(anotherRep.changes.comparisons).toEqual([]);
    expect(anotherRep.checksums?.tables.comparisons).toEqual({ count: 0, checksum: '0' });
    expect(mine.checksums?.tables.comparisons.count).toBeGreaterThan(0);

    const me = (await api.call(api.tokens.rep, 'GET', '/v1/me')).json as { userId: string; sessionId: string };
    const stored = await api.owner.selectFrom('productComparisons').select(['userId', 'sessionId']).where('comparisonId', '=', comparison.comparisonId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ userId: me.userId, sessionId: me.sessionId });
    const audit = await api.owner.selectFrom('auditLog').selectAll().where('recordId', '=', comparison.comparisonId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actionType: 'COMPARISON_SAVED', userId: me.userId, sessionId: me.sessionId, ipAddress: '127.0.0.1' });
  });

  it('rejects a comparison of an unknown product on its own, without failing the upload', async () => {
    const good = await verifiedComparison(api.owner, [productId], { comparisonDate: new Date().toISOString() });
    const bad = unverifiedComparison([randomUUID()]);
    const response = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', { comparisons: [good, bad] });
    expect(response.status).toBe(200);
    expect((response.json as PushResponse).results.map((result) => result.status)).toEqual(['applied', 'rejected']);
  });
});

describe('GET /v1/sync/checksums', () => {
  it('reports the counts the caller’s copy must add up to', async () => {
    const response = await api.call(api.tokens.rep, 'GET', '/v1/sync/checksums');
    expect(response.status).toBe(200);
    const report = response.json as ChecksumReport;
    const products = await api.owner.selectFrom('products').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(report.tables.products.count).toBe(Number(products.n));
    expect(report.tables.comparisons.count).toBe(2);
    const compliance = (await api.call(api.tokens.compliance, 'GET', '/v1/sync/checksums')).json as ChecksumReport;
    expect(compliance.tables.comparisons.count).toBe(0);
  });
});
