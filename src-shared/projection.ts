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
//   least premium x returnOfPremiumPct/100 (rounded to cents), but never above the account value.
// - Nonforfeiture (annuities, NAIC Model 805): the surrender value is never below 87.5% of the
//   premium accumulated at the nonforfeiture rate, rounded half-up to cents each year; the statute
//   guarantees it even where it exceeds the account value.
// - CDs have no surrender schedule in this sense. A bank CD withdrawn before maturity pays its
//   account value less earlyWithdrawalPenaltyMonths of interest (cd-math.ts); a brokered CD has no
//   value before maturity but its market price, which nobody can project: surrenderValue and
//   surrenderCharge are null until maturity.
// - Withdrawals (optional; withdrawals.ts): annual withdrawals at the start of each contract year,
//   charged on the excess over the free amount; without them every figure is as described here.
// - effectiveAnnualYield = (V_n / premium)^(1/n) - 1 in percent with 4 decimals, where n is the
//   end of the surrender period (schedule length, or termYears when there is no schedule),
//   capped at `years`, and V_n is the account value. For 'simple' it is the internal rate of
//   return of the paid-out interest and the principal (never below the stated rate).
// - apy: the year-1 rate expressed as a Regulation DD APY (cdApy), meaningful for CDs.
import { z } from 'zod';
import { Decimal, HUNDRED, ONE, ZERO, formatMoney, formatRate, maxDecimal, minDecimal, roundMoney } from './decimal.js';
import { addYears } from './dates.js';
import {
  CompoundingSchema,
  MAX_PENALTY_MONTHS,
  MAX_TERM_YEARS,
  NonforfeitureRateString,
  ProductType,
  ProductTypeSchema,
  isBankCd,
  isBrokeredCd,
  nonforfeitureRateOf,
  termRuleIssues,
  type Compounding,
} from './catalog.js';
import { parseOrThrow, typeMessage } from './errors.js';
import { IsoDateString, PercentString, RateString } from './validation/decimal-strings.js';
import { horizonYears, Premium } from './comparison-limits.js';
import { DAYS_PER_YEAR, apyOf, earlyWithdrawalPenalty, paidOutInterestYield } from './cd-math.js';
import { wholeNumberBetween } from './validation/whole-numbers.js';
import { DEFAULT_FREE_WITHDRAWAL_PERCENT, ProjectedWithdrawals, WithdrawalPlan, WithdrawalRowFields, withdrawalLedger, withdrawalPlanIssues, type Floors } from './withdrawals.js';

// The CD functions lived here first; callers still import them from the engine.
export { CdApyRequest, CdMaturityRequest, cdApy, cdMaturity } from './cd-math.js';

/** Recorded with saved comparisons so a reprint can tell which rules produced the numbers. */
// 2: a fixed indexed annuity's base rate is no longer shown as guaranteed (see projectValidated).
// 3: the nonforfeiture floor on annuity surrender values, a bank CD's early-withdrawal penalty, no
//    surrender value for a brokered CD before maturity, the yield of a simple-interest CD as the
//    internal rate of return (docs/projection-rules.md). Records made under /2 are shown as stored.
// 4: optional withdrawals, the hypothetical MVA scenarios and the FIA historical periods in a
//    comparison (src-shared/illustration/). Figures without those inputs are those of /3.
export const PROJECTION_RULES_VERSION = 'projection-rules/4';
/** The version before the illustration sections; its records still verify (server/sync/verify-figures.ts). */
export const PREVIOUS_PROJECTION_RULES_VERSION = 'projection-rules/3';

/** Model 805: the minimum nonforfeiture amount is based on 87.5% of premium. */
export const NONFORFEITURE_SHARE = new Decimal('0.875');

