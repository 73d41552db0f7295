// The demo catalog as `npm start` seeds it, read back from PostgreSQL on the demo business date:
// what a rep filtering by New York, an admin looking at a carrier and an FIA illustration rely on.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/schema.js';
import { seedIfEmpty, type SeedResult } from '../../../../server/seed/seed-demo.js';
import { DEMO_INDEX_NAME } from '../../../../src-shared/catalog/index-levels.js';
import { useMigratedDatabase, type TestDatabase } from '../../../support/database.js';

const DEMO_DAY = '2026-11-24';

let testDb: TestDatabase;
let db: Kysely<Database>;
useMigratedDatabase('demo_seed', 2, (opened, openedIn) => {
  db = opened;
  testDb = openedIn;
});

let seeded: SeedResult;
beforeAll(async () => {
  seeded = await seedIfEmpty(testDb.url, { size: 'demo' });
}, 120_000);

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await query.execute(db)).rows[0]?.n ?? -1;
}

describe('the seeded demo catalog', () => {
  it('loads every kind of row and reports what it loaded', async () => {
    expect(seeded.skipped).toBe(false);
    const loaded = seeded.loaded!;
    expect(loaded).toMatchObject({ products: 200, rates: 2_400, carriers: 10 });
    expect(loaded.approvals).toBeGreaterThan(5_000);
    expect(loaded.indexLevels).toBeGreaterThanOrEqual(26);
    expect(await count(sql`SELECT count(*)::int AS n FROM product_state_approvals`)).toBe(loaded.approvals);
    expect(await count(sql`SELECT count(*)::int AS n FROM fia_strategy_rates`)).toBe(loaded.strategyRates);
    // Seeding again finds the catalog there and leaves it alone.
    expect(await seedIfEmpty(testDb.url, { size: 'demo' })).toEqual({ skipped: true });
  });

  it('links every product to its carrier, named as the product names its issuer', async () => {
    expect(await count(sql`
      SELECT count(*)::int AS n FROM products p LEFT JOIN carriers c USING (carrier_id)
       WHERE c.carrier_id IS NULL OR c.carrier_name <> p.issuer_name`)).toBe(0);
  });

  it('has annuities not approved in New York on the demo day, withdrawn and future approvals, and none for CDs', async () => {
    expect(await count(sql`
      SELECT count(*)::int AS n FROM products p
       WHERE p.product_type <> 'CD' AND NOT EXISTS (
         SELECT 1 FROM product_state_approvals a
          WHERE a.product_id = p.product_id AND a.is_active AND a.state_code = 'NY'
            AND a.approved_from <= ${DEMO_DAY}::date AND (a.approved_until IS NULL OR a.approved_until >= ${DEMO_DAY}::date))`)).toBeGreaterThanOrEqual(3);
    expect(await count(sql`SELECT count(*)::int AS n FROM product_state_approvals WHERE approved_until < ${DEMO_DAY}::date`)).toBeGreaterThanOrEqual(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM product_state_approvals WHERE approved_from > ${DEMO_DAY}::date`)).toBeGreaterThanOrEqual(1);
    expect(await count(sql`
      SELECT count(*)::int AS n FROM product_state_approvals a JOIN products p USING (product_id) WHERE p.product_type = 'CD'`)).toBe(0);
  });

  it('gives every FIA 2 or 3 active strategies, each with a rate in force on the demo day within its guarantee', async () => {
    const rows = (
      await sql<{ productId: string; strategies: number; inForce: number; keepsGuarantee: number }>`
        SELECT p.product_id AS "productId",
               count(s.strategy_id)::int AS strategies,
               count(r.strategy_rate_id)::int AS "inForce",
               count(*) FILTER (WHERE CASE WHEN s.crediting_method = 'spread' THEN r.rate <= s.guaranteed_rate ELSE r.rate >= s.guaranteed_rate END)::int AS "keepsGuarantee"
          FROM products p
          JOIN fia_strategies s ON s.product_id = p.product_id AND s.is_active
          LEFT JOIN fia_strategy_rates r ON r.strategy_id = s.strategy_id AND r.is_active
               AND r.effective_date <= ${DEMO_DAY}::date AND (r.end_date IS NULL OR r.end_date >= ${DEMO_DAY}::date)
         WHERE p.product_type = 'FIA'
         GROUP BY p.product_id`.execute(db)
    ).rows;
    expect(rows.length).toBe(await count(sql`SELECT count(*)::int AS n FROM products WHERE product_type = 'FIA'`));
    for (const row of rows) {
      expect([2, 3]).toContain(row.strategies);
      expect(row.inForce).toBe(row.strategies);
      expect(row.keepsGuarantee).toBe(row.strategies);
    }
  });

  it('holds at least 21 consecutive year-end levels of the synthetic Demo Index, with negative years', async () => {
    const levels = (
      await sql<{ year: number; level: string; source: string }>`
        SELECT extract(year FROM level_date)::int AS year, level::text AS level, source
          FROM index_levels WHERE index_name = ${DEMO_INDEX_NAME} AND is_active ORDER BY level_date`.execute(db)
    ).rows;
    expect(levels.length).toBeGreaterThanOrEqual(21);
    levels.forEach((row, index) => index > 0 && expect(row.year).toBe((levels[index - 1]?.year ?? 0) + 1));
    expect(levels.every((row) => row.source === 'Synthetic demo data, not a real index')).toBe(true);
    const falls = levels.filter((row, index) => index > 0 && Number(row.level) < Number(levels[index - 1]?.level));
    expect(falls.length).toBeGreaterThanOrEqual(3);
  });

  it('sets a reference rate at issue on every MVA product, and on no other', async () => {
    expect(await count(sql`SELECT count(*)::int AS n FROM products WHERE mva_applies <> (mva_reference_rate IS NOT NULL)`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM products WHERE mva_applies`)).toBeGreaterThan(20);
  });
});
