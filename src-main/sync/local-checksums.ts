// Counts and checksums of the cached catalog, computed from the rows as they are in the SQLite file
// (not from what the engine believes it wrote), so a row changed or lost behind the engine's back is
// found by the verification after a sync. The arithmetic and canonical text are shared with the
// server (src-shared/sync). Comparisons are summed as they arrive instead (comparison-checksum.ts):
// the cache keeps the rep's own record of a comparison, not the server's item versions.
import { sql } from 'kysely';
import { CompoundingSchema, ProductTypeSchema } from '../../src-shared/catalog.js';
import { ChecksumAccumulator, rowHash, type Md5Hex } from '../../src-shared/sync/checksum.js';
import type { TableChecksum } from '../../src-shared/sync/protocol.js';
import { canonicalAvailability, canonicalProduct, canonicalRate } from '../../src-shared/sync/row-canonical.js';
import type { ClientDb } from '../store/schema.js';
import type { ProductColumns } from '../store/catalog-repository.js';

export interface CatalogChecksums {
  products: TableChecksum;
  availability: TableChecksum;
  rates: TableChecksum;
}

/** The products columns that enter the canonical text: what the repository selects, as stored. */
type ProductText = Omit<ProductColumns, 'createdAt' | 'updatedAt'> & { changeVersion: string };

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

export async function catalogChecksums(db: ClientDb, md5Hex: Md5Hex): Promise<CatalogChecksums> {
  const products = new ChecksumAccumulator();
  // change_version through TEXT: better-sqlite3 would hand back an inexact JS number past 2^53.
  const productRows = await sql<ProductText>`
    SELECT product_id, cusip, product_name, product_type, issuer_name, description, minimum_investment,
           maximum_investment, base_rate, bonus_rate, bonus_years, term_years, guaranteed_minimum_rate, compounding,
           surrender_schedule, free_withdrawal_percent, return_of_premium, return_of_premium_percentage,
           terms_and_conditions, is_active, created_by, updated_by, CAST(change_version AS TEXT) AS change_version
    FROM products`.execute(db);
  for (const row of productRows.rows) {
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
    );
  }

  const availability = new ChecksumAccumulator();
  const windows = await sql<{ availabilityId: string; productId: string; startDate: string; endDate: string | null; isActive: number; createdBy: string; changeVersion: string }>`
    SELECT availability_id, product_id, start_date, end_date, is_active, created_by, CAST(change_version AS TEXT) AS change_version
    FROM product_availability`.execute(db);
  for (const row of windows.rows) availability.add(rowHash(canonicalAvailability({ ...row, isActive: row.isActive === 1 }), md5Hex));

  const rates = new ChecksumAccumulator();
  const rateRows = await sql<{
    rateHistoryId: string;
    productId: string;
    baseRate: string;
    bonusRate: string;
    effectiveDate: string;
    endDate: string | null;
    isActive: number;
    createdBy: string;
    changeVersion: string;
  }>`
    SELECT rate_history_id, product_id, base_rate, bonus_rate, effective_date, end_date, is_active, created_by,
           CAST(change_version AS TEXT) AS change_version
    FROM rate_history`.execute(db);
  for (const row of rateRows.rows) rates.add(rowHash(canonicalRate({ ...row, isActive: row.isActive === 1 }), md5Hex));

  return { products: products.value, availability: availability.value, rates: rates.value };
}
