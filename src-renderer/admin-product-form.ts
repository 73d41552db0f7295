// The product editor's form: text as typed, turned into a ProductInput and judged by the very
// schema and cross-field rules the server applies (src-shared/catalog.ts), so the admin sees the
// server's words next to each field before anything is sent. Pure, so every rule is unit tested.
import {
  isBrokeredCd,
  nonforfeitureRateOf,
  ProductInput,
  productInputRuleIssues,
  type Compounding,
  type Product,
  type ProductType,
} from '../src-shared/catalog.js';
import { Decimal, isPlainDecimal } from '../src-shared/decimal.js';
import type { ValidationIssue } from '../src-shared/errors.js';
import { issueAgeAndMvaTermsOf } from '../src-shared/catalog/issue-ages-and-mva.js';
import {
  emptyIssueAgeAndMvaForm,
  ISSUE_AGE_AND_MVA_FIELDS,
  issueAgeAndMvaFormFrom,
  issueAgeAndMvaInput,
  issueAgeAndMvaLabels,
  type IssueAgeAndMvaForm,
} from './admin-issue-age-mva-form.js';

export interface ProductForm extends IssueAgeAndMvaForm {
  cusip: string;
  productName: string;
  productType: ProductType;
  issuerName: string;
  description: string;
  minimumInvestment: string;
  /** Blank: no maximum. */
  maximumInvestment: string;
  baseRate: string;
  bonusRate: string;
  bonusYears: string;
  termYears: string;
  guaranteedMinimumRate: string;
  compounding: Compounding;
  /** One charge per contract year, year 1 first. */
  surrenderSchedule: string[];
  freeWithdrawalPercent: string;
  returnOfPremium: boolean;
  returnOfPremiumPercentage: string;
  /** Blank: none. */
  termsAndConditions: string;
  /** Annuities: percent, 1 to 3 (NAIC Model 805). */
  nonforfeitureRate: string;
  /** CDs: sold through a broker. */
  brokered: boolean;
  /** Bank CDs: months of interest, 0 for none. */
  earlyWithdrawalPenaltyMonths: string;
}

export type ProductField = keyof ProductForm;

/** Every ProductInput field, in the editor's order. */
export const PRODUCT_FIELDS = [
  'cusip',
  'productName',
  'productType',
  'issuerName',
  'description',
  'minimumInvestment',
  'maximumInvestment',
  'baseRate',
  'bonusRate',
  'bonusYears',
  'termYears',
  'guaranteedMinimumRate',
  'compounding',
  'surrenderSchedule',
  'freeWithdrawalPercent',
  'returnOfPremium',
  'returnOfPremiumPercentage',
  'termsAndConditions',
  'nonforfeitureRate',
  'brokered',
  'earlyWithdrawalPenaltyMonths',
  ...ISSUE_AGE_AND_MVA_FIELDS,
] as const satisfies ReadonlyArray<keyof ProductInput & ProductField>;

export const emptyProductForm: ProductForm = {
  cusip: '',
  productName: '',
  productType: 'MYGA',
  issuerName: '',
  description: '',
  minimumInvestment: '',
  maximumInvestment: '',
  baseRate: '',
  bonusRate: '0',
  bonusYears: '0',
  termYears: '',
  guaranteedMinimumRate: '',
  compounding: 'annual',
  surrenderSchedule: [],
  freeWithdrawalPercent: '0',
  returnOfPremium: false,
  returnOfPremiumPercentage: '',
  termsAndConditions: '',
  nonforfeitureRate: '1.00',
  brokered: false,
  earlyWithdrawalPenaltyMonths: '',
  ...emptyIssueAgeAndMvaForm,
};

export function formFromProduct(product: Product): ProductForm {
  return {
    cusip: product.cusip,
    productName: product.productName,
    productType: product.productType,
    issuerName: product.issuerName,
    description: product.description,
    minimumInvestment: product.minimumInvestment,
    maximumInvestment: product.maximumInvestment ?? '',
    baseRate: product.baseRate,
    bonusRate: product.bonusRate,
    bonusYears: String(product.bonusYears),
    termYears: String(product.termYears),
    guaranteedMinimumRate: product.guaranteedMinimumRate,
    compounding: product.compounding,
    surrenderSchedule: [...product.surrenderSchedule],
    freeWithdrawalPercent: product.freeWithdrawalPercent,
    returnOfPremium: product.returnOfPremium,
    returnOfPremiumPercentage: product.returnOfPremiumPercentage ?? '',
    termsAndConditions: product.termsAndConditions ?? '',
    nonforfeitureRate: nonforfeitureRateOf(product),
    brokered: isBrokeredCd(product),
    earlyWithdrawalPenaltyMonths: product.earlyWithdrawalPenaltyMonths === null || product.earlyWithdrawalPenaltyMonths === undefined ? '' : String(product.earlyWithdrawalPenaltyMonths),
    ...issueAgeAndMvaFormFrom(product),
  };
}

