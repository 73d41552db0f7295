import { describe, expect, it } from 'vitest';
import type { Product } from '../../../src-shared/catalog.js';
import { compareProducts, type ComparisonCandidate, type ComparisonRequestInput } from '../../../src-shared/comparison.js';
import { PROJECTION_RULES_VERSION } from '../../../src-shared/projection.js';
import { CD_PRODUCT_ID as CD_ID, OTHER_PRODUCT_ID, availability, myga, oneYearCd, rate } from '../../support/catalog-fixtures.js';
import { validationIssues as issuesOf } from '../../support/validation-issues.js';

function cd(overrides: Partial<Product> = {}): Product {
  return oneYearCd({ maximumInvestment: '250000.00', baseRate: '5.2500', compounding: 'daily', ...overrides });
}

// The MYGA's catalog columns say 9.99% on purpose: the comparison must use the published rate.
const mygaCandidate: ComparisonCandidate = {
  product: myga({ baseRate: '9.9900' }),
  rates: [
    rate({ effectiveDate: '2026-01-01', endDate: '2026-11-30', baseRate: '4.5000', bonusRate: '1.0000' }),
    rate({ effectiveDate: '2026-12-01', baseRate: '4.2500', bonusRate: '1.0000' }),
  ],
  availability: [availability({ startDate: '2026-01-01' })],
};

const cdCandidate: ComparisonCandidate = {
  product: cd(),
  rates: [rate({ productId: CD_ID, effectiveDate: '2026-06-01', baseRate: '5.2500', bonusRate: '0.0000' })],
  availability: [availability({ productId: CD_ID, startDate: '2026-06-01' })],
};

const request: ComparisonRequestInput = {
  premium: '100000',
  years: 5,
  startDate: '2026-11-24',
  asOfDate: '2026-11-24',
  products: [mygaCandidate, cdCandidate],
};


