// The projection engine: year-by-year growth of a single premium. Pure; no I/O, no clock.
//
// Rules (docs/projection-rules.md has the worked example):
// - Rates. Contract year k earns baseRate + bonusRate while k <= bonusYears, then baseRate while
//   k <= termYears (the guarantee period). After that the contract only guarantees
//   guaranteedMinimumRate: the current basis keeps crediting the base rate (never less than the
//   minimum, which the contract would not allow) and is marked non-guaranteed, while the
//   guaranteed basis credits the minimum. Each row carries both bases; within the term they are
//   equal. Rates are annual percents.
// - A fixed indexed annuity (productType 'FIA') guarantees only its minimum rate, from year 1: its
//   declared/base rate (and any bonus on it) is an illustrative crediting rate, so every
//   current-basis row is non-guaranteed and the guaranteed basis credits the minimum every year.
//   Without a productType (or for MYGA and CD) the base rate is guaranteed for the term, as above.
// - Compounding. 'annual': AV_k = AV_{k-1} x (1 + r_k). 'daily': AV_k = AV_{k-1} x (1 + r_k/365)^365.
//   'simple' (a brokered CD): interest premium x r_k is paid out each year and not reinvested,
//   so the account value stays the premium and cumulativeInterest adds up the payments.
// - Rounding. Exact decimal arithmetic; the account value is rounded half-up to cents at each
//   anniversary and the next year compounds on the rounded value (what a contract statement
//   shows). Every money amount is a string with exactly 2 decimals.
// - Surrender. SC_k is the schedule entry for year k (0 beyond the schedule), charged on the whole
//   account value: surrender value = AV_k x (1 - SC_k/100) rounded to cents, surrenderCharge =
//   AV_k minus that value (before any floor). With return of premium the surrender value is at
//   least premium x returnOfPremiumPct/100 (rounded to cents). It never exceeds the account value.
// - effectiveAnnualYield = (V_n / premium)^(1/n) - 1 in percent with 4 decimals, where n is the
//   end of the surrender period (schedule length, or termYears when there is no schedule),
//   capped at `years`, and V_n is the account value (plus interest paid out, for 'simple').
// - apy: the year-1 rate expressed as a Regulation DD APY (cdApy), meaningful for CDs.
import { z } from 'zod';
import { Decimal, HUNDRED, ONE, ZERO, formatMoney, formatPercent2, formatRate, maxDecimal, minDecimal, roundMoney } from './decimal.js';
import { addYears } from './dates.js';
import { CompoundingSchema, MAX_TERM_YEARS, ProductType, ProductTypeSchema, termRuleIssues, type Compounding } from './catalog.js';
import { parseOrThrow, typeMessage } from './errors.js';
import { IsoDateString, PercentString, PositiveMoneyString, RateString } from './validation/decimal-strings.js';
import { horizonYears, Premium } from './comparison-limits.js';

/** Recorded with saved comparisons so a reprint can tell which rules produced the numbers. */
// 2: a fixed indexed annuity's base rate is no longer shown as guaranteed (see projectValidated).
export const PROJECTION_RULES_VERSION = 'projection-rules/2';

const DAYS_PER_YEAR = 365;

function wholeNumber(min: number, max: number) {
  return z
    .int({ error: typeMessage('a whole number') })
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);
}

/** The product terms a projection needs (see projectionTermsOf for building them from a Product). */
export const ProjectionProduct = z
  .object({
    /** Decides what the contract guarantees; left out, the base rate is guaranteed for the term (MYGA, CD). */
    productType: ProductTypeSchema.optional(),
    baseRate: RateString,
    bonusRate: RateString,
    bonusYears: wholeNumber(0, MAX_TERM_YEARS).default(1),
    termYears: wholeNumber(1, MAX_TERM_YEARS),
    guaranteedMinimumRate: RateString,
    compounding: CompoundingSchema,
    surrenderSchedule: z.array(PercentString, { error: typeMessage('a list of percentages') }),
    returnOfPremium: z.boolean({ error: typeMessage('true or false') }),
    returnOfPremiumPct: PercentString.nullable().optional(),
  })
  .superRefine((value, ctx) => {
    for (const issue of termRuleIssues(value)) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
    const pct = value.returnOfPremiumPct ?? null;
    if (value.returnOfPremium && pct === null) {
      ctx.addIssue({ code: 'custom', path: ['returnOfPremiumPct'], message: 'is required when returnOfPremium is true' });
    } else if (!value.returnOfPremium && pct !== null) {
      ctx.addIssue({ code: 'custom', path: ['returnOfPremiumPct'], message: 'must be null when returnOfPremium is false' });
    }
  });
