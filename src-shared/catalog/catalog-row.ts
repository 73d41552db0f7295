// A catalog row: a product plus what applies to it on one business date (the rate in force, the
// next scheduled change, whether it can be sold, its year-1 rate and effective yield). The catalog
// screen, the admin product list and the desktop store's list all show and order these figures,
// never the product's own baseRate/bonusRate columns: those move only when a rate is published for
// the day it is published (server/admin/publish-rates.ts), so they go stale as soon as a
// future-dated rate takes effect (docs/database.md, "products.base_rate"). The figures come from
// the same functions as the product page (rates/as-of.ts) and Compare (projection.ts), so the three
// agree for every product (test/unit/main/services/catalog-walk.test.ts walks the demo catalog).
import { z } from 'zod';
import { Product, RateHistoryEntry, type AvailabilityWindow } from '../catalog.js';
import { formatRate } from '../decimal.js';
import { currentRateGuaranteed } from '../format/current-rates.js';
import { isAvailableOn, productTermsAsOf, rateInForce, saleWindowOn, scheduledRateChanges } from '../rates/as-of.js';
import { IsoDateString } from '../validation/decimal-strings.js';
import { effectiveYield, firstYearRate } from './filter-sort.js';

const Percent4 = z.string().regex(/^\d+\.\d{4}$/, 'must be a percent with exactly 4 decimals');

export const CatalogAsOf = z.object({
  /** The business date these figures are for. */
  date: IsoDateString,
  /** The publication in force on `date`; null when none is (the product cannot be illustrated). */
  rateInForce: RateHistoryEntry.nullable(),
  /** The first publication taking effect after `date` ("4.25% from Dec 1"), or null. */
  nextRateChange: RateHistoryEntry.nullable(),
  /** Active, and inside an active availability window on `date`. */
  available: z.boolean(),
  /** The window in force, else the next to open, else the last to close (rates/as-of.ts saleWindowOn). */
  saleWindow: z.object({ startDate: IsoDateString, endDate: IsoDateString.nullable() }).nullable(),
  /** Base plus bonus in force (what contract year 1 credits); null without a rate in force. */
  year1Rate: Percent4.nullable(),
  /**
   * Compare's effective annual yield at the rate in force over the surrender period; null when it
   * cannot be projected, or when the list was asked for no yields (catalogRowOf's `yields`).
   */
  effectiveYield: Percent4.nullable(),
  /**
   * False for an FIA: its rate and yield are at the current crediting rate, which is not
   * guaranteed. The catalog marks them and rate and yield orders list them after the guaranteed
   * ones (filter-sort.ts), so a current-rate yield is never ranked among guaranteed yields.
   */
  ratesGuaranteed: z.boolean(),
});
export type CatalogAsOf = z.infer<typeof CatalogAsOf>;

/**
 * A product as listed. Its baseRate/bonusRate stay the stored columns (the sync protocol and the
 * admin editor use them); every figure a rep sees is in asOf.
 */
export const CatalogProduct = z.intersection(Product, z.object({ asOf: CatalogAsOf }));
export type CatalogProduct = Product & { asOf: CatalogAsOf };

/**
 * The row of `product` on `day`. `rates` and `windows` may hold other products' rows (ignored)
 * and may leave out entries that ended before `day` (they never apply). A yield is a full
 * year-by-year projection (about 0.7 ms), so a caller that shows none (the admin product list, up
 * to 10,000 rows) passes `yields: false`.
 */
export function catalogRowOf(
  product: Product,
  rates: readonly RateHistoryEntry[],
  windows: readonly AvailabilityWindow[],
  day: string,
  { yields = true }: { yields?: boolean } = {},
): CatalogProduct {
  const own = rates.filter((entry) => entry.productId === product.productId);
  const entry = rateInForce(own, day);
  const terms = productTermsAsOf(product, own, day);
  return {
    ...product,
    asOf: {
      date: day,
      rateInForce: entry,
      nextRateChange: scheduledRateChanges(own, day)[0] ?? null,
      available: isAvailableOn(product, windows, day),
      saleWindow: saleWindowOn(product, windows, day),
      year1Rate: terms === null ? null : formatRate(firstYearRate(terms)),
      effectiveYield: terms === null || !yields ? null : effectiveYield(terms),
      ratesGuaranteed: currentRateGuaranteed(product.productType),
    },
  };
}
