// Free withdrawals in a projection (issue 13, docs/projection-rules.md "Free withdrawals"). Pure.
//
// - Timing: a withdrawal is taken at the start of its contract year, right after the anniversary,
//   so that year's interest is credited on the value left. The free amount is a share of that same
//   contract-year-start value (the product's freeWithdrawalPercent; absent: 10%).
// - Charge: SC_k x (withdrawal - free amount, when positive), rounded half-up to cents, taken out of
//   the withdrawal: the account value falls by the whole withdrawal, the client receives it less
//   the charge.
// - A withdrawal of the whole value or more is a full surrender at the start of the year: it takes
//   the value, the client receives the surrender value then (charge on the whole value, floors as
//   of the last anniversary), and the contract ends; later rows are all zero.
// - Floors after withdrawals: return of premium on premium less withdrawals; the Model 805 floor
//   accumulates 87.5% of the premium less each withdrawal at the nonforfeiture rate.
import { z } from 'zod';
import { Decimal, HUNDRED, ZERO, formatMoney, formatRate, maxDecimal, minDecimal, roundMoney } from './decimal.js';
import { addYears } from './dates.js';
import { typeMessage } from './errors.js';
import type { ProjectionRow } from './projection.js';
import { PercentString, PositiveMoneyString } from './validation/decimal-strings.js';

/** A contract without a free-withdrawal percent in its terms: 10% of the year-start value, the common MYGA provision. */
export const DEFAULT_FREE_WITHDRAWAL_PERCENT = '10';

/** An annual withdrawal: an amount or a percent of the contract-year-start value, from startYear on. */
export const WithdrawalPlan = z
  .object({
    /** Dollars each year (the gross amount taken from the account value). */
    amount: PositiveMoneyString.optional(),
    /** Percent of the account value at the start of each contract year, above 0 and at most 100. */
    percent: PercentString.optional(),
    /** The first contract year with a withdrawal, 1..years (checked against the request's years). */
    startYear: z.int({ error: typeMessage('a whole number') }).min(1, 'must be at least 1'),
  })
  .superRefine((plan, ctx) => {
    if (plan.amount !== undefined && plan.percent !== undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'must give either amount or percent, not both' });
    } else if (plan.amount === undefined && plan.percent === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'must give an amount or a percent' });
    } else if (plan.percent !== undefined && /^\d/.test(plan.percent) && new Decimal(plan.percent).isZero()) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'must be greater than 0' });
    }
  });
export type WithdrawalPlan = z.infer<typeof WithdrawalPlan>;

/** Why a plan cannot go with these terms, as [path under the request, message] pairs. */
export function withdrawalPlanIssues(plan: WithdrawalPlan, years: number, product: { productType?: string | undefined; compounding: string }): { path: PropertyKey[]; message: string }[] {
  const issues: { path: PropertyKey[]; message: string }[] = [];
  if (plan.startYear > years) issues.push({ path: ['withdrawals', 'startYear'], message: `must be at most the projection years (${years})` });
  // A CD has an early-withdrawal penalty on the whole deposit, not free withdrawals; paid-out
  // (simple) interest never accumulates a value to withdraw from.
  if (product.productType === 'CD') issues.push({ path: ['withdrawals'], message: 'are illustrated for annuities only, not for a CD' });
  else if (product.compounding === 'simple') issues.push({ path: ['withdrawals'], message: 'are not illustrated with simple (paid-out) interest' });
  return issues;
}

const Money = z.string().regex(/^\d+\.\d{2}$/, 'must be an amount with exactly 2 decimals');

/** The row fields present only when the projection has withdrawals. */
export const WithdrawalRowFields = {
  /** Free amount of the year, current basis: freeWithdrawalPercent of the year-start value. */
  freeWithdrawalAmount: Money.optional(),
  /** Taken from the account value at the start of the year (gross), current basis. */
  withdrawal: Money.optional(),
  /** Surrender charge on the part above the free amount (whole value on a full surrender), before floors. */
  withdrawalCharge: Money.optional(),
  /** What the client receives. */
  withdrawalPaid: Money.optional(),
  /** True from the year a withdrawal took the whole value: the contract has ended, values are 0. */
  contractEnded: z.boolean().optional(),
  guaranteedFreeWithdrawalAmount: Money.optional(),
  guaranteedWithdrawal: Money.optional(),
  guaranteedWithdrawalCharge: Money.optional(),
  guaranteedWithdrawalPaid: Money.optional(),
  guaranteedContractEnded: z.boolean().optional(),
};

/** Echoed on the projection when it has withdrawals: the plan as used and the free percent applied. */
export const ProjectedWithdrawals = z.object({
  amount: Money.optional(),
  percent: z.string().optional(),
  startYear: z.int(),
  freeWithdrawalPercent: z.string(),
});
export type ProjectedWithdrawals = z.infer<typeof ProjectedWithdrawals>;

