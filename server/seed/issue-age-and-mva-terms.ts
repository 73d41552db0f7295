// The demo catalog's issue ages and market value adjustment terms (issue 13), as issuers commonly
// state them: annuities issued from 0 or 18 (some FIAs from 40 or 50) up to 80-95; CDs open to any
// adult or with no stated limit and never an MVA. Most MYGAs and some FIAs carry an MVA on a
// Treasury or corporate bond index with a spread of 0-1%, some with a floor and cap on the factor.
import type { Product, ProductType } from '../../src-shared/catalog.js';

/** The part of catalog-generator.ts's dice this needs (its own stream, so the rest stays the same for a seed). */
export interface TermsDice {
  chance(percent: number): boolean;
  pick<T>(items: readonly T[]): T;
}

type IssueAgeAndMvaFields = Pick<
  Product,
  'minimumIssueAge' | 'maximumIssueAge' | 'mvaApplies' | 'mvaSpread' | 'mvaReferenceIndex' | 'mvaFactorFloor' | 'mvaFactorCap'
>;

const REFERENCE_INDEXES = [
  '10-year US Treasury constant maturity',
  '5-year US Treasury constant maturity',
  'US Treasury constant maturity matching the guarantee period',
  "Moody's Seasoned Baa Corporate Bond Yield",
] as const;

function issueAges(productType: ProductType, dice: TermsDice): Pick<IssueAgeAndMvaFields, 'minimumIssueAge' | 'maximumIssueAge'> {
  if (productType === 'CD') return { minimumIssueAge: dice.chance(50) ? 18 : null, maximumIssueAge: null };
  const minimumIssueAge = productType === 'FIA' ? dice.pick([0, 18, 40, 50]) : dice.pick([0, 0, 18, 18]);
  return { minimumIssueAge, maximumIssueAge: dice.pick([80, 85, 85, 89, 90, 90, 93, 95]) };
}

export function issueAgeAndMvaTerms(productType: ProductType, dice: TermsDice): IssueAgeAndMvaFields {
  const ages = issueAges(productType, dice);
  const mva = productType === 'MYGA' ? dice.chance(60) : productType === 'FIA' ? dice.chance(40) : false;
  if (!mva) return { ...ages, mvaApplies: false, mvaSpread: null, mvaReferenceIndex: null, mvaFactorFloor: null, mvaFactorCap: null };
  const limited = dice.chance(50);
  return {
    ...ages,
    mvaApplies: true,
    mvaSpread: dice.pick(['0.0000', '0.2500', '0.5000', '0.5000', '0.7500', '1.0000']),
    mvaReferenceIndex: dice.pick(REFERENCE_INDEXES),
    mvaFactorFloor: limited ? dice.pick(['-10.0000', '-7.0000', '-5.0000']) : null,
    mvaFactorCap: limited ? dice.pick(['10.0000', '7.0000', '5.0000']) : null,
  };
}

/**
 * i of the MVA formula for a contract issued on the demo business date (issue 13): the reference
 * index's rate as an admin would publish it, in 5-basis-point steps around late-2026 levels (10-year
 * Treasury CMT 4.05-4.45%, 5-year 3.70-4.10%, Baa corporate 5.70-6.20%). null without an MVA.
 * Drawn from the caller's issue 13 stream, so the terms above keep their values for a seed.
 */
export function mvaReferenceRateOf(product: Pick<Product, 'mvaApplies' | 'mvaReferenceIndex'>, dice: TermsDice & { int(min: number, max: number): number }): string | null {
  if (product.mvaApplies !== true) return null;
  const [low, steps] = product.mvaReferenceIndex?.startsWith("Moody's") ? [570, 10] : product.mvaReferenceIndex?.startsWith('5-year') ? [370, 8] : [405, 8];
  const basisPoints = low + dice.int(0, steps) * 5;
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}00`;
}
