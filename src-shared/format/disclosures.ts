// The disclosures a comparison carries, chosen by what it contains: the one list the compare screen
// shows under its tables and the printed illustration prints, so a client reads the same words on
// screen and on paper. Pure, so both hosts (renderer and main) take it from here. The wording follows the research notes (shared reference domain-notes.md, sections 3.7 to 4): NAIC
// Model 245 (label as an illustration, never imply that non-guaranteed values are guaranteed, its
// standard wording on non-guaranteed elements), insurer guarantees backed by claims-paying
// ability, annuities are not deposits and not FDIC insured, and FDIC coverage limits for CDs.
import { isBrokeredColumn, type Comparison } from '../comparison.js';

export const DisclosureId = {
  hypothetical: 'hypothetical',
  nonGuaranteed: 'non-guaranteed',
  indexed: 'indexed',
  claimsPaying: 'claims-paying',
  notFdicInsured: 'not-fdic-insured',
  cdFdic: 'cd-fdic',
  brokeredCd: 'brokered-cd',
} as const;
export type DisclosureId = (typeof DisclosureId)[keyof typeof DisclosureId];

export interface Disclosure {
  id: DisclosureId;
  text: string;
}

/** The disclosures for this mix of products, in reading order (always the hypothetical-illustration one first). */
export function comparisonDisclosures(comparison: Comparison): Disclosure[] {
  const projected = comparison.products.filter((column) => column.projection !== null);
  const types = new Set(comparison.products.map((column) => column.productType));
  const hasAnnuity = types.has('MYGA') || types.has('FIA');
  const hasNonGuaranteed = projected.some((column) => column.productType === 'FIA' || column.projection?.rows.some((row) => !row.guaranteed));
  const hasBrokeredCd = comparison.products.some(isBrokeredColumn);

  const list: Disclosure[] = [
    {
      id: DisclosureId.hypothetical,
      text:
        'This is a hypothetical illustration of mathematical growth for comparison only. It is not a contract, an offer or a guarantee of future results; ' +
        `it assumes a single premium paid on the start date, ${comparison.withdrawals === undefined ? 'no withdrawals' : 'the withdrawals shown'}, and values at the end of each contract year. ` +
        "Read each product's disclosure document (and, for annuities, the Buyer's Guide) before you buy.",
    },
  ];
  if (hasNonGuaranteed) {
    list.push({
      id: DisclosureId.nonGuaranteed,
      text:
        "Values marked † are not guaranteed. This illustration assumes the annuity's current non-guaranteed elements will not change. It is likely that they will change " +
        'and actual values will be higher or lower than those in this illustration but will not be less than the minimum guarantees.',
    });
  }
  if (types.has('FIA')) {
    list.push({
      id: DisclosureId.indexed,
      text:
        'Fixed indexed annuities: the crediting rate shown stands in for index-linked interest, which is not guaranteed and may be zero in any year. ' +
        'Only the guaranteed minimum rate is guaranteed, and only the guaranteed values reflect it.',
    });
  }
  if (hasAnnuity) {
    list.push(
      {
        id: DisclosureId.claimsPaying,
        text: 'Annuity guarantees are backed solely by the financial strength and claims-paying ability of the issuing insurance company.',
      },
      {
        id: DisclosureId.notFdicInsured,
        text: 'Annuities are not FDIC insured, are not deposits of or guaranteed by any bank, and are not insured by any federal government agency. They may lose value if surrendered early.',
      },
    );
  }
  if (types.has('CD')) {
    list.push({
      id: DisclosureId.cdFdic,
      text:
        'Certificates of deposit are insured by the FDIC up to $250,000 per depositor, per insured bank, for each account ownership category; amounts above that limit are not insured. ' +
        'An early withdrawal may be subject to a penalty.',
    });
  }
  if (hasBrokeredCd) {
    list.push({
      id: DisclosureId.brokeredCd,
      text:
        'Brokered CDs pay simple interest that is paid out, not reinvested. Sold before maturity, a brokered CD is priced by the secondary market and may be worth less than its principal; ' +
        'FDIC insurance does not cover that loss.',
    });
  }
  return list;
}
