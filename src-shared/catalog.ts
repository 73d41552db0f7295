// The catalog as every layer sees it: products, their availability windows and their rate history.
// Field names are the camelCase twins of the PostgreSQL columns (product_id <-> productId, ...).
// Amounts and rates are decimal strings (see validation/decimal-strings.ts), dates are business
// dates 'YYYY-MM-DD', timestamps are ISO-8601 UTC.
import { z } from 'zod';
import { Decimal, isPlainDecimal } from './decimal.js';
import { CusipString } from './cusip.js';
import { typeMessage, type ValidationIssue } from './errors.js';
import {
  MoneyString,
  PercentString,
  PositiveMoneyString,
  RateString,
  UuidString,
} from './validation/decimal-strings.js';
import { wholeNumberBetween } from './validation/whole-numbers.js';
import { boundedText, editedRecordStamps, periodRecord, requiredCatalogText } from './catalog/catalog-text.js';
import { issueAgeAndMvaFields, issueAgeAndMvaRuleIssues, type IssueAgeAndMvaRuleFields } from './catalog/issue-ages-and-mva.js';

export const ProductType = { MYGA: 'MYGA', FIA: 'FIA', CD: 'CD' } as const;
export const ProductTypeSchema = z.enum(ProductType);
export type ProductType = z.infer<typeof ProductTypeSchema>;

/**
 * How credited interest grows. 'annual': credited once a year and compounded (MYGA, FIA).
 * 'daily': nominal rate compounded daily, 365 periods a year (bank CD). 'simple': interest paid
 * out, never compounded (brokered CD).
 */
export const Compounding = { annual: 'annual', daily: 'daily', simple: 'simple' } as const;
export const CompoundingSchema = z.enum(Compounding);
export type Compounding = z.infer<typeof CompoundingSchema>;

/** Longest term and bonus period the catalog accepts, in contract years. */
export const MAX_TERM_YEARS = 30;

function contractYears(min: number) {
  return wholeNumberBetween(min, MAX_TERM_YEARS, 'a whole number of years');
}

/** Longest early-withdrawal penalty the catalog accepts, in months of interest (5 years). */
export const MAX_PENALTY_MONTHS = 60;

/**
 * The nonforfeiture rate of an annuity that has none recorded. Model 805 bounds the rate to 1%-3%;
 * 1.00 is the lowest floor the statute allows, so it never shows a surrender value the contract
 * might not guarantee (a higher assumed rate could).
 */
export const NONFORFEITURE_DEFAULT_RATE = '1.0000';

/** A rate in the Model 805 band, 1.00 to 3.00 percent, at most 4 decimals (the column's scale). */
export const NonforfeitureRateString = RateString.refine(
  (value) => !isPlainDecimal(value) || (new Decimal(value).greaterThanOrEqualTo(1) && new Decimal(value).lessThanOrEqualTo(3)),
  'must be between 1 and 3 (percent, NAIC Model 805)',
);

const productFields = {
  cusip: CusipString,
  productName: requiredCatalogText(255),
  productType: ProductTypeSchema,
  issuerName: requiredCatalogText(255),
  /**
   * The carrier record (catalog/carriers.ts) of the issuer; null or absent for products entered
   * before carriers were records. issuerName stays the name printed with the product.
   */
  carrierId: UuidString.nullable().optional(),
  description: boundedText(10_000),
  minimumInvestment: PositiveMoneyString,
  /** null = no maximum. */
  maximumInvestment: MoneyString.nullable(),
  /**
   * NOT the rate in force (docs/database.md, "products.base_rate"): on create, the product's first
   * rate; afterwards moved only by a publication in force on the day it is published, so it goes
   * stale when a future-dated rate takes effect. Nothing shows, sorts or projects by it: the rate
   * in force comes from rate history as of the business date (rates/as-of.ts, catalog/catalog-row.ts).
   */
  baseRate: RateString,
  /** Added to baseRate in contract years 1..bonusYears. Like baseRate, not the bonus in force. */
  bonusRate: RateString,
  bonusYears: contractYears(0).default(1),
  /** Length of the rate guarantee in contract years. */
  termYears: contractYears(1),
  /** The contractual floor once the guarantee period is over. */
  guaranteedMinimumRate: RateString,
  compounding: CompoundingSchema,
  /** Percent charged on a full surrender in contract year 1, 2, ...; no charge after the last entry. */
  surrenderSchedule: z.array(PercentString, { error: typeMessage('a list of percentages') }),
  freeWithdrawalPercent: PercentString,
  returnOfPremium: z.boolean({ error: typeMessage('true or false') }),
  /** Share of the premium a surrender never pays less than; set exactly when returnOfPremium. */
  returnOfPremiumPercentage: PercentString.nullable(),
  termsAndConditions: boundedText(100_000).nullable(),
  /**
   * An annuity's nonforfeiture rate (NAIC Model 805): its guaranteed surrender values are never
   * below 87.5% of premium accumulated at this rate. Percent, 1 to 3. Absent (rows and snapshots
   * older than the field): NONFORFEITURE_DEFAULT_RATE. Not used for CDs, which are deposits.
   */
  nonforfeitureRate: NonforfeitureRateString.optional(),
  /**
   * A CD sold through a broker: before maturity it can only be sold at its market price. Only CDs
   * may be brokered. Absent: the older convention, a CD paying simple interest is brokered.
   */
  brokered: z.boolean({ error: typeMessage('true or false') }).optional(),
  /** A bank CD's penalty for withdrawing before maturity, in months of interest; null for every other product. */
  earlyWithdrawalPenaltyMonths: wholeNumberBetween(0, MAX_PENALTY_MONTHS, 'a whole number of months').nullable().optional(),
  /** Issue ages and market value adjustment terms (catalog/issue-ages-and-mva.ts). */
  ...issueAgeAndMvaFields,
};

