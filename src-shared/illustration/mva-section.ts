// The market value adjustment section of a compared MVA product (issue 13; NAIC Model 245 §6):
// the surrender value at the end of a chosen contract year if the MVA's reference rate had risen and
// if it had fallen (mva.ts mvaScenarios), from the projection's account value in that year (after
// any withdrawals), and what the MVA can do at worst, stated with the guaranteed columns.
//
// Inputs of the scenarios, from the product and the projection (docs/projection-rules.md "MVA in
// the comparison"): i = mvaReferenceRate, k = mvaSpread, guarantee period = termYears, floor and cap
// of the factor = mvaFactorFloor / mvaFactorCap; the free amount of the year = freeWithdrawalPercent
// of the contract-year-start value less what a withdrawal already took of it that year; the year's
// surrender charge percent; the floor = the larger of the nonforfeiture minimum (Model 805, after
// withdrawals) and the return-of-premium amount (at most the account value), as in the projection.
import { z } from 'zod';
import type { Product } from '../catalog.js';
import { nonforfeitureRateOf } from '../catalog.js';
import { issueAgeAndMvaTermsOf } from '../catalog/issue-ages-and-mva.js';
import { Decimal, HUNDRED, ONE, ZERO, formatMoney, formatRate, maxDecimal, minDecimal, roundMoney } from '../decimal.js';
import { formatDollars, formatPercentText } from '../format/display.js';
import { mvaScenarios, type MvaScenarios } from '../mva.js';
import { NONFORFEITURE_SHARE, type Projection } from '../projection.js';
import { DEFAULT_FREE_WITHDRAWAL_PERCENT } from '../withdrawals.js';
import { DEFAULT_MVA_SCENARIO_YEAR, DEFAULT_MVA_SHIFT_PCT, type MvaScenarioChoice } from './illustration-inputs.js';

const Money = z.string();
const MvaScenarioResult = z.object({
  scenario: z.enum(['rise', 'fall']),
  hypothetical: z.literal(true),
  label: z.string(),
  currentReferenceRate: z.string(),
  accountValue: Money,
  freeAmount: Money,
  excessAmount: Money,
  surrenderCharge: Money,
  mvaFactor: z.string(),
  mvaAdjustment: z.string(),
  mvaLimitedBy: z.enum(['max-decrease', 'max-increase']).nullable(),
  valueBeforeFloor: Money,
  floorAmount: Money.nullable(),
  floorApplied: z.boolean(),
  surrenderValue: Money,
});

/** What the MVA can do at worst: its floor, or none and the factor of the rise scenario. */
const MvaWorstCase = z.object({
  /** The most the MVA can take, percent of the amount above the free amount; null: no limit. */
  maxDecreasePct: z.string().nullable(),
  /** The most it can add; null: no limit. */
  maxIncreasePct: z.string().nullable(),
  text: z.string(),
});

export const MvaSection = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('scenarios'),
    referenceIndex: z.string().nullable(),
    referenceRateAtIssue: z.string(),
    spread: z.string(),
    year: z.int(),
    monthsRemaining: z.int(),
    shiftPct: z.string(),
    rise: MvaScenarioResult,
    fall: MvaScenarioResult,
    worstCase: MvaWorstCase,
  }),
  z.object({ kind: z.literal('not-shown'), year: z.int(), reason: z.string(), worstCase: MvaWorstCase }),
]);
export type MvaSection = z.infer<typeof MvaSection>;

type MvaProduct = Pick<
  Product,
  'productType' | 'termYears' | 'surrenderSchedule' | 'freeWithdrawalPercent' | 'returnOfPremium' | 'returnOfPremiumPercentage' | 'nonforfeitureRate'
> &
  Parameters<typeof issueAgeAndMvaTermsOf>[0];

const pct = (value: string | null): string | null => (value === null ? null : formatRate(new Decimal(value).abs()));

function worstCaseOf(terms: ReturnType<typeof issueAgeAndMvaTermsOf>, rise: MvaScenarios['rise'] | null): z.infer<typeof MvaWorstCase> {
  const maxDecreasePct = pct(terms.mvaFactorFloor);
  const maxIncreasePct = pct(terms.mvaFactorCap);
  const down =
    maxDecreasePct !== null
      ? `At worst the market value adjustment reduces the amount withdrawn above the free amount by ${formatPercentText(maxDecreasePct)} (its floor).`
      : `The market value adjustment has no floor: the more the reference rate rises, the more it takes from the amount withdrawn above the free amount${
          rise === null ? '' : ` (factor ${rise.mvaFactor} in the hypothetical rise, ${formatDollars(rise.mvaAdjustment)})`
        }.`;
  const up = maxIncreasePct === null ? '' : ` It never adds more than ${formatPercentText(maxIncreasePct)}.`;
  return { maxDecreasePct, maxIncreasePct, text: `${down}${up} The surrender value is never below the guaranteed minimum (nonforfeiture) value.` };
}

