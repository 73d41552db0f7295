// Fixed catalog rows for the illustration sections of issue 13: an MVA MYGA (worked example A of
// docs/projection-rules.md with i = 4.00%, k = 0.50%), an FIA with three strategies (a 10% cap and a
// 50% participation on the synthetic 25-year "Demo Index" history of fia-crediting.test.ts, and a
// fixed account), and a 5-year index for the not-enough-history case.
import type { Product } from '../../src-shared/catalog.js';
import type { FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import type { ComparisonCandidate } from '../../src-shared/comparison.js';
import { availability, myga, rate } from './catalog-fixtures.js';

export const MVA_PRODUCT_ID = '3f0e6c1a-2b4d-4e8f-9a1b-5c6d7e8f9a01';
export const FIA_PRODUCT_ID = '3f0e6c1a-2b4d-4e8f-9a1b-5c6d7e8f9a02';
export const CAP_STRATEGY_ID = '5a1b2c3d-4e5f-4a6b-8c7d-000000000001';
export const PARTICIPATION_STRATEGY_ID = '5a1b2c3d-4e5f-4a6b-8c7d-000000000002';
export const FIXED_STRATEGY_ID = '5a1b2c3d-4e5f-4a6b-8c7d-000000000003';
export const DEMO_INDEX = 'Demo Index (synthetic)';
export const SHORT_INDEX = 'Young Index';
export const ADMIN = 'product.admin@ratedesk.example';
const CREATED = '2026-01-05T15:00:00.000Z';

export function mvaMyga(overrides: Partial<Product> = {}): Product {
  return myga({
    productId: MVA_PRODUCT_ID,
    cusip: '02209S103',
    productName: 'Harbor MVA Guarantee 5',
    mvaApplies: true,
    mvaSpread: '0.5000',
    mvaReferenceIndex: '10-year US Treasury constant maturity',
    mvaReferenceRate: '4.0000',
    mvaFactorFloor: null,
    mvaFactorCap: null,
    ...overrides,
  });
}

export function mvaCandidate(overrides: Partial<Product> = {}): ComparisonCandidate {
  return {
    product: mvaMyga(overrides),
    rates: [rate({ productId: MVA_PRODUCT_ID, effectiveDate: '2026-01-01', baseRate: '4.5000', bonusRate: '1.0000' })],
    availability: [availability({ productId: MVA_PRODUCT_ID, startDate: '2026-01-01' })],
  };
}

export function fiaProduct(): Product {
  return myga({
    productId: FIA_PRODUCT_ID,
    cusip: '46625H100',
    productName: 'Keystone Index Choice 7',
    productType: 'FIA',
    termYears: 7,
    bonusRate: '0.0000',
    bonusYears: 0,
    guaranteedMinimumRate: '1.0000',
    surrenderSchedule: ['9.0000', '8.0000', '7.0000', '6.0000', '5.0000', '4.0000', '3.0000'],
    returnOfPremium: false,
    returnOfPremiumPercentage: null,
  });
}

function strategy(strategyId: string, fields: Pick<FiaStrategy, 'strategyCode' | 'strategyName' | 'indexName' | 'creditingMethod' | 'guaranteedRate' | 'sortOrder'>): FiaStrategy {
  return { strategyId, productId: FIA_PRODUCT_ID, floorRate: '0.0000', isActive: true, createdAt: CREATED, updatedAt: CREATED, createdBy: ADMIN, updatedBy: ADMIN, ...fields };
}

export const fiaStrategies: FiaStrategy[] = [
  strategy(CAP_STRATEGY_ID, { strategyCode: 'DEMO-CAP-1Y', strategyName: 'Annual point-to-point with a cap', indexName: DEMO_INDEX, creditingMethod: 'cap', guaranteedRate: '1.0000', sortOrder: 0 }),
  strategy(PARTICIPATION_STRATEGY_ID, { strategyCode: 'YOUNG-PAR-1Y', strategyName: 'Annual point-to-point with participation', indexName: SHORT_INDEX, creditingMethod: 'participation', guaranteedRate: '10.0000', sortOrder: 1 }),
  strategy(FIXED_STRATEGY_ID, { strategyCode: 'FIXED', strategyName: 'Fixed account', indexName: null, creditingMethod: 'fixed', guaranteedRate: '1.0000', sortOrder: 2 }),
];

/** A published strategy rate, open-ended from 2026-01-01 unless `fields` say otherwise. */
export function strategyRate(fields: Pick<FiaStrategyRate, 'strategyRateId' | 'strategyId' | 'rate'> & Partial<FiaStrategyRate>): FiaStrategyRate {
  return { effectiveDate: '2026-01-01', endDate: null, isActive: true, createdAt: CREATED, createdBy: ADMIN, ...fields };
}

export const fiaStrategyRates: FiaStrategyRate[] = [
  strategyRate({ strategyRateId: '6b000000-0000-4000-8000-000000000001', strategyId: CAP_STRATEGY_ID, rate: '10.0000' }),
  strategyRate({ strategyRateId: '6b000000-0000-4000-8000-000000000002', strategyId: PARTICIPATION_STRATEGY_ID, rate: '50.0000' }),
  strategyRate({ strategyRateId: '6b000000-0000-4000-8000-000000000003', strategyId: FIXED_STRATEGY_ID, rate: '3.2500' }),
];

/** Year-end levels 2000..2025 of the synthetic history of fia-crediting.test.ts. */
export const DEMO_LEVELS: [number, string][] = [
  [2000, '1000.00'], [2001, '1300.00'], [2002, '1690.00'], [2003, '2197.00'], [2004, '2856.10'], [2005, '3712.93'],
  [2006, '4218.63'], [2007, '4367.55'], [2008, '2686.48'], [2009, '3316.46'], [2010, '3740.30'], [2011, '3740.30'],
  [2012, '4241.87'], [2013, '5497.46'], [2014, '6123.62'], [2015, '6078.92'], [2016, '6658.85'], [2017, '7952.00'],
  [2018, '7455.80'], [2019, '9609.04'], [2020, '11171.47'], [2021, '14175.48'], [2022, '11419.77'], [2023, '14186.78'],
  [2024, '14470.52'], [2025, '13746.99'],
];

/** A published (active) index level. */
export function indexLevel(fields: Pick<IndexLevelRow, 'indexLevelId' | 'indexName' | 'levelDate' | 'level' | 'source'> & Partial<IndexLevelRow>): IndexLevelRow {
  return { isActive: true, createdAt: CREATED, createdBy: ADMIN, ...fields };
}

export function indexLevelRows(indexName: string, levels: readonly [number, string][], source: string): IndexLevelRow[] {
  return levels.map(([year, level], index) =>
    indexLevel({
      indexLevelId: `7c000000-0000-4000-8000-${String(index + 1).padStart(6, '0')}${indexName === DEMO_INDEX ? '000001' : '000002'}`,
      indexName,
      levelDate: `${year}-12-31`,
      level,
      source,
    }),
  );
}

export const fiaIndexLevels: IndexLevelRow[] = [
  ...indexLevelRows(DEMO_INDEX, DEMO_LEVELS, 'Synthetic demo data'),
  ...indexLevelRows(SHORT_INDEX, DEMO_LEVELS.slice(-6), 'Young Index Co. year-end closes'),
];

export function fiaCandidate(): ComparisonCandidate {
  return {
    product: fiaProduct(),
    rates: [rate({ productId: FIA_PRODUCT_ID, effectiveDate: '2026-01-01', baseRate: '4.0000', bonusRate: '0.0000' })],
    availability: [availability({ productId: FIA_PRODUCT_ID, startDate: '2026-01-01' })],
    strategies: fiaStrategies,
    strategyRates: fiaStrategyRates,
  };
}
