// Two groups of product terms (issue 13): the issue ages (the youngest and oldest owner a product
// may be issued to, whole years; null = no limit on that side) and the market value adjustment
// terms the MVA formula needs (src-shared/mva.ts): whether the contract has an MVA, its spread,
// the reference index whose rate i and j are read from, and the contract's floor and cap on the
// factor. Fields and rules only; catalog.ts puts them in the product schemas. Every field is
// optional so products and snapshots from before them still parse: absent reads as no age limit
// and no MVA (issueAgeAndMvaTermsOf).
import { z } from 'zod';
import { typeMessage, type ValidationIssue } from '../errors.js';
import { MvaCapString, MvaFloorString, MvaSpreadString, RateString } from '../validation/decimal-strings.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';

/** The oldest issue age the catalog accepts. */
export const MAX_ISSUE_AGE = 120;

const issueAge = () => wholeNumberBetween(0, MAX_ISSUE_AGE, 'a whole number of years').nullable().optional();

export const issueAgeAndMvaFields = {
  /** The youngest age at issue; null = no lower limit. */
  minimumIssueAge: issueAge(),
  /** The oldest age at issue; null = no upper limit. */
  maximumIssueAge: issueAge(),
  /** The contract adjusts withdrawals above the free amount in the guarantee period by an MVA. */
  mvaApplies: z.boolean({ error: typeMessage('true or false') }).optional(),
  /** k in the MVA formula, percent; required with an MVA, null without. */
  mvaSpread: MvaSpreadString.nullable().optional(),
  /** Where i and j are read (e.g. "10-year US Treasury constant maturity"); required with an MVA, null without. */
  mvaReferenceIndex: z
    .string({ error: typeMessage('text') })
    .max(255, 'must be at most 255 characters')
    .refine((value) => value.trim().length > 0, 'must not be blank')
    .nullable()
    .optional(),
  /**
   * i of the MVA formula for a contract issued now: the reference index's rate at issue as the admin
   * last published it (percent). Required with an MVA in what an admin writes; null without. Older
   * rows lack it, and then the illustration says the MVA scenarios cannot be shown.
   */
  mvaReferenceRate: RateString.nullable().optional(),
  /** The factor never goes below this percent (<= 0); null = no floor. */
  mvaFactorFloor: MvaFloorString.nullable().optional(),
  /** The factor never goes above this percent (>= 0); null = no cap. */
  mvaFactorCap: MvaCapString.nullable().optional(),
};

/** The fields the rules below look at; `unknown` because the product editor passes form state. */
export interface IssueAgeAndMvaRuleFields {
  productType?: unknown;
  minimumIssueAge?: unknown;
  maximumIssueAge?: unknown;
  mvaApplies?: unknown;
  mvaSpread?: unknown;
  mvaReferenceIndex?: unknown;
  mvaReferenceRate?: unknown;
  mvaFactorFloor?: unknown;
  mvaFactorCap?: unknown;
}

export interface IssueAgeAndMvaTerms {
  minimumIssueAge: number | null;
  maximumIssueAge: number | null;
  mvaApplies: boolean;
  mvaSpread: string | null;
  mvaReferenceIndex: string | null;
  mvaReferenceRate: string | null;
  mvaFactorFloor: string | null;
  mvaFactorCap: string | null;
}

/** The terms with the meaning of an absent field filled in: no age limit, no MVA. */
export function issueAgeAndMvaTermsOf(product: {
  minimumIssueAge?: number | null | undefined;
  maximumIssueAge?: number | null | undefined;
  mvaApplies?: boolean | undefined;
  mvaSpread?: string | null | undefined;
  mvaReferenceIndex?: string | null | undefined;
  mvaReferenceRate?: string | null | undefined;
  mvaFactorFloor?: string | null | undefined;
  mvaFactorCap?: string | null | undefined;
}): IssueAgeAndMvaTerms {
  return {
    minimumIssueAge: product.minimumIssueAge ?? null,
    maximumIssueAge: product.maximumIssueAge ?? null,
    mvaApplies: product.mvaApplies ?? false,
    mvaSpread: product.mvaSpread ?? null,
    mvaReferenceIndex: product.mvaReferenceIndex ?? null,
    mvaReferenceRate: product.mvaReferenceRate ?? null,
    mvaFactorFloor: product.mvaFactorFloor ?? null,
    mvaFactorCap: product.mvaFactorCap ?? null,
  };
}

const MVA_DETAILS = ['mvaSpread', 'mvaReferenceIndex', 'mvaReferenceRate', 'mvaFactorFloor', 'mvaFactorCap'] as const;
const isAge = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_ISSUE_AGE;
const present = (value: unknown): boolean => value !== null && value !== undefined;

/**
 * Ages in order; an MVA states its spread and reference index, a product without one states no MVA
 * terms, and a CD (a deposit, not an annuity) has none. Floor <= 0 <= cap is each field's own range.
 * As in catalog.ts, only well-formed values are judged, so a malformed field keeps its single message.
 */
export function issueAgeAndMvaRuleIssues(value: IssueAgeAndMvaRuleFields): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (isAge(value.minimumIssueAge) && isAge(value.maximumIssueAge) && value.maximumIssueAge < value.minimumIssueAge) {
    issues.push({ path: 'maximumIssueAge', message: `must be greater than or equal to minimumIssueAge (${value.minimumIssueAge})` });
  }
  if (value.mvaApplies === true) {
    if (value.productType === 'CD') issues.push({ path: 'mvaApplies', message: 'must be false when productType is CD' });
    if (!present(value.mvaSpread)) issues.push({ path: 'mvaSpread', message: 'is required when mvaApplies is true' });
    if (!present(value.mvaReferenceIndex)) issues.push({ path: 'mvaReferenceIndex', message: 'is required when mvaApplies is true' });
  } else if (value.mvaApplies === false || value.mvaApplies === undefined) {
    for (const field of MVA_DETAILS) {
      if (present(value[field])) issues.push({ path: field, message: 'must be null when mvaApplies is false' });
    }
  }
  return issues;
}
