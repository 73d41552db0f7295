// The projection's year-by-year arithmetic in scaled integers (fixed-point.ts): money in cents,
// rates and percents in units of 10^-4 percent. The rules are those of projection.ts's header and
// docs/projection-rules.md, figure for figure those of the decimal.js engine it replaced
// (test/support/reference-projection.ts; test/unit/shared/projection-equivalence.test.ts).
//
// Exactness: every step is an exact integer product followed by one half-up rounding to cents,
// as decimal.js did: its 60 digits hold every product here except a daily-compounding factor
// times a value, which it rounded to 60 significant digits first; roundSignificant does the same.
import { Decimal, ONE, HUNDRED } from './decimal.js';
import { addYears } from './dates.js';
import { ProductType, isBankCd, isBrokeredCd, nonforfeitureRateOf, type Compounding } from './catalog.js';
import { DAYS_PER_YEAR, apyOf } from './cd-math.js';
import { divideHalfUp, formatScaled, maxBig, minBig, parseScaled, pow10, roundSignificant } from './fixed-point.js';
import { annualizedYieldText, paidOutYieldText } from './projection-yield.js';
import type { ProjectionRequest, ProjectionRow } from './projection.js';

/** 100% in units of 10^-4 percent: value x (1 + r/100) = value x (MILLION + r) / MILLION. */
export const MILLION = 1_000_000n;
const DECIMAL_PRECISION = 60;

/** The terms of one projection in scaled integers, shared by the plain and the withdrawal paths. */
export interface FixedTerms {
  premium: bigint;
  /** Return-of-premium floor in cents, or null. */
  rop: bigint | null;
  /** 1 + nonforfeiture rate in millionths, or null for a CD (no Model 805 floor). */
  nonforfeitureFactor: bigint | null;
  /** 87.5% of the premium in cents, Model 805's starting amount. */
  statutoryStart: bigint;
  charges: bigint[];
  /** Year `year`'s rates and whether the current basis is the guarantee. */
  rates(year: number): { guaranteed: boolean; rate: bigint; guaranteedRate: bigint };
  /** The value after a year at `rate`, rounded to cents. */
  grow(value: bigint, rate: bigint): bigint;
  yieldYears: number;
  apy: string;
}

export function fixedTermsOf(request: ProjectionRequest): FixedTerms {
  const { product } = request;
  const premium = parseScaled(request.premium, 2);
  const base = parseScaled(product.baseRate, 4);
  const bonus = parseScaled(product.bonusRate, 4);
  const minimum = parseScaled(product.guaranteedMinimumRate, 4);
  const afterTerm = maxBig(base, minimum);
  // An FIA guarantees only its minimum, from year 1 (projection.ts).
  const rateGuaranteedForTerm = product.productType !== ProductType.FIA;
  const cd = (product.productType ?? ProductType.MYGA) === ProductType.CD;
  const grow = growthOf(product.compounding);
  const year1Rate = product.bonusYears >= 1 ? base + bonus : base;
  return {
    premium,
    rop: product.returnOfPremium && product.returnOfPremiumPct != null ? divideHalfUp(premium * parseScaled(product.returnOfPremiumPct, 4), MILLION) : null,
    nonforfeitureFactor: cd ? null : MILLION + parseScaled(nonforfeitureRateOf(product), 4),
    statutoryStart: divideHalfUp(premium * 875n, 1000n),
    charges: product.surrenderSchedule.map((percent) => parseScaled(percent, 4)),
    rates(year) {
      const withinTerm = year <= product.termYears;
      const declared = year <= product.bonusYears ? base + bonus : withinTerm ? base : afterTerm;
      const guaranteed = rateGuaranteedForTerm && withinTerm;
      const rate = rateGuaranteedForTerm ? declared : maxBig(declared, minimum);
      return { guaranteed, rate, guaranteedRate: guaranteed ? rate : minimum };
    },
    grow,
    yieldYears: Math.min(product.surrenderSchedule.length || product.termYears, request.years),
    apy: apyText(year1Rate, product.compounding),
  };
}

