// The wire contract of issue 13's pull collections without a database: an answer of a server that
// predates them still parses (empty collections, empty sums), what a current server sends is
// checked like every catalog row, and their canonical texts keep the fixed field order the
// PostgreSQL functions of migrations/20261204001300_catalog_terms_sync build (the integration test
// test/integration/server/sync/catalog-terms.test.ts compares the two on real rows).
import { describe, expect, it } from 'vitest';
import { ChecksumReport, PullResponse, SYNC_COLLECTIONS, SyncedStateApproval, SyncedStrategy } from '../../../../src-shared/sync/protocol.js';
import {
  canonicalCarrier,
  canonicalIndexLevel,
  canonicalStateApproval,
  canonicalStrategy,
  canonicalStrategyRate,
} from '../../../../src-shared/sync/row-canonical.js';

const EPOCH = '0d3c5a9e-7c1f-4b7a-9a51-2f0f3f6c8e11';
const ID = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const STAMPS = { isActive: true, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-02T10:00:00.000Z', createdBy: 'admin', updatedBy: 'ops', changeVersion: '77' };
const sum = { count: 0, checksum: '0' };

describe("an older server's answer", () => {
  it('parses with the new collections empty and their sums zero', () => {
    const page = PullResponse.parse({
      epoch: EPOCH,
      cursor: `v1.${EPOCH}.5`,
      hasMore: false,
      highWater: '5',
      serverTime: '2026-12-03T10:00:00.000Z',
      changes: { products: [], availability: [], rates: [], comparisons: [] },
      checksums: { epoch: EPOCH, cursor: `v1.${EPOCH}.5`, tables: { products: sum, availability: sum, rates: sum, comparisons: sum } },
    });
    expect(page.changes).toMatchObject({ carriers: [], approvals: [], strategies: [], strategyRates: [], indexLevels: [] });
    expect(Object.keys(page.checksums?.tables ?? {}).sort()).toEqual([...SYNC_COLLECTIONS].sort());
    expect(page.checksums?.tables.strategyRates).toEqual(sum);
  });

  it('but a checksum report with a malformed sum for a new collection is refused', () => {
    const tables = { products: sum, availability: sum, rates: sum, comparisons: sum, carriers: { count: 1, checksum: '-1' } };
    expect(ChecksumReport.safeParse({ epoch: EPOCH, cursor: `v1.${EPOCH}.5`, tables }).success).toBe(false);
  });
});

describe("a current server's rows", () => {
  it("keep the records' own rules", () => {
    const approval = { approvalId: ID, productId: OTHER, stateCode: 'NY', approvedFrom: '2026-06-01', approvedUntil: '2026-05-31', ...STAMPS };
    expect(SyncedStateApproval.safeParse(approval).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['approvedUntil']);
    const fixed = { strategyId: ID, productId: OTHER, strategyCode: 'FIXED', strategyName: 'Fixed account', indexName: 'S&P 500', creditingMethod: 'fixed', guaranteedRate: '1.0000', floorRate: '0.0000', sortOrder: 0, ...STAMPS };
    expect(SyncedStrategy.safeParse(fixed).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['indexName']);
    expect(SyncedStrategy.safeParse({ ...fixed, indexName: null, changeVersion: 77 }).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['changeVersion']);
  });
});

describe('the canonical texts', () => {
  const join = (fields: string[]) => fields.join('\u001f');

  it('list the fields in the fixed order, without timestamps, escaping text and writing null as \\N', () => {
    expect(canonicalCarrier({ carrierId: ID.toUpperCase(), carrierName: 'A\\B\u001fC Life', naicCode: '60054', amBestRating: null, amBestOutlook: null, ratingAsOf: null, ...STAMPS })).toBe(
      join([ID, 'A\\\\B\\sC Life', '60054', '\\N', '\\N', '\\N', 't', 'admin', 'ops', '77']),
    );
    expect(canonicalStateApproval({ approvalId: ID, productId: OTHER, stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: null, ...STAMPS, isActive: false })).toBe(
      join([ID, OTHER, 'NY', '2026-01-01', '\\N', 'f', 'admin', 'ops', '77']),
    );
    expect(
      canonicalStrategy({ strategyId: ID, productId: OTHER, strategyCode: 'FIX', strategyName: 'Fixed', indexName: null, creditingMethod: 'fixed', guaranteedRate: '1.0000', floorRate: '0.0000', sortOrder: 3, ...STAMPS }),
    ).toBe(join([ID, OTHER, 'FIX', 'Fixed', '\\N', 'fixed', '1.0000', '0.0000', '3', 't', 'admin', 'ops', '77']));
    expect(canonicalStrategyRate({ strategyRateId: ID, strategyId: OTHER, rate: '8.5000', effectiveDate: '2026-02-01', endDate: '2026-12-31', ...STAMPS })).toBe(
      join([ID, OTHER, '8.5000', '2026-02-01', '2026-12-31', 't', 'admin', '77']),
    );
    expect(canonicalIndexLevel({ indexLevelId: ID, indexName: 'Demo Index (synthetic)', levelDate: '2025-12-31', level: '4769.8300', source: 'synthetic', ...STAMPS })).toBe(
      join([ID, 'Demo Index (synthetic)', '2025-12-31', '4769.8300', 'synthetic', 't', 'admin', '77']),
    );
  });
});
