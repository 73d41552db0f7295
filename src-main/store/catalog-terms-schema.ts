// Kysely types of the cached catalog records of issue 13 (client migration 20261204100300, same
// conventions as ./schema.ts: decimals as exact text, booleans 0/1, change_version read through
// CAST(... AS TEXT)).
import type { ColumnType } from 'kysely';

type VersionColumn = ColumnType<string, string, string>;

interface CachedStamps {
  isActive: number;
  createdAt: string;
  createdBy: string;
  changeVersion: VersionColumn;
}

interface CachedUpdateStamps {
  updatedAt: string;
  updatedBy: string;
}

export interface CarriersCacheTable extends CachedStamps, CachedUpdateStamps {
  carrierId: string;
  carrierName: string;
  naicCode: string;
  amBestRating: string | null;
  amBestOutlook: string | null;
  ratingAsOf: string | null;
}

export interface StateApprovalsCacheTable extends CachedStamps, CachedUpdateStamps {
  approvalId: string;
  productId: string;
  stateCode: string;
  approvedFrom: string;
  approvedUntil: string | null;
}

export interface FiaStrategiesCacheTable extends CachedStamps, CachedUpdateStamps {
  strategyId: string;
  productId: string;
  strategyCode: string;
  strategyName: string;
  indexName: string | null;
  creditingMethod: string;
  guaranteedRate: string;
  floorRate: string;
  sortOrder: number;
}

export interface FiaStrategyRatesCacheTable extends CachedStamps {
  strategyRateId: string;
  strategyId: string;
  rate: string;
  effectiveDate: string;
  endDate: string | null;
}

export interface IndexLevelsCacheTable extends CachedStamps {
  indexLevelId: string;
  indexName: string;
  levelDate: string;
  level: string;
  source: string;
}

export interface CatalogTermsCacheTables {
  carriers: CarriersCacheTable;
  productStateApprovals: StateApprovalsCacheTable;
  fiaStrategies: FiaStrategiesCacheTable;
  fiaStrategyRates: FiaStrategyRatesCacheTable;
  indexLevels: IndexLevelsCacheTable;
}
