// The promise of the sync cursor (docs/adr/0001-sync-cursor.md), tested the way it breaks: several
// publishers write the catalog at once and pause inside their transactions before committing, so
// transactions commit in another order than they drew their versions, while several clients pull
// in a loop with small pages. Afterwards every client's copy must equal the server's, row by row and
// by checksum: a change committed "behind" a client's cursor would be missing from its copy forever.
//
// The same scenario then runs against a database whose stamp_change_version() does not take the
// advisory lock, and must find missed changes there: proof that this test can fail.
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/schema.js';
import { addDays } from '../../../../src-shared/dates.js';
import type { PullResponse } from '../../../../src-shared/sync/protocol.js';
import { pullChanges } from '../../../../server/sync/pull.js';
import { seededRandom } from '../../../support/fault-report.js';
import {
  catalog,
  compareHashes,
  createUser,
  loadCatalogInTransactions,
  Replica,
  serverRowHashes,
  startSyncDatabase,
  type SyncTestDatabase,
} from '../../../support/sync-fixtures.js';

const PUBLISHERS = 4;
const PULLERS = 4;
const TRANSACTIONS_PER_PUBLISHER = 30;
const PRODUCTS = 40;

interface Figures {
  committed: number;
  rolledBack: number;
  deadlockRetries: number;
  rowsWritten: number;
  pulls: number;
  rowsReceived: number;
  rowsChecked: number;
  rowsMissed: number;
  checksumMismatches: number;
  wentBack: number;
}

function pgCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

class RollBack extends Error {}

interface Publisher {
  products: string[];
  nextRateDay: Map<string, number>;
  nextWindowDay: Map<string, number>;
  rates: string[];
}

/** One publisher transaction: 1-3 writes to its own products, pauses between them and before COMMIT. */
async function publish(db: Kysely<Database>, publisher: Publisher, dice: () => number, figures: Figures): Promise<void> {
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(dice() * items.length)];
    if (item === undefined) throw new Error('nothing to pick');
    return item;
  };
  const pause = (maxMs: number) => sql`SELECT pg_sleep(${(dice() * maxMs) / 1000})`;
  const operations = 1 + Math.floor(dice() * 3);
  const plan = Array.from({ length: operations }, () => Math.floor(dice() * 10));
  const rollBack = dice() < 0.1;
  const inserted: string[] = [];

  for (let attempt = 0; ; attempt += 1) {
    let written = 0;
    try {
      await db.transaction().execute(async (trx) => {
        for (const kind of plan) {
          const productId = pick(publisher.products);
          if (kind < 4) {
            const day = publisher.nextRateDay.get(productId) ?? 0;
            publisher.nextRateDay.set(productId, day + 1);
            const date = addDays('2040-01-01', day);
            const row = await trx
              .insertInto('rateHistory')
              .values({ productId, baseRate: `4.${String(Math.floor(dice() * 10_000)).padStart(4, '0')}`, effectiveDate: date, endDate: date, createdBy: 'publisher' })
              .returning('rateHistoryId')
              .executeTakeFirstOrThrow();
            inserted.push(row.rateHistoryId);
          } else if (kind < 6) {
            const day = publisher.nextWindowDay.get(productId) ?? 0;
            publisher.nextWindowDay.set(productId, day + 1);
            await trx.insertInto('productAvailability').values({ productId, startDate: addDays('2041-01-01', day), createdBy: 'publisher' }).execute();
          } else if (kind < 8) {
            await trx
              .updateTable('products')
              .set({ baseRate: `3.${String(Math.floor(dice() * 10_000)).padStart(4, '0')}`, updatedBy: 'publisher' })
              .where('productId', '=', productId)
              .execute();
          } else if (kind < 9 || publisher.rates.length === 0) {
            await trx.updateTable('products').set((eb) => ({ isActive: eb.not('isActive'), updatedBy: 'publisher' })).where('productId', '=', productId).execute();
          } else {
            await trx.updateTable('rateHistory').set({ isActive: false }).where('rateHistoryId', '=', pick(publisher.rates)).execute();
          }
          written += 1;
          await pause(10).execute(trx);
        }
        await pause(25).execute(trx);
        if (rollBack) throw new RollBack();
      });
      figures.committed += 1;
      figures.rowsWritten += written;
      publisher.rates.push(...inserted);
      return;
    } catch (error) {
      if (error instanceof RollBack) {
        figures.rolledBack += 1;
        return;
      }
      // Only the lock-less variant deadlocks (on the stats rows of two tables); retry as a server would.
      if (pgCode(error) === '40P01' && attempt < 50) {
        figures.deadlockRetries += 1;
        inserted.length = 0;
        await new Promise((resolve) => setTimeout(resolve, dice() * 20));
        continue;
      }
      throw error;
    }
  }
}

function publishersFor(productIds: readonly string[]): Publisher[] {
  // Each publisher owns its products, so publishers never wait for each other's rows: all they
  // share is the sync lock (and the stats rows it guards). The date counters only move forward,
  // across rounds too, so rate periods never overlap.
  return Array.from({ length: PUBLISHERS }, (_, index) => ({
    products: productIds.filter((_, productIndex) => productIndex % PUBLISHERS === index),
    nextRateDay: new Map(),
    nextWindowDay: new Map(),
    rates: [],
  }));
}

