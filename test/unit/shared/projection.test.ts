import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cdApy, cdMaturity, projectGrowth, type ProjectionRequestInput } from '../../../src-shared/projection.js';
import { depositProjection, MYGA_PROJECTION, projectionWith } from '../../support/projection-requests.js';
import { validationIssues } from '../../support/validation-issues.js';

const example = MYGA_PROJECTION;

function withProduct(changes: Partial<ProjectionRequestInput['product']>, request: Partial<ProjectionRequestInput> = {}): ProjectionRequestInput {
  return projectionWith(example, changes, request);
}


describe('projectGrowth: worked MYGA example ($100,000, 4.50% base, 1.00% first-year bonus, 7/6/5/4/3)', () => {
  const result = projectGrowth(example);

  it('rounds the account value to cents at each anniversary and compounds on the rounded value', () => {
    expect(result.rows.map((row) => row.accountValue)).toEqual(['105500.00', '110247.50', '115208.64', '120393.03', '125810.72']);
  });

  it('charges the surrender schedule on the whole account value', () => {
    expect(result.rows.map((row) => row.surrenderValue)).toEqual(['98115.00', '103632.65', '109448.21', '115577.31', '122036.40']);
    expect(result.rows.map((row) => row.surrenderCharge)).toEqual(['7385.00', '6614.85', '5760.43', '4815.72', '3774.32']);
  });

  it('credits the bonus in year 1 only and reports interest per year and in total', () => {
    expect(result.rows.map((row) => row.rate)).toEqual(['5.5000', '4.5000', '4.5000', '4.5000', '4.5000']);
    expect(result.rows.map((row) => row.interestCredited)).toEqual(['5500.00', '4747.50', '4961.14', '5184.39', '5417.69']);
    expect(result.rows.at(-1)?.cumulativeInterest).toBe('25810.72');
  });

  it('dates each row on the contract anniversary and marks the term as guaranteed', () => {
    expect(result.rows.map((row) => row.anniversaryDate)).toEqual(['2027-01-01', '2028-01-01', '2029-01-01', '2030-01-01', '2031-01-01']);
    expect(result.rows.every((row) => row.guaranteed && row.guaranteedAccountValue === row.accountValue)).toBe(true);
  });

  it('derives the yield to the end of the surrender period: the bonus product equals a flat 4.70%', () => {
    expect(result.effectiveAnnualYield).toBe('4.6992');
    expect(result.yieldYears).toBe(5);
    expect(result.premium).toBe('100000.00');
  });

  it('with 100% return of premium, the first-year surrender value is the premium', () => {
    const rop = projectGrowth(withProduct({ returnOfPremium: true, returnOfPremiumPct: '100' }));
    expect(rop.rows.map((row) => row.surrenderValue)).toEqual(['100000.00', '103632.65', '109448.21', '115577.31', '122036.40']);
    // The contractual charge is still reported; the floor limits what it takes.
    expect(rop.rows[0]?.surrenderCharge).toBe('7385.00');
  });

  it('a partial return of premium floor only applies where it is higher', () => {
    const rop = projectGrowth(withProduct({ returnOfPremium: true, returnOfPremiumPct: '99.5' }));
    expect(rop.rows.map((row) => row.surrenderValue).slice(0, 2)).toEqual(['99500.00', '103632.65']);
  });
});

