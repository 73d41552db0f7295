// As-of resolution for the offline desktop: which rate applies, and whether a product may be sold,
// on a given day, using only the synced rows.
//
// Days are business dates ('YYYY-MM-DD') in the firm's business time zone: a rate effective
// 2026-12-01 applies from the start of that day there, wherever the laptop is. Callers turn "now"
// into a business date once (dates.ts businessDate) and pass it in, so these functions stay pure
// and testable. Valid 'YYYY-MM-DD' strings order correctly as strings, so they are compared as
// strings. Both ends of a period are inclusive: an entry with endDate 2026-11-30 still applies
// on 2026-11-30, and its successor takes over on 2026-12-01.
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../catalog.js';

function covers(start: string, end: string | null, day: string): boolean {
  return start <= day && (end === null || day <= end);
}

/**
 * The active rate entry in force on `day`, or null. With valid data at most one entry matches;
 * should overlapping publications exist anyway, the most recently effective one wins (then the
 * most recently created), because that is the publication an admin made last. A full tie goes to
 * the smallest id, whatever order the entries come in, so the desktop store's SQL (which sorts the
 * catalog by the rate in force: src-main/store/catalog-queries.ts) picks the same entry.
 */
export function rateInForce(entries: readonly RateHistoryEntry[], day: string): RateHistoryEntry | null {
  return latestInForce(entries, day, (entry) => entry.rateHistoryId);
}

/** A dated publication: a base rate, a strategy rate. */
export interface DatedEntry {
  isActive: boolean;
  effectiveDate: string;
  endDate: string | null;
  createdAt: string;
}

/** The rule of rateInForce for any dated publication, `idOf` naming its id for the last tie-break. */
export function latestInForce<E extends DatedEntry>(entries: readonly E[], day: string, idOf: (entry: E) => string): E | null {
  let best: E | null = null;
  for (const entry of entries) {
    if (!entry.isActive || !covers(entry.effectiveDate, entry.endDate, day)) continue;
    if (
      best === null ||
      entry.effectiveDate > best.effectiveDate ||
      (entry.effectiveDate === best.effectiveDate && (entry.createdAt > best.createdAt || (entry.createdAt === best.createdAt && idOf(entry) < idOf(best))))
    ) {
      best = entry;
    }
  }
  return best;
}

/** True when the product is active and an active availability window of it contains `day`. */
export function isAvailableOn(product: Product, windows: readonly AvailabilityWindow[], day: string): boolean {
  if (!product.isActive) return false;
  return windows.some(
    (window) => window.isActive && window.productId === product.productId && covers(window.startDate, window.endDate, day),
  );
}

/** An availability period as the catalog shows it next to a product that cannot be sold on a day. */
export interface SaleWindow {
  startDate: string;
  endDate: string | null;
}

/**
 * The window that explains whether the product can be sold on `day`: the active window containing
 * it (the one that runs longest, when several do), else the next one to open, else the last one
 * to close; null when the product has no active window at all. Withdrawn products get their
 * windows too: the catalog says "withdrawn" first, whatever the window.
 */
export function saleWindowOn(product: Pick<Product, 'productId'>, windows: readonly AvailabilityWindow[], day: string): SaleWindow | null {
  const own = windows.filter((window) => window.isActive && window.productId === product.productId);
  const endsLater = (a: SaleWindow, b: SaleWindow): boolean => b.endDate !== null && (a.endDate === null || a.endDate > b.endDate);
  let current: SaleWindow | null = null;
  let next: SaleWindow | null = null;
  let last: SaleWindow | null = null;
  for (const window of own) {
    const period = { startDate: window.startDate, endDate: window.endDate };
    if (covers(window.startDate, window.endDate, day)) {
      if (current === null || endsLater(period, current)) current = period;
    } else if (window.startDate > day) {
      if (next === null || period.startDate < next.startDate) next = period;
    } else if (last === null || endsLater(period, last)) {
      last = period;
    }
  }
  return current ?? next ?? last;
}

/** Active entries that take effect after `day`, earliest first, so the UI can flag upcoming rate changes. */
export function scheduledRateChanges(entries: readonly RateHistoryEntry[], day: string): RateHistoryEntry[] {
  return entries
    .filter((entry) => entry.isActive && entry.effectiveDate > day)
    .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
}

/**
 * The product with baseRate and bonusRate replaced by the rate in force on `day`, or null when no
 * rate is in force (the product's own rate columns are not used as a fallback: an illustration
 * must rest on a published, dated rate). Entries of other products are ignored.
 */
export function productTermsAsOf(product: Product, entries: readonly RateHistoryEntry[], day: string): Product | null {
  const entry = rateInForce(
    entries.filter((candidate) => candidate.productId === product.productId),
    day,
  );
  return entry === null ? null : { ...product, baseRate: entry.baseRate, bonusRate: entry.bonusRate };
}