/**
 * The section of one column, or null for a product without an MVA (or with nothing projected).
 * `premium` and `projection` are the column's; `choice` the comparison's mvaScenario input.
 */
export function mvaSectionOf(product: MvaProduct, projection: Projection | null, choice: MvaScenarioChoice | undefined): MvaSection | null {
  const terms = issueAgeAndMvaTermsOf(product);
  if (!terms.mvaApplies || projection === null) return null;
  const year = choice?.year ?? DEFAULT_MVA_SCENARIO_YEAR;
  const notShown = (reason: string): MvaSection => ({ kind: 'not-shown', year, reason, worstCase: worstCaseOf(terms, null) });
  if (terms.mvaReferenceRate === null || terms.mvaSpread === null) {
    return notShown(
      "The hypothetical market value adjustment scenarios cannot be shown: the catalog does not hold this product's reference rate at issue, which the adjustment is measured from.",
    );
  }
  if (year > product.termYears) return notShown(`Year ${year} is after the ${product.termYears}-year guarantee period: no market value adjustment applies then.`);
  const row = projection.rows[year - 1];
  if (row === undefined) return notShown(`Year ${year} is beyond the ${projection.rows.length}-year illustration.`);
  if (row.contractEnded === true) return notShown(`The withdrawals illustrated end the contract by year ${year}: there is nothing left to surrender.`);

  const scenarios = mvaScenarios({
    terms: {
      referenceRateAtIssue: terms.mvaReferenceRate,
      spread: terms.mvaSpread,
      guaranteeYears: product.termYears,
      ...(terms.mvaFactorFloor === null ? {} : { maxDecreasePct: pct(terms.mvaFactorFloor) ?? undefined }),
      ...(terms.mvaFactorCap === null ? {} : { maxIncreasePct: pct(terms.mvaFactorCap) ?? undefined }),
    },
    year,
    accountValue: row.accountValue,
    freeAmount: formatMoney(freeAmountLeft(product, projection, year)),
    surrenderChargePct: product.surrenderSchedule[year - 1] ?? '0',
    floorAmount: formatMoney(floorAt(product, projection, year)),
    shiftPct: choice?.shiftPct ?? DEFAULT_MVA_SHIFT_PCT,
  });
  return {
    kind: 'scenarios',
    referenceIndex: terms.mvaReferenceIndex,
    referenceRateAtIssue: scenarios.referenceRateAtIssue,
    spread: formatRate(new Decimal(terms.mvaSpread)),
    year,
    monthsRemaining: scenarios.monthsRemaining,
    shiftPct: scenarios.shiftPct,
    rise: scenarios.rise,
    fall: scenarios.fall,
    worstCase: worstCaseOf(terms, scenarios.rise),
  };
}

/** The free amount of contract year `year` that a withdrawal at its start has not used. */
function freeAmountLeft(product: MvaProduct, projection: Projection, year: number): Decimal {
  const row = projection.rows[year - 1];
  const start = new Decimal(projection.rows[year - 2]?.accountValue ?? projection.premium);
  const free =
    row?.freeWithdrawalAmount !== undefined
      ? new Decimal(row.freeWithdrawalAmount)
      : roundMoney(start.times(product.freeWithdrawalPercent ?? DEFAULT_FREE_WITHDRAWAL_PERCENT).dividedBy(HUNDRED));
  return maxDecimal(ZERO, free.minus(row?.withdrawal ?? '0'));
}

/** The projection's floors at the end of `year`: Model 805 (after withdrawals) and return of premium (at most the value). */
function floorAt(product: MvaProduct, projection: Projection, year: number): Decimal {
  const premium = new Decimal(projection.premium);
  const factor = ONE.plus(new Decimal(nonforfeitureRateOf(product)).dividedBy(HUNDRED));
  let statutory = roundMoney(premium.times(NONFORFEITURE_SHARE));
  let withdrawn = ZERO;
  for (const row of projection.rows.slice(0, year)) {
    const withdrawal = new Decimal(row.withdrawal ?? '0');
    withdrawn = withdrawn.plus(withdrawal);
    statutory = roundMoney(statutory.minus(withdrawal).times(factor));
  }
  const accountValue = new Decimal(projection.rows[year - 1]?.accountValue ?? '0');
  const rop =
    product.returnOfPremium && product.returnOfPremiumPercentage !== null
      ? minDecimal(roundMoney(maxDecimal(premium.minus(withdrawn), ZERO).times(product.returnOfPremiumPercentage).dividedBy(HUNDRED)), accountValue)
      : ZERO;
  return maxDecimal(maxDecimal(statutory, ZERO), rop);
}
