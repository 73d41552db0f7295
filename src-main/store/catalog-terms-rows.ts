// Issue 13's cached catalog records (carriers, state approvals, FIA strategies and their rates,
// index levels) as the sync writes and checks them: per table the columns, the row a synced value
// is written as (exact decimal text with 4 places, flags 0/1, the version checked) and the value a
// stored row is read back as for the checksums. Reads for the screens are catalog-terms-queries.ts.
// Same conventions as catalog-rows.ts, whose CATALOG_WRITES includes these.
import type { Selectable } from 'kysely';
import type {
  SyncedCarrier,
  SyncedIndexLevel,
  SyncedStateApproval,
  SyncedStrategy,
  SyncedStrategyRate,
} from '../../src-shared/sync/protocol.js';
import type {
  CanonicalCarrier,
  CanonicalIndexLevel,
  CanonicalStateApproval,
  CanonicalStrategy,
  CanonicalStrategyRate,
} from '../../src-shared/sync/row-canonical.js';
import type {
  CarriersCacheTable,
  FiaStrategiesCacheTable,
  FiaStrategyRatesCacheTable,
  IndexLevelsCacheTable,
  StateApprovalsCacheTable,
} from './catalog-terms-schema.js';
import { flag, isSet, rateText, versionText } from './column-values.js';

type Field<T> = keyof T & string;

/** One table's write and read-back, for synced values of type T. */
export interface TermsTable<T extends { changeVersion: string; isActive: boolean }, Stored, Canonical> {
  /** The wire collection (field paths of errors start with it). */
  collection: string;
  table: string;
  key: Field<T>;
  /** Every column but the key and the version, timestamps included: what an upsert overwrites (with the version). */
  fields: readonly Field<T>[];
  updates: readonly string[];
  row: (value: T, index: number) => Readonly<Record<string, unknown>>;
  /** The stored row (without timestamps) as the value its canonical text is made of. */
  fromRow: (row: Stored) => Canonical;
}

function termsTable<T extends { changeVersion: string; isActive: boolean }, Stored extends { isActive: number }, Canonical>(
  collection: string,
  table: string,
  key: Field<T>,
  fields: readonly Field<T>[],
  /** Percent or level columns, written with exactly 4 decimals as the cache's CHECKs require. */
  decimals: readonly Field<T>[],
): TermsTable<T, Stored, Canonical> {
  return {
    collection,
    table,
    key,
    fields,
    updates: [...fields, 'changeVersion'],
    row(value, index) {
      const row: Record<string, unknown> = { [key]: value[key] };
      for (const field of fields) row[field] = value[field] ?? null;
      for (const field of decimals) row[field] = rateText(String(value[field]), `${collection}.${index}.${field}`);
      row.isActive = flag(value.isActive);
      row.changeVersion = versionText(value.changeVersion, `${collection}.${index}.changeVersion`);
      return row;
    },
    // The cache's CHECKs admit only the schema's values (enums, dates), so the row is the value but for the flag.
    fromRow: (row) => ({ ...row, isActive: isSet(row.isActive) }) as Canonical,
  };
}

/** A cached row as stored, without timestamps, with its version as text and the rowid slices go by. */
type Stored<Table> = Omit<Selectable<Table>, 'createdAt' | 'updatedAt' | 'changeVersion'> & { changeVersion: string; rowKey: number };
export type StoredCarrierRow = Stored<CarriersCacheTable>;
export type StoredApprovalRow = Stored<StateApprovalsCacheTable>;
export type StoredStrategyRow = Stored<FiaStrategiesCacheTable>;
export type StoredStrategyRateRow = Stored<FiaStrategyRatesCacheTable>;
export type StoredIndexLevelRow = Stored<IndexLevelsCacheTable>;

const updated = ['createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;
const created = ['createdAt', 'createdBy'] as const;

/** Per collection, in the order a page is applied and a copy checked. */
export const CATALOG_TERMS_WRITES = {
  carriers: termsTable<SyncedCarrier, StoredCarrierRow, CanonicalCarrier>(
    'carriers',
    'carriers',
    'carrierId',
    ['carrierName', 'naicCode', 'amBestRating', 'amBestOutlook', 'ratingAsOf', 'isActive', ...updated],
    [],
  ),
  approvals: termsTable<SyncedStateApproval, StoredApprovalRow, CanonicalStateApproval>(
    'approvals',
    'product_state_approvals',
    'approvalId',
    ['productId', 'stateCode', 'approvedFrom', 'approvedUntil', 'isActive', ...updated],
    [],
  ),
  strategies: termsTable<SyncedStrategy, StoredStrategyRow, CanonicalStrategy>(
    'strategies',
    'fia_strategies',
    'strategyId',
    ['productId', 'strategyCode', 'strategyName', 'indexName', 'creditingMethod', 'guaranteedRate', 'floorRate', 'sortOrder', 'isActive', ...updated],
    ['guaranteedRate', 'floorRate'],
  ),
  strategyRates: termsTable<SyncedStrategyRate, StoredStrategyRateRow, CanonicalStrategyRate>('strategyRates', 'fia_strategy_rates', 'strategyRateId', [
    'strategyId', 'rate', 'effectiveDate', 'endDate', 'isActive', ...created,
  ], ['rate']),
  indexLevels: termsTable<SyncedIndexLevel, StoredIndexLevelRow, CanonicalIndexLevel>('indexLevels', 'index_levels', 'indexLevelId', [
    'indexName', 'levelDate', 'level', 'source', 'isActive', ...created,
  ], ['level']),
} as const;
export type CatalogTermsCollection = keyof typeof CATALOG_TERMS_WRITES;
export const CATALOG_TERMS_COLLECTIONS = Object.keys(CATALOG_TERMS_WRITES) as CatalogTermsCollection[];

/** The synced value type of each collection. */
export interface CatalogTermsValues {
  carriers: SyncedCarrier;
  approvals: SyncedStateApproval;
  strategies: SyncedStrategy;
  strategyRates: SyncedStrategyRate;
  indexLevels: SyncedIndexLevel;
}
