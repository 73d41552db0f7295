// Whether each compared product's rates are the ones the server published for the comparison's
// as-of date: the rates equal the referenced publication's, and that publication was active (or
// retracted only after the comparison was saved) and in force on asOfDate by the app's own rule
// (src-shared/rates/as-of.ts rateInForce), so a laptop cannot claim a rate that never applied.
import type { Product } from '../../src-shared/catalog.js';
import { Decimal } from '../../src-shared/decimal.js';
import { rateInForce } from '../../src-shared/rates/as-of.js';
import type { SavedComparison } from '../../src-shared/sync/protocol.js';
import { ratesAsSavedAt, type CatalogView, type PublishedRate, type VerificationCatalog } from './verify-catalog.js';

type Item = SavedComparison['items'][number];

function sameRate(claimed: string, published: string): boolean {
  return new Decimal(claimed).equals(published);
}

function rateFieldProblems(field: string, item: Item, published: { baseRate: string; bonusRate: string }, source: string): string[] {
  const problems: string[] = [];
  if (!sameRate(item.baseRate, published.baseRate)) {
    problems.push(`${field}.baseRate: ${item.baseRate} does not equal the rate published in ${source} (${published.baseRate})`);
  }
  if (!sameRate(item.bonusRate, published.bonusRate)) {
    problems.push(`${field}.bonusRate: ${item.bonusRate} does not equal the bonus rate published in ${source} (${published.bonusRate})`);
  }
  return problems;
}

function period(row: Pick<PublishedRate, 'effectiveDate' | 'endDate'>): string {
  return `effective ${row.effectiveDate} through ${row.endDate ?? 'further notice'}`;
}

/** Problems of one item whose product and rate row exist and belong together (push.ts checks that first). */
function itemRateProblems(comparison: SavedComparison, item: Item, index: number, product: Product, rows: readonly PublishedRate[], view: CatalogView): string[] {
  const field = `items.${index}`;
  const seen = ratesAsSavedAt(rows, comparison.comparisonDate, view);
  const inForce = rateInForce(seen, comparison.asOfDate);
  if (item.rateHistoryId === null) {
    if (inForce !== null) {
      return [`${field}.rateHistoryId: is null, but rate period ${inForce.rateHistoryId} was in force on ${comparison.asOfDate}`];
    }
    // Without a publication the client records the product's own rate columns as the rep saw them.
    return [];
  }
  const id = item.rateHistoryId.toLowerCase();
  const row = rows.find((candidate) => candidate.rateHistoryId === id);
  if (row === undefined) return [`${field}.rateHistoryId: rate period ${item.rateHistoryId} does not belong to product ${product.productId}`];
  const problems = rateFieldProblems(field, item, row, `rate period ${row.rateHistoryId}`);
  const asSeen = seen.find((candidate) => candidate.rateHistoryId === id);
  if (asSeen === undefined) {
    problems.push(`${field}.rateHistoryId: rate period ${row.rateHistoryId} was published on ${row.createdAt}, after the comparison was saved (${comparison.comparisonDate})`);
    return problems;
  }
  if (!row.isActive) {
    const retractedBefore = row.retractedAt === null || Date.parse(row.retractedAt) <= Date.parse(comparison.comparisonDate);
    if (retractedBefore) {
      problems.push(
        `${field}.rateHistoryId: rate period ${row.rateHistoryId} was retracted` +
          (row.retractedAt === null ? '' : ` on ${row.retractedAt}`) +
          ` and did not apply when the comparison was saved (${comparison.comparisonDate})`,
      );
      return problems;
    }
  }
  if (asSeen.effectiveDate > comparison.asOfDate || (asSeen.endDate !== null && asSeen.endDate < comparison.asOfDate)) {
    problems.push(`${field}.rateHistoryId: rate period ${row.rateHistoryId} (${period(asSeen)}) was not in force on ${comparison.asOfDate}`);
  } else if (inForce !== null && inForce.rateHistoryId !== row.rateHistoryId) {
    problems.push(`${field}.rateHistoryId: rate period ${inForce.rateHistoryId} replaced ${row.rateHistoryId} and was the one in force on ${comparison.asOfDate}`);
  }
  return problems;
}

/** (a) and (b) of the verification, per item, each problem naming its field. */
export function rateProblems(comparison: SavedComparison, catalog: VerificationCatalog, view: CatalogView): string[] {
  return comparison.items.flatMap((item, index) => {
    const product = catalog.products.get(item.productId.toLowerCase());
    if (product === undefined) return [];
    return itemRateProblems(comparison, item, index, product, catalog.rates.get(product.productId) ?? [], view);
  });
}
