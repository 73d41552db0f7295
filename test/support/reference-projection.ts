// The projection engine as it was before the fixed-point rewrite (projection-rules/4, decimal.js
// throughout), kept verbatim as the reference the new engine must match figure for figure
// (test/unit/shared/projection-equivalence.test.ts). Tests only; do not change its arithmetic.
import { Decimal, HUNDRED, ONE, ZERO, formatMoney, formatRate, maxDecimal, minDecimal, roundMoney } from '../../src-shared/decimal.js';
import { addYears } from '../../src-shared/dates.js';
import { ProductType, isBankCd, isBrokeredCd, nonforfeitureRateOf, type Compounding } from '../../src-shared/catalog.js';
import { DAYS_PER_YEAR, apyOf, earlyWithdrawalPenalty, paidOutInterestYield } from '../../src-shared/cd-math.js';
import { DEFAULT_FREE_WITHDRAWAL_PERCENT, withdrawalLedger, type Floors } from '../../src-shared/withdrawals.js';
import { NONFORFEITURE_SHARE, PROJECTION_RULES_VERSION, type Projection, type ProjectionProduct, type ProjectionRequest, type ProjectionRow } from '../../src-shared/projection.js';

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
export function referenceProjectValidated(request: ProjectionRequest): Projection {
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
