// The catalog list with a client context, on a real SQLite cache: the filter is in the query (so
// paging pages what fits), CDs are not state-filtered, and each row carries its carrier and its
// reasons when the rest is shown. Approvals and carriers are inserted into the cache tables as a
// sync would leave them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProducts } from '../../../../src-main/store/catalog-queries.js';
import { upsertAvailability, upsertProducts, upsertRates } from '../../../../src-main/store/catalog-upserts.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { createCatalogHandlers } from '../../../../src-main/services/catalog-services.js';
import type { ClientContext } from '../../../../src-shared/client-context.js';
import { cachedProduct, cachedRate, cachedWindow, cusipNumber, uniqueId, useMigratedCache } from '../../../support/store-fixtures.js';

const DAY = '2026-12-03';
const STAMP = '2026-01-01T00:00:00.000Z';
const NY80: ClientContext = { stateCode: 'NY', clientAge: 80 };

let handle: ClientDatabaseHandle;
useMigratedCache((opened) => {
  handle = opened;
});
afterEach(() => {
  handle.sqlite.exec('DELETE FROM rate_history; DELETE FROM product_availability; DELETE FROM products; DELETE FROM product_state_approvals; DELETE FROM carriers;');
});

const carrierId = uniqueId();
const ids = { nyOpen: uniqueId(), njOnly: uniqueId(), tooOld: uniqueId(), withdrawnYesterday: uniqueId(), endsToday: uniqueId(), startsTomorrow: uniqueId(), cd: uniqueId() };

async function approve(productId: string, stateCode: string, approvedFrom: string, approvedUntil: string | null = null, isActive = 1): Promise<void> {
  await handle.db
    .insertInto('productStateApprovals')
    .values({ approvalId: uniqueId(), productId, stateCode, approvedFrom, approvedUntil, isActive, createdAt: STAMP, updatedAt: STAMP, createdBy: 'admin@ratedesk.test', updatedBy: 'admin@ratedesk.test', changeVersion: '1' })
    .execute();
}

