// The bulk loader: what goes in comes back exactly (decimal strings, business dates, timestamps),
// in one transaction that leaves nothing behind when any row is refused.
import type { Kysely } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../../server/db/database.js';
import type { Database } from '../../../../server/db/schema.js';
import { generateCatalog } from '../../../../server/seed/catalog-generator.js';
import { CatalogLoadError, loadCatalog, type GeneratedProduct } from '../../../../server/seed/load-catalog.js';
import { AvailabilityWindow, Product, RateHistoryEntry } from '../../../../src-shared/catalog.js';
import { Carrier } from '../../../../src-shared/catalog/carriers.js';
import { useMigratedDatabase, type TestDatabase } from '../../../support/database.js';
import { NO_AGE_LIMITS_NO_MVA } from '../../../support/store-fixtures.js';

let testDb: TestDatabase;
let db: Kysely<Database>;
useMigratedDatabase('load', 2, (opened, openedIn) => {
  db = opened;
  testDb = openedIn;
});

const MYGA = '6b0d8c52-1f4e-4a8b-9c3d-2e5f7a9b1c01';
const CD = '6b0d8c52-1f4e-4a8b-9c3d-2e5f7a9b1c02';
const FIA = '6b0d8c52-1f4e-4a8b-9c3d-2e5f7a9b1c03';
const SUMMIT_RIDGE = '5a9c7b41-0e3d-4f7a-8b2c-1d4e6f8a0b01';

