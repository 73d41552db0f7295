// The cache mirrors the server's CHECKs, so a corrupt sync payload fails loudly instead of feeding
// a client illustration. These go straight at SQLite, as a buggy writer would.
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { ValidationError } from '../../../../src-shared/errors.js';
import { cachedProduct, cachedRate, cusipNumber, uniqueId, useMigratedCache } from '../../../support/store-fixtures.js';

let handle: ClientDatabaseHandle;
useMigratedCache((opened) => {
  handle = opened;
});

let cusips = 100;
function validProductRow(): Record<string, unknown> {
  cusips += 1;
  return {
    product_id: uniqueId(),
    cusip: cusipNumber(cusips),
    product_name: 'Test MYGA',
    product_type: 'MYGA',
    issuer_name: 'Test Life',
    description: '',
    minimum_investment: '10000.00',
    maximum_investment: '1000000.00',
    base_rate: '4.5000',
    bonus_rate: '1.0000',
    bonus_years: 1,
    term_years: 5,
    guaranteed_minimum_rate: '1.0000',
    compounding: 'annual',
    surrender_schedule: '["7.0000","6.0000"]',
    free_withdrawal_percent: '10.0000',
    return_of_premium: 0,
    return_of_premium_percentage: null,
    terms_and_conditions: null,
    is_active: 1,
    created_at: '2026-01-05T15:00:00.000Z',
    updated_at: '2026-01-05T15:00:00.000Z',
    created_by: 'admin@ratedesk.example',
    updated_by: 'admin@ratedesk.example',
    change_version: 1,
  };
}

/** Inserts `row` as it is, past the app's own checks, so only the table's CHECKs judge it. */
function insertRow(table: string, row: Record<string, unknown>): void {
  const columns = Object.keys(row);
  handle.sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`).run(row);
}

function insertProduct(overrides: Record<string, unknown>): void {
  insertRow('products', { ...validProductRow(), ...overrides });
}

describe('products CHECKs', () => {
  it('accept a valid row', () => {
    expect(() => insertProduct({})).not.toThrow();
  });

  it('accept issue ages and MVA terms at their bounds (migration 20261204100200)', () => {
    const mva = { mva_applies: 1, mva_spread: '5.0000', mva_reference_index: '10-year US Treasury constant maturity' };
    expect(() => insertProduct({ minimum_issue_age: 0, maximum_issue_age: 120, ...mva, mva_factor_floor: '-100.0000', mva_factor_cap: '100.0000' })).not.toThrow();
    expect(() => insertProduct({ ...mva, mva_spread: '0.0000', mva_factor_floor: '0.0000', mva_factor_cap: '0.0000' })).not.toThrow();
    expect(() => insertProduct({ ...mva, mva_factor_floor: '-0.2500' })).not.toThrow();
  });

  it.each([
    ['a negative rate', { base_rate: '-1.0000' }],
    ['a rate written with an exponent', { base_rate: '4.5e0' }],
    ['a rate over 25 %', { base_rate: '25.0001' }],
    ['a rate without exactly 4 decimals', { base_rate: '4.5' }],
    ['a rate with a leading zero', { base_rate: '04.5000' }],
    ['a rate with a space', { base_rate: ' 4.5000' }],
    ['a rate stored as a binary float', { base_rate: 4.5 }],
    ['a zero minimum investment', { minimum_investment: '0.00' }],
    ['money with 3 decimals', { minimum_investment: '10000.000' }],
    ['a maximum below the minimum', { maximum_investment: '9999.99' }],
    ['a boolean that is 2', { is_active: 2 }],
    ['a boolean written as text', { return_of_premium: 'true' }],
    ['an unknown product type', { product_type: 'SPIA' }],
    ['a bonus rate without bonus years', { bonus_years: 0 }],
    ['more surrender charges than years', { term_years: 1, bonus_years: 1 }],
    ['a surrender schedule that is not a list', { surrender_schedule: '{"1":"7.0000"}' }],
    ['return of premium without a percentage', { return_of_premium: 1 }],
    ['a malformed CUSIP', { cusip: 'abc' }],
    ['a blank product name', { product_name: '   ' }],
    ['a timestamp that is not ISO-8601 UTC', { created_at: '05/01/2026' }],
    ['a negative change version', { change_version: -1 }],
    ['a change version beyond 64 bits', { change_version: '92233720368547758080' }],
    ['an issue age over 120', { maximum_issue_age: 121 }],
    ['a negative issue age', { minimum_issue_age: -1 }],
    ['an MVA flag that is 2', { mva_applies: 2 }],
    ['an MVA spread over 5 %', { mva_spread: '5.0001' }],
    ['a positive MVA floor', { mva_factor_floor: '1.0000' }],
    ['an MVA floor below -100 %', { mva_factor_floor: '-100.0001' }],
    ['an MVA floor of minus zero', { mva_factor_floor: '-0.0000' }],
    ['a negative MVA cap', { mva_factor_cap: '-1.0000' }],
    ['an MVA cap without 4 decimals', { mva_factor_cap: '5' }],
  ])('refuse %s', (_name, overrides) => {
    expect(() => insertProduct(overrides)).toThrow(/CHECK constraint failed|cannot store/);
  });
});

describe('rate_history and availability CHECKs', () => {
  const productId = uniqueId();
  beforeAll(() => insertProduct({ product_id: productId }));

  function insertRate(overrides: Record<string, unknown>): void {
    const row = {
      rate_history_id: uniqueId(),
      product_id: productId,
      base_rate: '4.5000',
      bonus_rate: '0.0000',
      effective_date: '2026-11-01',
      end_date: null,
      is_active: 1,
      created_at: '2026-01-05T15:00:00.000Z',
      created_by: 'rates@ratedesk.example',
      change_version: 2,
      ...overrides,
    };
    insertRow('rate_history', row);
  }

  it('accept a valid rate', () => {
    expect(() => insertRate({})).not.toThrow();
  });

  it.each([
    ['a negative rate', { base_rate: '-0.2500' }],
    ['an impossible date', { effective_date: '2026-02-30' }],
    ['an end before the start', { end_date: '2026-10-31' }],
    ['a bad boolean', { is_active: -1 }],
  ])('refuse %s', (_name, overrides) => {
    expect(() => insertRate(overrides)).toThrow(/CHECK constraint failed/);
  });

  it('refuse a rate of a product that is not cached, at commit', () => {
    const write = handle.sqlite.transaction(() => insertRate({ product_id: uniqueId() }));
    expect(write).toThrow(/FOREIGN KEY/);
  });
});

describe('the repository refuses values SQLite would otherwise have to', () => {
  it('names the field of a rate written with an exponent', async () => {
    const error = await upsertProducts(handle.db, [cachedProduct({ productId: uniqueId(), cusip: cusipNumber(1), baseRate: '4.5e0' })]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ issues: [{ path: 'products.0.baseRate' }] });
  });

  it('names the field of a malformed change version', async () => {
    const error = await upsertRates(handle.db, [cachedRate({ effectiveDate: '2026-01-01', changeVersion: '1e3' })]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ issues: [{ path: 'rates.0.changeVersion' }] });
  });
});
