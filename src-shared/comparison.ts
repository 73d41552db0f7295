// Side-by-side comparison of 1..4 products for one client amount, as of one business date.
//
// For each product it resolves the published rate in force on asOfDate (rates/as-of.ts), projects
// growth (projection.ts) and attaches warnings a rep must see before showing the numbers. The
// result is also the compliance record of what the client was shown, so it names the exact rate
// publication used (ratesUsed) and the projection rules version.
import { z } from 'zod';
import { Decimal, normalizeMoney } from './decimal.js';
// Warning texts are client-facing (screen and PDF): rates and dates in the one display format.
import { formatBusinessDate, formatDollars, formatPercentText } from './format/display.js';
import { AvailabilityWindow, Product, ProductType, ProductTypeSchema, RateHistoryEntry, isBrokeredCd } from './catalog.js';
import { parseOrThrow } from './errors.js';
import { PROJECTION_RULES_VERSION, Projection, ProjectionRequest, projectValidated, projectionTermsOf } from './projection.js';
import { isAvailableOn, rateInForce, scheduledRateChanges } from './rates/as-of.js';
import { IsoDateString, UuidString } from './validation/decimal-strings.js';
import { comparedProducts, horizonYears, Premium } from './comparison-limits.js';
import { FiaStrategy, FiaStrategyRate } from './catalog/fia-strategies.js';
import { IndexLevelRow } from './catalog/index-levels.js';
import { FiaSection, fiaSectionOf } from './illustration/fia-section.js';
import { echoedIllustrationInputs, illustrationInputFields } from './illustration/illustration-inputs.js';
import { MvaSection, mvaSectionOf } from './illustration/mva-section.js';
import { withdrawalPlanIssues } from './withdrawals.js';

export const ComparisonCandidate = z.object({
  product: Product,
  /** The product's rate history (all of it, or at least the entries around asOfDate). */
  rates: z.array(RateHistoryEntry),
  availability: z.array(AvailabilityWindow),
  /** An FIA's crediting strategies and their published rates (issue 13); empty for other products. */
  strategies: z.array(FiaStrategy).default([]),
  strategyRates: z.array(FiaStrategyRate).default([]),
});
type ParsedCandidate = z.infer<typeof ComparisonCandidate>;
/** A candidate as callers build it: strategies and their rates may be left out (none). */
export type ComparisonCandidate = Omit<ParsedCandidate, 'strategies' | 'strategyRates'> & Partial<Pick<ParsedCandidate, 'strategies' | 'strategyRates'>>;

export const ComparisonRequest = z
  .object({
    premium: Premium,
    years: horizonYears('a whole number'),
    /** Contract start used for anniversaries. */
    startDate: IsoDateString,
    /** Business date whose published rates and availability apply (usually today). */
    asOfDate: IsoDateString,
    products: comparedProducts(ComparisonCandidate),
    /** Year-end levels of the indexes the FIA strategies credit (all rows; indexHistoryOf picks). */
    indexLevels: z.array(IndexLevelRow).default([]),
    ...illustrationInputFields,
  })
  .superRefine((value, ctx) => {
    if (value.withdrawals !== undefined && value.withdrawals.startYear > value.years) {
      ctx.addIssue({ code: 'custom', path: ['withdrawals', 'startYear'], message: `must be at most the projection years (${value.years})` });
    }
    if (value.mvaScenario !== undefined && value.mvaScenario.year > value.years) {
      ctx.addIssue({ code: 'custom', path: ['mvaScenario', 'year'], message: `must be at most the projection years (${value.years})` });
    }
    const known = new Set(value.products.flatMap((candidate) => candidate.strategies.map((strategy) => strategy.strategyId.toLowerCase())));
    value.strategyIds?.forEach((id, index) => {
      if (!known.has(id.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['strategyIds', index], message: 'is not a crediting strategy of a compared product' });
    });
    const seen = new Map<string, number>();
    value.products.forEach((candidate, index) => {
      const { productId } = candidate.product;
      const first = seen.get(productId);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['products', index, 'product', 'productId'],
          message: `duplicates products.${first}: each product can be compared once`,
        });
      } else {
        seen.set(productId, index);
      }
      // Rows of another product would silently change the rate used; refuse them.
      candidate.rates.forEach((entry, entryIndex) => {
        if (entry.productId !== productId) {
          ctx.addIssue({ code: 'custom', path: ['products', index, 'rates', entryIndex, 'productId'], message: "must match the product's productId" });
        }
      });
      candidate.availability.forEach((window, windowIndex) => {
        if (window.productId !== productId) {
          ctx.addIssue({ code: 'custom', path: ['products', index, 'availability', windowIndex, 'productId'], message: "must match the product's productId" });
        }
      });
    });
  });
