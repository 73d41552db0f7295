// Figure 8's simulated laptops: what each of a thousand clients keeps of its synced copy, so that
// convergence is checked with the desktop's arithmetic without a SQLite file per client. A client
// keeps its cursor and its running count and checksum per collection (src-shared/sync/checksum.ts,
// the same row hash and canonical text as src-main/sync/local-checksums.ts). Applying a changed
// row must also subtract the hash of the version it replaces; the clients share one read-only
// record of the hashes every row had (the baseline, all clients starting from one verified copy)
// and had at each version any client has since seen, and a client picks the latest version at or
// below its own cursor: the version a laptop at that cursor holds. Pure: unit-tested in
// test/unit/bench/fleet-copy.test.ts.
import { CATALOG_CANONICAL, comparisonHashes, rowHash, type CatalogCollection, type Md5Hex } from '../src-shared/sync/checksum.js';
import type { PullResponse, TableChecksum } from '../src-shared/sync/protocol.js';

export type FleetCollection = CatalogCollection | 'comparisons';
export type FleetChecksums = Record<FleetCollection, TableChecksum>;

/** The id field of a row of each catalog collection. */
export const ROW_ID = {
  products: 'productId',
  availability: 'availabilityId',
  rates: 'rateHistoryId',
  carriers: 'carrierId',
  approvals: 'approvalId',
  strategies: 'strategyId',
  strategyRates: 'strategyRateId',
  indexLevels: 'indexLevelId',
} as const satisfies Record<CatalogCollection, string>;

export const CATALOG_COLLECTIONS = Object.keys(ROW_ID) as CatalogCollection[];

const rowKey = (collection: FleetCollection, id: string) => `${collection}:${id.toLowerCase()}`;

/** Row hashes by version, shared by every client of a run (hashes are facts about the server's rows). */
export class RowVersions {
  private readonly baseline = new Map<string, bigint>();
  private readonly later = new Map<string, { version: bigint; hash: bigint }[]>();

  /** A row as every client's starting copy holds it. */
  addBaseline(collection: FleetCollection, id: string, hash: bigint): void {
    this.baseline.set(rowKey(collection, id), hash);
  }

  record(collection: FleetCollection, id: string, version: bigint, hash: bigint): void {
    const key = rowKey(collection, id);
    const versions = this.later.get(key) ?? [];
    if (versions.some((entry) => entry.version === version)) return;
    versions.push({ version, hash });
    versions.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    this.later.set(key, versions);
  }

  /** The hash of the row a client at `atVersion` holds; undefined when it holds none (a new row). */
  heldAt(collection: FleetCollection, id: string, atVersion: bigint): bigint | undefined {
    const key = rowKey(collection, id);
    const held = (this.later.get(key) ?? []).filter((entry) => entry.version <= atVersion).at(-1);
    return held ? held.hash : this.baseline.get(key);
  }
}

/** "v1.<epoch>.<version>" -> the version (the bench reads its own cursors; the server wrote them). */
export function cursorVersion(cursor: string): bigint {
  const version = cursor.split('.').at(-1) ?? '';
  if (!/^\d+$/.test(version)) throw new RangeError(`not a cursor: ${cursor}`);
  return BigInt(version);
}

/** Only what convergence needs: the cursor and running sums, checked against the server's. */
export class FleetCopy {
  private sums = new Map<FleetCollection, { count: number; sum: bigint }>();

  constructor(
    public cursor: string,
    start: FleetChecksums,
    private readonly versions: RowVersions,
    private readonly md5Hex: Md5Hex,
  ) {
    for (const [collection, table] of Object.entries(start) as [FleetCollection, TableChecksum][]) {
      this.sums.set(collection, { count: table.count, sum: BigInt(table.checksum) });
    }
  }

  private apply(collection: FleetCollection, id: string, version: bigint, hash: bigint, atVersion: bigint): void {
    const entry = this.sums.get(collection) ?? { count: 0, sum: 0n };
    const held = this.versions.heldAt(collection, id, atVersion);
    if (held === undefined) entry.count += 1;
    else entry.sum = BigInt.asUintN(64, entry.sum - held);
    entry.sum = BigInt.asUintN(64, entry.sum + hash);
    this.sums.set(collection, entry);
    this.versions.record(collection, id, version, hash);
  }

  /** Applies a page as the desktop does (every row a replacement or an addition), then takes its cursor. */
  applyPage(page: Pick<PullResponse, 'changes' | 'cursor'>): number {
    const atVersion = cursorVersion(this.cursor);
    let rows = 0;
    for (const collection of CATALOG_COLLECTIONS) {
      const canonical = CATALOG_CANONICAL[collection] as (row: unknown) => string;
      for (const row of page.changes[collection] as readonly (Record<string, unknown> & { changeVersion: string })[]) {
        this.apply(collection, String(row[ROW_ID[collection]]), BigInt(row.changeVersion), rowHash(canonical(row), this.md5Hex), atVersion);
        rows += 1;
      }
    }
    for (const comparison of page.changes.comparisons) {
      const hashes = comparisonHashes(comparison, this.md5Hex);
      const hash = [hashes.row, ...hashes.items].reduce((sum, part) => BigInt.asUintN(64, sum + part), 0n);
      this.apply('comparisons', comparison.comparisonId, BigInt(comparison.changeVersion), hash, atVersion);
      rows += 1;
    }
    this.cursor = page.cursor;
    return rows;
  }

  checksums(): FleetChecksums {
    const out = {} as FleetChecksums;
    for (const collection of [...CATALOG_COLLECTIONS, 'comparisons'] as const) {
      const entry = this.sums.get(collection) ?? { count: 0, sum: 0n };
      out[collection] = { count: entry.count, checksum: entry.sum.toString() };
    }
    return out;
  }

  /** The collections whose count or checksum differ from `server`'s (empty: converged). */
  differences(server: Partial<FleetChecksums>): FleetCollection[] {
    const mine = this.checksums();
    return (Object.keys(mine) as FleetCollection[]).filter((collection) => {
      const theirs = server[collection] ?? { count: 0, checksum: '0' };
      return theirs.count !== mine[collection].count || theirs.checksum !== mine[collection].checksum;
    });
  }
}
