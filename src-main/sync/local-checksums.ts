// Counts and checksums of the cached catalog, computed from the rows as they are in the SQLite file
// (not from what the engine believes it wrote), so a row changed or lost behind the engine's back is
// found by the verification after a sync. The arithmetic and canonical text are shared with the
// server (src-shared/sync). Comparisons are summed as they arrive instead (apply-page.ts):
// the cache keeps the rep's own record of a comparison, not the server's item versions.
import { CATALOG_CANONICAL, ChecksumAccumulator, rowHash, type CatalogCollection, type Md5Hex } from '../../src-shared/sync/checksum.js';
import type { TableChecksum } from '../../src-shared/sync/protocol.js';
import { canonicalAvailability, canonicalProduct, canonicalRate } from '../../src-shared/sync/row-canonical.js';
import { CATALOG_TERMS_COLLECTIONS, CATALOG_TERMS_WRITES } from '../store/catalog-terms-rows.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import { availabilityFromRow, productFromRow, rateFromRow } from '../store/catalog-rows.js';
import type { ClientDb } from '../store/schema.js';
import { forEachStoredRow, kyselySliceReader } from '../store/stored-catalog-rows.js';

export type CatalogChecksums = Record<CatalogCollection, TableChecksum>;

/**
 * Sums the catalog as stored, one slice of rows in memory at a time. `bulk` (the handle's
 * catalogBulk, same file as `db`) reads the slices with prepared statements, without Kysely's
 * per-row result mapping: faster and leaner for a big catalog (docs/performance.md). The sums are
 * the same either way. Rows become values through the store's one mapper per table; a column
 * damaged behind the app's back maps to a value whose hash the server's never equals.
 */
export async function catalogChecksums(db: ClientDb, md5Hex: Md5Hex, bulk?: Pick<CatalogBulk, 'readStoredSlice'>): Promise<CatalogChecksums> {
  const read = bulk === undefined ? kyselySliceReader(db) : bulk.readStoredSlice;

  const products = new ChecksumAccumulator();
  await forEachStoredRow(read, 'products', (row) => products.add(rowHash(canonicalProduct(productFromRow(row)), md5Hex)));

  const availability = new ChecksumAccumulator();
  await forEachStoredRow(read, 'availability', (row) => availability.add(rowHash(canonicalAvailability(availabilityFromRow(row)), md5Hex)));

  const rates = new ChecksumAccumulator();
  await forEachStoredRow(read, 'rates', (row) => rates.add(rowHash(canonicalRate(rateFromRow(row)), md5Hex)));

  const sums: CatalogChecksums = { products: products.value, availability: availability.value, rates: rates.value } as CatalogChecksums;
  for (const collection of CATALOG_TERMS_COLLECTIONS) {
    const accumulator = new ChecksumAccumulator();
    const { fromRow } = CATALOG_TERMS_WRITES[collection] as unknown as { fromRow: (row: unknown) => never };
    const canonical = CATALOG_CANONICAL[collection] as (row: never) => string;
    await forEachStoredRow(read, collection, (row) => accumulator.add(rowHash(canonical(fromRow(row)), md5Hex)));
    sums[collection] = accumulator.value;
  }
  return sums;
}