export type ComparisonRequestInput = z.input<typeof ComparisonRequest>;
export type ComparisonRequest = z.infer<typeof ComparisonRequest>;

export const ComparisonWarningCode = {
  PREMIUM_BELOW_MINIMUM: 'PREMIUM_BELOW_MINIMUM',
  PREMIUM_ABOVE_MAXIMUM: 'PREMIUM_ABOVE_MAXIMUM',
  NOT_AVAILABLE: 'NOT_AVAILABLE',
  NO_RATE_IN_FORCE: 'NO_RATE_IN_FORCE',
  RATE_CHANGE_SCHEDULED: 'RATE_CHANGE_SCHEDULED',
  BEYOND_GUARANTEE_PERIOD: 'BEYOND_GUARANTEE_PERIOD',
  /** An FIA: its crediting rate is not guaranteed in any year, only its minimum rate is. */
  CREDITING_RATE_NOT_GUARANTEED: 'CREDITING_RATE_NOT_GUARANTEED',
  /** A CD whose premium plus interest to maturity is above the FDIC insurance limit at one bank. */
  ABOVE_FDIC_LIMIT: 'ABOVE_FDIC_LIMIT',
  /** A brokered CD: before maturity it can only be sold at its market price. */
  BROKERED_CD_MARKET_PRICE: 'BROKERED_CD_MARKET_PRICE',
  /** The comparison has withdrawals, which this column (a CD, paid-out interest) cannot illustrate. */
  WITHDRAWALS_NOT_ILLUSTRATED: 'WITHDRAWALS_NOT_ILLUSTRATED',
} as const;

/** FDIC standard maximum deposit insurance amount per depositor, per insured bank, per ownership category. */
export const FDIC_LIMIT = '250000.00';
export const ComparisonWarningCodeSchema = z.enum(ComparisonWarningCode);
export type ComparisonWarningCode = z.infer<typeof ComparisonWarningCodeSchema>;

export const ComparisonWarning = z.object({ code: ComparisonWarningCodeSchema, message: z.string() });
export type ComparisonWarning = z.infer<typeof ComparisonWarning>;

/** The rate publication a projection used, kept verbatim in saved comparisons. */
export const RateUsed = z.object({
  rateHistoryId: UuidString,
  baseRate: z.string(),
  bonusRate: z.string(),
  effectiveDate: IsoDateString,
});
export type RateUsed = z.infer<typeof RateUsed>;

export const ComparedProduct = z.object({
  productId: UuidString,
  productName: z.string(),
  productType: ProductTypeSchema,
  issuerName: z.string(),
  cusip: z.string(),
  /** True for a brokered CD; absent in records made before projection-rules/3 (see isBrokeredColumn). */
  brokered: z.boolean().optional(),
  available: z.boolean(),
  /** null when no rate was in force on asOfDate; then projection is null too. */
  ratesUsed: RateUsed.nullable(),
  projection: Projection.nullable(),
  /** An MVA product's hypothetical surrender scenarios (projection-rules/4). */
  mva: MvaSection.optional(),
  /** An FIA's values from index history, per chosen strategy (projection-rules/4). */
  fia: FiaSection.optional(),
  warnings: z.array(ComparisonWarning),
});
export type ComparedProduct = z.infer<typeof ComparedProduct>;

export const Comparison = z.object({
  rulesVersion: z.string(),
  /** With exactly 2 decimals. */
  premium: z.string(),
  years: z.int(),
  startDate: IsoDateString,
  asOfDate: IsoDateString,
  /** In the order the products were given. */
  products: z.array(ComparedProduct),
  /** The illustration inputs given (absent when not given): withdrawals, mvaScenario, strategyIds. */
  ...illustrationInputFields,
});
export type Comparison = z.infer<typeof Comparison>;

