// What a fixed indexed annuity guarantees: only its minimum rate, from year 1. Its crediting rate
// (and any bonus on it) is illustrated on the current basis and never marked guaranteed, while
// MYGAs and CDs keep their rate guaranteed for the term.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../../../src-shared/errors.js';
import { projectGrowth, projectionTermsOf, type ProjectionRequestInput } from '../../../src-shared/projection.js';
import { myga } from '../../support/catalog-fixtures.js';
import { MYGA_PROJECTION, projectionWith } from '../../support/projection-requests.js';

const fia = projectionWith(
  MYGA_PROJECTION,
  { productType: 'FIA', baseRate: '5.00', bonusRate: '0', bonusYears: 0, surrenderSchedule: ['8', '7', '6', '5', '4'] },
  { startDate: '2026-11-24' },
);

function withProduct(changes: Partial<ProjectionRequestInput['product']>, request: Partial<ProjectionRequestInput> = {}): ProjectionRequestInput {
  return projectionWith(fia, changes, request);
}

describe('projectGrowth: 5-year FIA, base 5.00%, guaranteed minimum 1.00%, $100,000', () => {
  const result = projectGrowth(fia);

  it('credits only the guaranteed minimum on the guaranteed basis, from year 1', () => {
    // 100000 x 1.01 = 101000.00; x 1.01 = 102010.00; x 1.01 = 103030.10;
    // x 1.01 = 104060.401 -> 104060.40; x 1.01 = 105101.004 -> 105101.00
    expect(result.rows.map((row) => row.guaranteedAccountValue)).toEqual(['101000.00', '102010.00', '103030.10', '104060.40', '105101.00']);
    expect(result.rows.map((row) => row.guaranteedRate)).toEqual(['1.0000', '1.0000', '1.0000', '1.0000', '1.0000']);
    expect(result.rows[0]?.guaranteedInterestCredited).toBe('1000.00');
    expect(result.rows.at(-1)?.guaranteedCumulativeInterest).toBe('5101.00');
  });

  it('shows the base rate on the current basis and marks every year non-guaranteed', () => {
    // 100000 x 1.05 = 105000.00; x 1.05 = 110250.00; x 1.05 = 115762.50;
    // x 1.05 = 121550.625 -> 121550.63 (half-up); x 1.05 = 127628.1615 -> 127628.16
    expect(result.rows.map((row) => row.accountValue)).toEqual(['105000.00', '110250.00', '115762.50', '121550.63', '127628.16']);
    expect(result.rows.map((row) => row.rate)).toEqual(['5.0000', '5.0000', '5.0000', '5.0000', '5.0000']);
    expect(result.rows.map((row) => row.guaranteed)).toEqual([false, false, false, false, false]);
  });

  it('charges the surrender schedule on each basis separately', () => {
    // Year 1 (8%): 105000.00 x 0.92 = 96600.00 current, 101000.00 x 0.92 = 92920.00 guaranteed.
    // Year 5 (4%): 127628.16 x 0.96 = 122523.0336 -> 122523.03; 105101.00 x 0.96 = 100896.96.
    expect([result.rows[0]?.surrenderValue, result.rows[0]?.guaranteedSurrenderValue]).toEqual(['96600.00', '92920.00']);
    expect([result.rows[4]?.surrenderValue, result.rows[4]?.guaranteedSurrenderValue]).toEqual(['122523.03', '100896.96']);
  });

  it('keeps both bases apart after the term: base rate (not guaranteed) and minimum', () => {
    const year6 = projectGrowth({ ...fia, years: 6 }).rows[5];
    // 127628.16 x 1.05 = 134009.568 -> 134009.57; 105101.00 x 1.01 = 106152.01
    expect(year6).toMatchObject({ guaranteed: false, accountValue: '134009.57', guaranteedAccountValue: '106152.01', surrenderCharge: '0.00' });
  });

  it('does not credit a bonus on the guaranteed basis', () => {
    const bonus = projectGrowth(withProduct({ bonusRate: '2.00', bonusYears: 1 }));
    // Current: 100000 x 1.07 = 107000.00, then 107000.00 x 1.05 = 112350.00. Guaranteed: 1.00% only.
    expect(bonus.rows.slice(0, 2).map((row) => [row.rate, row.accountValue, row.guaranteedAccountValue, row.guaranteed])).toEqual([
      ['7.0000', '107000.00', '101000.00', false],
      ['5.0000', '112350.00', '102010.00', false],
    ]);
  });

  it('never illustrates a crediting rate below the guaranteed minimum', () => {
    const lowBase = projectGrowth(withProduct({ baseRate: '0.50' }));
    expect(lowBase.rows[0]).toMatchObject({ rate: '1.0000', accountValue: '101000.00', guaranteedAccountValue: '101000.00', guaranteed: false });
  });

  it('applies a return-of-premium floor to the guaranteed surrender value too', () => {
    const rop = projectGrowth(withProduct({ returnOfPremium: true, returnOfPremiumPct: '100' }));
    // 92920.00 guaranteed surrender value in year 1 is floored at the premium.
    expect(rop.rows[0]?.guaranteedSurrenderValue).toBe('100000.00');
    expect(rop.rows[0]?.surrenderValue).toBe('100000.00');
  });
});

