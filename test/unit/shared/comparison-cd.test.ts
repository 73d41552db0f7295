// What Compare says about CDs (issue 11): the FDIC limit warning when premium plus interest to
// maturity is above $250,000 at one bank, and the brokered CD's market-price warning.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../src-shared/catalog.js';
import { compareProducts, ComparisonWarningCode, isBrokeredColumn } from '../../../src-shared/comparison.js';
import { PROJECTION_RULES_VERSION } from '../../../src-shared/projection.js';
import { availability, CD_PRODUCT_ID as CD_ID, myga, oneYearCd, rate } from '../../support/catalog-fixtures.js';

function cd(overrides: Partial<Product> = {}): Product {
  return oneYearCd({
    productName: 'Bluewater 1-Year Brokered CD',
    maximumInvestment: null,
    compounding: 'simple',
    brokered: true,
    earlyWithdrawalPenaltyMonths: null,
    ...overrides,
  });
}

function compare(product: Product, premium: string, years = 1, baseRate = '5.0000') {
  const result = compareProducts({
    premium,
    years,
    startDate: '2026-12-03',
    asOfDate: '2026-12-03',
    products: [
      {
        product,
        rates: [rate({ productId: CD_ID, effectiveDate: '2026-01-01', baseRate, bonusRate: '0.0000' })],
        availability: [availability({ productId: CD_ID, startDate: '2026-01-01' })],
      },
    ],
  });
  const column = result.products[0];
  if (column === undefined) throw new Error('no column');
  return { result, column, codes: column.warnings.map((warning) => warning.code) };
}

describe('FDIC limit warning', () => {
  it('is silent at exactly $250,000.00 of premium plus interest and warns one cent above', () => {
    // 238,095.24 + 5% (11,904.762 -> 11,904.76) = 250,000.00; 238,095.25 + 11,904.76 = 250,000.01.
    expect(compare(cd(), '238095.24').codes).not.toContain(ComparisonWarningCode.ABOVE_FDIC_LIMIT);
    const over = compare(cd(), '238095.25').column.warnings.find((warning) => warning.code === ComparisonWarningCode.ABOVE_FDIC_LIMIT);
    expect(over?.message).toBe(
      'The premium plus interest to maturity ($250,000.01) is above the FDIC insurance limit of $250,000.00 per depositor, per insured bank (Bluewater Savings Bank), per ownership category; the amount above the limit is not insured.',
    );
  });

  it('counts interest to maturity even when the comparison ends before it', () => {
    // A 3-year bank CD shown for 1 year: $240,000 at 4.00% daily is 249,794.04 after year 1 (below the
    // limit) but 270,597.47 at maturity.
    const bank = cd({ productName: 'Bluewater 3-Year CD', termYears: 3, compounding: 'daily', brokered: false, earlyWithdrawalPenaltyMonths: 6 });
    const { codes, column } = compare(bank, '240000', 1, '4.0000');
    expect(column.projection?.rows[0]?.accountValue).toBe('249794.04');
    expect(codes).toContain(ComparisonWarningCode.ABOVE_FDIC_LIMIT);
  });

  it('never warns an annuity', () => {
    expect(compare(myga({ productId: CD_ID, maximumInvestment: null }), '500000', 5).codes).not.toContain(ComparisonWarningCode.ABOVE_FDIC_LIMIT);
  });
});

describe('brokered CD in a comparison', () => {
  it('says a sale before maturity is at market price and may be below principal, and records that it is brokered', () => {
    const { column, result } = compare(cd(), '100000');
    expect(column.warnings.find((warning) => warning.code === ComparisonWarningCode.BROKERED_CD_MARKET_PRICE)?.message).toBe(
      'This brokered CD has no surrender value: a sale before maturity is at the market price, which may be below the principal; FDIC insurance does not cover that loss.',
    );
    expect(column.brokered).toBe(true);
    expect(isBrokeredColumn(column)).toBe(true);
    expect(result.rulesVersion).toBe(PROJECTION_RULES_VERSION);
  });

  it('a bank CD gets neither the warning nor the flag set', () => {
    const { column } = compare(cd({ compounding: 'daily', brokered: false, earlyWithdrawalPenaltyMonths: 3 }), '100000');
    expect(column.warnings.map((warning) => warning.code)).not.toContain(ComparisonWarningCode.BROKERED_CD_MARKET_PRICE);
    expect(column.brokered).toBe(false);
    expect(isBrokeredColumn(column)).toBe(false);
  });

  it('a record saved before the field follows the simple-interest convention', () => {
    const { column } = compare(cd(), '100000');
    const { brokered: _unused, ...legacy } = column;
    expect(isBrokeredColumn(legacy)).toBe(true);
  });
});