/** One round: publishers and pullers at once, then every puller catches up and is compared. */
async function runRound(env: SyncTestDatabase, userId: string, publishers: readonly Publisher[], seed: number, figures: Figures): Promise<void> {
  let publishing = true;
  const replicas = Array.from({ length: PULLERS }, () => new Replica());
  const pullerDice = replicas.map((_, index) => seededRandom(seed * 31 + index));
  const pullers = replicas.map(async (replica, index) => {
    const roll = pullerDice[index] ?? Math.random;
    while (publishing) {
      const page: PullResponse = await pullChanges(env.app, { cursor: replica.cursor, limit: 5 + Math.floor(roll() * 40), userId });
      replica.apply(page);
      figures.pulls += 1;
      if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 2 + roll() * 8));
    }
  });
  try {
    await Promise.all(
      publishers.map(async (publisher, index) => {
        const publisherDice = seededRandom(seed * 7 + index);
        for (let i = 0; i < TRANSACTIONS_PER_PUBLISHER; i += 1) await publish(env.app, publisher, publisherDice, figures);
      }),
    );
  } finally {
    publishing = false;
    await Promise.allSettled(pullers);
  }
  await Promise.all(pullers);

  const server = await serverRowHashes(env.owner, userId);
  for (const replica of replicas) {
    const last = await replica.catchUp(env.app, userId, 1000);
    figures.pulls += 1;
    figures.rowsReceived += replica.rowsReceived;
    figures.wentBack += replica.wentBack;
    const differences = Object.values(compareHashes(server, replica.rowHashes()));
    figures.rowsChecked += differences.reduce((sum, d) => sum + d.rows, 0);
    figures.rowsMissed += differences.reduce((sum, d) => sum + d.missing + d.stale + d.extra, 0);
    if (JSON.stringify(last.checksums?.tables) !== JSON.stringify(replica.checksums())) figures.checksumMismatches += 1;
  }
}

async function setUp(prefix: string): Promise<{ env: SyncTestDatabase; userId: string; publishers: Publisher[] }> {
  const env = await startSyncDatabase(prefix, { poolSize: PUBLISHERS + PULLERS + 2 });
  const userId = await createUser(env.owner);
  const generated = catalog(PRODUCTS, 3, 99);
  await loadCatalogInTransactions(env.owner, generated, 10);
  // The generated rate histories end open-ended; close them so the publishers' 2040+ periods fit.
  await env.owner.updateTable('rateHistory').set({ endDate: '2039-12-31' }).where('endDate', 'is', null).execute();
  return { env, userId, publishers: publishersFor(generated.map((entry) => entry.product.productId)) };
}

const emptyFigures = (): Figures => ({
  committed: 0,
  rolledBack: 0,
  deadlockRetries: 0,
  rowsWritten: 0,
  pulls: 0,
  rowsReceived: 0,
  rowsChecked: 0,
  rowsMissed: 0,
  checksumMismatches: 0,
  wentBack: 0,
});

const environments: SyncTestDatabase[] = [];

afterAll(async () => {
  for (const env of environments) await env.close();
});

describe('concurrent publishers and pullers', () => {
  it('leave every puller with exactly the server state, round after round, missing nothing', { timeout: 120_000 }, async () => {
    const { env, userId, publishers } = await setUp('sync_conc');
    environments.push(env);
    const seed = 20261124;
    const figures = emptyFigures();
    const started = performance.now();
    for (let round = 0; round < 3; round += 1) await runRound(env, userId, publishers, seed + round, figures);
    console.log(
      `[sync-concurrency] with the sync lock, seed ${seed}, 3 rounds in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
        `${figures.committed} publishes committed (${figures.rowsWritten} row writes), ${figures.rolledBack} rolled back, ` +
        `${figures.pulls} pulls by ${PULLERS} pullers, ${figures.rowsReceived} rows received, ${figures.rowsChecked} rows checked, ` +
        `rows missed = ${figures.rowsMissed}, checksum mismatches = ${figures.checksumMismatches}`,
    );
    expect(figures.committed).toBeGreaterThan(PUBLISHERS * TRANSACTIONS_PER_PUBLISHER * 3 * 0.8);
    expect(figures.rowsChecked).toBeGreaterThan(0);
    expect(figures).toMatchObject({ rowsMissed: 0, checksumMismatches: 0, wentBack: 0, deadlockRetries: 0 });
  });

  it('finds missed changes when stamp_change_version() does not take the lock (the test can fail)', { timeout: 120_000 }, async () => {
    const { env, userId, publishers } = await setUp('sync_nolock');
    environments.push(env);
    // Without the lock, writers of two tables take the two stats rows in either order and deadlock
    // now and then; have PostgreSQL notice in 50 ms rather than the default second.
    await sql`ALTER DATABASE ${sql.id(env.database.name)} SET deadlock_timeout = '50ms'`.execute(env.owner);
    // The base trigger minus its first line: versions are drawn in call order, commits happen in any order.
    await sql`
      CREATE OR REPLACE FUNCTION stamp_change_version() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public
      AS $fn$
      BEGIN
        NEW.change_version := nextval('public.change_version_seq');
        NEW.change_tx := txid_current();
        RETURN NEW;
      END
      $fn$`.execute(env.owner);
    const figures = emptyFigures();
    const seed = 20261124;
    for (let round = 0; round < 3 && figures.rowsMissed === 0; round += 1) await runRound(env, userId, publishers, seed + round, figures);
    console.log(
      `[sync-concurrency] WITHOUT the sync lock: ${figures.committed} publishes, ${figures.pulls} pulls, ` +
        `${figures.rowsChecked} rows checked, rows missed = ${figures.rowsMissed}, checksum mismatches = ${figures.checksumMismatches}, ` +
        `deadlock retries = ${figures.deadlockRetries}`,
    );
    expect(figures.rowsMissed).toBeGreaterThan(0);
    expect(figures.checksumMismatches).toBeGreaterThan(0);
  });
});