const handMade: GeneratedProduct[] = [
  {
    product: {
      productId: MYGA,
      cusip: '037833100',
      productName: 'Summit Ridge Secure 5',
      productType: 'MYGA',
      issuerName: 'Summit Ridge Life Insurance Company',
      description: 'Five-year guarantee with a first-year bonus.',
      minimumInvestment: '10000.00',
      maximumInvestment: '1000000.00',
      baseRate: '4.8500',
      bonusRate: '1.0000',
      bonusYears: 1,
      termYears: 5,
      guaranteedMinimumRate: '1.0000',
      compounding: 'annual',
      surrenderSchedule: ['8.0000', '7.0000', '6.0000', '5.0000', '4.0000'],
      freeWithdrawalPercent: '10.0000',
      nonforfeitureRate: '2.5000',
      brokered: false,
      earlyWithdrawalPenaltyMonths: null,
      minimumIssueAge: 0,
      maximumIssueAge: 85,
      mvaApplies: true,
      mvaSpread: '0.5000',
      mvaReferenceIndex: '10-year US Treasury constant maturity',
      mvaFactorFloor: '-10.0000',
      mvaFactorCap: '10.0000',
      mvaReferenceRate: '4.2500',
      carrierId: SUMMIT_RIDGE,
      returnOfPremium: false,
      returnOfPremiumPercentage: null,
      termsAndConditions: 'Surrender charges apply in years 1-5. "Free" withdrawals: 10% a year; back\\slash kept.',
      isActive: true,
      createdAt: '2026-01-05T14:30:00.000Z',
      updatedAt: '2026-11-01T09:15:30.250Z',
      createdBy: 'catalog.ops@ratedesk.example',
      updatedBy: 'rates.desk@ratedesk.example',
    },
    carrier: {
      carrierId: SUMMIT_RIDGE,
      carrierName: 'Summit Ridge Life Insurance Company',
      naicCode: '98765',
      amBestRating: 'A+',
      amBestOutlook: 'stable',
      ratingAsOf: '2026-06-30',
      isActive: true,
      createdAt: '2026-01-02T10:00:00.000Z',
      updatedAt: '2026-07-01T10:00:00.000Z',
      createdBy: 'catalog.ops@ratedesk.example',
      updatedBy: 'catalog.ops@ratedesk.example',
    },
    availability: [
      {
        availabilityId: '7c1e9d63-2a5f-4b9c-8d4e-3f6a8b0c2d01',
        productId: MYGA,
        startDate: '2026-01-05',
        endDate: null,
        isActive: true,
        createdAt: '2026-01-05T14:31:00.000Z',
        createdBy: 'catalog.ops@ratedesk.example',
      },
    ],
    rates: [
      {
        rateHistoryId: '8d2fae74-3b6a-4cad-9e5f-4a7b9c1d3e01',
        productId: MYGA,
        baseRate: '4.6000',
        bonusRate: '1.0000',
        effectiveDate: '2026-01-05',
        endDate: '2026-10-31',
        isActive: true,
        createdAt: '2026-01-05T14:32:00.000Z',
        createdBy: 'rates.desk@ratedesk.example',
      },
      {
        rateHistoryId: '8d2fae74-3b6a-4cad-9e5f-4a7b9c1d3e02',
        productId: MYGA,
        baseRate: '4.8500',
        bonusRate: '1.0000',
        effectiveDate: '2026-11-01',
        endDate: null,
        isActive: true,
        createdAt: '2026-10-20T16:00:00.000Z',
        createdBy: 'rates.desk@ratedesk.example',
      },
      // A retracted publication overlapping the current period is kept for the record.
      {
        rateHistoryId: '8d2fae74-3b6a-4cad-9e5f-4a7b9c1d3e03',
        productId: MYGA,
        baseRate: '5.8500',
        bonusRate: '1.0000',
        effectiveDate: '2026-11-01',
        endDate: null,
        isActive: false,
        createdAt: '2026-10-19T16:00:00.000Z',
        createdBy: 'rates.desk@ratedesk.example',
      },
    ],
  },
  {
    product: {
      productId: CD,
      cusip: '88160R101',
      productName: 'Harborview Bank CD 12 months',
      productType: 'CD',
      issuerName: 'Harborview Bank, N.A.',
      description: '',
      minimumInvestment: '1000.00',
      maximumInvestment: null,
      baseRate: '4.0995',
      bonusRate: '0.0000',
      bonusYears: 0,
      termYears: 1,
      guaranteedMinimumRate: '4.0995',
      compounding: 'daily',
      surrenderSchedule: [],
      freeWithdrawalPercent: '0.0000',
      nonforfeitureRate: '1.0000',
      brokered: false,
      earlyWithdrawalPenaltyMonths: 3,
      ...NO_AGE_LIMITS_NO_MVA,
      minimumIssueAge: 18,
      mvaReferenceRate: null,
      carrierId: null,
      returnOfPremium: false,
      returnOfPremiumPercentage: null,
      termsAndConditions: null,
      isActive: false,
      createdAt: '2025-12-31T23:59:59.999Z',
      updatedAt: '2026-02-28T00:00:00.000Z',
      createdBy: 'catalog.ops@ratedesk.example',
      updatedBy: 'catalog.ops@ratedesk.example',
    },
    availability: [
      {
        availabilityId: '7c1e9d63-2a5f-4b9c-8d4e-3f6a8b0c2d02',
        productId: CD,
        startDate: '2024-02-29',
        endDate: '2026-02-28',
        isActive: false,
        createdAt: '2024-02-28T12:00:00.000Z',
        createdBy: 'catalog.ops@ratedesk.example',
      },
    ],
    rates: [
      {
        rateHistoryId: '8d2fae74-3b6a-4cad-9e5f-4a7b9c1d3e04',
        productId: CD,
        baseRate: '4.0995',
        bonusRate: '0.0000',
        effectiveDate: '2024-02-29',
        endDate: '2026-02-28',
        isActive: true,
        createdAt: '2024-02-28T12:00:00.000Z',
        createdBy: 'rates.desk@ratedesk.example',
      },
    ],
  },
  {
    product: {
      productId: FIA,
      cusip: '46625H100',
      productName: 'Crestline Index Protect 7',
      productType: 'FIA',
      issuerName: 'Crestline Annuity Company',
      description: 'Return of premium after year 3.',
      minimumInvestment: '25000.00',
      maximumInvestment: '2000000.00',
      baseRate: '25.0000',
      bonusRate: '0.0001',
      bonusYears: 7,
      termYears: 7,
      guaranteedMinimumRate: '0.0000',
      compounding: 'annual',
      surrenderSchedule: ['9.0000', '8.5000', '7.2500', '6.0000', '4.0000', '2.0000', '0.0000'],
      freeWithdrawalPercent: '100.0000',
      nonforfeitureRate: '3.0000',
      brokered: false,
      earlyWithdrawalPenaltyMonths: null,
      minimumIssueAge: 40,
      maximumIssueAge: 80,
      mvaApplies: true,
      mvaSpread: '0.0000',
      mvaReferenceIndex: "Moody's Seasoned Baa Corporate Bond Yield",
      mvaFactorFloor: null,
      mvaFactorCap: null,
      // An MVA product from before the reference rate was a field: the database takes it without one.
      mvaReferenceRate: null,
      carrierId: null,
      returnOfPremium: true,
      returnOfPremiumPercentage: '100.0000',
      termsAndConditions: null,
      isActive: true,
      createdAt: '2026-11-24T00:00:00.000Z',
      updatedAt: '2026-11-24T00:00:00.000Z',
      createdBy: 'catalog.ops@ratedesk.example',
      updatedBy: 'catalog.ops@ratedesk.example',
    },
    availability: [],
    rates: [
      // Future-dated.
      {
        rateHistoryId: '8d2fae74-3b6a-4cad-9e5f-4a7b9c1d3e05',
        productId: FIA,
        baseRate: '25.0000',
        bonusRate: '0.0001',
        effectiveDate: '2027-01-01',
        endDate: null,
        isActive: true,
        createdAt: '2026-11-24T00:00:00.000Z',
        createdBy: 'rates.desk@ratedesk.example',
      },
    ],
  },
];