/** The fields that tell what kind of product it is (an annuity, a bank CD, a brokered CD). */
export interface ProductKindFields {
  productType: ProductType;
  compounding: Compounding;
  brokered?: boolean | undefined;
}

/** A CD sold through a broker; without the brokered field, a CD paying simple interest (the older convention). */
export function isBrokeredCd(product: ProductKindFields): boolean {
  return product.productType === ProductType.CD && (product.brokered ?? product.compounding === Compounding.simple);
}

/** A CD bought from the issuing bank: an early withdrawal costs its penalty. */
export function isBankCd(product: ProductKindFields): boolean {
  return product.productType === ProductType.CD && !isBrokeredCd(product);
}

/** The nonforfeiture rate the projection uses: the product's, or the documented default. */
export function nonforfeitureRateOf(product: { nonforfeitureRate?: string | undefined }): string {
  return product.nonforfeitureRate ?? NONFORFEITURE_DEFAULT_RATE;
}

/** The fields the product rules below look at; both Product and ProductInput have them. */
export interface ProductRuleFields extends IssueAgeAndMvaRuleFields {
  // unknown: the product editor passes form state, whose fields may be text as typed.
  productType?: unknown;
  compounding?: unknown;
  brokered?: unknown;
  earlyWithdrawalPenaltyMonths?: unknown;
  minimumInvestment: string;
  maximumInvestment: string | null;
  bonusRate: string;
  bonusYears: number;
  termYears: number;
  surrenderSchedule: readonly string[];
  returnOfPremium: boolean;
  returnOfPremiumPercentage: string | null;
}

// The rules below may see values that failed their own field checks (zod still runs object
// refinements after non-fatal field issues, and the product editor calls them on form state), so
// each rule only judges fields that are individually well-formed; otherwise it would pile a
// misleading second error ("at most termYears (0)") on top of the real one.
function isYears(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= MAX_TERM_YEARS;
}

function isDecimalText(value: unknown): value is string {
  return typeof value === 'string' && isPlainDecimal(value);
}

/** Rules linking the bonus period, the surrender schedule and the term (shared with the projection input). */
export function termRuleIssues(value: {
  bonusRate: string;
  bonusYears: number;
  termYears: number;
  surrenderSchedule: readonly string[];
}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const termKnown = isYears(value.termYears, 1);
  if (termKnown && isYears(value.bonusYears, 0) && value.bonusYears > value.termYears) {
    issues.push({ path: 'bonusYears', message: `must be at most termYears (${value.termYears})` });
  }
  if (value.bonusYears === 0 && isDecimalText(value.bonusRate) && new Decimal(value.bonusRate).greaterThan(0)) {
    issues.push({ path: 'bonusYears', message: 'must be at least 1 when bonusRate is greater than 0' });
  }
  if (termKnown && Array.isArray(value.surrenderSchedule) && value.surrenderSchedule.length > value.termYears) {
    issues.push({
      path: 'surrenderSchedule',
      message: `must have at most termYears (${value.termYears}) entries, one per contract year`,
    });
  }
  return issues;
}

/**
 * Cross-field product rules. One function for the server and the product editor, so both reject
 * the same products with the same words; paths are field names such as "maximumInvestment".
 */
