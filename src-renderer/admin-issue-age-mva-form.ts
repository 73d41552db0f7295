// The product editor's issue ages and market value adjustment fields (issue 13): text as typed,
// turned into the ProductInput fields of src-shared/catalog/issue-ages-and-mva.ts; also the other
// issue 13 field of the product, its carrier record (carrierId). Pure.
import type { Product, ProductType } from '../src-shared/catalog.js';
import { issueAgeAndMvaTermsOf } from '../src-shared/catalog/issue-ages-and-mva.js';

export interface IssueAgeAndMvaForm {
  /** Blank: no lower limit. */
  minimumIssueAge: string;
  /** Blank: no upper limit. */
  maximumIssueAge: string;
  /** Annuities only. */
  mvaApplies: boolean;
  mvaSpread: string;
  mvaReferenceIndex: string;
  /** i of the MVA formula at issue, percent; required with an MVA. */
  mvaReferenceRate: string;
  /** Blank: no floor. */
  mvaFactorFloor: string;
  /** Blank: no cap. */
  mvaFactorCap: string;
  /** The carrier record (the picker sets the issuer name with it); '' = none. */
  carrierId: string;
}

export const ISSUE_AGE_AND_MVA_FIELDS = [
  'minimumIssueAge',
  'maximumIssueAge',
  'mvaApplies',
  'mvaSpread',
  'mvaReferenceIndex',
  'mvaReferenceRate',
  'mvaFactorFloor',
  'mvaFactorCap',
  'carrierId',
] as const satisfies ReadonlyArray<keyof IssueAgeAndMvaForm>;

export const emptyIssueAgeAndMvaForm: IssueAgeAndMvaForm = {
  minimumIssueAge: '',
  maximumIssueAge: '',
  mvaApplies: false,
  mvaSpread: '',
  mvaReferenceIndex: '',
  mvaReferenceRate: '',
  mvaFactorFloor: '',
  mvaFactorCap: '',
  carrierId: '',
};

export function issueAgeAndMvaFormFrom(product: Product): IssueAgeAndMvaForm {
  const terms = issueAgeAndMvaTermsOf(product);
  return {
    minimumIssueAge: terms.minimumIssueAge === null ? '' : String(terms.minimumIssueAge),
    maximumIssueAge: terms.maximumIssueAge === null ? '' : String(terms.maximumIssueAge),
    mvaApplies: terms.mvaApplies,
    mvaSpread: terms.mvaSpread ?? '',
    mvaReferenceIndex: terms.mvaReferenceIndex ?? '',
    mvaReferenceRate: terms.mvaReferenceRate ?? '',
    mvaFactorFloor: terms.mvaFactorFloor ?? '',
    mvaFactorCap: terms.mvaFactorCap ?? '',
    carrierId: product.carrierId ?? '',
  };
}

/** Blank: null; a whole number as a number; anything else as typed, so the schema names it. */
function ageValue(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d{1,3}$/.test(trimmed) ? Number.parseInt(trimmed, 10) : trimmed;
}

/** Blank: null; a pasted "%" dropped. */
function percentOrNull(value: string): string | null {
  const trimmed = value.trim().replace(/%$/, '').trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The fields as the server would receive them. No MVA on a CD, and the MVA terms of an unticked
 * MVA are not sent (leftovers in hidden fields are not errors); a ticked MVA left blank is sent
 * blank as missing, so the shared rule says it is required.
 */
export function issueAgeAndMvaInput(form: IssueAgeAndMvaForm & { productType: ProductType }): Record<string, unknown> {
  const mva = form.productType !== 'CD' && form.mvaApplies;
  const index = form.mvaReferenceIndex.trim() === '' ? null : form.mvaReferenceIndex;
  return {
    minimumIssueAge: ageValue(form.minimumIssueAge),
    maximumIssueAge: ageValue(form.maximumIssueAge),
    mvaApplies: mva,
    mvaSpread: mva ? percentOrNull(form.mvaSpread) : null,
    mvaReferenceIndex: mva ? index : null,
    mvaReferenceRate: mva ? percentOrNull(form.mvaReferenceRate) : null,
    mvaFactorFloor: mva ? percentOrNull(form.mvaFactorFloor) : null,
    mvaFactorCap: mva ? percentOrNull(form.mvaFactorCap) : null,
    carrierId: form.carrierId === '' ? null : form.carrierId,
  };
}

export const issueAgeAndMvaLabels = {
  minimumIssueAge: 'Minimum issue age',
  maximumIssueAge: 'Maximum issue age',
  mvaApplies: 'Market value adjustment',
  mvaSpread: 'MVA spread',
  mvaReferenceIndex: 'MVA reference index',
  mvaReferenceRate: 'MVA reference rate at issue',
  mvaFactorFloor: 'MVA floor',
  mvaFactorCap: 'MVA cap',
  carrierId: 'Carrier record',
} as const satisfies Record<keyof IssueAgeAndMvaForm, string>;