async function productIds(): Promise<string[]> {
  return (await db.selectFrom('products').select('productId').orderBy('productId').execute()).map((row) => row.productId);
}

describe('loadCatalog', () => {
  it('loads a hand-made catalog and reads back exactly what was written', async () => {
    const counts = await loadCatalog(db, handMade, { actor: 'test:loader' });
    const nothingElse = { carriers: 1, approvals: 0, strategies: 0, strategyRates: 0, indexLevels: 0 };
    expect(counts).toEqual({ products: 3, availability: 2, rates: 5, ...nothingElse });

    const products = await db
      .selectFrom('products')
      .selectAll()
      .where('productId', 'in', [MYGA, CD, FIA])
      .orderBy('productId')
      .execute();
    expect(products.map(({ changeVersion: _v, changeTx: _t, ...product }) => Product.parse(product))).toEqual(handMade.map((entry) => entry.product));

    const windows = await db.selectFrom('productAvailability').selectAll().where('productId', 'in', [MYGA, CD]).orderBy('availabilityId').execute();
    const carriers = await db.selectFrom('carriers').selectAll().execute();
    expect(carriers.map(({ changeVersion: _v, changeTx: _t, ...carrier }) => Carrier.parse(carrier))).toEqual([handMade[0]?.carrier]);

    expect(windows.map(({ changeVersion: _v, changeTx: _t, ...window }) => AvailabilityWindow.parse(window))).toEqual(
      handMade.flatMap((entry) => entry.availability),
    );

    const rates = await db.selectFrom('rateHistory').selectAll().where('productId', 'in', [MYGA, CD, FIA]).orderBy('rateHistoryId').execute();
    expect(rates.map(({ changeVersion: _v, changeTx: _t, ...rate }) => RateHistoryEntry.parse(rate))).toEqual(handMade.flatMap((entry) => entry.rates));
    // Every synced row got a change version; one transaction means one change_tx.
    expect(new Set([...products, ...windows, ...rates].map((row) => row.changeTx)).size).toBe(1);
    expect(rates.every((row) => /^\d+$/.test(row.changeVersion))).toBe(true);

    const audit = await db.selectFrom('auditLog').select(['actionType', 'tableName', 'newValues']).where('actionType', '=', 'IMPORT').execute();
    expect(audit).toEqual([{ actionType: 'IMPORT', tableName: 'products', newValues: { actor: 'test:loader', products: 3, availability: 2, rates: 5, ...nothingElse } }]);
  });

  it('writes nothing when any row is refused, and says which table and constraint', async () => {
    const before = await productIds();
    const overlapping: GeneratedProduct[] = [...generateCatalog({ seed: 5, products: 3, rateRowsPerProduct: 4 })];
    const last = overlapping[2]!;
    const first = last.rates[0]!;
    last.rates.push({ ...first, rateHistoryId: 'a0d2fae7-3b6a-4cad-9e5f-4a7b9c1d3e99', endDate: null });

    const error: unknown = await loadCatalog(db, overlapping, { batchSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogLoadError);
    expect((error as Error).message).toMatch(/^Loading rate_history failed, nothing was written: .*constraint rate_history_no_overlap; SQLSTATE 23P01$/);
    expect(await productIds()).toEqual(before);
    const imports = await db.selectFrom('auditLog').select('auditId').where('actionType', '=', 'IMPORT').execute();
    expect(imports).toHaveLength(1);
  });

  it('loads a generated catalog over many batches through a bare pg Pool, which it leaves open', async () => {
    const pool = new pg.Pool({ connectionString: testDb.url, max: 1 });
    try {
      const catalog = [...generateCatalog({ seed: 11, products: 40, rateRowsPerProduct: 12 })];
      const counts = await loadCatalog(pool, catalog, { batchSize: 25 });
      const sum = (rows: (entry: GeneratedProduct) => readonly unknown[] | undefined) => catalog.reduce((total, entry) => total + (rows(entry)?.length ?? 0), 0);
      const expected = {
        products: catalog.length,
        availability: sum((entry) => entry.availability),
        rates: sum((entry) => entry.rates),
        approvals: sum((entry) => entry.approvals),
        strategies: sum((entry) => entry.strategies),
        strategyRates: sum((entry) => entry.strategyRates),
      };
      const shared = { carriers: new Set(catalog.map((entry) => entry.carrier?.carrierId)).size, indexLevels: catalog.find((entry) => entry.indexLevels?.length)?.indexLevels?.length ?? 0 };
      expect(shared.indexLevels).toBeGreaterThanOrEqual(26);
      expect(counts).toEqual({ ...expected, ...shared });

      const ids = catalog.map((entry) => entry.product.productId);
      const stored = async () =>
        (
          await pool.query<Record<string, number>>(
            `SELECT (SELECT count(*)::int FROM products WHERE product_id = ANY($1::uuid[])) AS products,
                    (SELECT count(*)::int FROM product_availability WHERE product_id = ANY($1::uuid[])) AS availability,
                    (SELECT count(*)::int FROM rate_history WHERE product_id = ANY($1::uuid[])) AS rates,
                    (SELECT count(*)::int FROM product_state_approvals WHERE product_id = ANY($1::uuid[])) AS approvals,
                    (SELECT count(*)::int FROM fia_strategies WHERE product_id = ANY($1::uuid[])) AS strategies,
                    (SELECT count(*)::int FROM fia_strategy_rates r JOIN fia_strategies s USING (strategy_id) WHERE s.product_id = ANY($1::uuid[])) AS "strategyRates",
                    (SELECT count(*)::int FROM carriers WHERE carrier_id IN (SELECT carrier_id FROM products WHERE product_id = ANY($1::uuid[]))) AS carriers,
                    (SELECT count(*)::int FROM index_levels) AS "indexLevels"`,
            [ids],
          )
        ).rows[0];
      expect(await stored()).toEqual({ ...expected, ...shared });

      // Another catalog loaded one transaction at a time shares the carriers and the index history
      // already there rather than failing on them or writing them twice.
      const more = [...generateCatalog({ seed: 12, products: 30, rateRowsPerProduct: 3 })];
      const again = await loadCatalog(pool, more.slice(0, 15));
      const last = await loadCatalog(pool, more.slice(15));
      expect([again.carriers + last.carriers, again.indexLevels + last.indexLevels]).toEqual([0, 0]);
      expect(again.products + last.products).toBe(30);
      expect(await stored()).toMatchObject(shared);
      const linked = await pool.query<{ unlinked: number }>(
        `SELECT count(*)::int AS unlinked FROM products p LEFT JOIN carriers c USING (carrier_id)
          WHERE p.product_id = ANY($1::uuid[]) AND (c.carrier_id IS NULL OR c.carrier_name <> p.issuer_name)`,
        [[...ids, ...more.map((entry) => entry.product.productId)]],
      );
      expect(linked.rows[0]?.unlinked).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('reads instants back as the same UTC ISO string whatever the session time zone', async () => {
    for (const timeZone of ['Asia/Kolkata', 'America/St_Johns', 'UTC']) {
      const zoned = createDatabase({ connectionString: testDb.url, max: 1, options: `-c TimeZone=${timeZone}` });
      try {
        const row = await zoned.selectFrom('products').select(['createdAt', 'updatedAt']).where('productId', '=', MYGA).executeTakeFirstOrThrow();
        expect(row, timeZone).toEqual({ createdAt: '2026-01-05T14:30:00.000Z', updatedAt: '2026-11-01T09:15:30.250Z' });
      } finally {
        await zoned.destroy();
      }
    }
  });

  it('refuses a batch size that is not a positive whole number', async () => {
    await expect(loadCatalog(db, [], { batchSize: 0 })).rejects.toThrow('batchSize must be a positive whole number, got 0');
  });
});