export type ProjectionProduct = z.infer<typeof ProjectionProduct>;

export const ProjectionRequest = z.object({
  premium: Premium,
  years: horizonYears('a whole number'),
  /** Contract date; anniversaries fall on the same month and day. */
  startDate: IsoDateString,
  product: ProjectionProduct,
});
/** What callers pass (bonusYears may be left out and defaults to 1). */
export type ProjectionRequestInput = z.input<typeof ProjectionRequest>;
export type ProjectionRequest = z.infer<typeof ProjectionRequest>;

const Money = z.string().regex(/^\d+\.\d{2}$/, 'must be an amount with exactly 2 decimals');
const Percent4 = z.string().regex(/^\d+\.\d{4}$/, 'must be a percent with exactly 4 decimals');
const Percent2 = z.string().regex(/^\d+\.\d{2}$/, 'must be a percent with exactly 2 decimals');

export const ProjectionRow = z.object({
  /** Contract year 1..years; the values are as of its end (the anniversary). */
  year: z.int(),
  anniversaryDate: IsoDateString,
  /**
   * True when the current-basis values are contractual: while year <= termYears, and never for an
   * FIA (only its minimum rate is guaranteed). When false, the guaranteed* fields are the guarantee.
   */
  guaranteed: z.boolean(),
  /** Percent credited this year, current basis. */
  rate: Percent4,
  /** Percent credited this year, guaranteed basis. */
  guaranteedRate: Percent4,
  accountValue: Money,
  interestCredited: Money,
  cumulativeInterest: Money,
  surrenderCharge: Money,
  surrenderValue: Money,
  guaranteedAccountValue: Money,
  guaranteedInterestCredited: Money,
  guaranteedCumulativeInterest: Money,
  guaranteedSurrenderValue: Money,
});
export type ProjectionRow = z.infer<typeof ProjectionRow>;

export const Projection = z.object({
  rulesVersion: z.string(),
  premium: Money,
  years: z.int(),
  startDate: IsoDateString,
  compounding: CompoundingSchema,
  rows: z.array(ProjectionRow),
  /** Annualized yield to the end of the surrender period, percent, 4 decimals. */
  effectiveAnnualYield: Percent4,
  /** The n used for effectiveAnnualYield. */
  yieldYears: z.int(),
  /** Year-1 rate as a Regulation DD APY, percent, 2 decimals. */
  apy: Percent2,
});
export type Projection = z.infer<typeof Projection>;

/** The projection terms of a catalog product (the rate columns should already be as-of resolved). */
export function projectionTermsOf(product: {
  productType?: ProductType;
  baseRate: string;
  bonusRate: string;
  bonusYears: number;
  termYears: number;
  guaranteedMinimumRate: string;
  compounding: Compounding;
  surrenderSchedule: readonly string[];
  returnOfPremium: boolean;
  returnOfPremiumPercentage: string | null;
}): ProjectionProduct {
  return {
    ...(product.productType === undefined ? {} : { productType: product.productType }),
    baseRate: product.baseRate,
    bonusRate: product.bonusRate,
    bonusYears: product.bonusYears,
    termYears: product.termYears,
    guaranteedMinimumRate: product.guaranteedMinimumRate,
    compounding: product.compounding,
    surrenderSchedule: [...product.surrenderSchedule],
    returnOfPremium: product.returnOfPremium,
    returnOfPremiumPct: product.returnOfPremiumPercentage,
  };
}

/** Projects a premium year by year. Throws ValidationError (naming the field) on bad input. */
export function projectGrowth(input: ProjectionRequestInput): Projection {
  return projectValidated(parseOrThrow(ProjectionRequest, input));
}

/** One year's growth factor for a rate in percent; cached because most years share a rate. */
function growthFactors(compounding: Compounding): (ratePercent: Decimal) => Decimal {
  const cache = new Map<string, Decimal>();
  return (ratePercent) => {
    const key = ratePercent.toString();
    let factor = cache.get(key);
    if (factor === undefined) {
      const rate = ratePercent.dividedBy(HUNDRED);
      factor = compounding === 'daily' ? ONE.plus(rate.dividedBy(DAYS_PER_YEAR)).pow(DAYS_PER_YEAR) : ONE.plus(rate);
      cache.set(key, factor);
    }
    return factor;
  };
}