/** The product terms a projection needs (see projectionTermsOf for building them from a Product). */
export const ProjectionProduct = z
  .object({
    /** Decides what the contract guarantees; left out, the base rate is guaranteed for the term (MYGA, CD). */
    productType: ProductTypeSchema.optional(),
    baseRate: RateString,
    bonusRate: RateString,
    bonusYears: wholeNumberBetween(0, MAX_TERM_YEARS).default(1),
    termYears: wholeNumberBetween(1, MAX_TERM_YEARS),
    guaranteedMinimumRate: RateString,
    compounding: CompoundingSchema,
    surrenderSchedule: z.array(PercentString, { error: typeMessage('a list of percentages') }),
    returnOfPremium: z.boolean({ error: typeMessage('true or false') }),
    returnOfPremiumPct: PercentString.nullable().optional(),
    /** Annuities only (absent: NONFORFEITURE_DEFAULT_RATE); see catalog.ts. */
    nonforfeitureRate: NonforfeitureRateString.optional(),
    /** CDs only; absent: a CD paying simple interest is brokered. */
    brokered: z.boolean({ error: typeMessage('true or false') }).optional(),
    /** A bank CD's penalty in months of interest; absent or null: none. */
    earlyWithdrawalPenaltyMonths: wholeNumberBetween(0, MAX_PENALTY_MONTHS).nullable().optional(),
    /** Annuities: the share of the contract-year-start value free of surrender charges; used only with withdrawals (absent: 10). */
    freeWithdrawalPercent: PercentString.optional(),
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

export const ProjectionRequest = z
  .object({
    premium: Premium,
    years: horizonYears('a whole number'),
    /** Contract date; anniversaries fall on the same month and day. */
    startDate: IsoDateString,
    product: ProjectionProduct,
    /** Optional annual withdrawals (withdrawals.ts); without them every figure is as before. */
    withdrawals: WithdrawalPlan.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.withdrawals === undefined) return;
    for (const issue of withdrawalPlanIssues(value.withdrawals, value.years, value.product)) ctx.addIssue({ code: 'custom', ...issue });
  });
/** What callers pass (bonusYears may be left out and defaults to 1). */
export type ProjectionRequestInput = z.input<typeof ProjectionRequest>;
export type ProjectionRequest = z.infer<typeof ProjectionRequest>;

const Money = z.string().regex(/^\d+\.\d{2}$/, 'must be an amount with exactly 2 decimals');
const Percent4 = z.string().regex(/^\d+\.\d{4}$/, 'must be a percent with exactly 4 decimals');
/** A yield after withdrawals and their charges can be below zero. */
const SignedPercent4 = z.string().regex(/^-?\d+\.\d{4}$/, 'must be a percent with exactly 4 decimals');
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
  /** Null for a brokered CD before maturity: it is sold at a market price, not surrendered. */
  surrenderCharge: Money.nullable(),
  /** Surrender value (annuity), value if withdrawn early (bank CD); null for a brokered CD before maturity. */
  surrenderValue: Money.nullable(),
  guaranteedAccountValue: Money,
  guaranteedInterestCredited: Money,
  guaranteedCumulativeInterest: Money,
  guaranteedSurrenderValue: Money.nullable(),
  ...WithdrawalRowFields,
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
  effectiveAnnualYield: SignedPercent4,
  /** The n used for effectiveAnnualYield. */
  yieldYears: z.int(),
  /** Year-1 rate as a Regulation DD APY, percent, 2 decimals. */
  apy: Percent2,
  /** Present only when the request had withdrawals. */
  withdrawals: ProjectedWithdrawals.optional(),
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
  nonforfeitureRate?: string | undefined;
  brokered?: boolean | undefined;
  earlyWithdrawalPenaltyMonths?: number | null | undefined;
  freeWithdrawalPercent?: string | undefined;
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
    ...(product.nonforfeitureRate === undefined ? {} : { nonforfeitureRate: product.nonforfeitureRate }),
    ...(product.brokered === undefined ? {} : { brokered: product.brokered }),
    ...(product.earlyWithdrawalPenaltyMonths === undefined ? {} : { earlyWithdrawalPenaltyMonths: product.earlyWithdrawalPenaltyMonths }),
    ...(product.freeWithdrawalPercent === undefined ? {} : { freeWithdrawalPercent: product.freeWithdrawalPercent }),
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
  const kind = { productType: product.productType ?? ProductType.MYGA, compounding: product.compounding, brokered: product.brokered };
  const cd = kind.productType === ProductType.CD;
  const brokeredCd = isBrokeredCd(kind);
  const penaltyMonths = isBankCd(kind) ? (product.earlyWithdrawalPenaltyMonths ?? 0) : 0;
  // Model 805 applies to annuities (a productType left out is taken as one, as everywhere here).
  const nonforfeitureFactor = cd ? null : ONE.plus(new Decimal(nonforfeitureRateOf(product)).dividedBy(HUNDRED));
  let nonforfeitureFloor = roundMoney(premium.times(NONFORFEITURE_SHARE));

  const grow = (basis: Basis, ratePercent: Decimal): { next: Basis; interest: Decimal } => {
    if (simple) {
      const interest = roundMoney(premium.times(ratePercent).dividedBy(HUNDRED));
      return { next: { accountValue: premium, cumulativeInterest: basis.cumulativeInterest.plus(interest) }, interest };
    }
    const accountValue = roundMoney(basis.accountValue.times(factor(ratePercent)));
    const interest = accountValue.minus(basis.accountValue);
    return { next: { accountValue, cumulativeInterest: basis.cumulativeInterest.plus(interest) }, interest };
  };

  const surrender = (accountValue: Decimal, chargePercent: Decimal, year: number, ratePercent: Decimal): { value: Decimal | null; charge: Decimal | null } => {
    const matured = year >= product.termYears;
    if (cd) {
      if (matured) return { value: accountValue, charge: ZERO };
      if (brokeredCd) return { value: null, charge: null };
      const penalty = minDecimal(earlyWithdrawalPenalty(accountValue, ratePercent, penaltyMonths), accountValue);
      return { value: accountValue.minus(penalty), charge: penalty };
    }
    return annuitySurrender(accountValue, chargePercent, { rop: floor, statutory: nonforfeitureFactor === null ? null : nonforfeitureFloor });
  };

  const ledger =
    request.withdrawals === undefined
      ? null
      : withdrawalLedger(startDate, {
          premium,
          plan: request.withdrawals,
          freePercent: new Decimal(product.freeWithdrawalPercent ?? DEFAULT_FREE_WITHDRAWAL_PERCENT),
          ropPercent: floor === null ? null : new Decimal(product.returnOfPremiumPct ?? '0'),
          statutoryStart: nonforfeitureFloor,
          statutoryFactor: nonforfeitureFactor,
          grow: (value, ratePercent) => roundMoney(value.times(factor(ratePercent))),
          surrender: annuitySurrender,
        });

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
    if (nonforfeitureFactor !== null) nonforfeitureFloor = roundMoney(nonforfeitureFloor.times(nonforfeitureFactor));

    if (ledger !== null) {
      rows.push(ledger.row(year, guaranteed, rate, guaranteedRate, chargePercent));
      continue;
    }

    const currentStep = grow(current, rate);
    const guaranteedStep = guaranteed ? currentStep : grow(guaranteedBasis, guaranteedRate);
    current = currentStep.next;
    guaranteedBasis = guaranteedStep.next;
    const currentSurrender = surrender(current.accountValue, chargePercent, year, rate);
    const guaranteedSurrender = guaranteed ? currentSurrender : surrender(guaranteedBasis.accountValue, chargePercent, year, guaranteedRate);

    rows.push({
      year,
      anniversaryDate: addYears(startDate, year),
      guaranteed,
      rate: formatRate(rate),
      guaranteedRate: formatRate(guaranteedRate),
      accountValue: formatMoney(current.accountValue),
      interestCredited: formatMoney(currentStep.interest),
      cumulativeInterest: formatMoney(current.cumulativeInterest),
      surrenderCharge: moneyOrNull(currentSurrender.charge),
      surrenderValue: moneyOrNull(currentSurrender.value),
      guaranteedAccountValue: formatMoney(guaranteedBasis.accountValue),
      guaranteedInterestCredited: formatMoney(guaranteedStep.interest),
      guaranteedCumulativeInterest: formatMoney(guaranteedBasis.cumulativeInterest),
      guaranteedSurrenderValue: moneyOrNull(guaranteedSurrender.value),
    });
  }

  const yieldYears = Math.min(product.surrenderSchedule.length || product.termYears, years);
  const yieldRow = rows[yieldYears - 1];
  // Paid-out interest earns nothing in the projection, so compounding it into a final value would
  // understate the yield; the internal rate of return of the cash flows is what the client earns.
  const effectiveAnnualYield = ledger
    ? ledger.yieldOver(yieldYears)
    : simple
      ? paidOutInterestYield(premium, rows.slice(0, yieldYears).map((row) => new Decimal(row.interestCredited)))
      : annualizedPercent((yieldRow ? new Decimal(yieldRow.accountValue) : premium).dividedBy(premium), yieldYears);

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
    ...(ledger === null ? {} : { withdrawals: ledger.summary }),
  };
}

/**
 * An annuity's surrender value: the schedule's charge on the whole value, then the return-of-premium
 * floor (never above the value), then the statutory floor, which the law guarantees even above it.
 */
function annuitySurrender(accountValue: Decimal, chargePercent: Decimal, floors: Floors): { value: Decimal; charge: Decimal } {
  const beforeFloor = roundMoney(accountValue.times(HUNDRED.minus(chargePercent)).dividedBy(HUNDRED));
  const floored = floors.rop === null ? beforeFloor : maxDecimal(beforeFloor, floors.rop);
  const capped = minDecimal(floored, accountValue);
  const value = floors.statutory === null ? capped : maxDecimal(capped, floors.statutory);
  return { value, charge: accountValue.minus(beforeFloor) };
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

function moneyOrNull(value: Decimal | null): string | null {
  return value === null ? null : formatMoney(value);
}

function year1Rate(product: ProjectionProduct, base: Decimal, bonus: Decimal): Decimal {
  return product.bonusYears >= 1 ? base.plus(bonus) : base;
}
