// Deterministic demo and benchmark catalog: fictional issuers, MYGAs, FIAs and CDs with
// availability windows and years of rate history, some of it future-dated.
//
// Same options, same catalog, byte for byte: ids come from a seeded PRNG (mulberry32), never from
// Math.random or crypto, so demo data, benchmarks and tests are reproducible. Products are yielded
// one at a time so the benchmark size (10,000 products x 100 rate rows) streams in constant
// memory. Pure TypeScript with no Node imports; rates are built in integer ten-thousandths of a
// percent and printed as DECIMAL(8,4) strings, so no floating point touches a rate or an amount.
import type { AvailabilityWindow, Compounding, Product, ProductType, RateHistoryEntry } from '../../src-shared/catalog.js';
import { cusipCheckDigit } from '../../src-shared/cusip.js';
import { isIsoDate, toEpochDay } from '../../src-shared/dates.js';
import { withCatalogTerms, type CatalogTermsRows } from './catalog-terms.js';
import { diceFor, type Dice } from './dice.js';
import { issueAgeAndMvaTerms } from './issue-age-and-mva-terms.js';
import { ADMINS, dayText, rateText, timestamp } from './seed-values.js';

export { mulberry32 } from './dice.js';

export interface CatalogOptions {
  seed?: number;
  products?: number;
  rateRowsPerProduct?: number;
  /** The business date treated as today: rates after it are future-dated. */
  today?: string;
}

/** The issue 13 rows (carrier, approvals, strategies, index levels) are optional: hand-made entries may omit them. */
export interface GeneratedProduct extends Partial<CatalogTermsRows> {
  product: Product;
  availability: AvailabilityWindow[];
  rates: RateHistoryEntry[];
}

interface Issuer {
  name: string;
  brand: string;
  /** First 4 characters of its CUSIPs. */
  cusipPrefix: string;
}

const INSURERS: readonly Issuer[] = [
  { name: 'Summit Ridge Life Insurance Company', brand: 'Summit Ridge', cusipPrefix: '8632' },
  { name: 'Harborview Annuity and Life Company', brand: 'Harborview', cusipPrefix: '4127' },
  { name: 'Granite Mutual Life Insurance Company', brand: 'Granite', cusipPrefix: '3876' },
  { name: 'Cedar Point Life & Annuity Company', brand: 'Cedar Point', cusipPrefix: '1509' },
  { name: 'Northwind Assurance Company', brand: 'Northwind', cusipPrefix: '6648' },
  { name: 'Lakeshore National Life Insurance Company', brand: 'Lakeshore', cusipPrefix: '5213' },
];

const BANKS: readonly Issuer[] = [
  { name: 'Bluewater Savings Bank', brand: 'Bluewater', cusipPrefix: '0956' },
  { name: 'Prairie State Bank & Trust', brand: 'Prairie State', cusipPrefix: '7391' },
  { name: 'Riverbend Federal Savings', brand: 'Riverbend', cusipPrefix: '7685' },
  { name: 'Copper Canyon National Bank', brand: 'Copper Canyon', cusipPrefix: '2174' },
];