describe('compareProducts', () => {
  const result = compareProducts(request);
  const [mygaResult, cdResult] = result.products;

  it('projects each product with the rate in force on the as-of date, in the order given', () => {
    expect(result.products.map((product) => product.productName)).toEqual(['Summit Ridge SecureGrowth 5', 'Bluewater 1-Year CD']);
    expect(mygaResult?.projection?.rows.map((row) => row.accountValue)).toEqual(['105500.00', '110247.50', '115208.64', '120393.03', '125810.72']);
    expect(mygaResult?.projection?.rows[0]?.surrenderValue).toBe('100000.00');
    expect(cdResult?.projection?.rows[0]?.accountValue).toBe('105389.86');
    expect(cdResult?.projection?.apy).toBe('5.39');
  });

  it('records exactly which rate publication each projection used', () => {
    expect(mygaResult?.ratesUsed).toEqual({
      rateHistoryId: mygaCandidate.rates[0]?.rateHistoryId,
      baseRate: '4.5000',
      bonusRate: '1.0000',
      effectiveDate: '2026-01-01',
    });
    expect(result.rulesVersion).toBe(PROJECTION_RULES_VERSION);
    expect(result).toMatchObject({ premium: '100000.00', years: 5, asOfDate: '2026-11-24' });
  });

  it('warns about a scheduled rate change and about years beyond the guarantee', () => {
    expect(mygaResult?.warnings).toEqual([
      {
        code: 'RATE_CHANGE_SCHEDULED',
        message: 'New rates (base 4.25%, bonus 1.00%) take effect on Dec 1, 2026; these figures use the rates in force on Nov 24, 2026.',
      },
    ]);
    expect(cdResult?.warnings.map((warning) => warning.code)).toEqual(['BEYOND_GUARANTEE_PERIOD']);
    expect(cdResult?.available).toBe(true);
  });

  it('uses the future rate once the as-of date reaches it', () => {
    const later = compareProducts({ ...request, asOfDate: '2026-12-01', products: [mygaCandidate] });
    expect(later.products[0]?.ratesUsed?.baseRate).toBe('4.2500');
    expect(later.products[0]?.projection?.rows[0]?.accountValue).toBe('105250.00');
    expect(later.products[0]?.warnings).toEqual([]);
  });

  it('warns when the premium is outside the product limits', () => {
    const small = compareProducts({ ...request, premium: '5000', products: [mygaCandidate] });
    expect(small.products[0]?.warnings[0]).toEqual({
      code: 'PREMIUM_BELOW_MINIMUM',
      message: "The premium of $5,000.00 is below this product's minimum investment of $10,000.00.",
    });
    const large = compareProducts({ ...request, premium: '2000000', products: [mygaCandidate, cdCandidate] });
    expect(large.products.map((product) => product.warnings[0]?.code)).toEqual(['PREMIUM_ABOVE_MAXIMUM', 'PREMIUM_ABOVE_MAXIMUM']);
    expect(large.products[1]?.warnings[0]?.message).toContain('maximum investment of $250,000.00');
  });

  it('warns when the product cannot be sold on the date, and says when it opens', () => {
    const notYet = compareProducts({
      ...request,
      products: [{ ...cdCandidate, availability: [availability({ productId: CD_ID, startDate: '2027-01-15' })] }],
    });
    expect(notYet.products[0]?.available).toBe(false);
    expect(notYet.products[0]?.warnings[0]).toEqual({
      code: 'NOT_AVAILABLE',
      message: 'This product is not available for sale on Nov 24, 2026; it becomes available on Jan 15, 2027.',
    });
    const withdrawn = compareProducts({ ...request, products: [{ ...cdCandidate, product: cd({ isActive: false }) }] });
    expect(withdrawn.products[0]?.warnings[0]?.message).toBe('This product has been withdrawn from the catalog and cannot be sold.');
  });

  it('does not project a product without a rate in force', () => {
    const early = compareProducts({ ...request, asOfDate: '2026-05-31', products: [cdCandidate] });
    expect(early.products[0]).toMatchObject({ projection: null, ratesUsed: null });
    expect(early.products[0]?.warnings.map((warning) => warning.code)).toEqual(['NOT_AVAILABLE', 'NO_RATE_IN_FORCE', 'RATE_CHANGE_SCHEDULED']);
  });

  it('does not project with a retracted rate', () => {
    const retracted = { ...cdCandidate, rates: cdCandidate.rates.map((entry) => ({ ...entry, isActive: false })) };
    expect(compareProducts({ ...request, products: [retracted] }).products[0]?.projection).toBeNull();
  });

  // Speed is measured by `npm run bench` (projection calls per second), not asserted here.
  it('compares four 30-year products with 100 rate rows each and projects all 30 years', () => {
    const rates = Array.from({ length: 100 }, (_, index) =>
      rate({ effectiveDate: `20${String(index % 26).padStart(2, '0')}-0${(index % 9) + 1}-01`, endDate: null, isActive: index === 99 }),
    );
    const products = [0, 1, 2, 3].map((index) => {
      const productId = `00000000-0000-4000-9000-00000000000${index}`;
      return {
        product: myga({ productId, compounding: index % 2 ? 'daily' : 'annual' }),
        rates: rates.map((entry) => ({ ...entry, productId })),
        availability: [availability({ productId, startDate: '2000-01-01' })],
      };
    });
    const result = compareProducts({ ...request, years: 30, products });
    expect(result.products).toHaveLength(4);
    for (const entry of result.products) expect(entry.projection?.rows).toHaveLength(30);
  });
});

