// Market value adjustment (MVA) of a fixed annuity surrendered or partly withdrawn inside its
// guarantee period. Pure; docs/projection-rules.md "Market value adjustment" has the worked example.
//
// Formula (the common "ratio-power form with a spread", shared reference domain-notes.md §3.5,
// reproduced there from an SEC 424B3 prospectus example):
//
//     factor = ((1 + i) / (1 + j + k))^(n/12) - 1        MVA = amount subject to the MVA x factor
//
// i the reference rate when the contract was issued, j the reference rate now, k the spread, n the
// whole months left in the guarantee period; rates are annual percents here ("4.00" is 4%). Rates
// up since issue give a negative factor, rates down a positive one, and n = 0 gives none.
// The free-withdrawal amount is exempt: only the part of a withdrawal above it is adjusted.
//
// Precision and rounding: the factor is computed in decimal.js at 60 significant digits (a
// non-integer n/12 goes through decimal.js's pow, correctly rounded at that precision) and used at
// full precision; only the money is rounded, once, half-up to cents (roundMoney). The factor is
// reported rounded half-up to 6 decimals for display. Rounding the factor first would move a
// $100,000 adjustment by up to 5 cents, and the contract formula has no such step.
//
// NAIC Model 245 (§6, 2011 revision) requires an illustration of an MVA product to explain the MVA
// and show it under at least one positive and one negative scenario, with its actual floors and
// ceilings; mvaScenarios gives those figures.
import { z } from 'zod';
import { Decimal, HUNDRED, ONE, ZERO, formatMoney, formatRate, maxDecimal, minDecimal, roundMoney } from './decimal.js';
import { parseOrThrow } from './errors.js';
import { MAX_TERM_YEARS } from './catalog.js';
import { MoneyString, PercentString, RateString } from './validation/decimal-strings.js';
import { wholeNumberBetween } from './validation/whole-numbers.js';

const MONTHS_PER_YEAR = 12;
/** The longest guarantee period a product may have, in months. */
export const MAX_MVA_MONTHS = MAX_TERM_YEARS * MONTHS_PER_YEAR;

/** The limits a contract may put on the adjustment, as percents of the amount subject to it. */
const MvaLimitFields = {
  /** The MVA never reduces the amount by more than this percent (a floor on the factor). */
  maxDecreasePct: PercentString.optional(),
  /** The MVA never adds more than this percent (a cap; e.g. the surrender charge percent). */
  maxIncreasePct: PercentString.optional(),
};

export const MvaRequest = z.object({
  referenceRateAtIssue: RateString,
  currentReferenceRate: RateString,
  spread: RateString,
  monthsRemaining: wholeNumberBetween(0, MAX_MVA_MONTHS, 'a whole number of months'),
  /** What the client takes out (the whole account value on a full surrender). */
  withdrawalAmount: MoneyString,
  /** The free-withdrawal amount available; the MVA applies only to the withdrawal above it. */
  freeAmount: MoneyString,
  ...MvaLimitFields,
});
export type MvaRequestInput = z.input<typeof MvaRequest>;

export type MvaLimit = 'max-decrease' | 'max-increase';

export interface MvaResult {
  /** The withdrawal above the free amount (0 when it is all free). */
  amountSubjectToMva: string;
  /** The formula's factor, 6 decimals ("-0.042050"), before any floor or cap. */
  formulaFactor: string;
  /** The factor applied after the contract's floor/cap, 6 decimals. */
  factor: string;
  /** amountSubjectToMva x factor, in cents; negative when rates rose. */
  adjustment: string;
  /** Which contract limit changed the factor, if any. */
  limitedBy: MvaLimit | null;
}

interface ExactMva {
  amountSubject: Decimal;
  formulaFactor: Decimal;
  factor: Decimal;
  adjustment: Decimal;
  limitedBy: MvaLimit | null;
}

interface MvaInputs {
  referenceRateAtIssue: Decimal;
  currentReferenceRate: Decimal;
  spread: Decimal;
  monthsRemaining: number;
  withdrawalAmount: Decimal;
  freeAmount: Decimal;
  maxDecreasePct?: string | undefined;
  maxIncreasePct?: string | undefined;
}

