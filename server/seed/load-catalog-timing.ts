// Measures loadCatalog on the benchmark-size catalog (default 10,000 products x 100 rate rows =
// 1,000,000 rate rows) against a throwaway embedded PostgreSQL, or DATABASE_URL's server if set
// (a fresh database is created there and dropped afterwards).
//   npx tsx server/seed/load-catalog-timing.ts [products] [rateRowsPerProduct] [batchSize]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../db/embedded.js';
import { migrateToLatest } from '../db/migrate.js';
import { generateCatalog } from './catalog-generator.js';
import { loadCatalog } from './load-catalog.js';

const [products = 10_000, rateRowsPerProduct = 100, batchSize = 10_000] = process.argv.slice(2).map(Number);

let running: RunningPostgres | undefined;
let folder: string | undefined;
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  folder = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-load-timing-'));
  running = await startEmbeddedPostgres({ dataDir: path.join(folder, 'data'), persistent: false });
  serverUrl = running.adminUrl;
}
const name = `load_timing_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
admin.on('error', () => undefined);
await admin.connect();
await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;

try {
  await migrateToLatest(url.toString());
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  pool.on('error', () => undefined);
  const started = performance.now();
  const counts = await loadCatalog(pool, generateCatalog({ products, rateRowsPerProduct }), { batchSize });
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  console.log(
    `Loaded ${counts.products} products, ${counts.availability} availability windows and ${counts.rates} rate rows ` +
      `in ${seconds.toFixed(1)} s (${Math.round(counts.rates / seconds)} rate rows/s, batch ${batchSize}).`,
  );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
  await running?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
}
process.exit(0);