describe('projectGrowth: after the guarantee period', () => {
  const result = projectGrowth({ ...example, years: 7 });

  it('keeps crediting the base rate on the current basis but marks it non-guaranteed', () => {
    const year6 = result.rows[5];
    expect(year6).toMatchObject({ year: 6, guaranteed: false, rate: '4.5000', guaranteedRate: '1.0000' });
    expect(year6?.accountValue).toBe('131472.20'); // 125810.72 x 1.045 = 131472.2024
    expect(year6?.surrenderCharge).toBe('0.00');
  });

  it('projects the guaranteed basis at the guaranteed minimum rate from the end of the term', () => {
    expect(result.rows.slice(5).map((row) => row.guaranteedAccountValue)).toEqual(['127068.83', '128339.52']);
    expect(result.rows[5]?.guaranteedInterestCredited).toBe('1258.11');
  });

  it('never credits less than the guaranteed minimum on the current basis', () => {
    const lowBase = projectGrowth({ ...withProduct({ baseRate: '0.50', guaranteedMinimumRate: '1.50' }), years: 6 });
    expect(lowBase.rows[5]?.rate).toBe('1.5000');
    expect(lowBase.rows[5]?.accountValue).toBe(lowBase.rows[5]?.guaranteedAccountValue);
  });

  it('measures the yield over the surrender period even when projecting further', () => {
    expect(result.yieldYears).toBe(5);
    expect(result.effectiveAnnualYield).toBe('4.6992');
  });
});

describe('projectGrowth: compounding conventions', () => {
  it('daily: $1,000 at 5.25% earns $53.90 in a year (APY 5.39%)', () => {
    const result = projectGrowth(depositProjection({ premium: '1000', years: 1, startDate: '2026-03-15', baseRate: '5.25', compounding: 'daily' }));
    expect(result.rows[0]).toMatchObject({ accountValue: '1053.90', interestCredited: '53.90', surrenderValue: '1053.90' });
    expect(result.apy).toBe('5.39');
  });

  it('simple: interest is paid out each year, never compounded', () => {
    const result = projectGrowth(depositProjection({ premium: '100000', years: 5, startDate: '2026-01-01', baseRate: '4.50', compounding: 'simple' }));
    expect(result.rows.map((row) => row.accountValue)).toEqual(Array(5).fill('100000.00'));
    expect(result.rows.map((row) => row.interestCredited)).toEqual(Array(5).fill('4500.00'));
    expect(result.rows.at(-1)?.cumulativeInterest).toBe('22500.00');
    // Issue 11: the yield is the internal rate of return of the paid-out interest and the
    // principal (a bond at par), no longer 122,500 compounded over 5 years (4.1423%).
    expect(result.effectiveAnnualYield).toBe('4.5000');
    expect(result.apy).toBe('4.50');
  });

  it('without a surrender schedule the yield runs to the end of the term', () => {
    const result = projectGrowth({ ...withProduct({ surrenderSchedule: [], termYears: 3 }), years: 10 });
    expect(result.yieldYears).toBe(3);
  });
});

describe('cdApy and cdMaturity (Regulation DD)', () => {
  it('4.50% nominal compounded daily discloses an APY of 4.60%', () => {
    expect(cdApy({ rate: '4.50', compounding: 'daily' })).toBe('4.60');
    expect(cdApy({ rate: '5.25', compounding: 'daily' })).toBe('5.39');
  });

  it('an annually compounded rate is its own APY', () => {
    expect(cdApy({ rate: '4.875', compounding: 'annual' })).toBe('4.88');
  });

  it('18-month (546-day) 5.00% simple-interest CD: $74.79 interest per $1,000, APY 4.94%', () => {
    expect(cdMaturity({ principal: '1000', rate: '5.00', compounding: 'simple', termDays: 546 })).toEqual({
      interest: '74.79',
      maturityValue: '1074.79',
      apy: '4.94',
    });
    expect(cdApy({ rate: '5.00', compounding: 'simple', termDays: 546 })).toBe('4.94');
  });

  it('$100,000 at 4.50% compounded daily for 1,826 days grows to $125,245.97', () => {
    expect(cdMaturity({ principal: '100000', rate: '4.50', compounding: 'daily', termDays: 1826 }).maturityValue).toBe('125245.97');
  });

  it('rejects a term of zero days', () => {
    expect(validationIssues(() => cdApy({ rate: '5', compounding: 'simple', termDays: 0 }))).toEqual([
      { path: 'termDays', message: 'must be between 1 and 36500' },
    ]);
  });
});

