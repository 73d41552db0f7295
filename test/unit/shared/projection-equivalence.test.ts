// The fixed-point engine against the decimal.js engine it replaced (test/support/reference-projection.ts):
// every figure of every row, the yields and the APY must be the same strings, on random inputs
// covering every product type, compounding, bonus, term, premium size, rate, schedule, floor and
// withdrawal plan. The PRNG is seeded: a failure names its case number and replays.
import { describe, expect, it } from 'vitest';
import { ProjectionRequest, projectValidated, type ProjectionRequestInput } from '../../../src-shared/projection.js';
import { parseOrThrow } from '../../../src-shared/errors.js';
import { withdrawalPlanIssues } from '../../../src-shared/withdrawals.js';
import { referenceProjectValidated } from '../../support/reference-projection.js';
import { mulberry32 } from '../../../server/seed/dice.js';

const CASES = 10_000;
const SEED = 0x15_0003;

/** The demo catalog's seeded PRNG, as a fraction in [0, 1). */
function prng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4_294_967_296;
}

function generator(seed: number) {
  const next = prng(seed);
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T,>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  /** A decimal string with up to `places` decimals, sometimes written short ("4.5") or with a trailing zero run. */
  const decimal = (low: number, high: number, places: number): string => {
    const units = int(low * 10 ** places, high * 10 ** places);
    const text = (units / 10 ** places).toFixed(places);
    return next() < 0.3 ? text.replace(/\.?0+$/, '') || '0' : text;
  };
  const rate = () => (next() < 0.08 ? pick(['0', '25', '25.0000', '0.0001', '24.9999']) : decimal(0, next() < 0.8 ? 8 : 25, 4));
  const premium = () =>
    pick([
      () => decimal(0.01, 1_000, 2),
      () => decimal(1_000, 1_000_000, 2),
      () => decimal(1_000_000, 9_999_999_999_999.99, 2),
      () => pick(['0.01', '100000', '250000.00', '9999999999999.99', '12345.67']),
    ])();
  return { next, int, pick, decimal, rate, premium };
}

function randomRequest(random: ReturnType<typeof generator>): ProjectionRequestInput {
  const { next, int, pick, decimal, rate, premium } = random;
  const productType = pick(['MYGA', 'FIA', 'CD', undefined] as const);
  const compounding = pick(['annual', 'daily', 'simple'] as const);
  const termYears = int(1, 30);
  const bonusYears = next() < 0.4 ? 0 : int(1, termYears);
  const scheduleLength = next() < 0.2 ? 0 : int(1, termYears);
  const surrenderSchedule = Array.from({ length: scheduleLength }, () => (next() < 0.1 ? pick(['0', '100']) : decimal(0, 12, 4)));
  const returnOfPremium = next() < 0.3;
  const years = next() < 0.5 ? int(1, 30) : int(1, 50);
  const request: ProjectionRequestInput = {
    premium: premium(),
    years,
    startDate: pick(['2026-01-01', '2024-02-29', '2026-11-24', '2030-12-31']),
    product: {
      ...(productType === undefined ? {} : { productType }),
      baseRate: rate(),
      bonusRate: bonusYears === 0 ? '0' : decimal(0, 3, 4),
      bonusYears,
      termYears,
      guaranteedMinimumRate: next() < 0.3 ? rate() : decimal(0, 3, 4),
      compounding,
      surrenderSchedule,
      returnOfPremium,
      returnOfPremiumPct: returnOfPremium ? decimal(0.0001, 100, 4) : null,
      ...(next() < 0.5 ? { nonforfeitureRate: decimal(1, 3, 4) } : {}),
      ...(productType === 'CD' && next() < 0.7 ? { brokered: next() < 0.5 } : {}),
      ...(productType === 'CD' && next() < 0.8 ? { earlyWithdrawalPenaltyMonths: next() < 0.2 ? null : int(0, 24) } : {}),
      ...(next() < 0.3 ? { freeWithdrawalPercent: decimal(0, 20, 4) } : {}),
    },
  };
  const plan =
    next() < 0.5
      ? { amount: pick([() => decimal(0.01, 20_000, 2), () => premium()])(), startYear: int(1, years) }
      : { percent: decimal(0.0001, next() < 0.9 ? 15 : 100, 4), startYear: int(1, years) };
  const withdrawalsFit = withdrawalPlanIssues(plan, years, { productType, compounding }).length === 0;
  return withdrawalsFit && next() < 0.25 ? { ...request, withdrawals: plan } : request;
}

describe('the fixed-point projection engine', () => {
  it(`gives the decimal.js engine's figures, string for string, on ${CASES} random requests (seed ${SEED})`, () => {
    const random = generator(SEED);
    const seen = { withdrawals: 0, daily: 0, simple: 0, cd: 0, fia: 0 };
    for (let index = 0; index < CASES; index += 1) {
      const request = parseOrThrow(ProjectionRequest, randomRequest(random));
      const expected = referenceProjectValidated(request);
      const actual = projectValidated(request);
      // JSON text: same figures, same fields, same field order (the saved record is this text).
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        expect({ case: index, request, actual }).toEqual({ case: index, request, actual: expected });
      }
      if (request.withdrawals !== undefined) seen.withdrawals += 1;
      if (request.product.compounding === 'daily') seen.daily += 1;
      if (request.product.compounding === 'simple') seen.simple += 1;
      if (request.product.productType === 'CD') seen.cd += 1;
      if (request.product.productType === 'FIA') seen.fia += 1;
    }
    // The generator reaches every path the engine has, often enough to matter.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(CASES / 20);
  }, 300_000);

  it('gives the same figures at the edges: smallest and largest premium, 0% and 25%, 50 years, every month of penalty', () => {
    const edges: ProjectionRequestInput[] = [];
    for (const premium of ['0.01', '0.05', '9999999999999.99'])
      for (const baseRate of ['0', '0.0001', '25'])
        for (const compounding of ['annual', 'daily', 'simple'] as const)
          for (const productType of ['MYGA', 'FIA', 'CD'] as const)
            edges.push({
              premium,
              years: 50,
              startDate: '2024-02-29',
              product: {
                productType,
                baseRate,
                bonusRate: '25',
                bonusYears: 30,
                termYears: 30,
                guaranteedMinimumRate: '25',
                compounding,
                surrenderSchedule: Array.from({ length: 30 }, (_, year) => (100 - year * 3.3333).toFixed(4)),
                returnOfPremium: true,
                returnOfPremiumPct: '100',
                earlyWithdrawalPenaltyMonths: productType === 'CD' ? 24 : null,
                brokered: productType === 'CD' ? false : undefined,
              },
            });
    for (const input of edges) {
      const request = parseOrThrow(ProjectionRequest, JSON.parse(JSON.stringify(input)));
      expect(JSON.stringify(projectValidated(request))).toBe(JSON.stringify(referenceProjectValidated(request)));
    }
  }, 60_000);
});
