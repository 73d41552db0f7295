// Certificate-of-deposit arithmetic (Regulation DD, 12 CFR 1030 Appendix A): the annual percentage
// yield, interest to maturity, a bank CD's early-withdrawal penalty and the yield of a CD whose
// interest is paid out. Split from projection.ts, which uses it. Pure; exact decimal arithmetic.
import { z } from 'zod';
import { Decimal, HUNDRED, ONE, ZERO, formatMoney, formatPercent2, roundMoney } from './decimal.js';
import { CompoundingSchema, type Compounding } from './catalog.js';
import { parseOrThrow } from './errors.js';
import { PositiveMoneyString, RateString } from './validation/decimal-strings.js';
import { wholeNumberBetween } from './validation/whole-numbers.js';

export const DAYS_PER_YEAR = 365;

/** Growth of 1 over `days` at `ratePercent` (annual percent), with principal and interest left on deposit. */
function growthOver(ratePercent: Decimal, compounding: Compounding, days: number): Decimal {
  const rate = ratePercent.dividedBy(HUNDRED);
  if (compounding === 'daily') return ONE.plus(rate.dividedBy(DAYS_PER_YEAR)).pow(days);
  if (compounding === 'annual') return ONE.plus(rate).pow(new Decimal(days).dividedBy(DAYS_PER_YEAR));
  return ONE.plus(rate.times(days).dividedBy(DAYS_PER_YEAR));
}

/** Regulation DD Appendix A: APY = 100 x [(1 + interest/principal)^(365/days in term) - 1], half-up to 2 decimals. */
export function apyOf(ratePercent: Decimal, compounding: Compounding, days: number): string {
  const growth = growthOver(ratePercent, compounding, days);
  return formatPercent2(growth.pow(new Decimal(DAYS_PER_YEAR).dividedBy(days)).minus(ONE).times(HUNDRED));
}

export const CdApyRequest = z.object({
  rate: RateString,
  compounding: CompoundingSchema,
  /** Days from deposit to maturity; defaults to 365. Only changes the result for 'simple'. */
  termDays: wholeNumberBetween(1, 36_500).optional(),
});
export type CdApyRequest = z.infer<typeof CdApyRequest>;

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
  termDays: wholeNumberBetween(1, 36_500),
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

/**
 * A bank CD's early-withdrawal penalty: `months` of interest at the CD's rate on the amount
 * withdrawn (the whole balance), simple interest, rounded half-up to cents. Contracts word it
 * either on the amount withdrawn or on the principal; the balance is the larger, so the value
 * shown if withdrawn early is never more than the contract would pay.
 */
export function earlyWithdrawalPenalty(balance: Decimal, ratePercent: Decimal, months: number): Decimal {
  return roundMoney(balance.times(ratePercent).dividedBy(HUNDRED).times(months).dividedBy(12));
}

// Bisection to 1e-12 of a rate: far below the 4th decimal of a percent the yield is shown with.
const IRR_TOLERANCE = new Decimal('1e-12');
const IrrDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/**
 * The internal rate of return, in percent, of a CD whose interest is paid out: pay `principal`
 * now, receive payments[k-1] at the end of year k and the principal back at the end of the last
 * year. With the same payment every year it is that payment over the principal (a bond at par), so
 * a 5-year 5% CD yields 5.0000%, never less than its stated rate (compounding the payouts into a
 * final value would show 4.5640%, as if the interest sat idle).
 */
export function paidOutInterestYield(principal: Decimal, payments: readonly Decimal[]): Decimal {
  const p = new IrrDecimal(principal.toString());
  const flows = payments.map((payment) => new IrrDecimal(payment.toString()));
  const presentValue = (rate: Decimal): Decimal => {
    const discount = new IrrDecimal(1).dividedBy(new IrrDecimal(1).plus(rate));
    let factor = new IrrDecimal(1);
    let total = new IrrDecimal(0);
    flows.forEach((flow, index) => {
      factor = factor.times(discount);
      total = total.plus((index === flows.length - 1 ? flow.plus(p) : flow).times(factor));
    });
    return total;
  };
  if (flows.length === 0) return ZERO;
  // Payments are never negative, so the present value falls as the rate rises and the root is unique.
  let low = new IrrDecimal(0);
  let high = new IrrDecimal(1);
  while (high.minus(low).greaterThan(IRR_TOLERANCE)) {
    const middle = low.plus(high).dividedBy(2);
    if (presentValue(middle).greaterThan(p)) low = middle;
    else high = middle;
  }
  return new Decimal(low.plus(high).dividedBy(2).times(100).toString());
}