/** Compares 1..4 products. Throws ValidationError (naming the field) on bad input. */
export function compareProducts(input: ComparisonRequestInput): Comparison {
  const request = parseOrThrow(ComparisonRequest, input);
  return {
    rulesVersion: PROJECTION_RULES_VERSION,
    premium: normalizeMoney(request.premium),
    years: request.years,
    startDate: request.startDate,
    asOfDate: request.asOfDate,
    products: request.products.map((candidate, index) => withSections(request, candidate, compareOne(request, candidate, index))),
    ...echoedIllustrationInputs(request),
  };
}

/** The MVA and FIA sections of a column, present only for the products they concern. */
function withSections(request: ComparisonRequest, candidate: ParsedCandidate, column: ComparedProduct): ComparedProduct {
  const mva = mvaSectionOf(candidate.product, column.projection, request.mvaScenario);
  const fia =
    candidate.product.productType === ProductType.FIA
      ? fiaSectionOf({ ...candidate, premium: request.premium, asOfDate: request.asOfDate, indexLevels: request.indexLevels, strategyIds: request.strategyIds })
      : null;
  const { warnings, ...rest } = column;
  return { ...rest, ...(mva === null ? {} : { mva }), ...(fia === null ? {} : { fia }), warnings };
}

/** The comparison's withdrawals when this product can illustrate them (an annuity with compounding interest). */
function withdrawalsFor(request: ComparisonRequest, product: Product) {
  const plan = request.withdrawals;
  if (plan === undefined) return undefined;
  return withdrawalPlanIssues(plan, request.years, product).length === 0 ? plan : undefined;
}

function compareOne(request: ComparisonRequest, { product, rates, availability }: ComparisonCandidate, index: number): ComparedProduct {
  const { asOfDate } = request;
  const warnings: ComparisonWarning[] = [];
  const premium = new Decimal(request.premium);

  if (premium.lessThan(product.minimumInvestment)) {
    warnings.push({
      code: ComparisonWarningCode.PREMIUM_BELOW_MINIMUM,
      message: `The premium of ${formatDollars(premium)} is below this product's minimum investment of ${formatDollars(product.minimumInvestment)}.`,
    });
  }
  if (product.maximumInvestment !== null && premium.greaterThan(product.maximumInvestment)) {
    warnings.push({
      code: ComparisonWarningCode.PREMIUM_ABOVE_MAXIMUM,
      message: `The premium of ${formatDollars(premium)} is above this product's maximum investment of ${formatDollars(product.maximumInvestment)}.`,
    });
  }

  const available = isAvailableOn(product, availability, asOfDate);
  if (!available) warnings.push({ code: ComparisonWarningCode.NOT_AVAILABLE, message: unavailableMessage(product, availability, asOfDate) });

  const entry = rateInForce(rates, asOfDate);
  const next = scheduledRateChanges(rates, asOfDate)[0];
  if (entry === null) {
    warnings.push({
      code: ComparisonWarningCode.NO_RATE_IN_FORCE,
      message: `No published rate is in force on ${formatBusinessDate(asOfDate)}, so this product cannot be projected.`,
    });
  }
  if (next !== undefined) {
    warnings.push({
      code: ComparisonWarningCode.RATE_CHANGE_SCHEDULED,
      message: `New rates (base ${formatPercentText(next.baseRate)}, bonus ${formatPercentText(next.bonusRate)}) take effect on ${formatBusinessDate(next.effectiveDate)}; these figures use the rates in force on ${formatBusinessDate(asOfDate)}.`,
    });
  }
  const brokered = isBrokeredCd(product);
  if (brokered) {
    warnings.push({
      code: ComparisonWarningCode.BROKERED_CD_MARKET_PRICE,
      message:
        'This brokered CD has no surrender value: a sale before maturity is at the market price, which may be below the principal; FDIC insurance does not cover that loss.',
    });
  }
  const withdrawals = withdrawalsFor(request, product);
  if (request.withdrawals !== undefined && withdrawals === undefined) {
    warnings.push({
      code: ComparisonWarningCode.WITHDRAWALS_NOT_ILLUSTRATED,
      message: 'The withdrawals are illustrated for annuities with compounding interest only; these figures assume no withdrawal.',
    });
  }
  if (entry !== null && product.productType === ProductType.FIA) {
    warnings.push({
      code: ComparisonWarningCode.CREDITING_RATE_NOT_GUARANTEED,
      message: `Only the minimum rate of ${formatPercentText(product.guaranteedMinimumRate)} is guaranteed for this fixed indexed annuity; values at its current crediting rate of ${formatPercentText(entry.baseRate)} are not guaranteed in any year.`,
    });
  } else if (entry !== null && request.years > product.termYears) {
    warnings.push({
      code: ComparisonWarningCode.BEYOND_GUARANTEE_PERIOD,
      message: `Values after year ${product.termYears} are not guaranteed; the guaranteed values assume the minimum rate of ${formatPercentText(product.guaranteedMinimumRate)}.`,
    });
  }

  // Re-checked because the published rate can break a product rule (a bonus rate on a product
  // without bonus years); the error then points at this product instead of projecting wrongly.
  const projection =
    entry === null
      ? null
      : projectValidated(
          parseOrThrow(
            ProjectionRequest,
            {
              premium: request.premium,
              years: request.years,
              startDate: request.startDate,
              // The product's productType goes along: it decides what is guaranteed (an FIA's crediting rate never is).
              product: projectionTermsOf({ ...product, baseRate: entry.baseRate, bonusRate: entry.bonusRate }),
              ...(withdrawals === undefined ? {} : { withdrawals }),
            },
            ['products', index],
          ),
        );

  if (projection !== null && product.productType === ProductType.CD) {
    const atMaturity = valueAtMaturity(request, { ...product, baseRate: entry?.baseRate ?? product.baseRate, bonusRate: entry?.bonusRate ?? product.bonusRate }, projection);
    if (atMaturity.greaterThan(FDIC_LIMIT)) {
      warnings.push({
        code: ComparisonWarningCode.ABOVE_FDIC_LIMIT,
        message:
          `The premium plus interest to maturity (${formatDollars(atMaturity)}) is above the FDIC insurance limit of ${formatDollars(FDIC_LIMIT)} ` +
          `per depositor, per insured bank (${product.issuerName}), per ownership category; the amount above the limit is not insured.`,
      });
    }
  }

  return {
    productId: product.productId,
    productName: product.productName,
    productType: product.productType,
    issuerName: product.issuerName,
    cusip: product.cusip,
    ...(product.productType === ProductType.CD ? { brokered } : {}),
    available,
    ratesUsed:
      entry === null
        ? null
        : { rateHistoryId: entry.rateHistoryId, baseRate: entry.baseRate, bonusRate: entry.bonusRate, effectiveDate: entry.effectiveDate },
    projection,
    warnings,
  };
}

