// The database itself refuses bad catalog rows, whatever the application does: each case checks
// the PostgreSQL error (SQLSTATE and constraint name), not merely that something threw.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeConstraintViolation } from '../../../../server/db/constraint-errors.js';
import type { Database, NewProductRow, NewRateHistoryRow } from '../../../../server/db/schema.js';
import { mygaProductRow } from '../../../support/catalog-fixtures.js';
import { useMigratedDatabase } from '../../../support/database.js';

let db: Kysely<Database>;
useMigratedDatabase('constraints', 4, (opened) => {
  db = opened;
});

const CHECK = '23514';
const UNIQUE = '23505';
const EXCLUSION = '23P01';
const FOREIGN_KEY = '23503';

// Valid CUSIPs (check digit computed by the standard algorithm).
const cusips = ['037833100', '594918104', '88160R101', '46625H100', '02079K305', '30303M102', '68389X105'];
let nextCusip = 0;

function product(overrides: Partial<NewProductRow> = {}): NewProductRow {
  return mygaProductRow(cusips[nextCusip++ % cusips.length] ?? '037833100', overrides);
}

async function insertProduct(overrides: Partial<NewProductRow> = {}): Promise<string> {
  const row = await db.insertInto('products').values(product(overrides)).returning('productId').executeTakeFirstOrThrow();
  return row.productId;
}