/** The plan as the projection echoes it: amounts with 2 decimals, percents with 4. */
export function projectedWithdrawals(plan: WithdrawalPlan, freePercent: Decimal): ProjectedWithdrawals {
  return {
    ...(plan.amount === undefined ? {} : { amount: formatMoney(new Decimal(plan.amount)) }),
    ...(plan.percent === undefined ? {} : { percent: formatRate(new Decimal(plan.percent)) }),
    startYear: plan.startYear,
    freeWithdrawalPercent: formatRate(freePercent),
  };
}

/** One basis (current or guaranteed) of a projection with withdrawals. */
export interface WithdrawalBasis {
  accountValue: Decimal;
  cumulativeInterest: Decimal;
  /** Gross withdrawals so far (return of premium is on premium less these). */
  withdrawn: Decimal;
  /** Model 805 amount at the last anniversary: 87.5% of premium less withdrawals, accumulated; may go below 0. */
  statutory: Decimal;
  ended: boolean;
}

export interface Floors {
  /** Return-of-premium floor, capped at the value; null: none. */
  rop: Decimal | null;
  /** Model 805 floor, not capped; null: not an annuity. */
  statutory: Decimal | null;
}

export interface WithdrawalTerms {
  premium: Decimal;
  plan: WithdrawalPlan;
  freePercent: Decimal;
  /** Return-of-premium percent, or null. */
  ropPercent: Decimal | null;
  /** 87.5% of the premium, rounded to cents (Model 805's starting amount). */
  statutoryStart: Decimal;
  /** 1 + nonforfeiture rate, or null (no statutory floor). */
  statutoryFactor: Decimal | null;
  /** The year's rounded value after crediting `ratePercent` on `value`. */
  grow: (value: Decimal, ratePercent: Decimal) => Decimal;
  /** Surrender value and contractual charge of `value` at `chargePercent` under `floors`. */
  surrender: (value: Decimal, chargePercent: Decimal, floors: Floors) => { value: Decimal; charge: Decimal };
}

export interface WithdrawalYear {
  next: WithdrawalBasis;
  interest: Decimal;
  surrenderValue: Decimal;
  surrenderCharge: Decimal;
  free: Decimal;
  withdrawal: Decimal;
  charge: Decimal;
  paid: Decimal;
}

/** Both bases year by year, the rows, and the client's yield over the first `years` years. */
export function withdrawalLedger(startDate: string, terms: WithdrawalTerms) {
  let current: WithdrawalBasis = { accountValue: terms.premium, cumulativeInterest: ZERO, withdrawn: ZERO, statutory: terms.statutoryStart, ended: false };
  let guaranteedBasis = current;
  const paid: Decimal[] = [];
  const values: Decimal[] = [];
  return {
    summary: projectedWithdrawals(terms.plan, terms.freePercent),
    /** `guaranteed`: the declared rate is the guarantee this year, so both bases are one (as in projection.ts). */
    row(year: number, guaranteed: boolean, rate: Decimal, guaranteedRate: Decimal, chargePercent: Decimal): ProjectionRow {
      const step = withdrawalYear(terms, current, year, rate, chargePercent);
      const guaranteedStep = guaranteed ? step : withdrawalYear(terms, guaranteedBasis, year, guaranteedRate, chargePercent);
      current = step.next;
      guaranteedBasis = guaranteedStep.next;
      paid.push(step.paid);
      values.push(current.accountValue);
      return withdrawalRow(year, startDate, guaranteed, rate, guaranteedRate, step, guaranteedStep);
    },
    yieldOver(years: number): Decimal {
      return withdrawalYield(terms.premium, paid.slice(0, years), values[years - 1] ?? terms.premium);
    },
  };
}

function floorsOf(terms: WithdrawalTerms, basis: WithdrawalBasis): Floors {
  const left = maxDecimal(terms.premium.minus(basis.withdrawn), ZERO);
  return {
    rop: terms.ropPercent === null ? null : roundMoney(left.times(terms.ropPercent).dividedBy(HUNDRED)),
    statutory: terms.statutoryFactor === null ? null : maxDecimal(basis.statutory, ZERO),
  };
}

/** Contract year `year` of one basis: the withdrawal at its start, then the year's interest. */
export function withdrawalYear(terms: WithdrawalTerms, basis: WithdrawalBasis, year: number, ratePercent: Decimal, chargePercent: Decimal): WithdrawalYear {
  const start = basis.accountValue;
  if (basis.ended) {
    return { next: basis, interest: ZERO, surrenderValue: ZERO, surrenderCharge: ZERO, free: ZERO, withdrawal: ZERO, charge: ZERO, paid: ZERO };
  }
  const free = roundMoney(start.times(terms.freePercent).dividedBy(HUNDRED));
  const { plan } = terms;
  const requested =
    year < plan.startYear ? ZERO : plan.amount !== undefined ? new Decimal(plan.amount) : roundMoney(start.times(plan.percent ?? '0').dividedBy(HUNDRED));

  if (requested.greaterThanOrEqualTo(start)) {
    const surrendered = terms.surrender(start, chargePercent, floorsOf(terms, basis));
    const next = { ...basis, accountValue: ZERO, withdrawn: basis.withdrawn.plus(start), statutory: ZERO, ended: true };
    return { next, interest: ZERO, surrenderValue: ZERO, surrenderCharge: ZERO, free, withdrawal: start, charge: surrendered.charge, paid: surrendered.value };
  }

  const excess = maxDecimal(requested.minus(free), ZERO);
  const charge = minDecimal(roundMoney(excess.times(chargePercent).dividedBy(HUNDRED)), requested);
  const left = start.minus(requested);
  const accountValue = terms.grow(left, ratePercent);
  const interest = accountValue.minus(left);
  const statutory = terms.statutoryFactor === null ? ZERO : roundMoney(basis.statutory.minus(requested).times(terms.statutoryFactor));
  const next: WithdrawalBasis = {
    accountValue,
    cumulativeInterest: basis.cumulativeInterest.plus(interest),
    withdrawn: basis.withdrawn.plus(requested),
    statutory,
    ended: false,
  };
  const surrendered = terms.surrender(accountValue, chargePercent, floorsOf(terms, next));
  return { next, interest, surrenderValue: surrendered.value, surrenderCharge: surrendered.charge, free, withdrawal: requested, charge, paid: requested.minus(charge) };
}

