// Crediting strategies of a fixed indexed annuity as catalog records (issue 13), and their current
// rates, published and dated exactly like base rates (effectiveDate through endDate, inclusive;
// isActive false = retracted). The math is src-shared/fia-crediting.ts; strategyForCrediting turns
// a strategy and the rate in force into its input.
//
// One rate per strategy, whose meaning is the crediting method's:
//   cap            the cap on the annual point-to-point index return, percent
//   participation  the share of a positive index return credited, percent (can pass 100)
//   spread         what is taken off a positive index return, percent
//   fixed          the declared rate of the fixed account, percent (no index)
// guaranteedRate is what the contract guarantees for that rate over the whole contract: the lowest
// cap, the lowest participation rate, the highest spread, the lowest declared rate. floorRate is the
// least a year can credit (0% for every common design: a negative index year credits 0, not a loss).
import { z } from 'zod';
import { Decimal } from '../decimal.js';
import { typeMessage, type ValidationIssue } from '../errors.js';
import { CREDITING_METHODS, type CreditingMethod, type CreditingStrategyInput } from '../fia-crediting.js';
import { RateString, StrategyRateString, UuidString } from '../validation/decimal-strings.js';
import { latestInForce } from '../rates/as-of.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';
import { editedRecordSchemas, periodRecord, requiredCatalogText } from './catalog-text.js';

export { CREDITING_METHODS, type CreditingMethod };

/** Per product: letters, digits, '-' and '_', upper case ("SPX-CAP-1Y"); what a rate sheet line names. */
export const StrategyCodeString = z
  .string({ error: typeMessage('text') })
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, 'must be 1 to 40 upper-case letters, digits, "-" or "_", starting with a letter or digit, e.g. "SPX-CAP-1Y"');

const listed = CREDITING_METHODS.map((method) => JSON.stringify(method)).join(', ');

const strategyFields = {
  strategyCode: StrategyCodeString,
  strategyName: requiredCatalogText(255),
  /** The index credited; null exactly for the fixed account. 120 like index_levels.index_name (the column's bound). */
  indexName: requiredCatalogText(120).nullable(),
  creditingMethod: z.enum(CREDITING_METHODS, { error: `must be one of ${listed}` }),
  guaranteedRate: StrategyRateString,
  floorRate: RateString,
  /** Display order within the product, 0 first. */
  sortOrder: wholeNumberBetween(0, 99),
};

export function strategyRuleIssues(value: { creditingMethod?: unknown; indexName?: unknown; floorRate?: unknown; guaranteedRate?: unknown }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (value.creditingMethod === 'fixed' && value.indexName !== null && value.indexName !== undefined) {
    issues.push({ path: 'indexName', message: 'must be null for a fixed account (creditingMethod "fixed")' });
  }
  if (typeof value.creditingMethod === 'string' && value.creditingMethod !== 'fixed' && (value.indexName === null || value.indexName === undefined)) {
    issues.push({ path: 'indexName', message: `is required for an index strategy (creditingMethod "${value.creditingMethod}")` });
  }
  return issues;
}

const strategySchemas = editedRecordSchemas({ strategyId: UuidString, productId: UuidString }, strategyFields, strategyRuleIssues);

/** What an admin sends to add or replace a strategy of an FIA. */
export const FiaStrategyInput = strategySchemas.input;
export type FiaStrategyInput = z.infer<typeof FiaStrategyInput>;

export const FiaStrategy = strategySchemas.stored;
export type FiaStrategy = z.infer<typeof FiaStrategy>;

/** A published current rate of one strategy. */
export const FiaStrategyRate = periodRecord({ strategyRateId: UuidString, strategyId: UuidString, rate: StrategyRateString }, 'effectiveDate', 'endDate');
export type FiaStrategyRate = z.infer<typeof FiaStrategyRate>;

/** The columns of a strategy rate sheet CSV (all-or-nothing, like base rate sheets). */
export const STRATEGY_RATE_SHEET_CSV_COLUMNS = ['cusip', 'strategy_code', 'rate', 'effective_date'] as const;

/** null when `rate` keeps the contract's guarantee, else why not (named for the rate field). */
export function rateBreaksGuarantee(strategy: Pick<FiaStrategy, 'creditingMethod' | 'guaranteedRate'>, rate: string): string | null {
  const value = new Decimal(rate);
  const guaranteed = new Decimal(strategy.guaranteedRate);
  if (strategy.creditingMethod === 'spread') {
    return value.greaterThan(guaranteed) ? `must be at most the guaranteed maximum spread (${strategy.guaranteedRate})` : null;
  }
  const what = { cap: 'cap', participation: 'participation rate', fixed: 'declared rate' }[strategy.creditingMethod];
  return value.lessThan(guaranteed) ? `must be at least the guaranteed minimum ${what} (${strategy.guaranteedRate})` : null;
}

/**
 * The rate entry of `strategyId` in force on `day`, by the same rule as base rates
 * (rates/as-of.ts rateInForce): the latest effective, then the latest created, then the smallest id.
 */
export function strategyRateInForce(rates: readonly FiaStrategyRate[], strategyId: string, day: string): FiaStrategyRate | null {
  return latestInForce(
    rates.filter((entry) => entry.strategyId === strategyId),
    day,
    (entry) => entry.strategyRateId,
  );
}

/** The crediting math's input for a strategy at `rate` (the current one, or guaranteedRate for the worst case). */
export function strategyForCrediting(strategy: Pick<FiaStrategy, 'creditingMethod' | 'floorRate'>, rate: string): CreditingStrategyInput {
  const floor = { guaranteedMinimumRate: strategy.floorRate };
  switch (strategy.creditingMethod) {
    case 'cap':
      return { method: 'cap', capRate: rate, ...floor };
    case 'participation':
      return { method: 'participation', participationRate: rate, ...floor };
    case 'spread':
      return { method: 'spread', spreadRate: rate, ...floor };
    case 'fixed':
      return { method: 'fixed', declaredRate: rate, ...floor };
  }
}

/** "Cap 8.50%", "Participation 45.00%", "Spread 2.00%", "Declared rate 3.25%". */
export function strategyRateLabel(method: CreditingMethod, rate: string): string {
  const name = { cap: 'Cap', participation: 'Participation', spread: 'Spread', fixed: 'Declared rate' }[method];
  return `${name} ${new Decimal(rate).toFixed(2)}%`;
}

