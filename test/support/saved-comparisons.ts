// Saved comparisons for push tests. A comparison the server accepts must be one it can verify
// (server/sync/verify-comparison.ts), so it is built as the desktop app builds one, from catalog
// rows; unverifiedComparison is the made-up kind for tests of what is refused.
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.js';
import { demoIndexLevels } from '../../server/seed/demo-index-history.js';
import { loadVerificationCatalog } from '../../server/sync/verify-catalog.js';
import { compareProducts, type ComparisonCandidate, type ComparisonRequestInput } from '../../src-shared/comparison.js';
import { businessDate } from '../../src-shared/dates.js';
import type { SavedComparison } from '../../src-shared/sync/protocol.js';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../src-shared/time/business-calendar.js';
import { assembleComparisonRecord } from '../../src-main/services/comparison-record.js';

/** What a test comparison may set; everything else follows from the catalog rows, as on the laptop. */
export interface ComparisonOptions {
  comparisonId?: string;
  /** Default 2026-11-24T15:04:05Z: the generated catalog's "today". */
  comparisonDate?: string;
  /** Default: the business date (America/New_York) of comparisonDate. */
  asOfDate?: string;
  /** Default: asOfDate. */
  startDate?: string;
  investmentAmount?: string;
  horizonYears?: number;
  clientReference?: string | null;
  historical?: boolean;
  /** The server's RATEDESK_BUSINESS_TIME_ZONE, in which asOfDate and preparedOn are dated; default America/New_York. */
  businessTimeZone?: string;
  /** Issue 13's illustration inputs (withdrawals, mvaScenario, strategyIds) and the index levels the FIA sections credit. */
  illustration?: Pick<ComparisonRequestInput, 'withdrawals' | 'mvaScenario' | 'strategyIds' | 'indexLevels'>;
}

/**
 * A comparison the server accepts, assembled as the desktop app assembles one
 * (src-main/services/comparison-record.ts): compareProducts on the given rows, the products as
 * snapshots, and the record fields (app version, prepared date, disclosures with their hash). Not
 * checked against the contract, so a test may also build one the server must refuse.
 */
export function comparisonFromRows(candidates: readonly ComparisonCandidate[], options: ComparisonOptions = {}): SavedComparison {
  const comparisonDate = options.comparisonDate ?? '2026-11-24T15:04:05.000Z';
  const zone = options.businessTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE;
  const asOfDate = options.asOfDate ?? businessDate(new Date(comparisonDate), zone);
  const investmentAmount = options.investmentAmount ?? '100000.00';
  const comparison = compareProducts({
    premium: investmentAmount,
    years: options.horizonYears ?? 5,
    startDate: options.startDate ?? asOfDate,
    asOfDate,
    products: candidates.map(({ product, rates, availability, strategies, strategyRates }) => ({ product, rates, availability, strategies, strategyRates })),
    // Generated FIAs credit the demo index, which every seeded catalog loads: the laptop has it too.
    ...(candidates.some((candidate) => (candidate.strategies?.length ?? 0) > 0) ? { indexLevels: demoIndexLevels(asOfDate) } : {}),
    ...options.illustration,
  });
  return assembleComparisonRecord({
    comparisonId: options.comparisonId ?? crypto.randomUUID(),
    comparisonDate: new Date(comparisonDate),
    comparison,
    products: candidates.map(({ product }) => product),
    clientReference: options.clientReference === undefined ? 'Smith household' : options.clientReference,
    historical: options.historical,
    appVersion: '1.4.0-test',
    catalogCursor: null,
    preparedOn: businessDate(new Date(comparisonDate), zone),
  });
}

/** comparisonFromRows on the server's own rows of `productIds` (in that column order). */
export async function verifiedComparison(db: Kysely<Database>, productIds: readonly string[], options: ComparisonOptions = {}): Promise<SavedComparison> {
  const ids = productIds.map((id) => id.toLowerCase());
  const rows = await loadVerificationCatalog(db, ids);
  return comparisonFromRows(
    ids.map((id) => {
      const product = rows.products.get(id);
      if (product === undefined) throw new Error(`verifiedComparison: no product ${id}`);
      const strategies = [...(rows.strategies.get(id) ?? [])];
      const strategyRates = rows.strategyRates.filter((rate) => strategies.some((strategy) => strategy.strategyId === rate.strategyId));
      return { product, rates: (rows.rates.get(id) ?? []).map(({ retractedAt: _retractedAt, ...rate }) => rate), availability: [...(rows.availability.get(id) ?? [])], strategies, strategyRates };
    }),
    { ...options, illustration: { indexLevels: [...rows.indexLevels], ...options.illustration } },
  );
}

/**
 * A well-formed comparison the server cannot verify (made-up figures, no record fields): for tests
 * of what is refused before verification (validation, unknown products, ownership of an id) or of
 * the refusal itself. `overrides` replace top-level fields.
 */
export function unverifiedComparison(
  productIds: readonly string[],
  overrides: Partial<SavedComparison> = {},
  rateHistoryIds: readonly (string | null)[] = [],
): SavedComparison {
  return {
    comparisonId: crypto.randomUUID(),
    comparisonDate: '2026-11-24T15:04:05.000Z',
    asOfDate: '2026-11-24',
    investmentAmount: '100000.00',
    horizonYears: 5,
    clientReference: 'Smith household',
    inputs: { premium: '100000.00', years: 5 },
    results: { products: productIds.map((productId) => ({ productId, endingValue: '125000.00' })) },
    engineVersion: 'projection-rules-1',
    items: productIds.map((productId, index) => ({
      position: index + 1,
      productId,
      rateHistoryId: rateHistoryIds[index] ?? null,
      baseRate: '4.5000',
      bonusRate: '0.0000',
      productSnapshot: { productId, productName: `Product ${index + 1}` },
    })),
    ...overrides,
  };
}
