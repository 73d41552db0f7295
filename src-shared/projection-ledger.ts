// A projection with withdrawals: withdrawals.ts keeps the ledger (in decimal.js, as before the
// fixed-point rewrite: it is not on the comparison's hot path), fed with the rates, the growth and
// the surrender value of projection-engine.ts so both paths share one set of rules.
import { Decimal, formatRate } from './decimal.js';
import { DEFAULT_FREE_WITHDRAWAL_PERCENT, withdrawalLedger, type ProjectedWithdrawals, type WithdrawalPlan } from './withdrawals.js';
import { annuitySurrenderFixed, type FixedTerms } from './projection-engine.js';
import { formatScaled, parseScaled } from './fixed-point.js';
import type { ProjectionRequest, ProjectionRow } from './projection.js';

function toDecimal(scaled: bigint, places: number): Decimal {
  return new Decimal(formatScaled(scaled, places));
}

function toScaled(value: Decimal, places: number): bigint {
  return parseScaled(value.toFixed(places), places);
}

/** Rows, yield and the echoed plan of a projection whose request has withdrawals. */
export function projectWithWithdrawals(
  request: ProjectionRequest & { withdrawals: WithdrawalPlan },
  terms: FixedTerms,
): { rows: ProjectionRow[]; effectiveAnnualYield: string; withdrawals: ProjectedWithdrawals } {
  const { product } = request;
  const ledger = withdrawalLedger(request.startDate, {
    premium: toDecimal(terms.premium, 2),
    plan: request.withdrawals,
    freePercent: new Decimal(product.freeWithdrawalPercent ?? DEFAULT_FREE_WITHDRAWAL_PERCENT),
    ropPercent: terms.rop === null ? null : new Decimal(product.returnOfPremiumPct ?? '0'),
    statutoryStart: toDecimal(terms.statutoryStart, 2),
    statutoryFactor: terms.nonforfeitureFactor === null ? null : toDecimal(terms.nonforfeitureFactor, 6),
    // The ledger's amounts are whole cents and its rates at most 4 decimals, so the conversions are exact.
    grow: (value, ratePercent) => toDecimal(terms.grow(toScaled(value, 2), toScaled(ratePercent, 4)), 2),
    surrender: (value, chargePercent, floors) => {
      const cents = (amount: Decimal | null) => (amount === null ? null : toScaled(amount, 2));
      const result = annuitySurrenderFixed(toScaled(value, 2), toScaled(chargePercent, 4), cents(floors.rop), cents(floors.statutory));
      return { value: toDecimal(result.value, 2), charge: toDecimal(result.charge, 2) };
    },
  });
  const rows: ProjectionRow[] = [];
  for (let year = 1; year <= request.years; year += 1) {
    const { guaranteed, rate, guaranteedRate } = terms.rates(year);
    rows.push(ledger.row(year, guaranteed, toDecimal(rate, 4), toDecimal(guaranteedRate, 4), toDecimal(terms.charges[year - 1] ?? 0n, 4)));
  }
  return { rows, effectiveAnnualYield: formatRate(ledger.yieldOver(terms.yieldYears)), withdrawals: ledger.summary };
}
