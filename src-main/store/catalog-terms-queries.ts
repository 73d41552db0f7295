// Reads of the cached catalog records of issue 13 (carriers, state approvals, FIA strategies and
// their rates, index levels) as the shared domain values, for the catalog filter, the product page,
// Compare and the illustration. Every row is returned, retired ones too (isActive false): the
// shared rules (approvedOn, strategyRateInForce, indexHistoryOf) decide what counts on a day.
import type { Carrier } from '../../src-shared/catalog/carriers.js';
import type { FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import type { ClientDb } from './schema.js';

// SQLite caps bound parameters (32,766 in the bundled build); lists are read in slices well below it.
const SLICE = 500;

async function inSlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];
  for (let start = 0; start < unique.length; start += SLICE) rows.push(...(await read(unique.slice(start, start + SLICE))));
  return rows;
}

const active = (flag: number): boolean => flag === 1;

/** Every cached carrier by id. */
export async function carriersById(db: ClientDb): Promise<Map<string, Carrier>> {
  const rows = await db
    .selectFrom('carriers')
    .select(['carrierId', 'carrierName', 'naicCode', 'amBestRating', 'amBestOutlook', 'ratingAsOf', 'isActive', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'])
    .execute();
  return new Map(rows.map((row) => [row.carrierId, { ...row, isActive: active(row.isActive) } as Carrier]));
}

/** The state approvals of the given products. */
export async function approvalsOfProducts(db: ClientDb, productIds: readonly string[]): Promise<StateApproval[]> {
  return inSlices(productIds, async (slice) => {
    const rows = await db
      .selectFrom('productStateApprovals')
      .select(['approvalId', 'productId', 'stateCode', 'approvedFrom', 'approvedUntil', 'isActive', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'])
      .where('productId', 'in', slice)
      .orderBy('productId')
      .orderBy('stateCode')
      .orderBy('approvedFrom')
      .execute();
    return rows.map((row) => ({ ...row, isActive: active(row.isActive) }) as StateApproval);
  });
}

/** The crediting strategies of the given products, in each product's display order. */
export async function strategiesOfProducts(db: ClientDb, productIds: readonly string[]): Promise<FiaStrategy[]> {
  return inSlices(productIds, async (slice) => {
    const rows = await db
      .selectFrom('fiaStrategies')
      .select([
        'strategyId', 'productId', 'strategyCode', 'strategyName', 'indexName', 'creditingMethod', 'guaranteedRate', 'floorRate',
        'sortOrder', 'isActive', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
      ])
      .where('productId', 'in', slice)
      .orderBy('productId')
      .orderBy('sortOrder')
      .orderBy('strategyCode')
      .execute();
    return rows.map((row) => ({ ...row, isActive: active(row.isActive) }) as FiaStrategy);
  });
}

/** The published rates of the given strategies. */
export async function strategyRatesOf(db: ClientDb, strategyIds: readonly string[]): Promise<FiaStrategyRate[]> {
  return inSlices(strategyIds, async (slice) => {
    const rows = await db
      .selectFrom('fiaStrategyRates')
      .select(['strategyRateId', 'strategyId', 'rate', 'effectiveDate', 'endDate', 'isActive', 'createdAt', 'createdBy'])
      .where('strategyId', 'in', slice)
      .orderBy('strategyId')
      .orderBy('effectiveDate')
      .execute();
    return rows.map((row) => ({ ...row, isActive: active(row.isActive) }));
  });
}

/** The year-end levels of the given indexes, oldest first. */
export async function indexLevelsOf(db: ClientDb, indexNames: readonly string[]): Promise<IndexLevelRow[]> {
  return inSlices(indexNames, async (slice) => {
    const rows = await db
      .selectFrom('indexLevels')
      .select(['indexLevelId', 'indexName', 'levelDate', 'level', 'source', 'isActive', 'createdAt', 'createdBy'])
      .where('indexName', 'in', slice)
      .orderBy('indexName')
      .orderBy('levelDate')
      .execute();
    return rows.map((row) => ({ ...row, isActive: active(row.isActive) }));
  });
}