/** ((1 + i) / (1 + j + k))^(n/12) - 1 at full precision; rates in percent. */
export function mvaFactor(referenceRateAtIssue: Decimal, currentReferenceRate: Decimal, spread: Decimal, monthsRemaining: number): Decimal {
  if (monthsRemaining === 0) return ZERO;
  const ratio = ONE.plus(referenceRateAtIssue.div(HUNDRED)).div(ONE.plus(currentReferenceRate.div(HUNDRED)).plus(spread.div(HUNDRED)));
  return ratio.pow(new Decimal(monthsRemaining).div(MONTHS_PER_YEAR)).minus(ONE);
}

function exactMva(inputs: MvaInputs): ExactMva {
  const amountSubject = maxDecimal(ZERO, inputs.withdrawalAmount.minus(inputs.freeAmount));
  const formulaFactor = mvaFactor(inputs.referenceRateAtIssue, inputs.currentReferenceRate, inputs.spread, inputs.monthsRemaining);
  let factor = formulaFactor;
  let limitedBy: MvaLimit | null = null;
  if (inputs.maxDecreasePct !== undefined) {
    const floor = new Decimal(inputs.maxDecreasePct).div(HUNDRED).negated();
    if (factor.lessThan(floor)) [factor, limitedBy] = [floor, 'max-decrease'];
  }
  if (inputs.maxIncreasePct !== undefined) {
    const cap = new Decimal(inputs.maxIncreasePct).div(HUNDRED);
    if (factor.greaterThan(cap)) [factor, limitedBy] = [cap, 'max-increase'];
  }
  return { amountSubject, formulaFactor, factor, adjustment: roundMoney(amountSubject.times(factor)), limitedBy };
}

/** The MVA on a withdrawal or surrender. Throws ValidationError (naming the field) on bad input. */
export function marketValueAdjustment(input: MvaRequestInput): MvaResult {
  const request = parseOrThrow(MvaRequest, input);
  const mva = exactMva({
    ...request,
    referenceRateAtIssue: new Decimal(request.referenceRateAtIssue),
    currentReferenceRate: new Decimal(request.currentReferenceRate),
    spread: new Decimal(request.spread),
    withdrawalAmount: new Decimal(request.withdrawalAmount),
    freeAmount: new Decimal(request.freeAmount),
  });
  return {
    amountSubjectToMva: formatMoney(mva.amountSubject),
    formulaFactor: formatFactor(mva.formulaFactor),
    factor: formatFactor(mva.factor),
    adjustment: formatMoney(mva.adjustment),
    limitedBy: mva.limitedBy,
  };
}

/** A product's MVA terms, as the catalog will carry them. */
export const MvaTerms = z.object({
  referenceRateAtIssue: RateString,
  spread: RateString,
  /** The guarantee period the MVA runs over, in whole years. */
  guaranteeYears: wholeNumberBetween(1, MAX_TERM_YEARS, 'a whole number of years'),
  ...MvaLimitFields,
});

export const MvaScenarioRequest = z.object({
  terms: MvaTerms,
  /** Contract year whose end the surrender is assumed at (just before the anniversary). */
  year: wholeNumberBetween(1, MAX_TERM_YEARS, 'a whole number of years'),
  /** The account value in that year, before any surrender charge. */
  accountValue: MoneyString,
  /** The free-withdrawal amount in that year: no surrender charge and no MVA on it. */
  freeAmount: MoneyString,
  /** The surrender charge percent for that year, charged on the excess over the free amount. */
  surrenderChargePct: PercentString,
  /** A value the surrender value may not go below (nonforfeiture minimum, return of premium). */
  floorAmount: MoneyString.optional(),
  /** How far the reference rate moves in each direction, in percentage points. */
  shiftPct: RateString.default('1.00').refine((value) => new Decimal(value).greaterThan(0), 'must be greater than 0'),
});
export type MvaScenarioRequestInput = z.input<typeof MvaScenarioRequest>;

export interface MvaScenario {
  scenario: 'rise' | 'fall';
  /** Always true: a reference-rate move is an assumption, never a projection. */
  hypothetical: true;
  /** e.g. "Hypothetical: reference rate up 1.00 point, to 5.00%". */
  label: string;
  currentReferenceRate: string;
  accountValue: string;
  freeAmount: string;
  /** The account value above the free amount: what the surrender charge and the MVA apply to. */
  excessAmount: string;
  surrenderCharge: string;
  mvaFactor: string;
  mvaAdjustment: string;
  mvaLimitedBy: MvaLimit | null;
  /** accountValue - surrenderCharge + mvaAdjustment. */
  valueBeforeFloor: string;
  floorAmount: string | null;
  floorApplied: boolean;
  surrenderValue: string;
}

