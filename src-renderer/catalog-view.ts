// The catalog screen's own state helpers and the words of its marks. What the filters keep and how
// the list is ordered are the shared catalog rules (src-shared/catalog/filter-sort.ts); the figures
// are the row's as of its business date (src-shared/catalog/catalog-row.ts).
import type { CatalogProduct } from '../src-shared/catalog/catalog-row.js';
import { formatBusinessDate, formatPercentText } from '../src-shared/format/display.js';

/** Toggles a product in the compare selection, which holds at most `limit` products. */
export function toggleSelection(selected: readonly string[], productId: string, limit: number): string[] {
  if (selected.includes(productId)) return selected.filter((id) => id !== productId);
  if (selected.length >= limit) return [...selected];
  return [...selected, productId];
}

/**
 * Why a product cannot be sold on the row's day, with its dates ("Sellable from Feb 12, 2027");
 * null when it can. A withdrawn product says so whatever its windows.
 */
export function saleMark(row: Pick<CatalogProduct, 'isActive' | 'asOf'>): string | null {
  const { available, saleWindow, date } = row.asOf;
  if (available) return null;
  if (!row.isActive) return 'Withdrawn';
  if (saleWindow === null) return 'Not sellable: no sales period';
  if (saleWindow.startDate > date) {
    const until = saleWindow.endDate === null ? '' : ` to ${formatBusinessDate(saleWindow.endDate)}`;
    return `Sellable from ${formatBusinessDate(saleWindow.startDate)}${until}`;
  }
  return saleWindow.endDate === null ? 'Not sellable' : `Sale ended ${formatBusinessDate(saleWindow.endDate)}`;
}

const isZero = (rate: string): boolean => /^0+(\.0+)?$/.test(rate);

/**
 * The next scheduled rate change, as the catalog marks it next to the rate in force: "4.25% from
 * Dec 1, 2026", with the bonus when there is one or it changes; null when none is scheduled.
 */
export function scheduledChangeMark(row: Pick<CatalogProduct, 'asOf'>): string | null {
  const next = row.asOf.nextRateChange;
  if (next === null) return null;
  const currentBonus = row.asOf.rateInForce?.bonusRate ?? '0';
  const showBonus = !isZero(next.bonusRate) || !isZero(currentBonus);
  const bonus = showBonus ? ` + ${formatPercentText(next.bonusRate)} bonus` : '';
  return `${formatPercentText(next.baseRate)}${bonus} from ${formatBusinessDate(next.effectiveDate)}`;
}
