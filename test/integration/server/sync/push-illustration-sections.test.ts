// Issue 13: a saved comparison with withdrawals, an MVA product's hypothetical scenarios and an FIA's
// historical periods uploads to the real server, which recomputes every section from the record's
// inputs and its own catalog (the product's MVA terms, the strategies, their rates, the index
// levels) and refuses a record whose figures it cannot reproduce. A record of the previous rules
// version (no sections) still verifies. Strategies, rates and levels are inserted into PostgreSQL
// directly (the admin routes for them are another part of the issue).
import { describe, expect, it } from 'vitest';
import type { PushResponse, SavedComparison } from '../../../../src-shared/sync/protocol.js';
import { PREVIOUS_PROJECTION_RULES_VERSION } from '../../../../src-shared/projection.js';
import { productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';
import { comparisonFromRows, verifiedComparison } from '../../../support/sync-fixtures.js';
import { loadVerificationCatalog } from '../../../../server/sync/verify-catalog.js';
import { DEMO_LEVELS } from '../../../support/illustration-fixtures.js';

const NOW = '2026-12-03T15:00:00.000Z';
let api: ApiHarness;
useApiHarness((started) => void (api = started), { env: { RATEDESK_CLOCK: NOW } });

const ADMIN = 'product.admin@ratedesk.example';
let cusips = 700;

async function created(body: Record<string, unknown>): Promise<string> {
  cusips += 1;
  const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(cusips), ...body }));
  expect(response.status, response.body).toBe(201);
  return (response.json as { productId: string }).productId;
}

/** A 5-year MYGA with an MVA: i = 4.00%, k = 0.50%, no floor or cap. */
async function mvaProduct(): Promise<string> {
  const productId = await created({ productName: 'Harbor MVA Guarantee 5' });
  await api.owner
    .updateTable('products')
    .set({ mvaApplies: true, mvaSpread: '0.5000', mvaReferenceIndex: '10-year US Treasury constant maturity', mvaReferenceRate: '4.0000' })
    .where('productId', '=', productId)
    .execute();
  return productId;
}

/** An FIA with a 10% cap on a 25-year synthetic index and a fixed account, rates in force since January. */
async function fiaProduct(indexName: string): Promise<{ productId: string; capStrategyId: string }> {
  const productId = await created({ productName: 'Keystone Index Choice 7', productType: 'FIA', termYears: 7, bonusRate: '0.0000', bonusYears: 0, surrenderSchedule: ['9.0000', '8.0000', '7.0000', '6.0000', '5.0000', '4.0000', '3.0000'] });
  const strategies = await api.owner
    .insertInto('fiaStrategies')
    .values([
      { productId, strategyCode: 'CAP-1Y', strategyName: 'Annual point-to-point with a cap', indexName, creditingMethod: 'cap', guaranteedRate: '1.0000', sortOrder: 0, createdBy: ADMIN, updatedBy: ADMIN, createdAt: '2026-01-05T15:00:00Z', updatedAt: '2026-01-05T15:00:00Z' },
      { productId, strategyCode: 'FIXED', strategyName: 'Fixed account', indexName: null, creditingMethod: 'fixed', guaranteedRate: '1.0000', sortOrder: 1, createdBy: ADMIN, updatedBy: ADMIN, createdAt: '2026-01-05T15:00:00Z', updatedAt: '2026-01-05T15:00:00Z' },
    ])
    .returning(['strategyId', 'strategyCode'])
    .execute();
  const idOf = (code: string) => strategies.find((row) => row.strategyCode === code)?.strategyId ?? '';
  await api.owner
    .insertInto('fiaStrategyRates')
    .values([
      { strategyId: idOf('CAP-1Y'), rate: '10.0000', effectiveDate: '2026-01-01', createdBy: ADMIN, createdAt: '2026-01-05T15:00:00Z' },
      { strategyId: idOf('FIXED'), rate: '3.2500', effectiveDate: '2026-01-01', createdBy: ADMIN, createdAt: '2026-01-05T15:00:00Z' },
    ])
    .execute();
  await api.owner
    .insertInto('indexLevels')
    .values(DEMO_LEVELS.map(([year, level]) => ({ indexName, levelDate: `${year}-12-31`, level, source: 'Synthetic demo data', createdBy: ADMIN, createdAt: '2026-01-05T15:00:00Z' })))
    .execute();
  return { productId, capStrategyId: idOf('CAP-1Y') };
}

async function push(comparisons: SavedComparison[]) {
  const response = await api.call(api.tokens.rep, 'POST', '/v1/sync/push', { comparisons });
  expect(response.status, response.body).toBe(200);
  return (response.json as PushResponse).results;
}

type Column = { mva?: { kind: string; rise: { surrenderValue: string } }; fia?: { strategies: { history: { kind: string; best?: { endingValue: string } } }[] } };
const columns = (comparison: SavedComparison) => (comparison.results as unknown as { products: Column[] }).products;

