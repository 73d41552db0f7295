// The projection's yields, exactly as the decimal.js engine printed them, without its cost.
//
// Both yields are printed to 4 decimals of a percent, i.e. a rate rounded half-up to 10^-6. The
// decimal.js engine got them from a 30-digit fractional power (effective annual yield) and a
// 40-digit bisection to 1e-12 (a simple-interest CD's internal rate of return); either lands
// within 1e-12 of the true value. So when the true value is more than a margin (1e-11 or 1e-20)
// away from a rounding boundary, the printed figure is the true value rounded, and exact integer
// comparisons prove on which side of both boundaries it lies. A double-precision estimate only
// proposes the digits; it never decides them. When the proof fails (a value on or next to a
// boundary, which real inputs almost never give), the decimal.js computation itself runs.
import { Decimal, HUNDRED, ONE, formatRate } from './decimal.js';
import { paidOutInterestYield } from './cd-math.js';
import { formatScaled, pow10 } from './fixed-point.js';

const MICRO_PER_UNIT = 1_000_000;

/** Candidate rounded to 10^-6 of an estimate, or null when the estimate is no number. */
function candidate(estimate: number): bigint | null {
  return Number.isFinite(estimate) ? BigInt(Math.round(estimate * MICRO_PER_UNIT)) : null;
}

/**
 * The effective annual yield in percent with 4 decimals: (value / premium)^(1/years) - 1, for
 * amounts in cents (premium > 0).
 */
export function annualizedYieldText(valueCents: bigint, premiumCents: bigint, years: number): string {
  const root = candidate(Math.pow(Number(valueCents) / Number(premiumCents), 1 / years));
  if (root !== null && rootIsProven(root, valueCents, premiumCents, years)) return formatScaled(root - 1_000_000n, 4);
  return formatRate(decimalAnnualizedPercent(new Decimal(valueCents.toString()).dividedBy(premiumCents.toString()), years));
}

// The boundaries (2q -+ 1) / 2e6 at scale 10^20, moved inwards by 10^-20: decimal.js's 30-digit
// power is good to about 1e-28, far inside that margin.
const ROOT_SCALE_DIGITS = 20;
const ROOT_HALF_STEP = pow10(ROOT_SCALE_DIGITS) / 2_000_000n;

/** Whether value/premium lies within [lo^n, hi^n], lo and hi the rounding boundaries of `root` moved inwards. */
function rootIsProven(root: bigint, valueCents: bigint, premiumCents: bigint, years: number): boolean {
  if (root <= 0n) return false;
  const power = BigInt(years);
  const low = (2n * root - 1n) * ROOT_HALF_STEP + 1n;
  const high = (2n * root + 1n) * ROOT_HALF_STEP - 1n;
  const target = valueCents * pow10(ROOT_SCALE_DIGITS * years);
  return low ** power * premiumCents <= target && high ** power * premiumCents >= target;
}

// A fractional power needs ln/exp; 30 digits leave a wide margin before the 4th decimal of a percent.
const RootDecimal = Decimal.clone({ precision: 30, rounding: Decimal.ROUND_HALF_UP });

/** The decimal.js engine's computation, for the figures the integer proof cannot settle. */
function decimalAnnualizedPercent(growth: Decimal, years: number): Decimal {
  const exact = new RootDecimal(growth.toString());
  const root = years === 1 ? exact : exact.pow(new RootDecimal(1).dividedBy(years));
  return new Decimal(root.toString()).minus(ONE).times(HUNDRED);
}

// Boundaries at scale 10^12, moved inwards by 1e-11: the bisection ends within 4.6e-13 of the root.
const IRR_SCALE_DIGITS = 12;
const IRR_HALF_STEP = pow10(IRR_SCALE_DIGITS) / 2_000_000n;
const IRR_MARGIN = 10n;

/**
 * The internal rate of return in percent with 4 decimals of a CD whose interest is paid out: pay
 * `principal` now, receive payments[k-1] at the end of year k and the principal with the last.
 * Payments are never negative, so the present value falls as the rate rises (cd-math.ts).
 */
export function paidOutYieldText(principalCents: bigint, paymentsCents: readonly bigint[]): string {
  const rate = candidate(estimateIrr(Number(principalCents), paymentsCents.map(Number)));
  if (rate !== null && rate >= 0n && rate < 1_000_000n) {
    const low = (2n * rate - 1n) * IRR_HALF_STEP + IRR_MARGIN;
    const high = (2n * rate + 1n) * IRR_HALF_STEP - IRR_MARGIN;
    // The root is at least `low` when the present value there is at least the principal, at most `high` when at most.
    if (presentValueSign(principalCents, paymentsCents, low) >= 0 && presentValueSign(principalCents, paymentsCents, high) <= 0) {
      return formatScaled(rate, 4);
    }
  }
  const principal = new Decimal(principalCents.toString()).dividedBy(HUNDRED);
  return formatRate(paidOutInterestYield(principal, paymentsCents.map((cents) => new Decimal(cents.toString()).dividedBy(HUNDRED))));
}

/**
 * The sign of PV(x) - principal at x = scaledRate / 10^12, multiplied through by (1 + x)^n and
 * 10^(12n) so that only integers remain: sum of flow_k (S + X)^(n-k) S^k against principal (S + X)^n.
 */
function presentValueSign(principalCents: bigint, paymentsCents: readonly bigint[], scaledRate: bigint): number {
  const scale = pow10(IRR_SCALE_DIGITS);
  const growth = scale + scaledRate;
  let flows = 0n;
  let principalGrown = principalCents;
  paymentsCents.forEach((payment, index) => {
    const flow = index === paymentsCents.length - 1 ? payment + principalCents : payment;
    flows = flows * growth + flow * pow10(IRR_SCALE_DIGITS * (index + 1));
    principalGrown *= growth;
  });
  return flows === principalGrown ? 0 : flows > principalGrown ? 1 : -1;
}

/** Newton's method in double precision: only a proposal for presentValueSign to prove. */
function estimateIrr(principal: number, payments: readonly number[]): number {
  let rate = payments.reduce((sum, payment) => sum + payment, 0) / (payments.length * principal);
  for (let step = 0; step < 30; step += 1) {
    let value = -principal;
    let slope = 0;
    payments.forEach((payment, index) => {
      const flow = index === payments.length - 1 ? payment + principal : payment;
      const discount = Math.pow(1 + rate, -(index + 1));
      value += flow * discount;
      slope -= (index + 1) * flow * discount / (1 + rate);
    });
    if (slope === 0) break;
    const next = rate - value / slope;
    if (Math.abs(next - rate) < 1e-15) return next;
    rate = next;
  }
  return rate;
}