describe('compareProducts validation', () => {
  it('needs 1 to 4 products', () => {
    expect(issuesOf(() => compareProducts({ ...request, products: [] }))).toEqual([{ path: 'products', message: 'must contain at least 1 product' }]);
    const five = [0, 1, 2, 3, 4].map((index) => ({ ...cdCandidate, product: cd({ productId: `00000000-0000-4000-8000-00000000000${index}` }), rates: [], availability: [] }));
    expect(issuesOf(() => compareProducts({ ...request, products: five }))).toEqual([{ path: 'products', message: 'must contain at most 4 products' }]);
  });

  it('refuses the same product twice', () => {
    expect(issuesOf(() => compareProducts({ ...request, products: [mygaCandidate, cdCandidate, mygaCandidate] }))).toEqual([
      { path: 'products.2.product.productId', message: 'duplicates products.0: each product can be compared once' },
    ]);
  });

  it("refuses rates or windows that belong to another product", () => {
    const mixed = { ...mygaCandidate, rates: [rate({ effectiveDate: '2026-01-01', productId: OTHER_PRODUCT_ID })] };
    expect(issuesOf(() => compareProducts({ ...request, products: [mixed] }))).toEqual([
      { path: 'products.0.rates.0.productId', message: "must match the product's productId" },
    ]);
  });

  it('names bad fields deep inside the request', () => {
    const bad = { ...cdCandidate, product: cd({ maximumInvestment: '10.00' }) };
    expect(issuesOf(() => compareProducts({ ...request, premium: '0', asOfDate: '2026-11-31', products: [bad] }))).toEqual([
      { path: 'premium', message: 'must be greater than 0' },
      { path: 'asOfDate', message: 'must be a real calendar date' },
      { path: 'products.0.product.maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
    ]);
  });

  it('refuses a published bonus on a product without bonus years instead of dropping it', () => {
    const bonusRate = { ...cdCandidate, rates: [rate({ productId: CD_ID, effectiveDate: '2026-06-01', bonusRate: '0.5000' })] };
    expect(issuesOf(() => compareProducts({ ...request, products: [bonusRate] }))).toEqual([
      { path: 'products.0.product.bonusYears', message: 'must be at least 1 when bonusRate is greater than 0' },
    ]);
  });
});

describe('compareProducts with a fixed indexed annuity', () => {
  const FIA_ID = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';
  const fiaCandidate: ComparisonCandidate = {
    product: myga({
      productId: FIA_ID,
      productName: 'Summit Ridge Index Advantage 5',
      productType: 'FIA',
      bonusRate: '0.0000',
      bonusYears: 0,
      guaranteedMinimumRate: '1.0000',
      surrenderSchedule: ['8.0000', '7.0000', '6.0000', '5.0000', '4.0000'],
      returnOfPremium: false,
      returnOfPremiumPercentage: null,
    }),
    rates: [rate({ productId: FIA_ID, effectiveDate: '2026-01-01', baseRate: '5.0000', bonusRate: '0.0000' })],
    availability: [availability({ productId: FIA_ID, startDate: '2026-01-01' })],
  };
  const result = compareProducts({ ...request, products: [mygaCandidate, fiaCandidate, cdCandidate] });
  const [mygaResult, fiaResult] = result.products;

  it("shows the FIA's minimum-rate values as the guarantee and its crediting rate as non-guaranteed, from year 1", () => {
    // Guaranteed: 100000 x 1.01 = 101000.00; current: 100000 x 1.05 = 105000.00 (not guaranteed).
    expect(fiaResult?.projection?.rows[0]).toMatchObject({ guaranteed: false, accountValue: '105000.00', guaranteedAccountValue: '101000.00' });
    // Year 5: 104060.40 x 1.01 = 105101.004 -> 105101.00; 121550.63 x 1.05 = 127628.1615 -> 127628.16.
    expect(fiaResult?.projection?.rows[4]).toMatchObject({ guaranteed: false, accountValue: '127628.16', guaranteedAccountValue: '105101.00' });
    expect(fiaResult?.projection?.rows.some((row) => row.guaranteed)).toBe(false);
  });

  it('tells the rep that only the minimum rate is guaranteed', () => {
    expect(fiaResult?.warnings).toEqual([
      {
        code: 'CREDITING_RATE_NOT_GUARANTEED',
        message:
          'Only the minimum rate of 1.00% is guaranteed for this fixed indexed annuity; values at its current crediting rate of 5.00% are not guaranteed in any year.',
      },
    ]);
  });

  it('leaves the MYGA next to it guaranteed for its term', () => {
    expect(mygaResult?.projection?.rows.map((row) => [row.accountValue, row.guaranteed])).toEqual([
      ['105500.00', true],
      ['110247.50', true],
      ['115208.64', true],
      ['120393.03', true],
      ['125810.72', true],
    ]);
  });
});
