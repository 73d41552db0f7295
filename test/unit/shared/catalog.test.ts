import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AvailabilityWindow,
  Product,
  ProductInput,
  ProductInputFields,
  RateHistoryEntry,
  productRuleIssues,
  refineProductRules,
} from '../../../src-shared/catalog.js';
import { ValidationError, fromZodError, parseOrThrow } from '../../../src-shared/errors.js';
import { availability, myga, rate } from '../../support/catalog-fixtures.js';

function inputFrom(product: Product): Record<string, unknown> {
  const { productId: _id, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, isActive: _a, ...input } = product;
  return input;
}

function issuesOf(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  try {
    parseOrThrow(schema, value);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('Product', () => {
  it('accepts a complete, consistent product', () => {
    expect(Product.parse(myga())).toEqual(myga());
  });

  it('requires maximumInvestment to be at least minimumInvestment, or null for no maximum', () => {
    expect(issuesOf(Product, myga({ maximumInvestment: '5000.00' }))).toEqual([
      { path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
    ]);
    expect(issuesOf(Product, myga({ maximumInvestment: '10000.00' }))).toEqual([]);
    expect(issuesOf(Product, myga({ maximumInvestment: null }))).toEqual([]);
  });

  it('requires a return-of-premium percentage exactly when returnOfPremium is set', () => {
    expect(issuesOf(Product, myga({ returnOfPremium: true, returnOfPremiumPercentage: null }))).toEqual([
      { path: 'returnOfPremiumPercentage', message: 'is required when returnOfPremium is true' },
    ]);
    expect(issuesOf(Product, myga({ returnOfPremium: true, returnOfPremiumPercentage: '0' }))).toEqual([
      { path: 'returnOfPremiumPercentage', message: 'must be greater than 0 when returnOfPremium is true' },
    ]);
    expect(issuesOf(Product, myga({ returnOfPremium: false, returnOfPremiumPercentage: '100' }))).toEqual([
      { path: 'returnOfPremiumPercentage', message: 'must be null when returnOfPremium is false' },
    ]);
    expect(issuesOf(Product, myga({ returnOfPremium: false, returnOfPremiumPercentage: null }))).toEqual([]);
  });

  it('keeps the bonus period and the surrender schedule within the term', () => {
    expect(issuesOf(Product, myga({ termYears: 3, bonusYears: 4, surrenderSchedule: ['7', '6', '5', '4'] }))).toEqual([
      { path: 'bonusYears', message: 'must be at most termYears (3)' },
      { path: 'surrenderSchedule', message: 'must have at most termYears (3) entries, one per contract year' },
    ]);
    expect(issuesOf(Product, myga({ bonusYears: 0, bonusRate: '1.0000' }))).toEqual([
      { path: 'bonusYears', message: 'must be at least 1 when bonusRate is greater than 0' },
    ]);
  });

  it('names the element of a list that is wrong', () => {
    expect(issuesOf(Product, myga({ surrenderSchedule: ['7', '6', '5.12345'] }))).toEqual([
      { path: 'surrenderSchedule.2', message: 'must have at most 4 decimal places' },
    ]);
  });

  it('reports each bad field once, without follow-on errors from the cross-field rules', () => {
    expect(issuesOf(Product, myga({ termYears: 0, minimumInvestment: 'ten thousand' })).map((issue) => issue.path)).toEqual([
      'minimumInvestment',
      'termYears',
    ]);
  });

  it('refuses an invalid CUSIP, an unknown product type and blank names', () => {
    expect(issuesOf(Product, myga({ cusip: '037833101', productType: 'ETF' as never, productName: '   ' }))).toEqual([
      { path: 'cusip', message: 'has a wrong check digit (expected 0)' },
      { path: 'productName', message: 'must not be blank' },
      { path: 'productType', message: 'must be one of "MYGA", "FIA", "CD"' },
    ]);
  });

  it('says which fields are missing', () => {
    const { cusip: _cusip, termYears: _term, ...partial } = myga();
    expect(issuesOf(Product, partial)).toEqual([
      { path: 'cusip', message: 'is required' },
      { path: 'termYears', message: 'is required' },
    ]);
  });

  it('drops unknown fields from synced rows so older clients keep working', () => {
    const parsed = Product.parse({ ...myga(), newServerColumn: 'x' });
    expect(parsed).not.toHaveProperty('newServerColumn');
  });
});

describe('ProductInput', () => {
  it('accepts what an admin sends and defaults bonusYears to 1', () => {
    const { bonusYears: _bonusYears, ...input } = inputFrom(myga());
    expect(ProductInput.parse(input).bonusYears).toBe(1);
  });

  it('applies the same cross-field rules as Product', () => {
    expect(issuesOf(ProductInput, { ...inputFrom(myga()), maximumInvestment: '1.00' })).toEqual([
      { path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
    ]);
  });

  it('refuses unknown fields, so a misspelt field is not silently ignored', () => {
    expect(issuesOf(ProductInput, { ...inputFrom(myga()), baseRates: '5.0000' })).toEqual([{ path: '', message: 'unknown field: baseRates' }]);
  });

  it('refuses server-managed fields', () => {
    expect(issuesOf(ProductInput, { ...inputFrom(myga()), productId: myga().productId })).toEqual([
      { path: '', message: 'unknown field: productId' },
    ]);
  });

  it('lets a partial update reuse the rules on the fields it has', () => {
    // A PATCH is judged as the stored product with the changes applied.
    const stored = myga();
    const Patch = ProductInputFields.partial().superRefine((changes, ctx) => refineProductRules({ ...stored, ...changes }, ctx));
    expect(issuesOf(Patch, { minimumInvestment: '5000.00', maximumInvestment: '1000.00' })).toEqual([
      { path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
    ]);
  });

  it('exposes the rules as a plain function for the product editor', () => {
    expect(productRuleIssues({ ...myga(), maximumInvestment: '1' })).toEqual([
      { path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
    ]);
    // Half-typed form state is not judged twice.
    expect(productRuleIssues({ ...myga(), maximumInvestment: '1,0' })).toEqual([]);
  });
});

describe('AvailabilityWindow and RateHistoryEntry', () => {
  it('allow open-ended and one-day periods', () => {
    expect(issuesOf(AvailabilityWindow, availability({ startDate: '2026-01-01' }))).toEqual([]);
    expect(issuesOf(AvailabilityWindow, availability({ startDate: '2026-01-01', endDate: '2026-01-01' }))).toEqual([]);
    expect(issuesOf(RateHistoryEntry, rate({ effectiveDate: '2026-01-01', endDate: '2026-01-01' }))).toEqual([]);
  });

  it('refuse an end before the start', () => {
    expect(issuesOf(AvailabilityWindow, availability({ startDate: '2026-01-02', endDate: '2026-01-01' }))).toEqual([
      { path: 'endDate', message: 'must be on or after startDate' },
    ]);
    expect(issuesOf(RateHistoryEntry, rate({ effectiveDate: '2026-01-02', endDate: '2026-01-01' }))).toEqual([
      { path: 'endDate', message: 'must be on or after effectiveDate' },
    ]);
  });

  it('validate rates and dates field by field', () => {
    expect(issuesOf(RateHistoryEntry, rate({ effectiveDate: '2026-02-30', baseRate: '30' }))).toEqual([
      { path: 'baseRate', message: 'must be between 0 and 25 (percent)' },
      { path: 'effectiveDate', message: 'must be a real calendar date' },
    ]);
  });
});

describe('ValidationError', () => {
  it('joins paths with dots and issues with semicolons', () => {
    const Schema = z.object({ product: z.object({ surrenderSchedule: z.array(z.string().max(2, 'too long')) }) });
    const result = Schema.safeParse({ product: { surrenderSchedule: ['7', '6', '100'] } });
    const error = fromZodError(result.error ?? new z.ZodError([]));
    expect(error.issues).toEqual([{ path: 'product.surrenderSchedule.2', message: 'too long' }]);
    expect(error.message).toBe('product.surrenderSchedule.2: too long');
  });

  it('lists every issue in its message and is an Error', () => {
    const error = new ValidationError([
      { path: 'premium', message: 'must be greater than 0' },
      { path: 'years', message: 'must be between 1 and 50' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('premium: must be greater than 0; years: must be between 1 and 50');
  });

  it('can prefix paths when validating part of a larger request', () => {
    expect(() => parseOrThrow(z.object({ years: z.int() }), { years: 'x' }, ['products', 1])).toThrow('products.1.years: must be a number');
  });
});
