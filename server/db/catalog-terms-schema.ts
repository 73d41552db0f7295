// The catalog tables of issue 13 as Kysely sees them (see ./schema.ts for the value conventions):
// carriers, state approvals, FIA strategies and their dated rates, index levels. Migrations
// 20261204000800_catalog_terms; shared schemas in src-shared/catalog/.
import type { ColumnType, Generated } from 'kysely';
import type { AmBestOutlook, AmBestRating } from '../../src-shared/catalog/carriers.js';
import type { CreditingMethod } from '../../src-shared/fia-crediting.js';

type DecimalString = string;
type DateString = string;
type DefaultedTimestamp = ColumnType<string, string | Date | undefined, string | Date>;
type ChangeStamp = ColumnType<string, never, never>;

interface SyncedRowStamps {
  /** false: retired (carrier, approval, strategy) or retracted (strategy rate, index level). */
  isActive: Generated<boolean>;
  createdAt: DefaultedTimestamp;
  createdBy: string;
  changeVersion: ChangeStamp;
  changeTx: ChangeStamp;
}

interface UpdatedStamps {
  updatedAt: DefaultedTimestamp;
  updatedBy: string;
}

export interface CarriersTable extends SyncedRowStamps, UpdatedStamps {
  carrierId: Generated<string>;
  carrierName: string;
  /** Five digits. */
  naicCode: string;
  /** All three null (not rated) or all three set. */
  amBestRating: AmBestRating | null;
  amBestOutlook: AmBestOutlook | null;
  ratingAsOf: DateString | null;
}

export interface ProductStateApprovalsTable extends SyncedRowStamps, UpdatedStamps {
  approvalId: Generated<string>;
  productId: string;
  /** USPS code of one of the 50 states or DC. */
  stateCode: string;
  approvedFrom: DateString;
  /** Inclusive; null = open. */
  approvedUntil: DateString | null;
}

export interface FiaStrategiesTable extends SyncedRowStamps, UpdatedStamps {
  strategyId: Generated<string>;
  productId: string;
  strategyCode: string;
  strategyName: string;
  /** null exactly for the fixed account. */
  indexName: string | null;
  creditingMethod: CreditingMethod;
  guaranteedRate: DecimalString;
  floorRate: Generated<DecimalString>;
  sortOrder: Generated<number>;
}

export interface FiaStrategyRatesTable extends SyncedRowStamps {
  strategyRateId: Generated<string>;
  strategyId: string;
  rate: DecimalString;
  effectiveDate: DateString;
  endDate: DateString | null;
}

export interface IndexLevelsTable extends SyncedRowStamps {
  indexLevelId: Generated<string>;
  indexName: string;
  /** A date in December. */
  levelDate: DateString;
  level: DecimalString;
  source: string;
}

export interface CatalogTermsTables {
  carriers: CarriersTable;
  productStateApprovals: ProductStateApprovalsTable;
  fiaStrategies: FiaStrategiesTable;
  fiaStrategyRates: FiaStrategyRatesTable;
  indexLevels: IndexLevelsTable;
}
