// The FIA rows an uploaded comparison's historical-period sections are recomputed from (issue 13):
// the compared FIAs' crediting strategies, every publication of their rates, and the year-end
// levels of the indexes they credit, read from the server's own tables; and each as a comparison
// saved at a given moment saw it (see verify-catalog.ts CatalogView).
import type { Kysely, Transaction } from 'kysely';
import type { FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import { indexLevelFromRow, strategyFromRow, strategyRateFromRow } from '../admin/fia-strategy-rows.js';
import type { Database } from '../db/schema.js';

export interface FiaTerms {
  strategies: ReadonlyMap<string, readonly FiaStrategy[]>;
  strategyRates: readonly FiaStrategyRate[];
  indexLevels: readonly IndexLevelRow[];
}

/** The strategies of `productIds` (lowercase), their rates and their indexes' levels. */
export async function loadFiaTerms(db: Kysely<Database> | Transaction<Database>, productIds: readonly string[]): Promise<FiaTerms> {
  if (productIds.length === 0) return { strategies: new Map(), strategyRates: [], indexLevels: [] };
  const strategyRows = await db.selectFrom('fiaStrategies').selectAll().where('productId', 'in', productIds).execute();
  const strategyIds = strategyRows.map((row) => row.strategyId);
  const indexNames = [...new Set(strategyRows.flatMap((row) => (row.indexName === null ? [] : [row.indexName])))];
  const [rateRows, levelRows] = await Promise.all([
    strategyIds.length === 0 ? [] : db.selectFrom('fiaStrategyRates').selectAll().where('strategyId', 'in', strategyIds).execute(),
    indexNames.length === 0 ? [] : db.selectFrom('indexLevels').selectAll().where('indexName', 'in', indexNames).execute(),
  ]);
  const strategies = new Map<string, FiaStrategy[]>();
  for (const row of strategyRows) strategies.set(row.productId, [...(strategies.get(row.productId) ?? []), strategyFromRow(row)]);
  return { strategies, strategyRates: rateRows.map(strategyRateFromRow), indexLevels: levelRows.map(indexLevelFromRow) };
}

/**
 * What a comparison saved at `comparisonDate` could have used: rows created later are left out in
 * the as-saved view; a strategy retired after the save still counts as active then. (A rate or
 * level retracted after the save has no retraction time in these tables, so it counts as retracted,
 * as a base rate retracted at an unknown time does.)
 */
export function fiaTermsAsSavedAt(terms: FiaTerms, productId: string, comparisonDate: string, asSaved: boolean) {
  const savedAt = Date.parse(comparisonDate);
  const existed = (row: { createdAt: string }) => !asSaved || Date.parse(row.createdAt) <= savedAt;
  const strategies = (terms.strategies.get(productId) ?? [])
    .filter(existed)
    .map((strategy) => (asSaved && !strategy.isActive && Date.parse(strategy.updatedAt) > savedAt ? { ...strategy, isActive: true } : strategy));
  const ids = new Set(strategies.map((strategy) => strategy.strategyId));
  return { strategies, strategyRates: terms.strategyRates.filter((rate) => ids.has(rate.strategyId) && existed(rate)), indexLevels: terms.indexLevels.filter(existed) };
}
