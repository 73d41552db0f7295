// The snapshot's bulk load (catalog-stage.ts) against the page path's prepared upserts: the same
// rows in every staged table (nulls, tombstones, decimals with trailing zeros, a row held twice
// in either order, versions past 2^53), the same schema afterwards (indexes rebuilt as they were),
// and a row the cache's CHECKs refuse fails the whole copy, leaving the cache as it was.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { STAGED_COLLECTIONS, type StagedCollection } from '../../../../src-main/store/catalog-stage.js';
import { checkRowShapes } from '../../../../src-main/sync/snapshot-row-shapes.js';
import { SnapshotRefusedError } from '../../../../src-main/sync/snapshot-download.js';
import { cachedRate, cachedWindow, migratedDatabase, tempFolder, uniqueId, type TempFolder } from '../../../support/store-fixtures.js';

const TABLES = ['carriers', 'product_availability', 'rate_history', 'product_state_approvals', 'fia_strategies', 'fia_strategy_rates', 'index_levels'] as const;

let folder: TempFolder;
/** [the page path's cache, the stage's cache] */
const handles: ClientDatabaseHandle[] = [];
let viaPages: ClientDatabaseHandle;
let viaStage: ClientDatabaseHandle;
beforeAll(async () => {
  folder = tempFolder();
  for (const name of ['pages', 'stage']) handles.push(await migratedDatabase(folder.file(`${name}.sqlite`)));
  [viaPages, viaStage] = handles as [ClientDatabaseHandle, ClientDatabaseHandle];
});
afterAll(async () => {
  for (const handle of handles) await handle.close();
  folder.remove();
});
afterEach(() => {
  for (const handle of handles) handle.sqlite.exec(TABLES.map((table) => `DELETE FROM ${table};`).join(' '));
});

function dump(handle: ClientDatabaseHandle): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, handle.sqlite.prepare(`SELECT *, CAST(change_version AS TEXT) AS version_text FROM ${table} ORDER BY 1`).all()]));
}

