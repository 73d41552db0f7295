// Figure 4: a 4-product, 30-year comparison (compareProducts, exactly as the app calls it) per call.
// Ceiling: the bare decimal.js arithmetic such a comparison cannot avoid, in a tight loop: per
// product and year, two growth steps (multiply by the growth factor, round to cents, subtract,
// add) and two surrender values (subtract, multiply, divide, round), and the ten money figures of a
// row written with toFixed(2), with the same Decimal configuration (60 digits). No validation, no
// rate lookup, no objects, no yield: a speed no implementation of the same rules could beat by much.
import { compareProducts, type ComparisonCandidate } from '../src-shared/comparison.js';
import { Decimal } from '../src-shared/decimal.js';
import { generateCatalog } from '../server/seed/catalog-generator.js';
import { Better, type FigureInput } from './report.js';
import { perSecond } from './statistics.js';

const YEARS = 30;
const PREMIUM = '100000.00';
const AS_OF = '2026-11-24';
const HUNDRED = new Decimal(100);
const ONE = new Decimal(1);

/** Four products of the generated catalog, of as many different types as it offers. */
export function comparisonCandidates(): ComparisonCandidate[] {
  const picked: ComparisonCandidate[] = [];
  const types = new Set<string>();
  for (const { product, rates, availability } of generateCatalog({ seed: 7, products: 200, rateRowsPerProduct: 24, today: AS_OF })) {
    if (!product.isActive || (types.has(product.productType) && types.size < 3)) continue;
    const candidate = { product, rates, availability };
    // Only products with a rate in force, so every call projects four products.
    const alone = compareProducts({ premium: PREMIUM, years: YEARS, startDate: AS_OF, asOfDate: AS_OF, products: [candidate] });
    if (alone.products[0]?.projection == null) continue;
    types.add(product.productType);
    picked.push(candidate);
    if (picked.length === 4) return picked;
  }
  throw new Error('the generated catalog has fewer than 4 active products');
}

function timedLoop(seconds: number, call: () => unknown): number {
  for (let i = 0; i < 20; i += 1) call();
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let i = 0; i < 10; i += 1) call();
    calls += 10;
    elapsed = performance.now() - started;
  }
  return perSecond(calls, elapsed);
}

function bareArithmetic(products: readonly { rate: Decimal; charges: Decimal[] }[]): string[] {
  const out: string[] = [];
  const premium = new Decimal(PREMIUM);
  for (const { rate, charges } of products) {
    const factor = ONE.plus(rate.dividedBy(HUNDRED));
    let value = premium;
    let cumulative = new Decimal(0);
    let guaranteed = premium;
    let guaranteedCumulative = new Decimal(0);
    for (let year = 1; year <= YEARS; year += 1) {
      const next = value.times(factor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const interest = next.minus(value);
      cumulative = cumulative.plus(interest);
      value = next;
      const nextGuaranteed = guaranteed.times(factor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const guaranteedInterest = nextGuaranteed.minus(guaranteed);
      guaranteedCumulative = guaranteedCumulative.plus(guaranteedInterest);
      guaranteed = nextGuaranteed;
      const charge = charges[year - 1] ?? new Decimal(0);
      const surrender = value.times(HUNDRED.minus(charge)).dividedBy(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const guaranteedSurrender = guaranteed.times(HUNDRED.minus(charge)).dividedBy(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      out.push(
        value.toFixed(2), interest.toFixed(2), cumulative.toFixed(2), value.minus(surrender).toFixed(2), surrender.toFixed(2),
        guaranteed.toFixed(2), guaranteedInterest.toFixed(2), guaranteedCumulative.toFixed(2), guaranteedSurrender.toFixed(2), charge.toFixed(2),
      );
    }
  }
  return out;
}

export function measureProjection(seconds: number): FigureInput {
  const products = comparisonCandidates();
  const request = { premium: PREMIUM, years: YEARS, startDate: AS_OF, asOfDate: AS_OF, products };
  const check = compareProducts(request);
  if (check.products.length !== 4 || check.products.some((compared) => compared.projection === null)) {
    throw new Error('the benchmark comparison did not project 4 products');
  }
  const callsPerSecond = timedLoop(seconds, () => compareProducts(request));
  const bare = products.map(({ product }) => ({
    rate: new Decimal(product.baseRate).plus(product.bonusRate),
    charges: product.surrenderSchedule.map((charge) => new Decimal(charge)),
  }));
  const ceilingPerSecond = timedLoop(seconds, () => bareArithmetic(bare));
  return {
    section: '4 projection',
    name: '4 products x 30 years, compareProducts',
    value: callsPerSecond,
    unit: 'calls/s',
    better: Better.higher,
    ceiling: { value: ceilingPerSecond, what: 'the same decimal.js multiply/round/format operations in a tight loop' },
  };
}
