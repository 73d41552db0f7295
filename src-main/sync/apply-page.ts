// Applies one pull page to the cache: the catalog upserts, the rep's comparisons, the running
// checksum of those comparisons and the page's cursor, all in ONE SQLite transaction. A crash or a
// cut connection therefore leaves the cache either before the page (cursor unchanged, the page is
// pulled again) or after it (cursor moved): a page is never applied twice nor skipped. The catalog
// upserts are version-guarded too, so even a replay could not roll a row back.
import { sql, type Kysely, type Transaction } from 'kysely';
import { comparisonHashes, type Md5Hex } from '../../src-shared/sync/checksum.js';
import { TableChecksum, type PullResponse, type SyncedComparison } from '../../src-shared/sync/protocol.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import { upsertAvailability, upsertCatalogTerms, upsertProducts, upsertRates } from '../store/catalog-upserts.js';
import { serverVersionOf, upsertServerComparisons, type ServerComparisonCopy } from '../store/saved-comparisons.js';
import type { ClientDatabase, ClientDb } from '../store/schema.js';
import { getSyncState, setSyncState } from '../store/sync-state-repository.js';
import { SyncKey } from './sync-keys.js';

/** Called inside the page's transaction after its rows are written, before it commits (tests pause here). */
export type BeforePageCommit = (info: { pageNumber: number; rows: number }) => Promise<void> | void;

export function pageRowCount(page: PullResponse): number {
  return Object.values(page.changes).reduce((rows, collection) => rows + collection.length, 0);
}

export async function readComparisonsChecksum(db: ClientDb): Promise<TableChecksum> {
  const stored = await getSyncState(db, SyncKey.comparisonsChecksum);
  if (stored === null) return { count: 0, checksum: '0' };
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    value = undefined;
  }
  const parsed = TableChecksum.safeParse(value);
  // A damaged value must not pass verification: an impossible count forces a re-download.
  return parsed.success ? parsed.data : { count: -1, checksum: '0' };
}

/** The record kept on the laptop for a comparison that came from the server (e.g. saved on another laptop). */
function localCopy(comparison: SyncedComparison): ServerComparisonCopy {
  const { changeVersion, receivedAt: _receivedAt, items, ...fields } = comparison;
  return {
    comparisonId: comparison.comparisonId,
    createdAt: comparison.comparisonDate,
    asOfDate: comparison.asOfDate,
    investmentAmount: comparison.investmentAmount,
    horizonYears: comparison.horizonYears,
    clientReference: comparison.clientReference,
    payload: { ...fields, items: items.map(({ changeVersion: _version, ...item }) => item) },
    changeVersion,
  };
}

async function addComparisons(trx: Transaction<ClientDatabase>, comparisons: readonly SyncedComparison[], md5Hex: Md5Hex): Promise<void> {
  if (comparisons.length === 0) return;
  const stored = await readComparisonsChecksum(trx);
  // Same arithmetic as ChecksumAccumulator (sum modulo 2^64), continued from the stored value.
  let sum = BigInt(stored.checksum);
  let count = stored.count;
  for (const comparison of comparisons) {
    // Counted once per server version: the version is set only here (and cleared before a full
    // download), so a known version means this copy is already in the sum. Comparisons are
    // immutable on the server; a second version would not match and the check would re-download.
    if ((await serverVersionOf(trx, comparison.comparisonId)) === comparison.changeVersion) continue;
    const hashes = comparisonHashes(comparison, md5Hex);
    for (const hash of [hashes.row, ...hashes.items]) sum = BigInt.asUintN(64, sum + hash);
    count += 1;
  }
  await setSyncState(trx, SyncKey.comparisonsChecksum, JSON.stringify({ count, checksum: sum.toString() } satisfies TableChecksum));
}

export interface ApplyPageOptions {
  md5Hex: Md5Hex;
  /** The rep whose token pulled the page: its comparisons are theirs. */
  ownerSubject: string;
  now: Date;
  pageNumber: number;
  beforeCommit?: BeforePageCommit | undefined;
  /**
   * Prepared upserts on the connection behind `db` (ClientDatabaseHandle.catalogBulk): the fast
   * path for big pages. Without it the catalog goes through Kysely, with the same result.
   */
  catalogBulk?: CatalogBulk | undefined;
}

/** The catalog collections of a page (or of a snapshot chunk) into the open transaction `trx`. */
export async function writeCatalogChanges(trx: Transaction<ClientDatabase>, changes: PullResponse['changes'], catalogBulk: CatalogBulk | undefined): Promise<void> {
  const { products, availability, rates } = changes;
  if (catalogBulk === undefined) {
    await upsertProducts(trx, products);
    await upsertAvailability(trx, availability);
    await upsertRates(trx, rates);
    await upsertCatalogTerms(trx, changes);
  } else {
    // Synchronous on the same connection, so these writes are inside the transaction just
    // opened, and nothing else can run on the connection until they are done.
    catalogBulk.upsertProducts(products);
    catalogBulk.upsertAvailability(availability);
    catalogBulk.upsertRates(rates);
    catalogBulk.upsertCatalogTerms(changes);
  }
}

/**
 * One transaction of synced rows. Pages come in version order, not foreign-key order
 * (docs/adr/0001-sync-cursor.md): a rate arrives pages before its product when the product was
 * edited after the rate was published, so a page must not be held to the cache's references to
 * products (deferred checks would fail the commit); the copy is whole again when the pull ends.
 * SQLite ignores this pragma inside a transaction, so it is set around it, on the one connection
 * held for both.
 */
export async function inSyncTransaction(db: Kysely<ClientDatabase>, write: (trx: Transaction<ClientDatabase>) => Promise<void>): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`PRAGMA foreign_keys = OFF`.execute(connection);
    try {
      await connection.transaction().execute(write);
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(connection);
    }
  });
}

export async function applyPage(db: Kysely<ClientDatabase>, page: PullResponse, options: ApplyPageOptions): Promise<void> {
  await inSyncTransaction(db, async (trx) => {
    await writeCatalogChanges(trx, page.changes, options.catalogBulk);
    await addComparisons(trx, page.changes.comparisons, options.md5Hex);
    await upsertServerComparisons(trx, options.ownerSubject, page.changes.comparisons.map(localCopy), options.now);
    await setSyncState(trx, SyncKey.cursor, page.cursor, options.now);
    await setSyncState(trx, SyncKey.epoch, page.epoch, options.now);
    await options.beforeCommit?.({ pageNumber: options.pageNumber, rows: pageRowCount(page) });
  });
}
