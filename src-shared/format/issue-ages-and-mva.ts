// Issue ages and market value adjustment terms in words, for the product page (and later Compare
// and the PDF). Pure.
import type { IssueAgeAndMvaTerms } from '../catalog/issue-ages-and-mva.js';
import { formatPercentText } from './display.js';

/** "0 to 85", "18 and older", "Up to 90" or "No limits stated". */
export function issueAgesText(terms: Pick<IssueAgeAndMvaTerms, 'minimumIssueAge' | 'maximumIssueAge'>): string {
  const { minimumIssueAge: min, maximumIssueAge: max } = terms;
  if (min !== null && max !== null) return `${min} to ${max}`;
  if (min !== null) return `${min} and older`;
  if (max !== null) return `Up to ${max}`;
  return 'No limits stated';
}

/** The MVA terms in one line, or "None" when the contract has no MVA. */
export function mvaTermsText(terms: IssueAgeAndMvaTerms): string {
  if (!terms.mvaApplies) return 'None';
  const limits = [
    terms.mvaFactorFloor === null ? null : `never below ${formatPercentText(terms.mvaFactorFloor)}`,
    terms.mvaFactorCap === null ? null : `never above +${formatPercentText(terms.mvaFactorCap)}`,
  ].filter((part): part is string => part !== null);
  const base = `Applies during the guarantee period: reference ${terms.mvaReferenceIndex ?? 'index not stated'}, spread ${formatPercentText(terms.mvaSpread)}`;
  return limits.length === 0 ? `${base}; no floor or cap` : `${base}; factor ${limits.join(', ')}`;
}
