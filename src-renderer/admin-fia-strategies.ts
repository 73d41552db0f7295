// An FIA's crediting strategies in the admin console (issue 13): the strategy form and the rate form
// checked with the shared schemas and rules (the guarantee, the base rates' date rules), and each
// strategy's row on the business date: the rate in force, the next one, the guarantee, what may be
// retracted. Pure, so it is unit tested.
import { latestActiveRate, ratePublicationRefusals } from '../src-shared/admin/rate-publish.js';
import { StrategyRatePublishBody } from '../src-shared/admin/strategies-and-index-levels.js';
import {
  FiaStrategyInput,
  rateBreaksGuarantee,
  strategyRateInForce,
  strategyRateLabel,
  type CreditingMethod,
  type FiaStrategy,
  type FiaStrategyRate,
} from '../src-shared/catalog/fia-strategies.js';
import { DEMO_INDEX_NAME } from '../src-shared/catalog/index-levels.js';
import { Decimal } from '../src-shared/decimal.js';
import { formatBusinessDate } from '../src-shared/format/display.js';
import { fieldErrorsFrom } from './admin-product-form.js';
import type { Checked } from './admin-state-approvals.js';

export interface StrategyForm {
  strategyCode: string;
  strategyName: string;
  indexName: string;
  creditingMethod: CreditingMethod;
  guaranteedRate: string;
  floorRate: string;
  sortOrder: string;
}

export const METHOD_LABELS: Record<CreditingMethod, string> = {
  cap: 'Annual point-to-point with a cap',
  participation: 'Annual point-to-point with a participation rate',
  spread: 'Annual point-to-point with a spread',
  fixed: 'Fixed account (declared rate)',
};

/** What a strategy's one rate is called: the rate form's label. */
export const RATE_LABELS: Record<CreditingMethod, string> = { cap: 'Cap', participation: 'Participation rate', spread: 'Spread', fixed: 'Declared rate' };

export function emptyStrategyForm(strategies: readonly Pick<FiaStrategy, 'sortOrder'>[]): StrategyForm {
  const next = strategies.reduce((max, strategy) => Math.max(max, strategy.sortOrder + 1), 0);
  return { strategyCode: '', strategyName: '', indexName: DEMO_INDEX_NAME, creditingMethod: 'cap', guaranteedRate: '', floorRate: '0', sortOrder: String(Math.min(next, 99)) };
}

export function formFromStrategy(strategy: FiaStrategy): StrategyForm {
  return {
    strategyCode: strategy.strategyCode,
    strategyName: strategy.strategyName,
    indexName: strategy.indexName ?? '',
    creditingMethod: strategy.creditingMethod,
    guaranteedRate: strategy.guaranteedRate,
    floorRate: strategy.floorRate,
    sortOrder: String(strategy.sortOrder),
  };
}

/** A zod safeParse result as a form check, its issues as field errors. */
export function checkedBy<T>(result: { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }): Checked<T> {
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrorsFrom(result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))) };
}

/** The fixed account has no index: its index box is ignored rather than refused. Codes are upper-cased as typed. */
export function checkStrategyForm(form: StrategyForm): Checked<FiaStrategyInput> {
  const sortOrder = form.sortOrder.trim();
  return checkedBy(
    FiaStrategyInput.safeParse({
      strategyCode: form.strategyCode.trim().toUpperCase(),
      strategyName: form.strategyName.trim(),
      indexName: form.creditingMethod === 'fixed' || form.indexName.trim() === '' ? null : form.indexName.trim(),
      creditingMethod: form.creditingMethod,
      guaranteedRate: form.guaranteedRate.trim(),
      floorRate: form.floorRate.trim(),
      sortOrder: /^\d+$/.test(sortOrder) ? Number(sortOrder) : sortOrder,
    }),
  );
}

/** "Guaranteed minimum cap 1.50%", "Guaranteed maximum spread 3.50%". */
export function guaranteeLabel(strategy: Pick<FiaStrategy, 'creditingMethod' | 'guaranteedRate'>): string {
  const what = { cap: 'minimum cap', participation: 'minimum participation', spread: 'maximum spread', fixed: 'minimum declared rate' }[strategy.creditingMethod];
  return `Guaranteed ${what} ${new Decimal(strategy.guaranteedRate).toFixed(2)}%`;
}

export interface StrategyRateForm {
  rate: string;
  effectiveDate: string;
  endDate: string;
}

/**
 * The rate form as the server will judge it: a well-formed rate and dates, the strategy's guarantee,
 * and the base rates' publication rules against the strategy's latest rate (never backdated, after
 * the latest published one).
 */
export function checkStrategyRateForm(
  form: StrategyRateForm,
  strategy: Pick<FiaStrategy, 'strategyId' | 'creditingMethod' | 'guaranteedRate'>,
  rates: readonly FiaStrategyRate[],
  today: string,
): Checked<StrategyRatePublishBody> {
  const parsed = checkedBy(StrategyRatePublishBody.safeParse({ rate: form.rate.trim(), effectiveDate: form.effectiveDate.trim(), endDate: form.endDate.trim() === '' ? null : form.endDate.trim() }));
  if (!parsed.ok) return parsed;
  const errors: Record<string, string[]> = {};
  const broken = rateBreaksGuarantee(strategy, parsed.value.rate);
  if (broken !== null) errors['rate'] = [broken];
  const latest = latestActiveRate(rates.filter((rate) => rate.strategyId === strategy.strategyId));
  const refusals = ratePublicationRefusals(
    { bonusRate: '0', effectiveDate: parsed.value.effectiveDate },
    { today, product: { bonusYears: 0, isActive: true }, latest },
    { audience: 'console', dateText: formatBusinessDate },
  );
  if (refusals.length > 0) errors['effectiveDate'] = refusals.map((refusal) => refusal.message.replace('latest published rate', "strategy's latest published rate"));
  return Object.keys(errors).length > 0 ? { ok: false, errors } : parsed;
}

export interface StrategyRow {
  strategy: FiaStrategy;
  method: string;
  guarantee: string;
  /** "Cap 8.50% since 10 Mar 2031", or why there is none. */
  current: string;
  /** The next published rate after today, if any. */
  next: string | null;
  /** Active rates not yet in force, newest first: what may still be retracted. */
  retractable: FiaStrategyRate[];
}

export function strategyRows(strategies: readonly FiaStrategy[], rates: readonly FiaStrategyRate[], today: string): StrategyRow[] {
  return [...strategies]
    .sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.sortOrder - b.sortOrder || a.strategyCode.localeCompare(b.strategyCode))
    .map((strategy) => {
      const own = rates.filter((rate) => rate.strategyId === strategy.strategyId && rate.isActive);
      const inForce = strategyRateInForce(own, strategy.strategyId, today);
      const future = own.filter((rate) => rate.effectiveDate > today).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
      const first = future[0];
      return {
        strategy,
        method: METHOD_LABELS[strategy.creditingMethod],
        guarantee: guaranteeLabel(strategy),
        current:
          inForce === null
            ? 'No rate in force: illustrations use the guarantee'
            : `${strategyRateLabel(strategy.creditingMethod, inForce.rate)} since ${formatBusinessDate(inForce.effectiveDate)}${inForce.endDate === null ? '' : `, until ${formatBusinessDate(inForce.endDate)}`}`,
        next: first === undefined ? null : `${strategyRateLabel(strategy.creditingMethod, first.rate)} from ${formatBusinessDate(first.effectiveDate)}`,
        retractable: [...future].reverse(),
      };
    });
}