/** Surrender schedules in whole percents by term, shaped like real contracts. */
const MYGA_SCHEDULES: Readonly<Record<number, readonly (readonly number[])[]>> = {
  3: [[7, 6, 5], [8, 7, 6], [9, 8, 7]],
  5: [[7, 6, 5, 4, 3], [9, 8, 7, 6, 5], [8, 7, 6, 5, 4]],
  7: [[9, 8, 7, 6, 5, 4, 3], [7, 7, 7, 6, 5, 4, 3]],
  10: [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]],
};
const FIA_SCHEDULES: Readonly<Record<number, readonly (readonly number[])[]>> = {
  5: [[9, 8, 7, 6, 5], [8, 8, 7, 6, 5]],
  7: [[9, 8, 7, 6, 5, 4, 3], [8, 8, 7, 6, 5, 4, 2]],
  10: [[10, 10, 9, 8, 7, 6, 5, 4, 3, 2], [9, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
};

const MYGA_LINES = ['SecureGrowth', 'Guarantee Plus', 'FlexGuard', 'Legacy Select', 'Steady Yield'];
const FIA_LINES = ['Index Advantage', 'Horizon Index', 'Balanced Index', 'Market Shield'];
const CUSIP_SUFFIXES = 36 ** 4;
/** Prime, so index -> index * STRIDE mod 36^4 visits every 4-character suffix once (36^4 = 2^8 * 3^4). */
const CUSIP_STRIDE = 1_000_003;

function percentText(wholePercent: number): string {
  return `${wholePercent}.0000`;
}

function base36(value: number, width: number): string {
  return value.toString(36).toUpperCase().padStart(width, '0');
}

function cusipFor(issuer: Issuer, index: number, offset: number): string {
  const body = issuer.cusipPrefix + base36((index * CUSIP_STRIDE + offset) % CUSIP_SUFFIXES, 4);
  return body + String(cusipCheckDigit(body));
}

function checkOptions(products: number, rateRowsPerProduct: number, today: string, seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!Number.isSafeInteger(products) || products < 0 || products > CUSIP_SUFFIXES) {
    throw new RangeError(`products must be a whole number between 0 and ${CUSIP_SUFFIXES}, got ${products}`);
  }
  if (!Number.isSafeInteger(rateRowsPerProduct) || rateRowsPerProduct < 1 || rateRowsPerProduct > 1000) {
    throw new RangeError(`rateRowsPerProduct must be a whole number between 1 and 1000, got ${rateRowsPerProduct}`);
  }
  if (!isIsoDate(today)) throw new RangeError(`today must be a date written as YYYY-MM-DD, got ${JSON.stringify(today)}`);
}

interface Terms {
  productType: ProductType;
  issuer: Issuer;
  productName: string;
  description: string;
  termYears: number;
  compounding: Compounding;
  schedule: readonly number[];
  baseUnits: number;
  bonusUnits: number;
  guaranteedMinimumUnits: number;
  minimumInvestment: string;
  maximumInvestment: string | null;
  freeWithdrawalPercent: string;
  returnOfPremium: boolean;
}

function pickTerms(dice: Dice): Terms {
  const roll = dice.int(1, 100);
  if (roll <= 50) {
    const issuer = dice.pick(INSURERS);
    const termYears = dice.pick([3, 5, 5, 7, 10]);
    const returnOfPremium = dice.chance(25);
    const bonusUnits = dice.chance(30) ? dice.int(1, 6) * 2_500 : 0;
    return {
      productType: 'MYGA',
      issuer,
      productName: `${issuer.brand} ${dice.pick(MYGA_LINES)} ${termYears}${returnOfPremium ? ' ROP' : ''}`,
      description: `${termYears}-year multi-year guaranteed annuity: the declared rate is guaranteed for the full term${bonusUnits > 0 ? ', with a first-year interest bonus' : ''}.`,
      termYears,
      compounding: 'annual',
      schedule: dice.pick(MYGA_SCHEDULES[termYears] ?? []),
      // ROP costs the client some yield, as in the market.
      baseUnits: dice.int(70, 120) * 500 - (returnOfPremium ? 2_500 : 0),
      bonusUnits,
      guaranteedMinimumUnits: dice.pick([10_000, 10_000, 15_000]),
      minimumInvestment: dice.pick(['5000.00', '10000.00', '25000.00']),
      maximumInvestment: dice.pick(['1000000.00', '2000000.00', null]),
      freeWithdrawalPercent: dice.pick(['10.0000', '10.0000', '5.0000', '0.0000']),
      returnOfPremium,
    };
  }
  if (roll <= 75) {
    const issuer = dice.pick(INSURERS);
    const termYears = dice.pick([5, 7, 10]);
    const returnOfPremium = dice.chance(15);
    const bonusUnits = dice.chance(25) ? dice.int(2, 8) * 2_500 : 0;
    return {
      productType: 'FIA',
      issuer,
      productName: `${issuer.brand} ${dice.pick(FIA_LINES)} ${termYears}${returnOfPremium ? ' ROP' : ''}`,
      description: `${termYears}-year fixed indexed annuity. The rate shown is an illustrative crediting rate; only the minimum guaranteed rate is guaranteed.`,
      termYears,
      compounding: 'annual',
      schedule: dice.pick(FIA_SCHEDULES[termYears] ?? []),
      baseUnits: dice.int(60, 130) * 500,
      bonusUnits,
      guaranteedMinimumUnits: dice.pick([0, 5_000, 10_000]),
      minimumInvestment: dice.pick(['10000.00', '25000.00']),
      maximumInvestment: dice.pick(['1000000.00', '1500000.00']),
      freeWithdrawalPercent: '10.0000',
      returnOfPremium,
    };
  }
  const issuer = dice.pick(BANKS);
  const termYears = dice.pick([1, 2, 3, 5]);
  const compounding = dice.chance(60) ? 'daily' : 'simple';
  return {
    productType: 'CD',
    issuer,
    productName: `${issuer.brand} ${termYears}-Year ${compounding === 'simple' ? 'Brokered ' : ''}CD`,
    description:
      compounding === 'simple'
        ? `${termYears}-year brokered certificate of deposit; simple interest paid to the brokerage account, not reinvested. FDIC insured up to applicable limits.`
        : `${termYears}-year certificate of deposit; interest compounded daily. FDIC insured up to applicable limits.`,
    termYears,
    compounding,
    schedule: [],
    baseUnits: dice.int(60, 110) * 500,
    bonusUnits: 0,
    guaranteedMinimumUnits: 0,
    minimumInvestment: dice.pick(['1000.00', '1000.00', '10000.00']),
    maximumInvestment: dice.pick(['250000.00', null]),
    freeWithdrawalPercent: '0.0000',
    returnOfPremium: false,
  };
}

/**
 * The nonforfeiture rate (annuities: Model 805's 1%-3% band, where contracts issued while the
 * 5-year Treasury was low sit at 1% and recent ones near 2.5%-3%), whether a CD is brokered (the
 * generator's brokered CDs pay simple interest) and a bank CD's penalty as banks commonly state
 * it: 3 months of interest up to a year, 6 months up to 3 years, 12 months beyond.
 */
function laterFields(terms: Terms, dice: Dice): Pick<Product, 'nonforfeitureRate' | 'brokered' | 'earlyWithdrawalPenaltyMonths'> {
  const nonforfeitureRate = dice.pick(['1.0000', '1.0000', '2.2500', '2.5000', '2.8000', '3.0000']);
  if (terms.productType !== 'CD') return { nonforfeitureRate, brokered: false, earlyWithdrawalPenaltyMonths: null };
  const brokered = terms.compounding === 'simple';
  const months = terms.termYears <= 1 ? 3 : terms.termYears <= 3 ? 6 : 12;
  return { nonforfeitureRate: '1.0000', brokered, earlyWithdrawalPenaltyMonths: brokered ? null : months };
}

/**
 * Yields `products` products, each with its availability windows and exactly
 * `rateRowsPerProduct` contiguous rate periods (each ends the day before the next starts; the
 * last is open-ended). Some products have future-dated periods; one period is always in force on
 * `today`, and product.baseRate/bonusRate equal it.
 */
export function generateCatalog({
  seed = 42,
  products = 200,
  rateRowsPerProduct = 12,
  today = '2026-11-24',
}: CatalogOptions = {}): Generator<GeneratedProduct> {
  // Checked here rather than inside the generator, so bad options fail at the call, not at the first next().
  checkOptions(products, rateRowsPerProduct, today, seed);
  return streamCatalog(seed, products, rateRowsPerProduct, today);
}

function* streamCatalog(seed: number, products: number, rateRowsPerProduct: number, today: string): Generator<GeneratedProduct> {
  const dice = diceFor(seed, 0);
  // The fields added later (issue 11, issue 13) draw from their own streams, so the rest of the catalog (ids,
  // CUSIPs, rates) stays byte for byte what it was for the same seed.
  const laterDice = diceFor(seed, 0x0b5e_ed11);
  const termsDice = diceFor(seed, 0x1a9e_0013);
  const catalogTermsDice = diceFor(seed, 0x13ca_7e75);
  const cusipOffset = dice.int(0, CUSIP_SUFFIXES - 1);
  const todayDay = toEpochDay(today);

  for (let index = 0; index < products; index += 1) {
    const terms = pickTerms(dice);
    const productId = dice.uuid();

    // Period starts: the one in force today, then future ones, then the history before it.
    const futureRows = Math.min(dice.chance(25) ? (dice.chance(20) ? 2 : 1) : 0, rateRowsPerProduct - 1);
    const currentIndex = rateRowsPerProduct - 1 - futureRows;
    const starts = new Array<number>(rateRowsPerProduct);
    starts[currentIndex] = todayDay - dice.int(0, 90);
    for (let row = currentIndex + 1; row < rateRowsPerProduct; row += 1) {
      starts[row] = row === currentIndex + 1 ? todayDay + dice.int(1, 60) : (starts[row - 1] ?? todayDay) + dice.int(14, 60);
    }
    for (let row = currentIndex - 1; row >= 0; row -= 1) {
      starts[row] = (starts[row + 1] ?? todayDay) - dice.int(14, 120);
    }

    const rates: RateHistoryEntry[] = [];
    let baseUnits = terms.baseUnits;
    let current: RateHistoryEntry | undefined;
    for (let row = 0; row < rateRowsPerProduct; row += 1) {
      const start = starts[row] ?? todayDay;
      const next = starts[row + 1];
      // A random walk in 5-basis-point steps, kept above the guaranteed minimum and below 8%.
      baseUnits = Math.min(80_000, Math.max(terms.guaranteedMinimumUnits + 5_000, baseUnits + dice.int(-5, 5) * 500));
      const entry: RateHistoryEntry = {
        rateHistoryId: dice.uuid(),
        productId,
        baseRate: rateText(baseUnits),
        bonusRate: rateText(terms.bonusUnits),
        effectiveDate: dayText(start),
        endDate: next === undefined ? null : dayText(next - 1),
        isActive: true,
        createdAt: timestamp(Math.min(start - dice.int(1, 14), todayDay), dice.int(0, 239)),
        createdBy: dice.pick(ADMINS),
      };
      rates.push(entry);
      if (row === currentIndex) current = entry;
    }
    if (current === undefined) throw new Error('unreachable: no period in force today');

    const launch = starts[0] ?? todayDay;
    const createdDay = launch - dice.int(7, 30);
    const availability: AvailabilityWindow[] = [];
    const window = (startDay: number, endDay: number | null): AvailabilityWindow => ({
      availabilityId: dice.uuid(),
      productId,
      startDate: dayText(startDay),
      endDate: endDay === null ? null : dayText(endDay),
      isActive: true,
      createdAt: timestamp(Math.min(startDay, todayDay) - 1, dice.int(0, 239)),
      createdBy: dice.pick(ADMINS),
    });
    const shape = dice.int(1, 100);
    let isActive = true;
    if (shape <= 80) {
      availability.push(window(launch, null));
    } else if (shape <= 90) {
      const end = Math.max(launch, todayDay - dice.int(1, 365));
      availability.push(window(launch, end));
      isActive = dice.chance(50);
    } else if (shape <= 95) {
      availability.push(window(todayDay + dice.int(1, 90), null));
    } else {
      // Paused for a while, then reopened.
      const pause = Math.max(launch, todayDay - dice.int(60, 400));
      availability.push(window(launch, pause), window(pause + dice.int(14, 45), null));
    }

    const minute = dice.int(0, 239);
    const product: Product = {
      productId,
      cusip: cusipFor(terms.issuer, index, cusipOffset),
      productName: terms.productName,
      productType: terms.productType,
      issuerName: terms.issuer.name,
      description: terms.description,
      minimumInvestment: terms.minimumInvestment,
      maximumInvestment: terms.maximumInvestment,
      baseRate: current.baseRate,
      bonusRate: current.bonusRate,
      bonusYears: terms.bonusUnits > 0 ? 1 : 0,
      termYears: terms.termYears,
      guaranteedMinimumRate: rateText(terms.guaranteedMinimumUnits),
      compounding: terms.compounding,
      surrenderSchedule: terms.schedule.map(percentText),
      freeWithdrawalPercent: terms.freeWithdrawalPercent,
      returnOfPremium: terms.returnOfPremium,
      returnOfPremiumPercentage: terms.returnOfPremium ? '100.0000' : null,
      ...laterFields(terms, laterDice),
      ...issueAgeAndMvaTerms(terms.productType, termsDice),
      termsAndConditions: dice.chance(70)
        ? 'Withdrawals above the free amount during the surrender period incur the charges shown. Guarantees are backed by the claims-paying ability of the issuer.'
        : null,
      isActive,
      createdAt: timestamp(createdDay, minute),
      // Last touched when the rate now in force was published.
      updatedAt: timestamp(Math.max(createdDay, Math.min(toEpochDay(current.effectiveDate) - 1, todayDay)), minute),
      createdBy: dice.pick(ADMINS),
      updatedBy: dice.pick(ADMINS),
    };
    yield withCatalogTerms({ product, availability, rates }, catalogTermsDice, today);
  }
}
