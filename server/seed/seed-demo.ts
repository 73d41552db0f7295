// Loads a generated catalog into an empty database: the demo size for `npm start`, the benchmark
// size for `npm run bench` and `npm run db:seed -- --size bench`.
import pg from 'pg';
import { generateCatalog, type GeneratedProduct } from './catalog-generator.js';
import { emptyLoadCounts, loadCatalog, type LoadCatalogResult } from './load-catalog.js';

/**
 * Products per transaction. A sync page never splits a transaction (docs/adr/0001-sync-cursor.md),
 * so one huge transaction would reach clients as one huge page; chunks keep pages bounded.
 */
export const SEED_PRODUCTS_PER_TRANSACTION = 100;

function* chunks<T>(source: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of source) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

export const catalogSizes = {
  demo: { products: 200, rateRowsPerProduct: 12 },
  bench: { products: 10_000, rateRowsPerProduct: 100 },
} as const;
export type CatalogSize = keyof typeof catalogSizes;

export interface SeedResult {
  skipped: boolean;
  loaded?: LoadCatalogResult;
  seconds?: number;
}

/** Seeds only when the catalog is empty, so restarting the stack never duplicates or overwrites. */
export async function seedIfEmpty(
  connectionString: string,
  { size = 'demo', seed = 42, today }: { size?: CatalogSize; seed?: number; today?: string } = {},
): Promise<SeedResult> {
  const pool = new pg.Pool({ connectionString, max: 2 });
  try {
    const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM products');
    if (rows[0]?.n !== '0') return { skipped: true };
    const started = performance.now();
    const loaded = emptyLoadCounts();
    const catalog = generateCatalog({ seed, ...catalogSizes[size], ...(today ? { today } : {}) });
    for (const chunk of chunks<GeneratedProduct>(catalog, SEED_PRODUCTS_PER_TRANSACTION)) {
      const part = await loadCatalog(pool, chunk, { actor: 'system:seed' });
      for (const key of Object.keys(loaded) as (keyof LoadCatalogResult)[]) loaded[key] += part[key];
    }
    // Fresh statistics for what was just loaded, so the first statements after a seed are planned
    // for its real size, not for the empty tables the planner last saw (autovacuum gets there only
    // after its next nap).
    await pool.query(
      'ANALYZE carriers, products, product_availability, rate_history, product_state_approvals, fia_strategies, fia_strategy_rates, index_levels, sync_table_stats',
    );
    return { skipped: false, loaded, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}