describe('projectGrowth: bad input is rejected with the field and the reason', () => {
  const loose = (value: unknown) => value as ProjectionRequestInput;

  it.each([
    ['premium', { premium: '0' }, 'must be greater than 0'],
    ['premium', { premium: '-100' }, 'must be greater than 0'],
    ['premium', { premium: '1e5' }, 'must be a plain decimal number'],
    ['premium', { premium: '100.001' }, 'must have at most 2 decimal places'],
    ['premium', { premium: 100000 }, 'must be a decimal number written as a string'],
    ['years', { years: 0 }, 'must be between 1 and 50'],
    ['years', { years: 51 }, 'must be between 1 and 50'],
    ['years', { years: 2.5 }, 'must be a whole number'],
    ['startDate', { startDate: '2026-02-30' }, 'must be a real calendar date'],
    ['startDate', { startDate: '01/02/2026' }, 'must be a date written as YYYY-MM-DD'],
  ])('%s %j', (path, change, message) => {
    const issues = validationIssues(() => projectGrowth(loose({ ...example, ...change })));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toContain(message);
  });

  it.each([
    ['product.compounding', { compounding: 'monthly' }, 'must be one of "annual", "daily", "simple"'],
    ['product.baseRate', { baseRate: '4,5' }, 'must be a plain decimal number'],
    ['product.baseRate', { baseRate: '26' }, 'must be between 0 and 25'],
    ['product.bonusRate', { bonusRate: '0.12345' }, 'must have at most 4 decimal places'],
    ['product.surrenderSchedule.2', { surrenderSchedule: ['7', '6', '101'] }, 'must be between 0 and 100'],
    ['product.surrenderSchedule', { surrenderSchedule: ['7', '6', '5', '4', '3', '2'] }, 'must have at most termYears (5) entries'],
    ['product.bonusYears', { bonusYears: 6 }, 'must be at most termYears (5)'],
    ['product.termYears', { termYears: 0 }, 'must be between 1 and 30'],
    ['product.returnOfPremiumPct', { returnOfPremium: true, returnOfPremiumPct: null }, 'is required when returnOfPremium is true'],
    ['product.guaranteedMinimumRate', { guaranteedMinimumRate: undefined }, 'is required'],
  ])('%s %j', (path, change, message) => {
    const issues = validationIssues(() => projectGrowth(loose(withProduct(change as object))));
    expect(issues).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('names every bad field at once in the error message', () => {
    expect(() => projectGrowth(loose({ ...example, premium: '0', years: 99 }))).toThrow(
      'premium: must be greater than 0; years: must be between 1 and 50',
    );
  });
});

// Property tests. Rates are generated as integers of 0.01% and printed as decimal strings, so
// the generators themselves never go through binary floating point.
const percent = (hundredths: number): string => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
const dollars = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

const productArbitrary = fc
  .record({
    base: fc.integer({ min: 0, max: 1500 }),
    bonus: fc.integer({ min: 0, max: 500 }),
    minimum: fc.integer({ min: 0, max: 500 }),
    termYears: fc.integer({ min: 1, max: 12 }),
    compounding: fc.constantFrom('annual' as const, 'daily' as const, 'simple' as const),
    schedule: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 12 }),
    rop: fc.option(fc.integer({ min: 1, max: 10000 }), { nil: null }),
  })
  .chain((p) => fc.record({ p: fc.constant(p), bonusYears: fc.integer({ min: p.bonus > 0 ? 1 : 0, max: p.termYears }) }))
  .map(({ p, bonusYears }) => ({
    baseRate: percent(p.base),
    bonusRate: percent(p.bonus),
    bonusYears,
    termYears: p.termYears,
    guaranteedMinimumRate: percent(p.minimum),
    compounding: p.compounding,
    surrenderSchedule: p.schedule.slice(0, p.termYears).map(percent),
    returnOfPremium: p.rop !== null,
    returnOfPremiumPct: p.rop === null ? null : percent(p.rop),
  }));

