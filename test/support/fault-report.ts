// What every fault test reports and checks at the end: one `[fault]` line with its figures, and a
// row-by-row comparison of a desktop cache with the server (by primary key and change version),
// which counts what a client lost instead of only saying that sums differ.
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../server/db/schema.js';
import { mulberry32 } from '../../server/seed/catalog-generator.js';
import type { ClientDatabaseHandle } from '../../src-main/store/open-database.js';
import { countDifferences } from './sync-fixtures.js';

export interface FaultFigures {
  operations: number;
  faults: number;
  rowsChecked: number;
  rowsLost: number;
  /** Further figures worth printing (name -> value), after the four required ones. */
  extra?: Record<string, number | string>;
}

/** Prints `[fault] <name>: operations=.. faults=.. rows checked=.. rows lost=..` and asserts nothing was lost. */
export function reportFault(name: string, figures: FaultFigures): void {
  const extra = Object.entries(figures.extra ?? {})
    .map(([key, value]) => ` ${key}=${value}`)
    .join('');
  console.log(
    `[fault] ${name}: operations=${figures.operations} faults=${figures.faults} rows checked=${figures.rowsChecked} rows lost=${figures.rowsLost}${extra}`,
  );
  expect(figures.rowsLost, `${name}: rows lost`).toBe(0);
}

export interface RowDifferences {
  /** Server rows (catalog plus the rep's comparisons) compared. */
  checked: number;
  /** On the server, not in the cache. */
  missing: number;
  /** In the cache at an older change version than the server's: a missed update. */
  stale: number;
  /** Synced rows in the cache that the server does not have. */
  extra: number;
}

type Versions = Map<string, string>;

/** The user id the server gave a demo login (created on its first request). */
export async function userIdOf(owner: Kysely<Database>, email: string): Promise<string> {
  const row = await owner.selectFrom('users').select('userId').where('email', '=', email).executeTakeFirstOrThrow();
  return row.userId;
}

/**
 * Every catalog row and every comparison of `userId` on the server against the cache, by id and
 * change version. Comparisons still waiting for their server copy (no server version) count as missing.
 */
export async function compareCacheWithServer(owner: Kysely<Database>, handle: ClientDatabaseHandle, userId: string): Promise<RowDifferences> {
  const serverVersions = async (query: ReturnType<typeof sql<{ id: string; version: string }>>): Promise<Versions> =>
    new Map((await query.execute(owner)).rows.map((row) => [row.id, row.version]));
  const clientVersions = (query: string): Versions =>
    new Map((handle.sqlite.prepare(query).all() as { id: string; version: string }[]).map((row) => [row.id.toLowerCase(), row.version]));

  const pairs: [Versions, Versions][] = [
    [
      await serverVersions(sql`SELECT product_id::text AS id, change_version::text AS version FROM products`),
      clientVersions('SELECT product_id AS id, CAST(change_version AS TEXT) AS version FROM products'),
    ],
    [
      await serverVersions(sql`SELECT availability_id::text AS id, change_version::text AS version FROM product_availability`),
      clientVersions('SELECT availability_id AS id, CAST(change_version AS TEXT) AS version FROM product_availability'),
    ],
    [
      await serverVersions(sql`SELECT rate_history_id::text AS id, change_version::text AS version FROM rate_history`),
      clientVersions('SELECT rate_history_id AS id, CAST(change_version AS TEXT) AS version FROM rate_history'),
    ],
    [
      await serverVersions(
        sql`SELECT comparison_id::text AS id, change_version::text AS version FROM product_comparisons WHERE user_id = ${userId}`,
      ),
      clientVersions(
        'SELECT comparison_id AS id, CAST(server_change_version AS TEXT) AS version FROM saved_comparisons WHERE server_change_version IS NOT NULL',
      ),
    ],
  ];
  const total: RowDifferences = { checked: 0, missing: 0, stale: 0, extra: 0 };
  for (const [server, client] of pairs) {
    const found = countDifferences(server, client);
    total.checked += server.size;
    total.missing += found.missing;
    total.stale += found.stale;
    total.extra += found.extra;
  }
  return total;
}

/** Seeded generator (mulberry32), so a failing run is replayed from the seed it printed. */
export function seededRandom(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4_294_967_296;
}

/** A whole number from the environment (soak parameters), or the fallback. */
export function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${text}"`);
  return value;
}

/** A soak run's random seed: SOAK_SEED replays a run (each run reports the seed it used), else a new one. */
export function soakSeed(): number {
  return envInt('SOAK_SEED', Date.now() % 100_000);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
