// The server verifies every uploaded comparison before it becomes a record (issue 12): the forged
// pushes of the issue are each refused (per comparison, or the whole request with 400), store no
// comparison or item, leave a "server rejected" row for compliance when refused per comparison,
// and never cost the honest comparison uploaded with them; the honest one comes back in a pull
// with its record fields.
import { describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse, SavedComparison } from '../../../../src-shared/sync/protocol.js';
import { databaseDigest, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';
import { verifiedComparison } from '../../../support/sync-fixtures.js';
import { comparisonFromRows } from '../../../support/saved-comparisons.js';
import { loadVerificationCatalog } from '../../../../server/sync/verify-catalog.js';
import { PROJECTION_RULES_VERSION } from '../../../../src-shared/projection.js';

let api: ApiHarness;
// 10:00 in New York on Thursday 2026-12-03: the business date every upload below is judged by.
const NOW = '2026-12-03T15:00:00.000Z';
useApiHarness(
  (started) => {
    api = started;
  },
  { env: { RATEDESK_CLOCK: NOW } },
);

let cusips = 400;
/** A MYGA whose first rate, 4.9000, is in force from today (the admin API publishes it so). */
async function product(): Promise<{ productId: string; rateHistoryId: string }> {
  cusips += 1;
  const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(cusips), baseRate: '4.9000' }));
  expect(created.status, created.body).toBe(201);
  const productId = (created.json as { productId: string }).productId;
  const rate = await api.owner.selectFrom('rateHistory').select(['rateHistoryId', 'baseRate']).where('productId', '=', productId).executeTakeFirstOrThrow();
  expect(rate.baseRate).toBe('4.9000');
  return { productId, rateHistoryId: rate.rateHistoryId };
}

const honest = (productId: string, options: Parameters<typeof verifiedComparison>[2] = {}) =>
  verifiedComparison(api.owner, [productId], { comparisonDate: NOW, ...options });

async function push(comparisons: unknown[]) {
  return api.call(api.tokens.rep, 'POST', '/v1/sync/push', { comparisons });
}

async function stored(comparisonId: string) {
  const [headers, items] = await Promise.all([
    api.owner.selectFrom('productComparisons').select('comparisonId').where('comparisonId', '=', comparisonId).execute(),
    api.owner.selectFrom('productComparisonItems').select('comparisonId').where('comparisonId', '=', comparisonId).execute(),
  ]);
  return headers.length + items.length;
}

/** Pushes `forged` with an honest comparison; the forged one is refused for `reason`, the honest one applied. */
async function expectRefused(forged: SavedComparison, reason: RegExp, honestOne: SavedComparison): Promise<void> {
  const response = await push([forged, honestOne]);
  expect(response.status, response.body).toBe(200);
  const [refused, applied] = (response.json as PushResponse).results;
  expect(refused).toMatchObject({ comparisonId: forged.comparisonId, status: 'rejected' });
  expect(refused?.reason).toMatch(reason);
  expect(applied).toEqual({ comparisonId: honestOne.comparisonId, status: 'applied' });
  expect(await stored(forged.comparisonId)).toBe(0);
  expect(await stored(honestOne.comparisonId)).toBe(2);
  const rejections = await api.owner.selectFrom('comparisonUploadRejections').selectAll().where('comparisonId', '=', forged.comparisonId).execute();
  expect(rejections).toHaveLength(1);
  expect(rejections[0]).toMatchObject({ reason: refused?.reason, asOfDate: forged.asOfDate, investmentAmount: forged.investmentAmount });
  // The trace is a record too: not even the owning role can remove it.
  const removal = await api.owner.deleteFrom('comparisonUploadRejections').where('comparisonId', '=', forged.comparisonId).execute().catch((error: unknown) => error);
  expect((removal as { code?: string }).code).toBe('RD001');
}