/**
 * An annuity's surrender value: the schedule's charge on the whole value, then the return-of-premium
 * floor (never above the value), then the statutory floor, which the law guarantees even above it.
 */
export function annuitySurrenderFixed(value: bigint, chargePercent: bigint, rop: bigint | null, statutory: bigint | null): { value: bigint; charge: bigint } {
  const beforeFloor = divideHalfUp(value * (MILLION - chargePercent), MILLION);
  const capped = minBig(rop === null ? beforeFloor : maxBig(beforeFloor, rop), value);
  return { value: statutory === null ? capped : maxBig(capped, statutory), charge: value - beforeFloor };
}

interface Basis {
  value: bigint;
  cumulative: bigint;
}

interface Step {
  next: Basis;
  interest: bigint;
  surrenderValue: bigint | null;
  surrenderCharge: bigint | null;
}

/** Rows, yield and APY of a projection without withdrawals. */
export function projectFixed(request: ProjectionRequest, terms: FixedTerms): { rows: ProjectionRow[]; effectiveAnnualYield: string } {
  const { years, startDate, product } = request;
  const { premium } = terms;
  const simple = product.compounding === 'simple';
  const kind = { productType: product.productType ?? ProductType.MYGA, compounding: product.compounding, brokered: product.brokered };
  const cd = kind.productType === ProductType.CD;
  const brokeredCd = isBrokeredCd(kind);
  const penaltyMonths = BigInt(isBankCd(kind) ? (product.earlyWithdrawalPenaltyMonths ?? 0) : 0);
  let statutory = terms.statutoryStart;

  const step = (basis: Basis, rate: bigint, chargePercent: bigint, year: number): Step => {
    const value = simple ? premium : terms.grow(basis.value, rate);
    const interest = simple ? divideHalfUp(premium * rate, MILLION) : value - basis.value;
    const next = { value, cumulative: basis.cumulative + interest };
    if (!cd) {
      const surrendered = annuitySurrenderFixed(value, chargePercent, terms.rop, terms.nonforfeitureFactor === null ? null : statutory);
      return { next, interest, surrenderValue: surrendered.value, surrenderCharge: surrendered.charge };
    }
    if (year >= product.termYears) return { next, interest, surrenderValue: value, surrenderCharge: 0n };
    if (brokeredCd) return { next, interest, surrenderValue: null, surrenderCharge: null };
    // cd-math.ts earlyWithdrawalPenalty: months of simple interest on the balance, never above it.
    const penalty = minBig(divideHalfUp(value * rate * penaltyMonths, MILLION * 12n), value);
    return { next, interest, surrenderValue: value - penalty, surrenderCharge: penalty };
  };

  // A projection credits two or three distinct rates over its years.
  const rateTexts = new Map<bigint, string>();
  const rateTextOf = (rate: bigint): string => {
    let text = rateTexts.get(rate);
    if (text === undefined) rateTexts.set(rate, (text = formatScaled(rate, 4)));
    return text;
  };
  let current: Basis = { value: premium, cumulative: 0n };
  let guaranteedBasis = current;
  const rows: ProjectionRow[] = [];
  const dates = anniversaries(startDate, years);
  const values: bigint[] = [];
  const interests: bigint[] = [];
  for (let year = 1; year <= years; year += 1) {
    const { guaranteed, rate, guaranteedRate } = terms.rates(year);
    const chargePercent = terms.charges[year - 1] ?? 0n;
    if (terms.nonforfeitureFactor !== null) statutory = divideHalfUp(statutory * terms.nonforfeitureFactor, MILLION);
    const currentStep = step(current, rate, chargePercent, year);
    const guaranteedStep = guaranteed ? currentStep : step(guaranteedBasis, guaranteedRate, chargePercent, year);
    current = currentStep.next;
    guaranteedBasis = guaranteedStep.next;
    values.push(current.value);
    interests.push(currentStep.interest);
    const accountValue = formatScaled(current.value, 2);
    const interestCredited = formatScaled(currentStep.interest, 2);
    const cumulativeInterest = formatScaled(current.cumulative, 2);
    const surrenderValue = moneyOrNull(currentStep.surrenderValue);
    const rateText = rateTextOf(rate);
    // While the declared rate is the guarantee both bases are one step: its figures are printed once.
    const same = guaranteedStep === currentStep;
    rows.push({
      year,
      anniversaryDate: dates[year - 1] as string,
      guaranteed,
      rate: rateText,
      guaranteedRate: guaranteedRate === rate ? rateText : rateTextOf(guaranteedRate),
      accountValue,
      interestCredited,
      cumulativeInterest,
      surrenderCharge: moneyOrNull(currentStep.surrenderCharge),
      surrenderValue,
      guaranteedAccountValue: same ? accountValue : formatScaled(guaranteedBasis.value, 2),
      guaranteedInterestCredited: same ? interestCredited : formatScaled(guaranteedStep.interest, 2),
      guaranteedCumulativeInterest: same ? cumulativeInterest : formatScaled(guaranteedBasis.cumulative, 2),
      guaranteedSurrenderValue: same ? surrenderValue : moneyOrNull(guaranteedStep.surrenderValue),
    });
  }
  const n = terms.yieldYears;
  // Paid-out interest earns nothing, so the yield of a simple-interest CD is its internal rate of return.
  const effectiveAnnualYield = simple ? paidOutYieldText(premium, interests.slice(0, n)) : annualizedYieldText(values[n - 1] ?? premium, premium, n);
  return { rows, effectiveAnnualYield };
}