// Admins paste figures from issuers' rate sheets ("$10,000", "4.50%"); those marks are dropped,
// anything else reaches the shared schema as typed so its message says what is wrong.
function moneyText(value: string): string {
  return value.trim().replace(/^\$/, '').replace(/,/g, '');
}

function percentText(value: string): string {
  return value.trim().replace(/%$/, '').trim();
}

/** A whole number as a number; anything else as typed, so the schema names it ("must be a whole number of years"). */
function yearsValue(value: string): number | string {
  const trimmed = value.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number.parseInt(trimmed, 10) : trimmed;
}

/** The form as the object the server would receive (before validation). */
export function candidateInput(form: ProductForm): Record<string, unknown> {
  const maximum = moneyText(form.maximumInvestment);
  const terms = form.termsAndConditions;
  return {
    cusip: form.cusip.trim().toUpperCase(),
    productName: form.productName,
    productType: form.productType,
    issuerName: form.issuerName,
    description: form.description,
    minimumInvestment: moneyText(form.minimumInvestment),
    maximumInvestment: maximum === '' ? null : maximum,
    baseRate: percentText(form.baseRate),
    bonusRate: percentText(form.bonusRate) === '' ? '0' : percentText(form.bonusRate),
    bonusYears: yearsValue(form.bonusYears),
    termYears: yearsValue(form.termYears),
    guaranteedMinimumRate: percentText(form.guaranteedMinimumRate),
    compounding: form.compounding,
    surrenderSchedule: form.surrenderSchedule.map(percentText),
    freeWithdrawalPercent: percentText(form.freeWithdrawalPercent),
    returnOfPremium: form.returnOfPremium,
    // Only meaningful with return of premium; a leftover value in the hidden field is not an error.
    returnOfPremiumPercentage: form.returnOfPremium ? percentText(form.returnOfPremiumPercentage) || null : null,
    termsAndConditions: terms.trim() === '' ? null : terms,
    ...cdAndNonforfeitureInput(form),
    ...issueAgeAndMvaInput(form),
  };
}

/**
 * The kind-specific fields: only a CD can be brokered, only a bank CD has a penalty (blank is sent
 * as missing, so the shared rule says it is required). Hidden fields' leftovers are not errors.
 */
function cdAndNonforfeitureInput(form: ProductForm): Record<string, unknown> {
  const cd = form.productType === 'CD';
  const penalty = form.earlyWithdrawalPenaltyMonths.trim();
  return {
    nonforfeitureRate: percentText(form.nonforfeitureRate) === '' ? '1' : percentText(form.nonforfeitureRate),
    brokered: cd && form.brokered,
    earlyWithdrawalPenaltyMonths: cd && !form.brokered ? (penalty === '' ? null : yearsValue(penalty)) : null,
  };
}

/**
 * Messages per field path ("minimumInvestment", "surrenderSchedule.2"); a path with nothing wrong
 * is absent. Issues about the whole product sit under "".
 */
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsFrom(issues: readonly ValidationIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    // The server names body fields "body.x" in problem documents; main strips it, but a stray one
    // must still land on its field.
    const path = issue.path.replace(/^body\.?/, '');
    const list = errors[path] ?? [];
    if (!list.includes(issue.message)) list.push(issue.message);
    errors[path] = list;
  }
  return errors;
}

export type ProductFormCheck = { ok: true; input: ProductInput } | { ok: false; errors: FieldErrors };

/**
 * Runs the shared ProductInput schema (field formats and ranges, then the cross-field rules).
 * The rules also run on their own when a field fails, because zod skips refinements of an object
 * whose fields failed and the admin should see every problem at once.
 */