export function productRuleIssues(value: ProductRuleFields): ValidationIssue[] {
  const issues = termRuleIssues(value);
  if (
    isDecimalText(value.maximumInvestment) &&
    isDecimalText(value.minimumInvestment) &&
    new Decimal(value.maximumInvestment).lessThan(value.minimumInvestment)
  ) {
    issues.push({ path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' });
  }
  if (value.returnOfPremium) {
    if (value.returnOfPremiumPercentage === null) {
      issues.push({ path: 'returnOfPremiumPercentage', message: 'is required when returnOfPremium is true' });
    } else if (isDecimalText(value.returnOfPremiumPercentage) && new Decimal(value.returnOfPremiumPercentage).isZero()) {
      issues.push({ path: 'returnOfPremiumPercentage', message: 'must be greater than 0 when returnOfPremium is true' });
    }
  } else if (value.returnOfPremiumPercentage !== null) {
    issues.push({ path: 'returnOfPremiumPercentage', message: 'must be null when returnOfPremium is false' });
  }
  issues.push(...cdRuleIssues(value), ...issueAgeAndMvaRuleIssues(value));
  return issues;
}

function productKind(value: ProductRuleFields): ProductKindFields | null {
  const type = ProductTypeSchema.safeParse(value.productType);
  const compounding = CompoundingSchema.safeParse(value.compounding);
  if (!type.success || !compounding.success) return null;
  return { productType: type.data, compounding: compounding.data, brokered: typeof value.brokered === 'boolean' ? value.brokered : undefined };
}

/** Only CDs are brokered, and only a bank CD has an early-withdrawal penalty. */
function cdRuleIssues(value: ProductRuleFields): ValidationIssue[] {
  const kind = productKind(value);
  if (kind === null) return [];
  const issues: ValidationIssue[] = [];
  if (value.brokered === true && kind.productType !== ProductType.CD) {
    issues.push({ path: 'brokered', message: 'must be false unless productType is CD' });
  }
  // Only a well-formed penalty is judged here; a malformed one has its own field message.
  if (!isBankCd(kind) && typeof value.earlyWithdrawalPenaltyMonths === 'number') {
    issues.push({ path: 'earlyWithdrawalPenaltyMonths', message: 'must be null unless the product is a bank CD' });
  }
  return issues;
}

/**
 * What an admin writes must also state a bank CD's penalty (0 for a no-penalty CD). Only input is
 * held to it: products and snapshots from before the field have none (the migration gave every
 * stored bank CD one; the projection shows no penalty where none is stated).
 */
export function productInputRuleIssues(value: ProductRuleFields): ValidationIssue[] {
  const issues = productRuleIssues(value);
  if (value.mvaApplies === true && (value.mvaReferenceRate === null || value.mvaReferenceRate === undefined)) {
    issues.push({ path: 'mvaReferenceRate', message: 'is required when mvaApplies is true (the reference rate at issue, percent)' });
  }
  const kind = productKind(value);
  const penalty = value.earlyWithdrawalPenaltyMonths;
  if (kind !== null && isBankCd(kind) && (penalty === null || penalty === undefined)) {
    issues.push({ path: 'earlyWithdrawalPenaltyMonths', message: 'is required for a bank CD (0 if it has no penalty)' });
  }
  return issues;
}

/** Adapter from productRuleIssues to a zod superRefine, for schemas built on ProductInputFields. */
export function refineProductRules(value: ProductRuleFields, ctx: Pick<z.core.$RefinementCtx, 'addIssue'>): void {
  for (const issue of productRuleIssues(value)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  }
}

/** Adapter from productInputRuleIssues to a zod superRefine, for admin input schemas. */
export function refineProductInputRules(value: ProductRuleFields, ctx: Pick<z.core.$RefinementCtx, 'addIssue'>): void {
  for (const issue of productInputRuleIssues(value)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  }
}

/**
 * What an admin sends to create or replace a product. Unknown fields are refused rather than
 * dropped, so a misspelt field name is an error and not a silently ignored change.
 * Unrefined, for callers that need .partial() or .pick(); apply refineProductRules afterwards.
 */
export const ProductInputFields = z.strictObject(productFields);

export const ProductInput = ProductInputFields.superRefine(refineProductInputRules);
export type ProductInput = z.infer<typeof ProductInput>;

/**
 * A product as stored and synced. Unknown fields are stripped, not refused, so an older desktop
 * client keeps working when the server adds a column.
 */
export const Product = z
  .object({
    productId: UuidString,
    ...productFields,
    ...editedRecordStamps,
  })
  .superRefine(refineProductRules);
export type Product = z.infer<typeof Product>;

/**
 * A period in which a product may be sold. Both dates are inclusive business dates;
 * endDate null means open-ended. Inactive windows are ignored (withdrawn by an admin).
 */
export const AvailabilityWindow = periodRecord({ availabilityId: UuidString, productId: UuidString }, 'startDate', 'endDate');
export type AvailabilityWindow = z.infer<typeof AvailabilityWindow>;

/**
 * A published rate for a product from effectiveDate through endDate (inclusive; null = until
 * further notice). isActive false means the publication was retracted: it is kept for the audit
 * trail and for comparisons that used it, but never applies.
 */
export const RateHistoryEntry = periodRecord(
  { rateHistoryId: UuidString, productId: UuidString, baseRate: RateString, bonusRate: RateString },
  'effectiveDate',
  'endDate',
);
export type RateHistoryEntry = z.infer<typeof RateHistoryEntry>;