export interface MvaScenarios {
  year: number;
  monthsRemaining: number;
  referenceRateAtIssue: string;
  shiftPct: string;
  rise: MvaScenario;
  fall: MvaScenario;
}

/**
 * The surrender value at the end of `year` if the reference rate had risen, and if it had fallen,
 * by `shiftPct` points from its value at issue (Model 245's positive and negative scenarios).
 * A fall stops at 0% (the label then names the smaller move). Throws ValidationError (naming the field) on bad input.
 */
export function mvaScenarios(input: MvaScenarioRequestInput): MvaScenarios {
  const request = parseOrThrow(MvaScenarioRequest, input);
  const { terms } = request;
  const monthsRemaining = Math.max(0, terms.guaranteeYears - request.year) * MONTHS_PER_YEAR;
  const atIssue = new Decimal(terms.referenceRateAtIssue);
  const shift = new Decimal(request.shiftPct);
  const scenario = (kind: 'rise' | 'fall'): MvaScenario => {
    const current = kind === 'rise' ? atIssue.plus(shift) : maxDecimal(ZERO, atIssue.minus(shift));
    return surrenderUnder(kind, current, monthsRemaining, request);
  };
  return {
    year: request.year,
    monthsRemaining,
    referenceRateAtIssue: formatRate(atIssue),
    shiftPct: formatRate(shift),
    rise: scenario('rise'),
    fall: scenario('fall'),
  };
}

function surrenderUnder(
  kind: 'rise' | 'fall',
  currentRate: Decimal,
  monthsRemaining: number,
  request: z.output<typeof MvaScenarioRequest>,
): MvaScenario {
  const accountValue = new Decimal(request.accountValue);
  const freeAmount = minDecimal(new Decimal(request.freeAmount), accountValue);
  const excess = accountValue.minus(freeAmount);
  const surrenderCharge = roundMoney(excess.times(request.surrenderChargePct).div(HUNDRED));
  const mva = exactMva({
    referenceRateAtIssue: new Decimal(request.terms.referenceRateAtIssue),
    currentReferenceRate: currentRate,
    spread: new Decimal(request.terms.spread),
    monthsRemaining,
    withdrawalAmount: accountValue,
    freeAmount,
    maxDecreasePct: request.terms.maxDecreasePct,
    maxIncreasePct: request.terms.maxIncreasePct,
  });
  const valueBeforeFloor = maxDecimal(ZERO, accountValue.minus(surrenderCharge).plus(mva.adjustment));
  const floor = request.floorAmount === undefined ? null : new Decimal(request.floorAmount);
  const floorApplied = floor !== null && floor.greaterThan(valueBeforeFloor);
  return {
    scenario: kind,
    hypothetical: true,
    label: scenarioLabel(kind, currentRate.minus(request.terms.referenceRateAtIssue).abs(), currentRate),
    currentReferenceRate: formatRate(currentRate),
    accountValue: formatMoney(accountValue),
    freeAmount: formatMoney(freeAmount),
    excessAmount: formatMoney(excess),
    surrenderCharge: formatMoney(surrenderCharge),
    mvaFactor: formatFactor(mva.factor),
    mvaAdjustment: formatMoney(mva.adjustment),
    mvaLimitedBy: mva.limitedBy,
    valueBeforeFloor: formatMoney(valueBeforeFloor),
    floorAmount: floor === null ? null : formatMoney(floor),
    floorApplied,
    surrenderValue: formatMoney(floorApplied && floor !== null ? floor : valueBeforeFloor),
  };
}

function scenarioLabel(kind: 'rise' | 'fall', shift: Decimal, currentRate: Decimal): string {
  const points = `${percentText(shift)} percentage point${shift.equals(ONE) ? '' : 's'}`;
  return `Hypothetical: reference rate ${kind === 'rise' ? 'up' : 'down'} ${points}, to ${percentText(currentRate)}%`;
}

/** 2 to 4 decimals, as rates are shown ("5.00", "4.125"). */
function percentText(value: Decimal): string {
  return formatRate(value).replace(/0{1,2}$/, '');
}

/** A factor with exactly 6 decimals, half-up ("-0.042050"); never "-0.000000". */
export function formatFactor(value: Decimal): string {
  const text = value.toFixed(6, Decimal.ROUND_HALF_UP);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}