/** The row fields of one basis, named for the current basis or prefixed "guaranteed". */
export function withdrawalRowFields(current: WithdrawalYear, guaranteed: WithdrawalYear): Required<{ [K in keyof typeof WithdrawalRowFields]: NonNullable<z.infer<(typeof WithdrawalRowFields)[K]>> }> {
  return {
    freeWithdrawalAmount: formatMoney(current.free),
    withdrawal: formatMoney(current.withdrawal),
    withdrawalCharge: formatMoney(current.charge),
    withdrawalPaid: formatMoney(current.paid),
    contractEnded: current.next.ended,
    guaranteedFreeWithdrawalAmount: formatMoney(guaranteed.free),
    guaranteedWithdrawal: formatMoney(guaranteed.withdrawal),
    guaranteedWithdrawalCharge: formatMoney(guaranteed.charge),
    guaranteedWithdrawalPaid: formatMoney(guaranteed.paid),
    guaranteedContractEnded: guaranteed.next.ended,
  };
}

/** A projection row with withdrawals (the columns of projection.ts plus the withdrawal fields). */
function withdrawalRow(year: number, startDate: string, guaranteed: boolean, rate: Decimal, guaranteedRate: Decimal, step: WithdrawalYear, guaranteedStep: WithdrawalYear): ProjectionRow {
  return {
    year,
    anniversaryDate: addYears(startDate, year),
    guaranteed,
    rate: formatRate(rate),
    guaranteedRate: formatRate(guaranteedRate),
    accountValue: formatMoney(step.next.accountValue),
    interestCredited: formatMoney(step.interest),
    cumulativeInterest: formatMoney(step.next.cumulativeInterest),
    surrenderCharge: formatMoney(step.surrenderCharge),
    surrenderValue: formatMoney(step.surrenderValue),
    guaranteedAccountValue: formatMoney(guaranteedStep.next.accountValue),
    guaranteedInterestCredited: formatMoney(guaranteedStep.interest),
    guaranteedCumulativeInterest: formatMoney(guaranteedStep.next.cumulativeInterest),
    guaranteedSurrenderValue: formatMoney(guaranteedStep.surrenderValue),
    ...withdrawalRowFields(step, guaranteedStep),
  };
}

const IRR_TOLERANCE = new Decimal('1e-12');
const IrrDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/**
 * The client's internal rate of return, in percent: pay `premium` at issue, receive paid[k-1] at
 * the start of year k (time k-1) and `finalValue` at time paid.length. With no flow after issue
 * (the contract ended at once) there is no annual rate; it is then the return on the premium.
 */
export function withdrawalYield(premium: Decimal, paid: readonly Decimal[], finalValue: Decimal): Decimal {
  const flows = paid.map((amount) => new IrrDecimal(amount.toString()));
  flows.push(new IrrDecimal(finalValue.toString()));
  flows[0] = (flows[0] ?? new IrrDecimal(0)).minus(premium.toString());
  if (flows.slice(1).every((flow) => flow.isZero())) {
    return new Decimal(flows[0]?.dividedBy(premium.toString()).times(100).toString() ?? '0');
  }
  const presentValue = (rate: Decimal): Decimal => {
    const discount = new IrrDecimal(1).dividedBy(new IrrDecimal(1).plus(rate));
    let factor = new IrrDecimal(1);
    let total = new IrrDecimal(0);
    for (const flow of flows) {
      total = total.plus(flow.times(factor));
      factor = factor.times(discount);
    }
    return total;
  };
  // Only the first flow is negative, so the present value falls as the rate rises: one root.
  let low = new IrrDecimal('-0.9999');
  let high = new IrrDecimal(1);
  while (high.minus(low).greaterThan(IRR_TOLERANCE)) {
    const middle = low.plus(high).dividedBy(2);
    if (presentValue(middle).greaterThan(0)) low = middle;
    else high = middle;
  }
  return new Decimal(low.plus(high).dividedBy(2).times(100).toString());
}