describe('projectGrowth: productType keeps the MYGA and CD rule', () => {
  const base = withProduct({});

  it('without a productType the base rate is guaranteed for the term, as before', () => {
    const { productType: _unused, ...untyped } = base.product;
    const rows = projectGrowth({ ...base, product: untyped }).rows;
    expect(rows[0]).toMatchObject({ guaranteed: true, accountValue: '105000.00', guaranteedAccountValue: '105000.00', guaranteedRate: '5.0000' });
    expect(rows.every((row) => row.guaranteed)).toBe(true);
  });

  it('a MYGA or CD with the same terms guarantees its rate for the term', () => {
    for (const productType of ['MYGA', 'CD'] as const) {
      const rows = projectGrowth(withProduct({ productType })).rows;
      expect(rows.map((row) => row.guaranteedAccountValue)).toEqual(['105000.00', '110250.00', '115762.50', '121550.63', '127628.16']);
      expect(rows.every((row) => row.guaranteed)).toBe(true);
    }
  });

  it('refuses an unknown product type, naming the field', () => {
    let issues: unknown = null;
    try {
      projectGrowth(withProduct({ productType: 'VA' as 'FIA' }));
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      issues = (error as ValidationError).issues;
    }
    expect(issues).toEqual([{ path: 'product.productType', message: 'must be one of "MYGA", "FIA", "CD"' }]);
  });

  it('projectionTermsOf carries the catalog product type into the projection', () => {
    const product = myga({ productType: 'FIA', baseRate: '5.0000', bonusRate: '0.0000', bonusYears: 0, guaranteedMinimumRate: '1.0000' });
    const rows = projectGrowth({ premium: '100000', years: 1, startDate: '2026-11-24', product: projectionTermsOf(product) }).rows;
    expect(rows[0]).toMatchObject({ guaranteed: false, accountValue: '105000.00', guaranteedAccountValue: '101000.00' });
  });
});

const percent = (hundredths: number): string => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
const cents = (amount: string): bigint => BigInt(amount.replace('.', ''));

describe('projectGrowth FIA properties', () => {
  const fiaArbitrary = fc.record({
    premiumCents: fc.integer({ min: 1, max: 10_000_000_00 }),
    years: fc.integer({ min: 1, max: 20 }),
    base: fc.integer({ min: 0, max: 1500 }),
    bonus: fc.integer({ min: 0, max: 500 }),
    minimum: fc.integer({ min: 0, max: 500 }),
    termYears: fc.integer({ min: 1, max: 10 }),
  });

  it('the guaranteed basis is the premium compounded at the minimum alone, and no row is guaranteed', () => {
    fc.assert(
      fc.property(fiaArbitrary, (p) => {
        const premium = `${Math.floor(p.premiumCents / 100)}.${String(p.premiumCents % 100).padStart(2, '0')}`;
        const rows = projectGrowth({
          premium,
          years: p.years,
          startDate: '2026-01-01',
          product: {
            productType: 'FIA',
            baseRate: percent(p.base),
            bonusRate: percent(p.bonus),
            bonusYears: p.bonus > 0 ? 1 : 0,
            termYears: p.termYears,
            guaranteedMinimumRate: percent(p.minimum),
            compounding: 'annual',
            surrenderSchedule: [],
            returnOfPremium: false,
            returnOfPremiumPct: null,
          },
        }).rows;
        let value = BigInt(p.premiumCents);
        for (const row of rows) {
          // value x (1 + minimum/10000), rounded half-up to a whole cent, in integers.
          value = (value * (10_000n + BigInt(p.minimum)) * 2n + 10_000n) / 20_000n;
          expect(cents(row.guaranteedAccountValue)).toBe(value);
          expect(row.guaranteed).toBe(false);
          expect(cents(row.guaranteedAccountValue) <= cents(row.accountValue)).toBe(true);
        }
      }),
    );
  });
});