/** addYears(startDate, k) for k = 1..years, without re-parsing the date: only 29 February moves. */
function anniversaries(startDate: string, years: number): string[] {
  const first = Number(startDate.slice(0, 4));
  const monthDay = startDate.slice(4);
  if (monthDay === '-02-29' || first + years > 9999) return Array.from({ length: years }, (_, k) => addYears(startDate, k + 1));
  return Array.from({ length: years }, (_, k) => `${String(first + k + 1).padStart(4, '0')}${monthDay}`);
}

function moneyOrNull(cents: bigint | null): string | null {
  return cents === null ? null : formatScaled(cents, 2);
}

/** A daily factor (1 + r/365)^365 as decimal.js computed it, exactly: digits and their scale. */
interface DailyFactor {
  digits: bigint;
  scale: bigint;
  apy: string;
}

// The power costs more than a whole projection; a catalog has few distinct rates. Pure values, so
// sharing them between calls changes nothing; bounded so a long session cannot grow it forever.
const dailyFactors = new Map<bigint, DailyFactor>();
const DAILY_FACTORS_KEPT = 4096;

function dailyFactor(rate: bigint): DailyFactor {
  let factor = dailyFactors.get(rate);
  if (factor === undefined) {
    const ratePercent = new Decimal(formatScaled(rate, 4));
    const exact = ONE.plus(ratePercent.dividedBy(HUNDRED).dividedBy(DAYS_PER_YEAR)).pow(DAYS_PER_YEAR);
    const text = exact.toFixed();
    const point = text.indexOf('.');
    const places = point < 0 ? 0 : text.length - 1 - point;
    factor = { digits: parseScaled(text, places), scale: pow10(places), apy: apyOf(ratePercent, 'daily', DAYS_PER_YEAR) };
    if (dailyFactors.size >= DAILY_FACTORS_KEPT) dailyFactors.clear();
    dailyFactors.set(rate, factor);
  }
  return factor;
}

function growthOf(compounding: Compounding): (value: bigint, rate: bigint) => bigint {
  if (compounding !== 'daily') return (value, rate) => divideHalfUp(value * (MILLION + rate), MILLION);
  return (value, rate) => {
    const factor = dailyFactor(rate);
    return divideHalfUp(roundSignificant(value * factor.digits, DECIMAL_PRECISION), factor.scale);
  };
}

/** cd-math.ts apyOf over one year: the year's growth less 1, in percent, half-up to 2 decimals. */
function apyText(rate: bigint, compounding: Compounding): string {
  return compounding === 'daily' ? dailyFactor(rate).apy : formatScaled(divideHalfUp(rate, 100n), 2);
}
