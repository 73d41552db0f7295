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
// - Rounding. Exact arithmetic (scaled integers: projection-engine.ts, fixed-point.ts); the account
//   value is rounded half-up to cents at each anniversary and the next year compounds on the
//   rounded value (what a contract statement shows). Every money amount is a string with exactly
//   2 decimals.
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
import { Decimal } from './decimal.js';
import { formatScaled } from './fixed-point.js';
import { fixedTermsOf, projectFixed } from './projection-engine.js';
import { projectWithWithdrawals } from './projection-ledger.js';
import {
  CompoundingSchema,
  MAX_PENALTY_MONTHS,
  MAX_TERM_YEARS,
  NonforfeitureRateString,
  type ProductType,
  ProductTypeSchema,
  termRuleIssues,
  type Compounding,
} from './catalog.js';
import { parseOrThrow, typeMessage } from './errors.js';
import { IsoDateString, PercentString, RateString } from './validation/decimal-strings.js';
import { horizonYears, Premium } from './comparison-limits.js';
import { wholeNumberBetween } from './validation/whole-numbers.js';
import { ProjectedWithdrawals, WithdrawalPlan, WithdrawalRowFields, withdrawalPlanIssues } from './withdrawals.js';

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
  // Field by field, in the order a spread gave, without the spreads: this runs for every column of every comparison.
  const terms: Record<string, unknown> = product.productType === undefined ? {} : { productType: product.productType };
  terms.baseRate = product.baseRate;
  terms.bonusRate = product.bonusRate;
  terms.bonusYears = product.bonusYears;
  terms.termYears = product.termYears;
  terms.guaranteedMinimumRate = product.guaranteedMinimumRate;
  terms.compounding = product.compounding;
  terms.surrenderSchedule = product.surrenderSchedule.slice();
  terms.returnOfPremium = product.returnOfPremium;
  terms.returnOfPremiumPct = product.returnOfPremiumPercentage;
  if (product.nonforfeitureRate !== undefined) terms.nonforfeitureRate = product.nonforfeitureRate;
  if (product.brokered !== undefined) terms.brokered = product.brokered;
  if (product.earlyWithdrawalPenaltyMonths !== undefined) terms.earlyWithdrawalPenaltyMonths = product.earlyWithdrawalPenaltyMonths;
  if (product.freeWithdrawalPercent !== undefined) terms.freeWithdrawalPercent = product.freeWithdrawalPercent;
  return terms as ProjectionProduct;
}

/** Projects a premium year by year. Throws ValidationError (naming the field) on bad input. */
export function projectGrowth(input: ProjectionRequestInput): Projection {
  return projectValidated(parseOrThrow(ProjectionRequest, input));
}

/** For input already validated against ProjectionRequest (compareProducts validates once for all products). */
export function projectValidated(request: ProjectionRequest): Projection {
  const terms = fixedTermsOf(request);
  const { withdrawals } = request;
  const projected: { rows: ProjectionRow[]; effectiveAnnualYield: string; withdrawals?: ProjectedWithdrawals } =
    withdrawals === undefined ? projectFixed(request, terms) : projectWithWithdrawals({ ...request, withdrawals }, terms);
  return {
    rulesVersion: PROJECTION_RULES_VERSION,
    premium: formatScaled(terms.premium, 2),
    years: request.years,
    startDate: request.startDate,
    compounding: request.product.compounding,
    rows: projected.rows,
    effectiveAnnualYield: projected.effectiveAnnualYield,
    yieldYears: terms.yieldYears,
    apy: terms.apy,
    ...(projected.withdrawals === undefined ? {} : { withdrawals: projected.withdrawals }),
  };
}
