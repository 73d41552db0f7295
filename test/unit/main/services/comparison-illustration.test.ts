// Compare on the laptop with issue 13's illustration inputs: the FIA strategies, their rates and the
// index levels are read from the SQLite cache (inserted directly here, as the sync of those tables
// is another part of the issue), the sections match the shared engine's, and the saved record
// carries the inputs (withdrawals, mvaScenario, strategyIds) and the sections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComparisonHandlers } from '../../../../src-main/services/comparison-services.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { getComparison } from '../../../../src-main/store/saved-comparisons.js';
import { compareProducts, type ComparisonCandidate } from '../../../../src-shared/comparison.js';
import { CAP_STRATEGY_ID, fiaCandidate, fiaIndexLevels, fiaStrategies, fiaStrategyRates, mvaCandidate } from '../../../support/illustration-fixtures.js';
import { cachedProduct, migratedDatabase, REP_SUBJECT, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

const candidates: ComparisonCandidate[] = [mvaCandidate(), fiaCandidate()];
const inputs = {
  premium: '100000.00',
  years: 7,
  startDate: '2026-12-03',
  asOfDate: '2026-12-03',
  productIds: candidates.map((candidate) => candidate.product.productId),
  withdrawals: { percent: '5', startYear: 2 },
  mvaScenario: { year: 2, shiftPct: '1' },
  strategyIds: [CAP_STRATEGY_ID],
};

let folder: TempFolder;
let handle: ClientDatabaseHandle;
beforeAll(async () => {
  folder = tempFolder();
  handle = await migratedDatabase(folder.file('cache.sqlite'));
  const { db } = handle;
  await upsertProducts(db, candidates.map((candidate) => cachedProduct(candidate.product)));
  await upsertRates(db, candidates.flatMap((candidate) => candidate.rates.map((rate) => ({ ...rate, changeVersion: '1' }))));
  await upsertAvailability(db, candidates.flatMap((candidate) => candidate.availability.map((window) => ({ ...window, changeVersion: '1' }))));
  await db.insertInto('fiaStrategies').values(fiaStrategies.map((strategy) => ({ ...strategy, isActive: 1, changeVersion: '1' }))).execute();
  await db.insertInto('fiaStrategyRates').values(fiaStrategyRates.map((rate) => ({ ...rate, isActive: 1, changeVersion: '1' }))).execute();
  await db.insertInto('indexLevels').values(fiaIndexLevels.map((level) => ({ ...level, level: Number(level.level).toFixed(4), isActive: 1, changeVersion: '1' }))).execute();
});
afterAll(async () => {
  await handle.close();
  folder.remove();
});

const handlers = () =>
  createComparisonHandlers({
    db: handle.db,
    sync: null,
    now: () => new Date('2026-12-03T15:00:00.000Z'),
    today: () => '2026-12-03',
    appVersion: '1.5.0-test',
    currentOwner: () => REP_SUBJECT,
    newComparisonId: () => '8e2d3c4b-5a69-4788-9abc-def012345678',
  });

describe('compare with illustration inputs, from the cache', () => {
  it('shows the MVA scenarios, the chosen strategy\'s periods and the withdrawals, as the shared engine computes them', async () => {
    const shown = await handlers().compare(inputs);
    const { productIds: _ids, ...request } = inputs;
    const expected = compareProducts({ ...request, products: candidates.map((candidate) => ({ ...candidate, product: cachedProduct(candidate.product) })), indexLevels: fiaIndexLevels });
    expect(shown.products.map((column) => [column.mva, column.fia])).toEqual(expected.products.map((column) => [column.mva, column.fia]));
    expect(shown.products[0]?.mva?.kind).toBe('scenarios');
    expect(shown.products[1]?.fia?.strategies.map((strategy) => [strategy.strategyId, strategy.history.kind])).toEqual([[CAP_STRATEGY_ID, 'periods']]);
    expect(shown.products[0]?.projection?.rows[1]?.withdrawal).toBe('5275.00');
  });

  it('saves a record whose inputs carry the illustration inputs and whose results carry the sections', async () => {
    const shown = await handlers().compare(inputs);
    const { comparisonId } = await handlers().saveComparison({ comparison: shown, clientReference: null, historical: false });
    const saved = await getComparison(handle.db, comparisonId, REP_SUBJECT);
    expect(saved?.payload['inputs']).toMatchObject({ withdrawals: { percent: '5', startYear: 2 }, mvaScenario: { year: 2, shiftPct: '1.0000' }, strategyIds: [CAP_STRATEGY_ID] });
    expect((saved?.payload['results'] as { products: unknown[] }).products).toEqual(JSON.parse(JSON.stringify(shown.products)));
  });

  it('refuses a strategy of no compared product, naming the field', async () => {
    await expect(handlers().compare({ ...inputs, strategyIds: ['5a1b2c3d-4e5f-4a6b-8c7d-0000000000ff'] })).rejects.toMatchObject({
      issues: [{ path: 'strategyIds.0', message: 'is not a crediting strategy of a compared product' }],
    });
  });
});
