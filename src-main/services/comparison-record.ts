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
import { createHash } from 'node:crypto';
import type { Product } from '../../src-shared/catalog.js';
import type { Comparison } from '../../src-shared/comparison.js';
import { parseOrThrow } from '../../src-shared/errors.js';
import { comparisonDisclosures } from '../../src-shared/format/disclosures.js';
import { echoedIllustrationInputs } from '../../src-shared/illustration/illustration-inputs.js';
import type { RecordedCarrier, RecordedClientContext } from '../../src-shared/client-context.js';
import { isEmptyBestInterest, type BestInterest } from '../../src-shared/records/best-interest.js';
import { disclosureDigestInput } from '../../src-shared/records/disclosure-digest.js';
import { SavedComparison, type JsonObject } from '../../src-shared/sync/protocol.js';

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
  /** The app's version (AppInfo.version). */
  appVersion: string;
  /** The sync cursor of the local catalog at saving time; null when it never synced. */
  catalogCursor: string | null;
  /** The business date of the saving day: the prepared date of every print of the record. */
  preparedOn: string;
  /** What the rep documented, if anything (NAIC Model 275). */
  bestInterest?: BestInterest | null;
  /** The client context the rep worked with and the products that did not fit it (inputs.clientContext). */
  clientContext?: RecordedClientContext | null;
  /** The compared products' carriers as shown (inputs.carriers). */
  carriers?: readonly RecordedCarrier[];
}

/** The disclosures a comparison is shown with, and the SHA-256 of their canonical form. */
export function recordDisclosures(comparison: Comparison): { sha256: string; texts: string[] } {
  const texts = comparisonDisclosures(comparison).map((disclosure) => disclosure.text);
  return { sha256: createHash('sha256').update(disclosureDigestInput(texts), 'utf8').digest('hex'), texts };
}

/** Throws ValidationError naming the field (for example a client reference holding an SSN). */
export function buildComparisonRecord(input: ComparisonRecordInput): SavedComparison {
  return parseOrThrow(SavedComparison, assembleComparisonRecord(input));
}

/** The record before the contract checks it: what buildComparisonRecord validates (and tests of refusals alter). */
export function assembleComparisonRecord(input: ComparisonRecordInput): SavedComparison {
  const { comparisonId, comparisonDate, comparison, products, clientReference, historical = false, bestInterest = null } = input;
  return {
    comparisonId,
    // Only when true: a server from before the field refuses unknown fields, and absent means false.
    ...(historical ? { historical: true } : {}),
    // What makes the record complete (issue 12): the server refuses an upload without them.
    appVersion: input.appVersion,
    catalogCursor: input.catalogCursor,
    preparedOn: input.preparedOn,
    disclosures: recordDisclosures(comparison),
    // Absent, not empty, when the rep documented nothing.
    ...(bestInterest === null || isEmptyBestInterest(bestInterest) ? {} : { bestInterest }),
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
      // Absent, not null, without them: records from before issue 13 read the same.
      ...(input.clientContext == null ? {} : { clientContext: asJson(input.clientContext) }),
      ...(input.carriers === undefined || input.carriers.length === 0 ? {} : { carriers: input.carriers.map((carrier) => asJson(carrier)) }),
      // The illustration inputs (withdrawals, mvaScenario, strategyIds), only those given.
      ...asJson(echoedIllustrationInputs(comparison)),
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
}

function asJson(value: object): JsonObject {
  const copy: unknown = JSON.parse(JSON.stringify(value));
  if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) throw new Error('expected a JSON object');
  // What JSON.parse returns is JSON all the way down.
  return { ...copy } as JsonObject;
}