function schema(handle: ClientDatabaseHandle): unknown[] {
  return handle.sqlite.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name`).all();
}

const STAMPS = { createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-02T10:00:00.123456Z', createdBy: 'admin', updatedBy: 'ops' };

/** Protocol rows of every staged collection with the edge values a page can carry. */
type ProtocolRow = { changeVersion: string } & Record<string, unknown>;

function rows(): Record<StagedCollection, ProtocolRow[]> {
  const product = uniqueId();
  const strategy = uniqueId();
  const twice = uniqueId();
  const rate = (overrides: Parameters<typeof cachedRate>[0]) => cachedRate({ productId: product, ...overrides });
  return {
    carriers: [
      { carrierId: uniqueId(), carrierName: 'A\\B Life', naicCode: '60054', amBestRating: null, amBestOutlook: null, ratingAsOf: null, isActive: true, ...STAMPS, changeVersion: '3' },
      { carrierId: uniqueId(), carrierName: 'Zed Mutual', naicCode: '12345', amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-01-31', isActive: false, ...STAMPS, changeVersion: '4' },
    ],
    availability: [cachedWindow({ productId: product, startDate: '2026-01-01', endDate: null, changeVersion: '5' }), cachedWindow({ productId: product, startDate: '2026-02-01', endDate: '2026-03-01', isActive: false, changeVersion: '6' })],
    rates: [
      rate({ effectiveDate: '2026-01-01', baseRate: '4.5000', bonusRate: '0.0000', endDate: null, changeVersion: '9007199254740993' }),
      // Held twice, newer first then older: the newer copy stays, as with pages.
      rate({ rateHistoryId: twice, effectiveDate: '2026-02-01', baseRate: '5.1000', changeVersion: '20' }),
      rate({ rateHistoryId: twice, effectiveDate: '2026-02-01', baseRate: '3.9000', changeVersion: '11' }),
      // A tombstone (a retracted rate).
      rate({ effectiveDate: '2026-03-01', baseRate: '25.0000', isActive: false, changeVersion: '21' }),
      // Enough more that the stage writes them in its 100-row statements, with a remainder.
      ...Array.from({ length: 250 }, (_, day) => rate({ effectiveDate: `2025-${String((day % 12) + 1).padStart(2, '0')}-${String((day % 28) + 1).padStart(2, '0')}`, baseRate: `${day % 10}.${String(day).padStart(4, '0')}`, changeVersion: String(100 + day) })),
    ],
    approvals: [{ approvalId: uniqueId(), productId: product, stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: null, isActive: true, ...STAMPS, changeVersion: '7' }],
    strategies: [
      { strategyId: strategy, productId: product, strategyCode: 'FIX', strategyName: 'Fixed', indexName: null, creditingMethod: 'fixed', guaranteedRate: '1.0000', floorRate: '0.0000', sortOrder: 3, isActive: true, ...STAMPS, changeVersion: '8' },
    ],
    strategyRates: [{ strategyRateId: uniqueId(), strategyId: strategy, rate: '8.5000', effectiveDate: '2026-02-01', endDate: '2026-12-31', isActive: true, ...STAMPS, changeVersion: '9' }],
    indexLevels: [{ indexLevelId: uniqueId(), indexName: 'Demo Index', levelDate: '2025-12-31', level: '4769.8300', source: 'synthetic', isActive: true, ...STAMPS, changeVersion: '10' }],
  };
}

/** The page path: each collection's rows as pages bring them, through the prepared upserts. */
function throughPages(handle: ClientDatabaseHandle, all: ReturnType<typeof rows>): void {
  handle.sqlite.pragma('foreign_keys = OFF');
  handle.sqlite.transaction(() => {
    const { availability, rates, ...terms } = all as unknown as Record<string, never[]>;
    handle.catalogBulk.upsertAvailability(availability ?? []);
    handle.catalogBulk.upsertRates(rates ?? []);
    handle.catalogBulk.upsertCatalogTerms(terms as never);
  })();
  handle.sqlite.pragma('foreign_keys = ON');
}

function throughStage(handle: ClientDatabaseHandle, all: ReturnType<typeof rows>): void {
  const stage = handle.catalogBulk.snapshotStage;
  handle.sqlite.pragma('foreign_keys = OFF');
  try {
    handle.sqlite.transaction(() => {
      for (const collection of STAGED_COLLECTIONS) {
        checkRowShapes(collection, all[collection]);
        stage.add(collection, all[collection]);
      }
    })();
    handle.sqlite.transaction(() => stage.copyIntoCatalog())();
  } finally {
    stage.clear();
    handle.sqlite.pragma('foreign_keys = ON');
  }
}

describe('the snapshot stage', () => {
  it('stores exactly what the page path stores, in every staged table, and leaves the schema as it was', () => {
    const before = schema(viaStage);
    const all = rows();
    throughPages(viaPages, all);
    throughStage(viaStage, all);
    const stored = dump(viaStage);
    expect(stored).toEqual(dump(viaPages));
    expect(stored.rate_history).toHaveLength(253);
    expect(stored.rate_history).toContainEqual(expect.objectContaining({ base_rate: '5.1000', version_text: '20' }));
    expect(stored.rate_history).toContainEqual(expect.objectContaining({ version_text: '9007199254740993', end_date: null }));
    expect(schema(viaStage)).toEqual(before);
  });

  it('refuses a row the cache would refuse and copies none of the others', () => {
    const all = rows();
    throughPages(viaStage, { ...all, rates: all.rates.slice(0, 1) });
    const before = dump(viaStage);
    const bad = { ...all, rates: [...all.rates, cachedRate({ productId: uniqueId(), effectiveDate: '2026-13-45', changeVersion: '30' })] };
    expect(() => throughStage(viaStage, bad)).toThrow(/CHECK constraint/);
    expect(dump(viaStage)).toEqual(before);
    expect(schema(viaStage)).toEqual(schema(viaPages));
  });

  it('refuses a row not in the protocol shape, naming the row and the field', () => {
    const [rate] = rows().rates;
    expect(() => checkRowShapes('rates', [rate, { ...rate, createdBy: 42 }])).toThrow(new SnapshotRefusedError('snapshot: rates.1.createdBy must be string, got integer'));
    expect(() => checkRowShapes('rates', [{ ...rate, isActive: 'false' }])).toThrow(/rates\.0\.isActive must be boolean, got string/);
    const { productId: _missing, ...withoutProduct } = rate ?? { changeVersion: '1' };
    expect(() => checkRowShapes('rates', [withoutProduct])).toThrow(/rates\.0\.productId is missing/);
    expect(() => checkRowShapes('strategies', [{ ...rows().strategies[0], sortOrder: 1.5 }])).toThrow(/strategies\.0\.sortOrder must be integer, got number/);
  });
});
