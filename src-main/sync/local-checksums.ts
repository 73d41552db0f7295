// Counts and checksums of the cached catalog, computed from the rows as they are in the SQLite file
// (not from what the engine believes it wrote), so a row changed or lost behind the engine's back is
// found by the verification after a sync. The arithmetic and canonical text are shared with the
// server (src-shared/sync). Comparisons are summed as they arrive instead (comparison-checksum.ts):
// the cache keeps the rep's own record of a comparison, not the server's item versions.
import { CompoundingSchema, ProductTypeSchema } from '../../src-shared/catalog.js';
import { ChecksumAccumulator, rowHash, type Md5Hex } from '../../src-shared/sync/checksum.js';
import type { TableChecksum } from '../../src-shared/sync/protocol.js';
import { canonicalAvailability, canonicalProduct, canonicalRate } from '../../src-shared/sync/row-canonical.js';
import type { CatalogBulk } from '../store/catalog-bulk.js';
import type { ClientDb } from '../store/schema.js';
import { forEachStoredRow, kyselySliceReader } from '../store/stored-catalog-rows.js';

export interface CatalogChecksums {
  products: TableChecksum;
  availability: TableChecksum;
  rates: TableChecksum;
}

/** A JSON array of strings, or the raw text when the column holds something else (it then cannot match). */
function schedule(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((value) => typeof value === 'string')) return parsed;
  } catch {
    // fall through: a damaged column still hashes, to a value the server's never equals
  }
  return [text];
}

/**
 * Sums the catalog as stored, one slice of rows in memory at a time. `bulk` (the handle's
 * catalogBulk, same file as `db`) reads the slices with prepared statements, without Kysely's
 * per-row result mapping: faster and leaner for a big catalog (docs/performance.md). The sums are
 * the same either way.
 */
export async function catalogChecksums(db: ClientDb, md5Hex: Md5Hex, bulk?: Pick<CatalogBulk, 'readStoredSlice'>): Promise<CatalogChecksums> {
  const read = bulk === undefined ? kyselySliceReader(db) : bulk.readStoredSlice;

  const products = new ChecksumAccumulator();
  await forEachStoredRow(read, 'products', (row) =>
    products.add(
      rowHash(
        canonicalProduct({
          ...row,
          // The cache's CHECKs admit only these values, so parsing cannot fail on a stored row.
          productType: ProductTypeSchema.parse(row.productType),
          compounding: CompoundingSchema.parse(row.compounding),
          surrenderSchedule: schedule(row.surrenderSchedule),
          returnOfPremium: row.returnOfPremium === 1,
          isActive: row.isActive === 1,
        }),
        md5Hex,
      ),
    ),
  );

  const availability = new ChecksumAccumulator();
  await forEachStoredRow(read, 'availability', (row) => availability.add(rowHash(canonicalAvailability({ ...row, isActive: row.isActive === 1 }), md5Hex)));

  const rates = new ChecksumAccumulator();
  await forEachStoredRow(read, 'rates', (row) => rates.add(rowHash(canonicalRate({ ...row, isActive: row.isActive === 1 }), md5Hex)));

  return { products: products.value, availability: availability.value, rates: rates.value };
}