beforeEach(async () => {
  const names: Record<keyof typeof ids, string> = {
    nyOpen: 'A NY open',
    njOnly: 'B NJ only',
    tooOld: 'C issue ages to 75',
    withdrawnYesterday: 'D withdrawn yesterday',
    endsToday: 'E ends today',
    startsTomorrow: 'F starts tomorrow',
    cd: 'G bank CD',
  };
  const products = (Object.keys(ids) as Array<keyof typeof ids>).map((key, index) =>
    cachedProduct({
      productId: ids[key],
      cusip: cusipNumber(index + 1),
      productName: names[key],
      ...(key === 'cd' ? { productType: 'CD', bonusRate: '0', bonusYears: 0, surrenderSchedule: [], earlyWithdrawalPenaltyMonths: 6 } : {}),
      maximumIssueAge: key === 'tooOld' ? 75 : key === 'cd' ? null : 85,
      minimumIssueAge: key === 'cd' ? null : 0,
      carrierId: key === 'nyOpen' ? carrierId : null,
    }),
  );
  await handle.db.transaction().execute(async (trx) => {
    await upsertProducts(trx, products);
    await upsertRates(trx, products.map((product) => cachedRate({ productId: product.productId, effectiveDate: '2026-01-01' })));
    await upsertAvailability(trx, products.map((product) => cachedWindow({ productId: product.productId, startDate: '2026-01-01' })));
  });
  await approve(ids.nyOpen, 'NY', '2025-01-01');
  await approve(ids.njOnly, 'NJ', '2025-01-01');
  await approve(ids.tooOld, 'NY', '2025-01-01');
  await approve(ids.withdrawnYesterday, 'NY', '2025-01-01', '2026-12-02');
  await approve(ids.endsToday, 'NY', '2025-01-01', DAY);
  await approve(ids.startsTomorrow, 'NY', '2026-12-04');
  // A retired row (tombstone) approving NJ-only in NY must not count.
  await approve(ids.njOnly, 'NY', '2025-01-01', null, 0);
  await handle.db
    .insertInto('carriers')
    .values({ carrierId, carrierName: 'Summit Ridge Life', naicCode: '60054', amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30', isActive: 1, createdAt: STAMP, updatedAt: STAMP, createdBy: 'admin@ratedesk.test', updatedBy: 'admin@ratedesk.test', changeVersion: '1' })
    .execute();
});

const names = async (context: ClientContext | null, clientFit: 'ignore' | 'only' | 'mark', extra: { limit?: number; offset?: number } = {}) =>
  (await listProducts(handle.db, { asOfDate: DAY, sort: 'name', clientFit, ...extra }, context)).map((row) => row.productName);

describe('listProducts with a client context', () => {
  it('keeps only what is approved in the state on the day and within the issue ages; CDs are not state-filtered', async () => {
    expect(await names(NY80, 'only')).toEqual(['A NY open', 'E ends today', 'G bank CD']);
    // Younger: the 0-75 product fits too.
    expect(await names({ stateCode: 'NY', clientAge: 60 }, 'only')).toEqual(['A NY open', 'C issue ages to 75', 'E ends today', 'G bank CD']);
    // An annuitant outside the ages excludes it though the owner fits.
    expect(await names({ stateCode: 'NY', clientAge: 60, annuitantAge: 76 }, 'only')).toEqual(['A NY open', 'E ends today', 'G bank CD']);
    expect(await names({ stateCode: 'NJ', clientAge: 60 }, 'only')).toEqual(['B NJ only', 'G bank CD']);
  });

  it('pages what fits, and ignores the context when asked to (admin list) or without one', async () => {
    expect(await names(NY80, 'only', { limit: 2, offset: 1 })).toEqual(['E ends today', 'G bank CD']);
    expect(await names(NY80, 'ignore')).toHaveLength(7);
    expect(await names(null, 'only')).toHaveLength(7);
  });

  it('probes the approvals by (state_code, product_id), so the filter stays fast on the benchmark catalog', () => {
    const plan = handle.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT product_id FROM products WHERE EXISTS (SELECT 1 FROM product_state_approvals AS a
           WHERE a.state_code = ? AND a.product_id = products.product_id AND a.is_active = 1 AND a.approved_from <= ? AND (a.approved_until IS NULL OR a.approved_until >= ?))`,
      )
      .all('NY', DAY, DAY) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join('\n')).toContain('USING INDEX product_state_approvals_state_product_idx (state_code=? AND product_id=?)');
  });

  it('"mark" lists what fits first, then the rest, each by the order asked for', async () => {
    expect(await names(NY80, 'mark')).toEqual(['A NY open', 'E ends today', 'G bank CD', 'B NJ only', 'C issue ages to 75', 'D withdrawn yesterday', 'F starts tomorrow']);
  });
});

describe('catalog handlers with a client context', () => {
  it('mark the rest with their reasons and carry the carrier', async () => {
    let context: ClientContext | null = NY80;
    const handlers = createCatalogHandlers({ db: handle.db, today: () => DAY, clientContext: { get: () => context, set: (next) => (context = next) } });
    const rows = await handlers.catalogList({ asOfDate: DAY, sort: 'name', clientFit: 'mark', limit: 500, offset: 0, includeInactive: false, yields: false });
    const reasons = Object.fromEntries(rows.map((row) => [row.productName, row.clientFit?.reasons]));
    expect(reasons).toEqual({
      'A NY open': [],
      'E ends today': [],
      'G bank CD': [],
      'B NJ only': ['Not approved in New York'],
      'C issue ages to 75': ['Issue ages 0–75 (owner 80)'],
      'D withdrawn yesterday': ['Not approved in New York'],
      'F starts tomorrow': ['Not approved in New York (approved from Dec 4, 2026)'],
    });
    expect(rows.find((row) => row.productName === 'A NY open')?.carrier).toMatchObject({ carrierName: 'Summit Ridge Life', naicCode: '60054', amBestRating: 'A+' });
    expect(rows.find((row) => row.productName === 'B NJ only')?.carrier).toBeNull();

    const searched = await handlers.catalogSearch({ text: 'NY', limit: 50, clientFit: 'only', asOfDate: DAY });
    expect(searched.map((row) => row.productName)).toEqual(['A NY open']);

    const detail = await handlers.productDetail({ productId: ids.startsTomorrow, asOfDate: DAY });
    expect(detail?.clientFit?.fits).toBe(false);
    expect(detail?.approvals?.map((row) => row.approvedFrom)).toEqual(['2026-12-04']);

    expect(await handlers.setClientContext(null)).toBeNull();
    const unfiltered = await handlers.catalogList({ asOfDate: DAY, sort: 'name', clientFit: 'only', limit: 500, offset: 0, includeInactive: false, yields: false });
    expect(unfiltered).toHaveLength(7);
    expect(unfiltered.every((row) => row.clientFit === null)).toBe(true);
  });
});
