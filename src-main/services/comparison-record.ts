// Turns a comparison the rep was shown into the record that is saved and uploaded: the exact rate
// publication each column used and the product as it was then, so reopening it (here or on the
// server) never depends on today's catalog.
//
// The one place where the projection's names meet the record's. Both sets are kept in immutable
// compliance records (the record's columns come from the seed design and the sync protocol; the
// projection's are inside each record's `inputs` and `results` JSON), so neither can be renamed
// without two vocabularies in the archive:
//   premium -> investmentAmount, years -> horizonYears, rulesVersion -> engineVersion,
//   the moment it was saved -> comparisonDate.
import type { Product } from '../../src-shared/catalog.js';
import type { Comparison } from '../../src-shared/comparison.js';
import { parseOrThrow } from '../../src-shared/errors.js';
import { SavedComparison } from '../../src-shared/sync/protocol.js';

export interface ComparisonRecordInput {
  comparisonId: string;
  /** When it was saved, laptop clock. */
  comparisonDate: Date;
  comparison: Comparison;
  /** The products in the comparison's column order. */
  products: readonly Product[];
  clientReference: string | null;
  /** Saved as a historical view (rates as of another day than the business date it was saved on). */
  historical?: boolean;
}

/** Throws ValidationError naming the field (for example a client reference holding an SSN). */
export function buildComparisonRecord({ comparisonId, comparisonDate, comparison, products, clientReference, historical = false }: ComparisonRecordInput): SavedComparison {
  const record = {
    comparisonId,
    // Only when true: a server from before the field refuses unknown fields, and absent means false.
    ...(historical ? { historical: true } : {}),
    comparisonDate: comparisonDate.toISOString(),
    asOfDate: comparison.asOfDate,
    investmentAmount: comparison.premium,
    horizonYears: comparison.years,
    clientReference,
    inputs: {
      premium: comparison.premium,
      years: comparison.years,
      startDate: comparison.startDate,
      asOfDate: comparison.asOfDate,
      productIds: comparison.products.map((column) => column.productId),
    },
    engineVersion: comparison.rulesVersion,
    // A JSON round trip drops nothing from these plain values but proves they are JSON.
    results: asJson(comparison),
    items: comparison.products.map((column, index) => {
      const product = products[index];
      if (product === undefined || product.productId !== column.productId) {
        throw new Error(`comparison record: product ${index} does not match column ${column.productId}`);
      }
      return {
        position: index + 1,
        productId: column.productId,
        rateHistoryId: column.ratesUsed?.rateHistoryId ?? null,
        // Without a rate in force nothing was projected; the listed rates record what the catalog said.
        baseRate: column.ratesUsed?.baseRate ?? product.baseRate,
        bonusRate: column.ratesUsed?.bonusRate ?? product.bonusRate,
        productSnapshot: asJson(product),
      };
    }),
  };
  return parseOrThrow(SavedComparison, record);
}

function asJson(value: object): Record<string, unknown> {
  const copy: unknown = JSON.parse(JSON.stringify(value));
  if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) throw new Error('expected a JSON object');
  return { ...copy };
}