export function checkProductForm(form: ProductForm): ProductFormCheck {
  const candidate = candidateInput(form);
  const parsed = ProductInput.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const rules = productInputRuleIssues({
    minimumInvestment: String(candidate.minimumInvestment),
    maximumInvestment: form.maximumInvestment.trim() === '' ? null : moneyText(form.maximumInvestment),
    bonusRate: String(candidate.bonusRate),
    bonusYears: typeof candidate.bonusYears === 'number' ? candidate.bonusYears : Number.NaN,
    termYears: typeof candidate.termYears === 'number' ? candidate.termYears : Number.NaN,
    surrenderSchedule: form.surrenderSchedule,
    returnOfPremium: form.returnOfPremium,
    returnOfPremiumPercentage: form.returnOfPremium ? percentText(form.returnOfPremiumPercentage) || null : null,
    productType: candidate.productType,
    compounding: candidate.compounding,
    brokered: form.productType === 'CD' && form.brokered,
    // Typed but not a whole number: its own message says so; do not add "is required" on top.
    earlyWithdrawalPenaltyMonths:
      typeof candidate.earlyWithdrawalPenaltyMonths === 'number' ? candidate.earlyWithdrawalPenaltyMonths : candidate.earlyWithdrawalPenaltyMonths === null ? null : 0,
    ...issueAgeAndMvaInput(form),
  });
  return { ok: false, errors: fieldErrorsFrom([...issues, ...rules]) };
}

/** Fields the editor shows read-only for an existing product: rates change only by publishing. */
export const RATE_FIELDS = ['baseRate', 'bonusRate'] as const satisfies readonly ProductField[];

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && isPlainDecimal(a) && isPlainDecimal(b)) return new Decimal(a).equals(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  return a === b;
}

/**
 * The fields of `input` that differ from `product` (decimals compared by value: "4.5" equals
 * "4.5000"), without the rates, which a PATCH refuses. Empty when nothing changed.
 */
export function productPatch(product: Product, input: ProductInput): Partial<ProductInput> {
  const patch: Partial<ProductInput> = {};
  // A product from before the kind-specific fields stands for their defaults (catalog.ts).
  const stored: Product = {
    ...product,
    nonforfeitureRate: nonforfeitureRateOf(product),
    brokered: isBrokeredCd(product),
    earlyWithdrawalPenaltyMonths: product.earlyWithdrawalPenaltyMonths ?? null,
    ...issueAgeAndMvaTermsOf(product),
    carrierId: product.carrierId ?? null,
  };
  for (const field of PRODUCT_FIELDS) {
    if (field === 'baseRate' || field === 'bonusRate') continue;
    if (!sameValue(stored[field], input[field])) Object.assign(patch, { [field]: input[field] });
  }
  return patch;
}

/** Surrender schedule editing: the list grows and shrinks one contract year at a time. */
export function withScheduleYear(schedule: readonly string[], value = ''): string[] {
  return [...schedule, value];
}

export function withoutScheduleYear(schedule: readonly string[], index: number): string[] {
  return schedule.filter((_value, position) => position !== index);
}

export function withScheduleValue(schedule: readonly string[], index: number, value: string): string[] {
  return schedule.map((current, position) => (position === index ? value : current));
}

/** Field labels, for the error summary ("Minimum investment: must be greater than 0"). */
export const productFieldLabels = {
  cusip: 'CUSIP',
  productName: 'Product name',
  productType: 'Type',
  issuerName: 'Issuer',
  description: 'Description',
  minimumInvestment: 'Minimum investment',
  maximumInvestment: 'Maximum investment',
  baseRate: 'Base rate',
  bonusRate: 'Bonus rate',
  bonusYears: 'Bonus years',
  termYears: 'Term',
  guaranteedMinimumRate: 'Guaranteed minimum rate',
  compounding: 'Compounding',
  surrenderSchedule: 'Surrender schedule',
  freeWithdrawalPercent: 'Free withdrawal',
  returnOfPremium: 'Return of premium',
  returnOfPremiumPercentage: 'Return of premium percentage',
  termsAndConditions: 'Terms and conditions',
  nonforfeitureRate: 'Nonforfeiture rate',
  brokered: 'Brokered CD',
  earlyWithdrawalPenaltyMonths: 'Early-withdrawal penalty',
  ...issueAgeAndMvaLabels,
} as const satisfies Record<ProductField, string>;

/** "surrenderSchedule.2" -> "Surrender schedule, year 3"; unknown paths as given. */
export function fieldLabel(path: string): string {
  const [field = '', index] = path.split('.');
  const labels: Readonly<Record<string, string>> = productFieldLabels;
  const label = Object.hasOwn(labels, field) ? (labels[field] ?? field) : path === '' ? 'Product' : path;
  return field === 'surrenderSchedule' && index !== undefined && /^\d+$/.test(index) ? `${label}, year ${Number(index) + 1}` : label;
}
