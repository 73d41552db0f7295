// Migrations 20261204001000 and 20261204001100: the database itself refuses a strategy on a product
// that is not an FIA, a repeated strategy code, a rate that breaks its strategy's guarantee, a level
// that is not year-end or not positive, and two active levels of an index on one date, whatever the
// application does; each case checks the constraint and the field and words the API gives it.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeConstraintViolation } from '../../../../server/db/constraint-errors.js';
import type { Database } from '../../../../server/db/schema.js';
import { testCusip } from '../../../support/api.js';
import { mygaProductRow } from '../../../support/catalog-fixtures.js';
import { useMigratedDatabase } from '../../../support/database.js';

let db: Kysely<Database>;
useMigratedDatabase('fia_strategy_index_constraints', 2, (opened) => {
  db = opened;
});

let serial = 0;
async function product(productType: 'FIA' | 'MYGA'): Promise<string> {
  serial += 1;
  const row = await db.insertInto('products').values(mygaProductRow(testCusip(3000 + serial), { productType })).returning('productId').executeTakeFirstOrThrow();
  return row.productId;
}

const strategy = (productId: string, overrides: Record<string, unknown> = {}) => ({
  productId,
  strategyCode: 'CAP',
  strategyName: 'Cap',
  indexName: 'Demo Index (synthetic)',
  creditingMethod: 'cap' as const,
  guaranteedRate: '1.5000',
  createdBy: 'test',
  updatedBy: 'test',
  ...overrides,
});

async function violationOf(write: Promise<unknown>) {
  const error: unknown = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the write should have been refused').toBeInstanceOf(Error);
  return describeConstraintViolation(error);
}

describe('fia_strategies', () => {
  it('belong to FIAs only, with a code unique per product and an index exactly when not fixed', async () => {
    const fia = await product('FIA');
    await db.insertInto('fiaStrategies').values(strategy(fia)).execute();
    await db.insertInto('fiaStrategies').values(strategy(fia, { strategyCode: 'FIXED', creditingMethod: 'fixed', indexName: null })).execute();
    expect(await violationOf(db.insertInto('fiaStrategies').values(strategy(await product('MYGA'))).execute())).toMatchObject({
      kind: 'check',
      constraint: 'fia_strategies_product_is_fia',
      field: 'productId',
    });
    expect(await violationOf(db.insertInto('fiaStrategies').values(strategy(fia)).execute())).toMatchObject({
      kind: 'unique',
      field: 'strategyCode',
      message: 'is already used by another strategy of this product',
    });
    expect(await violationOf(db.insertInto('fiaStrategies').values(strategy(fia, { strategyCode: 'F2', creditingMethod: 'fixed' })).execute())).toMatchObject({
      constraint: 'fia_strategies_index_name_by_method',
      field: 'indexName',
    });
    expect(await violationOf(db.insertInto('fiaStrategies').values(strategy(fia, { strategyCode: 'X', creditingMethod: 'trigger' as never })).execute())).toMatchObject({
      constraint: 'fia_strategies_crediting_method_known',
      field: 'creditingMethod',
    });
  });
});

describe('fia_strategy_rates', () => {
  it('keep the guarantee: no cap below it, no spread above it', async () => {
    const fia = await product('FIA');
    const ids = await db
      .insertInto('fiaStrategies')
      .values([strategy(fia), strategy(fia, { strategyCode: 'SPREAD', creditingMethod: 'spread', guaranteedRate: '3.5000' })])
      .returning(['strategyId', 'strategyCode'])
      .execute();
    const id = (code: string) => ids.find((row) => row.strategyCode === code)?.strategyId ?? '';
    const rate = (strategyId: string, value: string) => db.insertInto('fiaStrategyRates').values({ strategyId, rate: value, effectiveDate: '2031-01-01', createdBy: 'test' }).execute();
    await rate(id('CAP'), '1.5000');
    await rate(id('SPREAD'), '3.5000');
    expect(await violationOf(rate(id('CAP'), '1.4999'))).toMatchObject({ kind: 'check', constraint: 'fia_strategy_rates_keep_guarantee', field: 'rate' });
    expect(await violationOf(rate(id('SPREAD'), '3.5001'))).toMatchObject({ kind: 'check', constraint: 'fia_strategy_rates_keep_guarantee', field: 'rate' });
    // The trigger also fires on UPDATE: a published cap cannot be lowered below the guarantee.
    expect(await violationOf(db.updateTable('fiaStrategyRates').set({ rate: '1.0000' }).where('strategyId', '=', id('CAP')).execute())).toMatchObject({
      constraint: 'fia_strategy_rates_keep_guarantee',
    });
  });
});

describe('index_levels', () => {
  const level = (overrides: Record<string, unknown> = {}) => ({ indexName: 'Omega', levelDate: '2030-12-31', level: '100.0000', source: 'test', createdBy: 'test', ...overrides });

  it('are year-end and positive, one active per index and date', async () => {
    const [first] = await db.insertInto('indexLevels').values(level()).returning('indexLevelId').execute();
    expect(await violationOf(db.insertInto('indexLevels').values(level({ level: '101.0000' })).execute())).toMatchObject({
      kind: 'unique',
      constraint: 'index_levels_one_active_per_date',
      field: 'levelDate',
    });
    expect(await violationOf(db.insertInto('indexLevels').values(level({ levelDate: '2030-06-30' })).execute())).toMatchObject({ field: 'levelDate', constraint: 'index_levels_level_date_year_end' });
    expect(await violationOf(db.insertInto('indexLevels').values(level({ levelDate: '2029-12-31', level: '0' })).execute())).toMatchObject({ field: 'level', constraint: 'index_levels_level_positive' });
    // A retracted level leaves room for its correction.
    await db.updateTable('indexLevels').set({ isActive: false }).where('indexLevelId', '=', first?.indexLevelId ?? '').execute();
    await expect(db.insertInto('indexLevels').values(level({ level: '101.0000' })).execute()).resolves.toBeTruthy();
  });
});