const requestArbitrary = fc.record({
  premium: fc.integer({ min: 1, max: 100_000_000_00 }).map(dollars),
  years: fc.integer({ min: 1, max: 30 }),
  startDate: fc.constantFrom('2026-01-01', '2024-02-29', '2026-11-24'),
  product: productArbitrary,
});

const cents = (amount: string): bigint => BigInt(amount.replace('.', ''));

describe('projectGrowth properties', () => {
  it('a zero rate keeps the premium every year', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const result = projectGrowth({
          ...request,
          product: { ...request.product, baseRate: '0', bonusRate: '0', bonusYears: 0, guaranteedMinimumRate: '0' },
        });
        const premium = dollars(Number(cents(request.premium)));
        for (const row of result.rows) {
          expect([row.accountValue, row.guaranteedAccountValue, row.interestCredited, row.cumulativeInterest]).toEqual([premium, premium, '0.00', '0.00']);
        }
      }),
    );
  });

  it('account values never decrease with non-negative rates', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        let previous = cents(request.premium);
        let previousGuaranteed = previous;
        for (const row of projectGrowth(request).rows) {
          expect(cents(row.accountValue) >= previous).toBe(true);
          expect(cents(row.guaranteedAccountValue) >= previousGuaranteed).toBe(true);
          previous = cents(row.accountValue);
          previousGuaranteed = cents(row.guaranteedAccountValue);
        }
      }),
    );
  });

  // Issue 11: an annuity's surrender value may exceed its account value where the statutory
  // nonforfeiture floor does (87.5% of premium at 1% from the default rate, at a 0% minimum rate).
  it('the surrender value never exceeds the account value, unless the nonforfeiture floor does', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        let floor = (cents(request.premium) * 875n + 500n) / 1000n;
        for (const row of projectGrowth(request).rows) {
          floor = (floor * 101n + 50n) / 100n;
          const limit = (value: string): bigint => (cents(value) > floor ? cents(value) : floor);
          expect(cents(row.surrenderValue ?? '0') <= limit(row.accountValue)).toBe(true);
          expect(cents(row.guaranteedSurrenderValue ?? '0') <= limit(row.guaranteedAccountValue)).toBe(true);
        }
      }),
    );
  });

  it('guaranteed-basis values never exceed current-basis values when base >= guaranteed minimum', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        fc.pre(Number(request.product.baseRate.replace('.', '')) >= Number(request.product.guaranteedMinimumRate.replace('.', '')));
        for (const row of projectGrowth(request).rows) {
          expect(cents(row.guaranteedAccountValue) <= cents(row.accountValue)).toBe(true);
          expect(cents(row.guaranteedSurrenderValue ?? '0') <= cents(row.surrenderValue ?? '0')).toBe(true);
          expect(cents(row.guaranteedCumulativeInterest) <= cents(row.cumulativeInterest)).toBe(true);
        }
      }),
    );
  });

  it('annual compounding matches an independent integer-cents computation with half-up rounding', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const product = { ...request.product, compounding: 'annual' as const };
        const rows = projectGrowth({ ...request, product }).rows;
        const hundredths = (rate: string): bigint => BigInt(rate.replace('.', ''));
        let value = cents(request.premium);
        rows.forEach((row, index) => {
          const year = index + 1;
          const rate =
            year <= product.bonusYears
              ? hundredths(product.baseRate) + hundredths(product.bonusRate)
              : hundredths(product.baseRate) >= hundredths(product.guaranteedMinimumRate) || year <= product.termYears
                ? hundredths(product.baseRate)
                : hundredths(product.guaranteedMinimumRate);
          // value x (1 + rate/10000), rounded half-up to a whole cent.
          value = (value * (10_000n + rate) * 2n + 10_000n) / 20_000n;
          expect(cents(row.accountValue)).toBe(value);
        });
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        expect(projectGrowth(request)).toEqual(projectGrowth(structuredClone(request)));
      }),
      { numRuns: 50 },
    );
  });
});
