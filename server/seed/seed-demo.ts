// Loads a generated catalog into an empty database: the demo size for `npm start`, the benchmark
// size for `npm run bench` and `npm run db:seed -- --size bench`.
import pg from 'pg';
import { generateCatalog } from './catalog-generator.js';
import { loadCatalog, type LoadCatalogResult } from './load-catalog.js';

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
    const loaded = await loadCatalog(
      pool,
      generateCatalog({ seed, ...catalogSizes[size], ...(today ? { today } : {}) }),
      { actor: 'system:seed' },
    );
    return { skipped: false, loaded, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}