interface Basis {
  accountValue: Decimal;
  cumulativeInterest: Decimal;
}

/** For input already validated against ProjectionRequest (compareProducts validates once for all products). */
export function projectValidated(request: ProjectionRequest): Projection {
  const { years, startDate, product } = request;
  const premium = new Decimal(request.premium);
  const base = new Decimal(product.baseRate);
  const bonus = new Decimal(product.bonusRate);
  const minimum = new Decimal(product.guaranteedMinimumRate);
  const afterTerm = maxDecimal(base, minimum);
  // An FIA's crediting rate is not contractual at all: only the minimum is, from year 1. Its bonus
  // is treated like the rate it is added to (not guaranteed), since the catalog cannot say
  // whether a contract guarantees it; illustrating less than the contract may pay is the safe side.
  const rateGuaranteedForTerm = product.productType !== ProductType.FIA;
  const floor =
    product.returnOfPremium && product.returnOfPremiumPct != null
      ? roundMoney(premium.times(product.returnOfPremiumPct).dividedBy(HUNDRED))
      : null;
  const charges = product.surrenderSchedule.map((percent) => new Decimal(percent));
  const factor = growthFactors(product.compounding);
  const simple = product.compounding === 'simple';

  const grow = (basis: Basis, ratePercent: Decimal): { next: Basis; interest: Decimal } => {
    if (simple) {
      const interest = roundMoney(premium.times(ratePercent).dividedBy(HUNDRED));
      return { next: { accountValue: premium, cumulativeInterest: basis.cumulativeInterest.plus(interest) }, interest };
    }
    const accountValue = roundMoney(basis.accountValue.times(factor(ratePercent)));
    const interest = accountValue.minus(basis.accountValue);
    return { next: { accountValue, cumulativeInterest: basis.cumulativeInterest.plus(interest) }, interest };
  };

  const surrender = (accountValue: Decimal, chargePercent: Decimal): { value: Decimal; charge: Decimal } => {
    const beforeFloor = roundMoney(accountValue.times(HUNDRED.minus(chargePercent)).dividedBy(HUNDRED));
    const floored = floor === null ? beforeFloor : maxDecimal(beforeFloor, floor);
    return { value: minDecimal(floored, accountValue), charge: accountValue.minus(beforeFloor) };
  };

  let current: Basis = { accountValue: premium, cumulativeInterest: ZERO };
  let guaranteedBasis: Basis = current;
  const rows: ProjectionRow[] = [];
  for (let year = 1; year <= years; year += 1) {
    const withinTerm = year <= product.termYears;
    const declared = year <= product.bonusYears ? base.plus(bonus) : withinTerm ? base : afterTerm;
    // Same basis for both while the declared rate is guaranteed; otherwise two separate roll-forwards.
    const guaranteed = rateGuaranteedForTerm && withinTerm;
    const rate = rateGuaranteedForTerm ? declared : maxDecimal(declared, minimum);
    const guaranteedRate = guaranteed ? rate : minimum;
    const chargePercent = charges[year - 1] ?? ZERO;

    const currentStep = grow(current, rate);
    const guaranteedStep = guaranteed ? currentStep : grow(guaranteedBasis, guaranteedRate);
    current = currentStep.next;
    guaranteedBasis = guaranteedStep.next;
    const currentSurrender = surrender(current.accountValue, chargePercent);
    const guaranteedSurrender = guaranteed ? currentSurrender : surrender(guaranteedBasis.accountValue, chargePercent);

    rows.push({
      year,
      anniversaryDate: addYears(startDate, year),
      guaranteed,
      rate: formatRate(rate),
      guaranteedRate: formatRate(guaranteedRate),
      accountValue: formatMoney(current.accountValue),
      interestCredited: formatMoney(currentStep.interest),
      cumulativeInterest: formatMoney(current.cumulativeInterest),
      surrenderCharge: formatMoney(currentSurrender.charge),
      surrenderValue: formatMoney(currentSurrender.value),
      guaranteedAccountValue: formatMoney(guaranteedBasis.accountValue),
      guaranteedInterestCredited: formatMoney(guaranteedStep.interest),
      guaranteedCumulativeInterest: formatMoney(guaranteedBasis.cumulativeInterest),
      guaranteedSurrenderValue: formatMoney(guaranteedSurrender.value),
    });
  }

  const yieldYears = Math.min(product.surrenderSchedule.length || product.termYears, years);
  const yieldRow = rows[yieldYears - 1];
  const valueAtYieldYear = yieldRow
    ? new Decimal(yieldRow.accountValue).plus(simple ? yieldRow.cumulativeInterest : '0')
    : premium;
  const effectiveAnnualYield = annualizedPercent(valueAtYieldYear.dividedBy(premium), yieldYears);

  return {
    rulesVersion: PROJECTION_RULES_VERSION,
    premium: formatMoney(premium),
    years,
    startDate,
    compounding: product.compounding,
    rows,
    effectiveAnnualYield: formatRate(effectiveAnnualYield),
    yieldYears,
    apy: apyOf(year1Rate(product, base, bonus), product.compounding, DAYS_PER_YEAR),
  };
}

