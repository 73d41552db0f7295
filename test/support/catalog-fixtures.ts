// Small, valid catalog rows for unit tests; each test overrides only what it is about.
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import { compareProducts, type Comparison } from '../../src-shared/comparison.js';
import type { NewProductRow } from '../../server/db/schema.js';

export const PRODUCT_ID = '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e';
export const OTHER_PRODUCT_ID = '0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d';

/**
 * The terms of the 5-year MYGA that every test product starts from (unit fixtures, API bodies and
 * database rows alike): investment limits, rates, compounding, surrender schedule, free withdrawal.
 */
export function mygaTerms() {
  return {
    minimumInvestment: '10000.00',
    maximumInvestment: '1000000.00',
    baseRate: '4.5000',
    bonusRate: '1.0000',
    bonusYears: 1,
    termYears: 5,
    guaranteedMinimumRate: '1.0000',
    compounding: 'annual' as const,
    surrenderSchedule: ['7.0000', '6.0000', '5.0000', '4.0000', '3.0000'],
    freeWithdrawalPercent: '10.0000',
  };
}

export function myga(overrides: Partial<Product> = {}): Product {
  return {
    productId: PRODUCT_ID,
    cusip: '037833100',
    productName: 'Summit Ridge SecureGrowth 5',
    productType: 'MYGA',
    issuerName: 'Summit Ridge Life Insurance Company',
    description: '5-year MYGA with a first-year bonus.',
    ...mygaTerms(),
    returnOfPremium: true,
    returnOfPremiumPercentage: '100.0000',
    termsAndConditions: null,
    isActive: true,
    createdAt: '2026-01-05T15:00:00.000Z',
    updatedAt: '2026-01-05T15:00:00.000Z',
    createdBy: 'product.admin@ratedesk.example',
    updatedBy: 'product.admin@ratedesk.example',
    ...overrides,
  };
}

export const CD_PRODUCT_ID = '9c8b7a69-5847-4362-a514-0f1e2d3c4b5a';

/** A one-year CD (no bonus, no surrender schedule, no return of premium); tests add the terms they are about. */
export function oneYearCd(overrides: Partial<Product> = {}): Product {
  return myga({
    productId: CD_PRODUCT_ID,
    cusip: '17275R102',
    productName: 'Bluewater 1-Year CD',
    productType: 'CD',
    issuerName: 'Bluewater Savings Bank',
    minimumInvestment: '1000.00',
    bonusRate: '0.0000',
    bonusYears: 0,
    termYears: 1,
    guaranteedMinimumRate: '0.0000',
    surrenderSchedule: [],
    freeWithdrawalPercent: '0.0000',
    returnOfPremium: false,
    returnOfPremiumPercentage: null,
    ...overrides,
  });
}

let sequence = 0;
function nextId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
}

export function rate(overrides: Partial<RateHistoryEntry> & Pick<RateHistoryEntry, 'effectiveDate'>): RateHistoryEntry {
  return {
    rateHistoryId: nextId(),
    productId: PRODUCT_ID,
    baseRate: '4.5000',
    bonusRate: '1.0000',
    endDate: null,
    isActive: true,
    createdAt: '2026-01-01T15:00:00.000Z',
    createdBy: 'rates.desk@ratedesk.example',
    ...overrides,
  };
}

export function availability(overrides: Partial<AvailabilityWindow> & Pick<AvailabilityWindow, 'startDate'>): AvailabilityWindow {
  return {
    availabilityId: nextId(),
    productId: PRODUCT_ID,
    endDate: null,
    isActive: true,
    createdAt: '2026-01-01T15:00:00.000Z',
    createdBy: 'product.admin@ratedesk.example',
    ...overrides,
  };
}

/** The given products compared at a flat 4.50% (no bonus) for 3 years of $100,000 on 2026-12-03, all available. */
export function compareAtFlatRate(list: readonly Product[]): Comparison {
  return compareProducts({
    premium: '100000',
    years: 3,
    startDate: '2026-12-03',
    asOfDate: '2026-12-03',
    products: list.map((product) => ({
      product,
      rates: [rate({ productId: product.productId, effectiveDate: '2026-01-01', baseRate: '4.5000', bonusRate: '0.0000' })],
      availability: [availability({ productId: product.productId, startDate: '2026-01-01' })],
    })),
  });
}

/** A products row of the 5-year MYGA for database tests: `cusip` and what a test is about changed. */
export function mygaProductRow(cusip: string, overrides: Partial<NewProductRow> = {}): NewProductRow {
  return {
    cusip,
    productName: 'Summit Ridge Secure 5',
    productType: 'MYGA',
    issuerName: 'Summit Ridge Life Insurance Company',
    description: 'Five-year multi-year guaranteed annuity',
    ...mygaTerms(),
    returnOfPremium: false,
    returnOfPremiumPercentage: null,
    termsAndConditions: null,
    createdBy: 'admin@ratedesk.example',
    updatedBy: 'admin@ratedesk.example',
    ...overrides,
  };
}