/**
 * Premium plus all interest to the CD's maturity (paid out or not: FDIC insures principal and
 * accrued interest, so the whole sum is what one bank holds for the client at its peak), from the
 * projection's maturity row, or a projection to maturity when the horizon ends earlier. `product`
 * carries the rates in force.
 */
function valueAtMaturity(request: ComparisonRequest, product: Product, projection: Projection): Decimal {
  const toMaturity =
    projection.rows.length >= product.termYears
      ? projection
      : projectValidated(
          parseOrThrow(ProjectionRequest, {
            premium: request.premium,
            years: product.termYears,
            startDate: request.startDate,
            product: projectionTermsOf(product),
          }),
        );
  const row = toMaturity.rows[product.termYears - 1];
  return new Decimal(request.premium).plus(row?.cumulativeInterest ?? '0');
}

/** Whether a compared column is a brokered CD; records from before the brokered field follow the simple-interest convention. */
export function isBrokeredColumn(column: Pick<ComparedProduct, 'productType' | 'brokered' | 'projection'>): boolean {
  return column.productType === ProductType.CD && (column.brokered ?? column.projection?.compounding === 'simple');
}

function unavailableMessage(product: Product, windows: readonly AvailabilityWindow[], day: string): string {
  if (!product.isActive) return 'This product has been withdrawn from the catalog and cannot be sold.';
  const opening = windows
    .filter((window) => window.isActive && window.startDate > day)
    .map((window) => window.startDate)
    .sort()[0];
  return opening === undefined
    ? `This product is not available for sale on ${formatBusinessDate(day)}.`
    : `This product is not available for sale on ${formatBusinessDate(day)}; it becomes available on ${formatBusinessDate(opening)}.`;
}
