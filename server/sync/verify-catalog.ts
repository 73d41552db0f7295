// The server's own catalog rows that uploaded comparisons are checked against: the products, every
// rate publication and availability window of each, and when a retracted publication was retracted
// (its RETRACT audit row), so a comparison saved before a retraction is judged by the catalog it
// was made with.
import type { Kysely, Transaction } from 'kysely';
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import type { FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import { availabilityFromRow, productFromRow, rateFromRow, timestamp } from '../admin/catalog-rows.js';
import type { Database } from '../db/schema.js';
import { loadFiaTerms } from './verify-fia-catalog.js';

export interface PublishedRate extends RateHistoryEntry {
  /** When it was retracted (server clock); null while active, or when no RETRACT audit row says when. */
  retractedAt: string | null;
}

export interface VerificationCatalog {
  products: ReadonlyMap<string, Product>;
  /** By product id, every publication (retracted ones included). */
  rates: ReadonlyMap<string, readonly PublishedRate[]>;
  /** By product id. */
  availability: ReadonlyMap<string, readonly AvailabilityWindow[]>;
  /** An FIA's crediting strategies by product id, retired ones included (issue 13). */
  strategies: ReadonlyMap<string, readonly FiaStrategy[]>;
  /** Every publication of those strategies' rates. */
  strategyRates: readonly FiaStrategyRate[];
  /** Every year-end level of the indexes those strategies credit. */
  indexLevels: readonly IndexLevelRow[];
}

function groupByProduct<T extends { productId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.productId);
    if (group) group.push(row);
    else groups.set(row.productId, [row]);
  }
  return groups;
}

/** Reads what the verification of comparisons of `productIds` (lowercase) needs. */
export async function loadVerificationCatalog(db: Kysely<Database> | Transaction<Database>, productIds: readonly string[]): Promise<VerificationCatalog> {
  if (productIds.length === 0) return { products: new Map(), rates: new Map(), availability: new Map(), ...(await loadFiaTerms(db, [])) };
  const [products, rates, windows] = await Promise.all([
    db.selectFrom('products').selectAll().where('productId', 'in', productIds).execute(),
    db.selectFrom('rateHistory').selectAll().where('productId', 'in', productIds).execute(),
    db.selectFrom('productAvailability').selectAll().where('productId', 'in', productIds).execute(),
  ]);
  const retractedIds = rates.filter((row) => !row.isActive).map((row) => row.rateHistoryId);
  const retractions =
    retractedIds.length === 0
      ? []
      : await db
          .selectFrom('auditLog')
          .select(['recordId', (eb) => eb.fn.min('occurredAt').as('retractedAt')])
          .where('tableName', '=', 'rate_history')
          .where('actionType', '=', 'RETRACT')
          .where('recordId', 'in', retractedIds)
          .groupBy('recordId')
          .execute();
  const retractedAt = new Map(retractions.map((row) => [row.recordId, timestamp(row.retractedAt)]));
  return {
    // mvaReferenceRate is read here too: the MVA scenarios are recomputed from it.
    products: new Map(products.map((row) => [row.productId, { ...productFromRow(row), mvaReferenceRate: row.mvaReferenceRate ?? null }])),
    rates: groupByProduct(rates.map((row) => ({ ...rateFromRow(row), retractedAt: row.isActive ? null : (retractedAt.get(row.rateHistoryId) ?? null) }))),
    availability: groupByProduct(windows.map(availabilityFromRow)),
    ...(await loadFiaTerms(db, productIds)),
  };
}

/**
 * Which catalog a comparison is judged by. `asSaved`: as it stood when the comparison was saved
 * (publications made later left out, a period they closed still open, one retracted later still
 * active), so a rate published for today after a rep saved this morning does not refuse an honest
 * record. `current`: today's rows (one retracted after the save still counts as active), for a
 * laptop whose clock ran behind the server's when it saved. A record either one reproduces is one
 * the rep could have been shown; one retracted at an unknown time counts as retracted in both.
 */
export const CatalogView = { asSaved: 'as-saved', current: 'current' } as const;
export type CatalogView = (typeof CatalogView)[keyof typeof CatalogView];

function dayBefore(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The product's publications as `view` sees them for a comparison saved at `comparisonDate`. */
export function ratesAsSavedAt(rates: readonly PublishedRate[], comparisonDate: string, view: CatalogView = CatalogView.asSaved): RateHistoryEntry[] {
  const savedAt = Date.parse(comparisonDate);
  const later = view === CatalogView.asSaved ? rates.filter((row) => Date.parse(row.createdAt) > savedAt) : [];
  // Publishing closes the open period the day before the new one starts (admin/publish-rates.ts).
  const closedLater = new Set(later.map((row) => dayBefore(row.effectiveDate)));
  return rates
    .filter((row) => !later.includes(row))
    .map(({ retractedAt, ...entry }) => {
      let seen: RateHistoryEntry = entry;
      if (!seen.isActive && retractedAt !== null && Date.parse(retractedAt) > savedAt) seen = { ...seen, isActive: true };
      if (seen.endDate !== null && closedLater.has(seen.endDate)) seen = { ...seen, endDate: null };
      return seen;
    });
}