/** A product with a CUSIP no other test uses, so tests do not depend on each other's rows. */
let uniqueSerial = 0;
function uniqueCusip(): string {
  const body = `ZZ${String(uniqueSerial++).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const c = body.charAt(i);
    let v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

async function freshProduct(overrides: Partial<NewProductRow> = {}): Promise<string> {
  return insertProduct({ cusip: uniqueCusip(), ...overrides });
}

function rate(productId: string, effectiveDate: string, endDate: string | null, overrides: Partial<NewRateHistoryRow> = {}): NewRateHistoryRow {
  return { productId, baseRate: '4.2500', bonusRate: '0.0000', effectiveDate, endDate, createdBy: 'admin@ratedesk.example', ...overrides };
}

async function insertRate(row: NewRateHistoryRow): Promise<string> {
  const inserted = await db.insertInto('rateHistory').values(row).returning('rateHistoryId').executeTakeFirstOrThrow();
  return inserted.rateHistoryId;
}

describe('products', () => {
  it('accepts a valid product and returns it with exact decimals, dates and timestamps', async () => {
    const productId = await freshProduct({ returnOfPremium: true, returnOfPremiumPercentage: '100.0000', maximumInvestment: null });
    const row = await db.selectFrom('products').selectAll().where('productId', '=', productId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      productType: 'MYGA',
      minimumInvestment: '10000.00',
      maximumInvestment: null,
      baseRate: '4.5000',
      bonusRate: '1.0000',
      surrenderSchedule: ['7.0000', '6.0000', '5.0000', '4.0000', '3.0000'],
      returnOfPremiumPercentage: '100.0000',
      isActive: true,
    });
    expect(row.cusip).toMatch(/^ZZ\d{6}\d$/);
    expect(row.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row.changeVersion).toMatch(/^\d+$/);
  });

  it('accepts the CUSIP from the standard example (037833100) and refuses its neighbour 037833101', async () => {
    await expect(insertProduct({ cusip: '037833100' })).resolves.toBeTruthy();
    await expect(insertProduct({ cusip: '037833101' })).rejects.toMatchObject({ code: CHECK, constraint: 'products_cusip_valid' });
  });

  it('refuses a CUSIP with a bad format (lower case, wrong length, bad characters)', async () => {
    for (const cusip of ['03783310a', '03783310', '0378-3310', 'ABCDEFGHI']) {
      await expect(insertProduct({ cusip }), cusip).rejects.toMatchObject({ code: CHECK, constraint: 'products_cusip_format' });
    }
  });

  it('refuses a second product with the same CUSIP', async () => {
    const cusip = uniqueCusip();
    await insertProduct({ cusip });
    await expect(insertProduct({ cusip })).rejects.toMatchObject({ code: UNIQUE, constraint: 'products_cusip_key' });
  });

  it('refuses negative rates and rates above 25 percent', async () => {
    await expect(freshProduct({ baseRate: '-0.0001' })).rejects.toMatchObject({ code: CHECK, constraint: 'products_base_rate_range' });
    await expect(freshProduct({ baseRate: '25.0001' })).rejects.toMatchObject({ code: CHECK, constraint: 'products_base_rate_range' });
    await expect(freshProduct({ bonusRate: '-1.0000' })).rejects.toMatchObject({ code: CHECK, constraint: 'products_bonus_rate_range' });
    await expect(freshProduct({ guaranteedMinimumRate: '30.0000' })).rejects.toMatchObject({
      code: CHECK,
      constraint: 'products_guaranteed_minimum_rate_range',
    });
    await expect(freshProduct({ baseRate: '25.0000' })).resolves.toBeTruthy();
    await expect(freshProduct({ baseRate: '0.0000', bonusRate: '0.0000' })).resolves.toBeTruthy();
  });

  it('refuses a maximum investment below the minimum, and a minimum of zero', async () => {
    await expect(freshProduct({ minimumInvestment: '10000.00', maximumInvestment: '9999.99' })).rejects.toMatchObject({
      code: CHECK,
      constraint: 'products_maximum_investment_not_below_minimum',
    });
    await expect(freshProduct({ minimumInvestment: '0.00' })).rejects.toMatchObject({
      code: CHECK,
      constraint: 'products_minimum_investment_positive',
    });
    await expect(freshProduct({ minimumInvestment: '10000.00', maximumInvestment: '10000.00' })).resolves.toBeTruthy();
  });

  it('refuses a return-of-premium percentage of 101, and a percentage without return of premium', async () => {
    await expect(freshProduct({ returnOfPremium: true, returnOfPremiumPercentage: '101.0000' })).rejects.toMatchObject({
      code: CHECK,
      constraint: 'products_return_of_premium_percentage_range',
    });
    await expect(freshProduct({ returnOfPremium: false, returnOfPremiumPercentage: '90.0000' })).rejects.toMatchObject({
      code: CHECK,
      constraint: 'products_return_of_premium_percentage_required',
    });
    await expect(freshProduct({ returnOfPremium: true, returnOfPremiumPercentage: null })).rejects.toMatchObject({
      code: CHECK,
      constraint: 'products_return_of_premium_percentage_required',
    });
  });

  it('refuses an unknown product type and an unknown compounding method', async () => {
    await expect(freshProduct({ productType: 'VA' as never })).rejects.toMatchObject({ code: CHECK, constraint: 'products_product_type_known' });
    await expect(freshProduct({ compounding: 'monthly' as never })).rejects.toMatchObject({ code: CHECK, constraint: 'products_compounding_known' });
  });

  it('refuses a surrender schedule longer than the term or with a charge outside 0..100', async () => {
    const schedule = (values: string[]) => freshProduct({ termYears: 3, bonusYears: 1, surrenderSchedule: values });
    await expect(schedule(['7.0000', '6.0000', '5.0000', '4.0000'])).rejects.toMatchObject({ constraint: 'products_surrender_schedule_valid' });
    await expect(schedule(['7.0000', '-1.0000'])).rejects.toMatchObject({ constraint: 'products_surrender_schedule_valid' });
    await expect(schedule(['100.0001'])).rejects.toMatchObject({ constraint: 'products_surrender_schedule_valid' });
    await expect(schedule([])).resolves.toBeTruthy();
  });

  it('refuses a term outside 1..30 years and a bonus period longer than the term', async () => {
    await expect(freshProduct({ termYears: 0, surrenderSchedule: [], bonusYears: 0, bonusRate: '0' })).rejects.toMatchObject({
      constraint: 'products_term_years_range',
    });
    await expect(freshProduct({ termYears: 31, surrenderSchedule: [] })).rejects.toMatchObject({ constraint: 'products_term_years_range' });
    await expect(freshProduct({ termYears: 5, bonusYears: 6 })).rejects.toMatchObject({ constraint: 'products_bonus_years_range' });
  });

  it('refuses a hard DELETE of a product that has rate history (soft delete only)', async () => {
    const productId = await freshProduct();
    await insertRate(rate(productId, '2026-01-01', null));
    await expect(db.deleteFrom('products').where('productId', '=', productId).execute()).rejects.toMatchObject({
      code: FOREIGN_KEY,
      constraint: 'rate_history_product_id_fkey',
    });
    const still = await db.selectFrom('products').select('productId').where('productId', '=', productId).execute();
    expect(still).toHaveLength(1);
  });

  it('names the field and the reason of a violation for the API', async () => {
    const error: unknown = await freshProduct({ baseRate: '26.0000' }).catch((e: unknown) => e);
    expect(describeConstraintViolation(error)).toEqual({
      kind: 'check',
      field: 'baseRate',
      message: 'must be between 0 and 25 (percent)',
      constraint: 'products_base_rate_range',
      table: 'products',
    });
    const productId = await freshProduct();
    await insertRate(rate(productId, '2026-01-01', null));
    const refused: unknown = await db.deleteFrom('products').where('productId', '=', productId).execute().catch((e: unknown) => e);
    expect(describeConstraintViolation(refused)).toMatchObject({ kind: 'foreign_key', field: undefined, message: 'is still referenced by other records' });
  });
});

describe('rate periods', () => {
  it('refuses a negative rate and a rate above the bound', async () => {
    const productId = await freshProduct();
    await expect(insertRate(rate(productId, '2026-01-01', null, { baseRate: '-0.5000' }))).rejects.toMatchObject({
      code: CHECK,
      constraint: 'rate_history_base_rate_range',
    });
    await expect(insertRate(rate(productId, '2026-01-01', null, { bonusRate: '25.5000' }))).rejects.toMatchObject({
      code: CHECK,
      constraint: 'rate_history_bonus_rate_range',
    });
  });

  it('refuses an end date before the effective date, and accepts a one-day period', async () => {
    const productId = await freshProduct();
    await expect(insertRate(rate(productId, '2026-03-01', '2026-02-28'))).rejects.toMatchObject({
      code: CHECK,
      constraint: 'rate_history_end_date_not_before_effective_date',
    });
    await expect(insertRate(rate(productId, '2026-03-01', '2026-03-01'))).resolves.toBeTruthy();
  });

  it('refuses overlapping periods of one product, including a shared end day (both ends are inclusive)', async () => {
    const productId = await freshProduct();
    await insertRate(rate(productId, '2026-01-01', '2026-01-31'));
    await expect(insertRate(rate(productId, '2026-01-15', '2026-02-15'))).rejects.toMatchObject({
      code: EXCLUSION,
      constraint: 'rate_history_no_overlap',
    });
    await expect(insertRate(rate(productId, '2026-01-31', null))).rejects.toMatchObject({ code: EXCLUSION, constraint: 'rate_history_no_overlap' });
    await expect(insertRate(rate(productId, '2025-06-01', null))).rejects.toMatchObject({ code: EXCLUSION, constraint: 'rate_history_no_overlap' });
    // The day after the end is free.
    await expect(insertRate(rate(productId, '2026-02-01', null))).resolves.toBeTruthy();
    // An open-ended period covers every later date.
    await expect(insertRate(rate(productId, '2030-01-01', '2030-12-31'))).rejects.toMatchObject({
      code: EXCLUSION,
      constraint: 'rate_history_no_overlap',
    });
  });

  it('allows the same dates for a different product', async () => {
    const first = await freshProduct();
    const second = await freshProduct();
    await insertRate(rate(first, '2026-01-01', '2026-06-30'));
    await expect(insertRate(rate(second, '2026-01-01', '2026-06-30'))).resolves.toBeTruthy();
  });

  it('allows a period that overlaps only a retracted one, and refuses reactivating the retracted one', async () => {
    const productId = await freshProduct();
    const retracted = await insertRate(rate(productId, '2026-01-01', null, { baseRate: '5.0000' }));
    await db.updateTable('rateHistory').set({ isActive: false }).where('rateHistoryId', '=', retracted).execute();
    await expect(insertRate(rate(productId, '2026-01-01', null, { baseRate: '4.9000' }))).resolves.toBeTruthy();
    await expect(
      db.updateTable('rateHistory').set({ isActive: true }).where('rateHistoryId', '=', retracted).execute(),
    ).rejects.toMatchObject({ code: EXCLUSION, constraint: 'rate_history_no_overlap' });
  });

  it('refuses a rate for a product that does not exist', async () => {
    await expect(insertRate(rate('00000000-0000-4000-8000-000000000000', '2026-01-01', null))).rejects.toMatchObject({
      code: FOREIGN_KEY,
      constraint: 'rate_history_product_id_fkey',
    });
  });
});

describe('availability windows', () => {
  it('refuses an end date before the start date', async () => {
    const productId = await freshProduct();
    await expect(
      db.insertInto('productAvailability').values({ productId, startDate: '2026-05-01', endDate: '2026-04-30', createdBy: 'admin' }).execute(),
    ).rejects.toMatchObject({ code: CHECK, constraint: 'product_availability_end_date_not_before_start_date' });
    const window = await db
      .insertInto('productAvailability')
      .values({ productId, startDate: '2026-05-01', endDate: null, createdBy: 'admin' })
      .returning(['startDate', 'endDate', 'isActive'])
      .executeTakeFirstOrThrow();
    expect(window).toEqual({ startDate: '2026-05-01', endDate: null, isActive: true });
  });
});

describe('saved comparisons', () => {
  async function user(): Promise<string> {
    const serial = uniqueSerial++;
    const row = await db
      .insertInto('users')
      .values({ oktaUserId: `00u${serial}`, email: `rep${serial}@ratedesk.example`, firstName: 'Rita', lastName: 'Rep' })
      .returning('userId')
      .executeTakeFirstOrThrow();
    return row.userId;
  }

  async function comparison(userId: string): Promise<string> {
    const comparisonId = crypto.randomUUID();
    await db
      .insertInto('productComparisons')
      .values({
        comparisonId,
        userId,
        comparisonDate: '2026-11-20T15:04:05.000Z',
        investmentAmount: '250000.00',
        horizonYears: 10,
        asOfDate: '2026-11-20',
        inputs: { investmentAmount: '250000.00', horizonYears: 10 },
        results: JSON.stringify([{ year: 1, value: '261250.00' }]),
        engineVersion: '1.0.0',
      })
      .execute();
    return comparisonId;
  }

  it('keeps the products as child rows with foreign keys, positions 1..4, each product once', async () => {
    const comparisonId = await comparison(await user());
    const a = await freshProduct();
    const b = await freshProduct();
    const item = (productId: string, position: number) => ({
      comparisonId,
      position,
      productId,
      rateHistoryId: null,
      baseRate: '4.5000',
      bonusRate: '1.0000',
      productSnapshot: { productName: 'Summit Ridge Secure 5' },
    });
    await db.insertInto('productComparisonItems').values([item(a, 1), item(b, 2)]).execute();
    await expect(db.insertInto('productComparisonItems').values(item(a, 3)).execute()).rejects.toMatchObject({
      code: UNIQUE,
      constraint: 'product_comparison_items_comparison_id_product_id_key',
    });
    await expect(db.insertInto('productComparisonItems').values(item(b, 5)).execute()).rejects.toMatchObject({
      code: CHECK,
      constraint: 'product_comparison_items_position_range',
    });
    await expect(
      db.insertInto('productComparisonItems').values(item('00000000-0000-4000-8000-000000000000', 4)).execute(),
    ).rejects.toMatchObject({ code: FOREIGN_KEY, constraint: 'product_comparison_items_product_id_fkey' });

    const saved = await db.selectFrom('productComparisons').select(['results', 'inputs', 'investmentAmount']).where('comparisonId', '=', comparisonId).executeTakeFirstOrThrow();
    expect(saved).toEqual({
      results: [{ year: 1, value: '261250.00' }],
      inputs: { investmentAmount: '250000.00', horizonYears: 10 },
      investmentAmount: '250000.00',
    });
  });

  it('refuses a non-positive investment amount and a horizon beyond 50 years', async () => {
    const userId = await user();
    const base = {
      userId,
      comparisonDate: '2026-11-20T15:04:05.000Z',
      asOfDate: '2026-11-20',
      inputs: {},
      results: '{}',
      engineVersion: '1.0.0',
    };
    await expect(
      db.insertInto('productComparisons').values({ ...base, comparisonId: crypto.randomUUID(), investmentAmount: '0.00', horizonYears: 10 }).execute(),
    ).rejects.toMatchObject({ code: CHECK, constraint: 'product_comparisons_investment_amount_positive' });
    await expect(
      db.insertInto('productComparisons').values({ ...base, comparisonId: crypto.randomUUID(), investmentAmount: '1.00', horizonYears: 51 }).execute(),
    ).rejects.toMatchObject({ code: CHECK, constraint: 'product_comparisons_horizon_years_range' });
  });
});

describe('sessions', () => {
  it('stores only a SHA-256 hex digest of the token, never the token', async () => {
    const userId = (
      await db
        .insertInto('users')
        .values({ oktaUserId: '00u-session', email: 'session@ratedesk.example' })
        .returning('userId')
        .executeTakeFirstOrThrow()
    ).userId;
    const session = { userId, expiresAt: new Date(Date.now() + 3_600_000) };
    const insert = (jwtTokenHash: string) => db.insertInto('userSessions').values({ ...session, jwtTokenHash }).execute();
    // A JWT does not even fit the column (SQLSTATE 22001: value too long).
    await expect(insert('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJlLXN0cmluZy1wYWRkaW5n')).rejects.toMatchObject({ code: '22001' });
    for (const notADigest of ['Z'.repeat(64), 'A'.repeat(64), 'abc']) {
      await expect(insert(notADigest), notADigest).rejects.toMatchObject({ code: CHECK, constraint: 'user_sessions_jwt_token_hash_format' });
    }
    await expect(db.insertInto('userSessions').values({ ...session, jwtTokenHash: 'a'.repeat(64) }).execute()).resolves.toBeTruthy();
  });
});
