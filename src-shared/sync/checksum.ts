// Order-independent checksums of a set of rows, the same arithmetic as sync_table_stats on the
// server: each row's hash is the first 16 hex digits of the MD5 of its canonical text (UTF-8) read
// as a signed 64-bit integer, and a table's checksum is the sum of its rows' hashes modulo 2^64.
// Adding a row adds its hash and removing it subtracts it, so a client can keep the sums up to date
// as it applies pages instead of re-reading its copy. Like PowerSync's bucket checksums this finds
// bugs and corruption; it is not a defence against tampering.
import type { TableChecksum } from './protocol.js';
import {
  canonicalAvailability,
  canonicalCarrier,
  canonicalComparison,
  canonicalComparisonItem,
  canonicalIndexLevel,
  canonicalProduct,
  canonicalRate,
  canonicalStateApproval,
  canonicalStrategy,
  canonicalStrategyRate,
  type CanonicalAvailability,
  type CanonicalCarrier,
  type CanonicalComparison,
  type CanonicalComparisonItem,
  type CanonicalIndexLevel,
  type CanonicalProduct,
  type CanonicalRate,
  type CanonicalStateApproval,
  type CanonicalStrategy,
  type CanonicalStrategyRate,
} from './row-canonical.js';

/** Lowercase hex MD5 of the UTF-8 bytes of `text` (node:crypto on the server and in Electron main). */
export type Md5Hex = (text: string) => string;

/** The 64-bit row hash from an MD5 hex digest. */
export function rowHashFromMd5Hex(md5Hex: string): bigint {
  if (!/^[0-9a-f]{16}/i.test(md5Hex)) throw new RangeError(`not an MD5 hex digest: ${JSON.stringify(md5Hex)}`);
  return BigInt.asIntN(64, BigInt(`0x${md5Hex.slice(0, 16)}`));
}

export function rowHash(canonicalText: string, md5Hex: Md5Hex): bigint {
  return rowHashFromMd5Hex(md5Hex(canonicalText));
}

/** A running count and checksum. */
export class ChecksumAccumulator {
  private sum = 0n;
  private rows = 0;

  /** Adds a row; `counted` false for rows that add to the checksum but not the count (comparison items). */
  add(hash: bigint, counted = true): void {
    this.sum = BigInt.asUintN(64, this.sum + hash);
    if (counted) this.rows += 1;
  }

  remove(hash: bigint, counted = true): void {
    this.sum = BigInt.asUintN(64, this.sum - hash);
    if (counted) this.rows -= 1;
  }

  get value(): TableChecksum {
    return { count: this.rows, checksum: this.sum.toString() };
  }
}

export type ComparisonWithItems = CanonicalComparison & { items: readonly CanonicalComparisonItem[] };

/** The hashes a saved comparison contributes: its own row's and each item's. */
export function comparisonHashes(comparison: ComparisonWithItems, md5Hex: Md5Hex): { row: bigint; items: bigint[] } {
  return {
    row: rowHash(canonicalComparison(comparison), md5Hex),
    items: comparison.items.map((item) => rowHash(canonicalComparisonItem(comparison.comparisonId, item), md5Hex)),
  };
}

/** The canonical text of a row of each catalog collection (comparisons are summed with their items). */
export const CATALOG_CANONICAL = {
  products: canonicalProduct,
  availability: canonicalAvailability,
  rates: canonicalRate,
  carriers: canonicalCarrier,
  approvals: canonicalStateApproval,
  strategies: canonicalStrategy,
  strategyRates: canonicalStrategyRate,
  indexLevels: canonicalIndexLevel,
} as const;
export type CatalogCollection = keyof typeof CATALOG_CANONICAL;

export interface ReplicaContents {
  products: Iterable<CanonicalProduct>;
  availability: Iterable<CanonicalAvailability>;
  rates: Iterable<CanonicalRate>;
  comparisons: Iterable<ComparisonWithItems>;
  /** Issue 13's records; absent = none. */
  carriers?: Iterable<CanonicalCarrier>;
  approvals?: Iterable<CanonicalStateApproval>;
  strategies?: Iterable<CanonicalStrategy>;
  strategyRates?: Iterable<CanonicalStrategyRate>;
  indexLevels?: Iterable<CanonicalIndexLevel>;
}

export type ReplicaChecksums = Record<CatalogCollection | 'comparisons', TableChecksum>;

function tableChecksum<T>(rows: Iterable<T>, canonical: (row: T) => string, md5Hex: Md5Hex): TableChecksum {
  const accumulator = new ChecksumAccumulator();
  for (const row of rows) accumulator.add(rowHash(canonical(row), md5Hex));
  return accumulator.value;
}

/**
 * Counts and checksums of a whole copy, to compare with the `checksums` of the last pull page
 * (the `tables` member of ChecksumReport). A table that differs is re-downloaded.
 */
export function replicaChecksums(replica: ReplicaContents, md5Hex: Md5Hex): ReplicaChecksums {
  const comparisons = new ChecksumAccumulator();
  for (const comparison of replica.comparisons) {
    const hashes = comparisonHashes(comparison, md5Hex);
    comparisons.add(hashes.row);
    for (const item of hashes.items) comparisons.add(item, false);
  }
  return {
    products: tableChecksum(replica.products, canonicalProduct, md5Hex),
    availability: tableChecksum(replica.availability, canonicalAvailability, md5Hex),
    rates: tableChecksum(replica.rates, canonicalRate, md5Hex),
    comparisons: comparisons.value,
    carriers: tableChecksum(replica.carriers ?? [], canonicalCarrier, md5Hex),
    approvals: tableChecksum(replica.approvals ?? [], canonicalStateApproval, md5Hex),
    strategies: tableChecksum(replica.strategies ?? [], canonicalStrategy, md5Hex),
    strategyRates: tableChecksum(replica.strategyRates ?? [], canonicalStrategyRate, md5Hex),
    indexLevels: tableChecksum(replica.indexLevels ?? [], canonicalIndexLevel, md5Hex),
  };
}