let indexes = 0;
async function honest() {
  indexes += 1;
  const mva = await mvaProduct();
  const fia = await fiaProduct(`Demo Index (synthetic) ${indexes}`);
  const comparison = await verifiedComparison(api.owner, [mva, fia.productId], {
    comparisonDate: NOW,
    horizonYears: 7,
    illustration: { withdrawals: { percent: '5', startYear: 2 }, mvaScenario: { year: 2, shiftPct: '1' } },
  });
  return { comparison, fia };
}

describe('a comparison with withdrawals, MVA scenarios and FIA historical periods', () => {
  it('is recomputed by the server and applied, sections and inputs kept', async () => {
    const { comparison } = await honest();
    const [mva, fia] = columns(comparison);
    expect(mva?.mva?.kind).toBe('scenarios');
    expect(fia?.fia?.strategies.map((strategy) => strategy.history.kind)).toEqual(['periods', 'fixed-account']);
    expect(fia?.fia?.strategies[0]?.history.best?.endingValue).toBe('213462.47');
    expect(comparison.inputs).toMatchObject({ withdrawals: { percent: '5', startYear: 2 }, mvaScenario: { year: 2, shiftPct: '1.0000' } });

    expect(await push([comparison])).toEqual([{ comparisonId: comparison.comparisonId, status: 'applied' }]);
    const stored = await api.owner.selectFrom('productComparisons').select(['inputs', 'results']).where('comparisonId', '=', comparison.comparisonId).executeTakeFirstOrThrow();
    expect(stored.inputs).toMatchObject({ withdrawals: { percent: '5', startYear: 2 }, mvaScenario: { year: 2, shiftPct: '1.0000' } });
    expect(stored.results).toEqual(comparison.results);
  });

  it('is refused when a hypothetical surrender value, a historical value or an input was altered', async () => {
    const { comparison: forgedMva } = await honest();
    const mvaColumn = columns(forgedMva)[0];
    if (mvaColumn?.mva === undefined) throw new Error('no MVA section');
    mvaColumn.mva.rise.surrenderValue = '109999.99';

    const { comparison: forgedFia } = await honest();
    const best = columns(forgedFia)[1]?.fia?.strategies[0]?.history.best;
    if (best === undefined) throw new Error('no best period');
    best.endingValue = '313462.47';

    const { comparison: forgedInput } = await honest();
    forgedInput.inputs = { ...forgedInput.inputs, mvaScenario: { year: 2, shiftPct: '0.2500' } };

    const results = await push([forgedMva, forgedFia, forgedInput]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results[0]?.reason).toMatch(/^results\.products\.0\.mva\.rise\.surrenderValue: "109999\.99" does not equal the server's recomputation \("\d+\.\d{2}"\)/);
    expect(results[1]?.reason).toMatch(/^results\.products\.1\.fia\.strategies\.0\.history\.best\.endingValue: "313462\.47" does not equal the server's recomputation \("213462\.47"\)/);
    expect(results[2]?.reason).toMatch(/^results\.mvaScenario\.shiftPct: "1\.0000" does not equal the server's recomputation \("0\.2500"\)/);
  });

  it('is refused when the snapshot claims other MVA terms than the server holds, even with figures recomputed from them', async () => {
    const productId = await mvaProduct();
    const rows = await loadVerificationCatalog(api.owner, [productId]);
    const real = rows.products.get(productId);
    if (real === undefined) throw new Error('no product');
    // A forger lowers the reference rate at issue (a rise then costs less) and recomputes every figure.
    const savedAt = new Date(Date.now() + 1000).toISOString();
    const forged = comparisonFromRows(
      [{ product: { ...real, mvaReferenceRate: '3.0000' }, rates: (rows.rates.get(productId) ?? []).map(({ retractedAt: _retractedAt, ...rate }) => rate), availability: [...(rows.availability.get(productId) ?? [])] }],
      { comparisonDate: savedAt },
    );
    expect(columns(forged)[0]?.mva?.kind).toBe('scenarios');
    const [result] = await push([forged]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toMatch(new RegExp(`^items\\.0\\.productSnapshot\\.mvaReferenceRate: "3\\.0000" does not equal product ${productId} as the server holds it`));
  });
});

describe('a record of the previous rules version', () => {
  it('still verifies: same figures, no sections', async () => {
    const mva = await mvaProduct();
    const comparison = await verifiedComparison(api.owner, [mva], { comparisonDate: NOW });
    const results = comparison.results as unknown as { rulesVersion: string; products: { mva?: unknown; projection: { rulesVersion: string } }[] };
    results.rulesVersion = PREVIOUS_PROJECTION_RULES_VERSION;
    for (const column of results.products) {
      delete column.mva;
      column.projection.rulesVersion = PREVIOUS_PROJECTION_RULES_VERSION;
    }
    comparison.engineVersion = PREVIOUS_PROJECTION_RULES_VERSION;
    expect(await push([comparison])).toEqual([{ comparisonId: comparison.comparisonId, status: 'applied' }]);
  });
});