// A fractional power needs ln/exp, which at 60 digits costs more than the rest of a 30-year
// projection. The yield is reported to 4 decimals of a percent, so 30 significant digits still
// leave a margin of more than 20 digits before the rounding digit.
const RootDecimal = Decimal.clone({ precision: 30, rounding: Decimal.ROUND_HALF_UP });

/** (growth^(1/years) - 1) x 100: the constant annual rate that gives the same growth. */
function annualizedPercent(growth: Decimal, years: number): Decimal {
  const root = years === 1 ? new RootDecimal(growth.toString()) : new RootDecimal(growth.toString()).pow(new RootDecimal(1).dividedBy(years));
  return new Decimal(root.toString()).minus(ONE).times(HUNDRED);
}

function year1Rate(product: ProjectionProduct, base: Decimal, bonus: Decimal): Decimal {
  return product.bonusYears >= 1 ? base.plus(bonus) : base;
}

export const CdApyRequest = z.object({
  rate: RateString,
  compounding: CompoundingSchema,
  /** Days from deposit to maturity; defaults to 365. Only changes the result for 'simple'. */
  termDays: wholeNumber(1, 36_500).optional(),
});
export type CdApyRequest = z.infer<typeof CdApyRequest>;

/** Growth of 1 over `days` at `ratePercent` (annual percent), with principal and interest left on deposit. */
function growthOver(ratePercent: Decimal, compounding: Compounding, days: number): Decimal {
  const rate = ratePercent.dividedBy(HUNDRED);
  if (compounding === 'daily') return ONE.plus(rate.dividedBy(DAYS_PER_YEAR)).pow(days);
  if (compounding === 'annual') return ONE.plus(rate).pow(new Decimal(days).dividedBy(DAYS_PER_YEAR));
  return ONE.plus(rate.times(days).dividedBy(DAYS_PER_YEAR));
}

function apyOf(ratePercent: Decimal, compounding: Compounding, days: number): string {
  // Regulation DD Appendix A: APY = 100 x [(1 + interest/principal)^(365/days in term) - 1].
  const growth = growthOver(ratePercent, compounding, days);
  return formatPercent2(growth.pow(new Decimal(DAYS_PER_YEAR).dividedBy(days)).minus(ONE).times(HUNDRED));
}

/**
 * Annual percentage yield as Regulation DD discloses it (percent, rounded half-up to 2 decimals):
 * daily -> (1 + r/365)^365 - 1; annual -> r; simple held to maturity for termDays ->
 * (1 + r x termDays/365)^(365/termDays) - 1.
 */
export function cdApy(input: z.input<typeof CdApyRequest>): string {
  const { rate, compounding, termDays } = parseOrThrow(CdApyRequest, input);
  return apyOf(new Decimal(rate), compounding, termDays ?? DAYS_PER_YEAR);
}

export const CdMaturityRequest = z.object({
  principal: PositiveMoneyString,
  rate: RateString,
  compounding: CompoundingSchema,
  termDays: wholeNumber(1, 36_500),
});

/** Interest and value at maturity of a CD held for termDays (365-day year), rounded half-up to cents. */
export function cdMaturity(input: z.input<typeof CdMaturityRequest>): { interest: string; maturityValue: string; apy: string } {
  const { principal, rate, compounding, termDays } = parseOrThrow(CdMaturityRequest, input);
  const amount = new Decimal(principal);
  const maturityValue = roundMoney(amount.times(growthOver(new Decimal(rate), compounding, termDays)));
  return {
    interest: formatMoney(maturityValue.minus(amount)),
    maturityValue: formatMoney(maturityValue),
    apy: apyOf(new Decimal(rate), compounding, termDays),
  };
}