describe('a forged comparison is refused on its own', () => {
  it('claims 24.9999% on a rate row published at 4.9000%', async () => {
    const { productId, rateHistoryId } = await product();
    const forged = await honest(productId);
    forged.items = forged.items.map((item) => ({ ...item, baseRate: '24.9999', bonusRate: '24.9999' }));
    await expectRefused(
      forged,
      new RegExp(`^items\\.0\\.baseRate: 24\\.9999 does not equal the rate published in rate period ${rateHistoryId} \\(4\\.9000\\); items\\.0\\.bonusRate: 24\\.9999`),
      await honest(productId),
    );
  });

  it('uses an expired rate row, or one not in force on its as-of date', async () => {
    const { productId } = await product();
    const expired = await api.owner
      .insertInto('rateHistory')
      .values({ productId, baseRate: '3.1000', effectiveDate: '2026-01-01', endDate: '2026-06-30', createdBy: 'admin@ratedesk.test' })
      .returning('rateHistoryId')
      .executeTakeFirstOrThrow();
    const onExpired = await honest(productId);
    onExpired.items = onExpired.items.map((item) => ({ ...item, rateHistoryId: expired.rateHistoryId, baseRate: '3.1000' }));
    await expectRefused(onExpired, new RegExp(`rate period ${expired.rateHistoryId} \\(effective 2026-01-01 through 2026-06-30\\) was not in force on 2026-12-03`), await honest(productId));

    // A look back at March, labelled historical, but claiming today's rate (effective 2026-12-03).
    const lookBack = await honest(productId, { asOfDate: '2026-03-02', historical: true });
    const today = await honest(productId);
    lookBack.items = today.items;
    await expectRefused(lookBack, /items\.0\.rateHistoryId: rate period [0-9a-f-]+ \(effective 2026-12-03 through further notice\) was not in force on 2026-03-02/, today);
  });

  it('uses a retracted rate row (no audit row says when: treated as retracted before the save)', async () => {
    const { productId } = await product();
    const retracted = await api.owner
      .insertInto('rateHistory')
      .values({ productId, baseRate: '6.0000', effectiveDate: '2027-01-04', isActive: false, createdBy: 'admin@ratedesk.test' })
      .returning('rateHistoryId')
      .executeTakeFirstOrThrow();
    const forged = await honest(productId, { asOfDate: '2027-01-05', historical: true });
    forged.items = forged.items.map((item) => ({ ...item, rateHistoryId: retracted.rateHistoryId, baseRate: '6.0000' }));
    await expectRefused(forged, new RegExp(`items\\.0\\.rateHistoryId: rate period ${retracted.rateHistoryId} was retracted and did not apply`), await honest(productId));
  });

  it('is dated two days after the business date it was saved on, without the historical mark', async () => {
    const { productId } = await product();
    const forged = await honest(productId, { asOfDate: '2026-12-05' });
    await expectRefused(forged, /^asOfDate: 2026-12-05 is not the business date the comparison was saved on \(2026-12-03 in America\/New_York/, await honest(productId));
  });

  it('changes the figures of one projection row', async () => {
    const { productId } = await product();
    const forged = await honest(productId);
    const results = structuredClone(forged.results) as { products: Array<{ projection: { rows: Array<{ accountValue: string }> } }> };
    const row = results.products[0]?.projection.rows[2];
    if (!row) throw new Error('expected a third projection row');
    const shown = row.accountValue;
    row.accountValue = '999999.99';
    forged.results = results;
    await expectRefused(
      forged,
      new RegExp(`^results\\.products\\.0\\.projection\\.rows\\.2\\.accountValue: "999999\\.99" does not equal the server's recomputation \\("${shown.replace('.', '\\.')}"\\)`),
      await honest(productId),
    );
  });

  it('was made with other projection rules', async () => {
    const { productId } = await product();
    const forged = await honest(productId);
    forged.engineVersion = 'projection-rules/2';
    forged.results = { ...forged.results, rulesVersion: 'projection-rules/2' };
    await expectRefused(forged, /^engineVersion: made with rules projection-rules\/2; this server verifies projection-rules\/4 and projection-rules\/3; update the app$/, await honest(productId));
  });

  it('lacks the app version, or carries a disclosures hash of other texts', async () => {
    const { productId } = await product();
    const { appVersion: _appVersion, ...noVersion } = await honest(productId);
    await expectRefused(noVersion, /^appVersion: is required/, await honest(productId));

    const badHash = await honest(productId);
    badHash.disclosures = { sha256: 'ab'.repeat(32), texts: badHash.disclosures?.texts ?? [] };
    await expectRefused(badHash, /^disclosures\.sha256: a{0}(ab){32} is not the SHA-256 of the disclosure texts sent/, await honest(productId));
  });
});

describe('a product snapshot with terms the product never had', () => {
  it('is refused while the product is unchanged since the save, even with figures recomputed to match', async () => {
    const { productId } = await product();
    const rows = await loadVerificationCatalog(api.owner, [productId]);
    const real = rows.products.get(productId);
    if (real === undefined) throw new Error('no product');
    expect(real.guaranteedMinimumRate).not.toBe('3.0000');
    // A forger raises the guaranteed minimum rate and recomputes every figure from it.
    const forgedProduct = { ...real, guaranteedMinimumRate: '3.0000' };
    const savedAt = new Date(Date.now() + 1000).toISOString();
    const forged = comparisonFromRows(
      [{ product: forgedProduct, rates: (rows.rates.get(productId) ?? []).map(({ retractedAt: _retractedAt, ...rate }) => rate), availability: [...(rows.availability.get(productId) ?? [])] }],
      { comparisonDate: savedAt },
    );
    await expectRefused(
      forged,
      new RegExp(`^items\\.0\\.productSnapshot\\.guaranteedMinimumRate: "3\\.0000" does not equal product ${productId} as the server holds it`),
      await honest(productId, { comparisonDate: savedAt }),
    );
  });
});

describe('an upload too large or too deep is refused whole with 400, writing nothing', () => {
  const nested = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = { end: true };
    for (let level = 1; level < levels; level += 1) value = { inner: value };
    return value;
  };

  it.each([
    ['3 MB inputs', 'inputs', (c: SavedComparison) => ({ ...c, inputs: { ...c.inputs, notes: 'x'.repeat(3 * 1024 * 1024) } }), /must be at most 16384 bytes as JSON/],
    ['2,000 levels in inputs', 'inputs', (c: SavedComparison) => ({ ...c, inputs: nested(2000) }), /must nest at most 32 levels deep/],
    ['2,000 levels in results', 'results', (c: SavedComparison) => ({ ...c, results: nested(2000) }), /must nest at most 32 levels deep/],
    ['33 levels in a product snapshot', 'items.0.productSnapshot', (c: SavedComparison) => ({ ...c, items: c.items.map((item) => ({ ...item, productSnapshot: nested(33) })) }), /must nest at most 32 levels deep/],
  ])('%s', async (_name, field, forge, message) => {
    const { productId } = await product();
    const honestOne = await honest(productId);
    const forged = forge(await honest(productId));
    const before = await databaseDigest(api.owner);
    const response = await push([honestOne, forged]);
    expect(response.status, response.body.slice(0, 500)).toBe(400);
    const issues = (response.json as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
    expect(issues.find((issue) => issue.path === `body.comparisons.1.${field}`)?.message).toMatch(message);
    expect(await databaseDigest(api.owner)).toEqual(before);
  });

  it('answers 400, not 500, to 2,000 levels of nesting the JSON parser sees first', async () => {
    const body = `{"comparisons":[${'['.repeat(2000)}${']'.repeat(2000)}]}`;
    const response = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', body, { 'content-type': 'application/json' });
    expect(response.status, response.body.slice(0, 300)).toBe(400);
  });
});

describe('an honest comparison', () => {
  it('is applied, and its record fields come back in a pull', async () => {
    const { productId } = await product();
    const comparison = await honest(productId);
    comparison.catalogCursor = 'cursor-of-the-laptop';
    comparison.bestInterest = { clientAgeBand: '65-69', objectives: ['principal-protection'], rationale: 'Wants a guaranteed rate for five years.' };
    const response = await push([comparison]);
    expect((response.json as PushResponse).results).toEqual([{ comparisonId: comparison.comparisonId, status: 'applied' }]);
    expect(await api.owner.selectFrom('comparisonUploadRejections').select('rejectionId').where('comparisonId', '=', comparison.comparisonId).execute()).toEqual([]);

    const page = (await api.call(api.tokens.rep, 'GET', '/v1/sync/pull?limit=5000')).json as PullResponse;
    const back = page.changes.comparisons.find((row) => row.comparisonId === comparison.comparisonId);
    expect(back).toMatchObject({
      appVersion: comparison.appVersion,
      catalogCursor: 'cursor-of-the-laptop',
      preparedOn: '2026-12-03',
      disclosures: comparison.disclosures,
      bestInterest: comparison.bestInterest,
      engineVersion: PROJECTION_RULES_VERSION,
      results: comparison.results,
    });
  });
});

describe('a comparison saved before an admin published a rate for the same day', () => {
  it('is judged by the catalog as it stood when it was saved, and applied', async () => {
    const { productId, rateHistoryId } = await product();
    // The product's rate has been in force since November; the rep saves this morning (after it
    // was published, by the database clock) and uploads after the admin's change for today.
    await api.owner.updateTable('rateHistory').set({ effectiveDate: '2026-11-02' }).where('rateHistoryId', '=', rateHistoryId).execute();
    const published = await api.owner.selectFrom('rateHistory').select('createdAt').where('rateHistoryId', '=', rateHistoryId).executeTakeFirstOrThrow();
    const savedAt = new Date(new Date(published.createdAt).getTime() + 1).toISOString();
    const before = await honest(productId, { comparisonDate: savedAt });
    while (Date.now() <= Date.parse(savedAt) + 5) await new Promise((resolve) => setTimeout(resolve, 5));

    const change = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productId}/rates`, { baseRate: '5.1000', effectiveDate: '2026-12-03' });
    expect(change.status, change.body).toBe(201);
    const old = await api.owner.selectFrom('rateHistory').select('endDate').where('rateHistoryId', '=', rateHistoryId).executeTakeFirstOrThrow();
    expect(String(old.endDate)).toContain('2026-12-02');

    const response = await push([before]);
    expect((response.json as PushResponse).results).toEqual([{ comparisonId: before.comparisonId, status: 'applied' }]);

    // Saved after the change, the old rate is refused: it was no longer in force.
    const late = await honest(productId, { comparisonDate: new Date(Date.now() + 1000).toISOString() });
    expect(late.items[0]?.baseRate).toBe('5.1000');
    const stale = { ...before, comparisonId: crypto.randomUUID(), comparisonDate: late.comparisonDate };
    const refused = (await push([stale])).json as PushResponse;
    expect(refused.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^items\.0\.rateHistoryId: rate period .* was not in force on 20\d\d-\d\d-\d\d|replaced/) });
  });
});
