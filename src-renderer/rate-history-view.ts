// What the product page's rate history (table and chart) shows, by kind of product. Pure, so it is
// unit-tested: an FIA's published base rate is a current crediting rate, not guaranteed (NAIC Model
// 245), so its column, its chart lines and a note under the history say so (the shared words in
// src-shared/format/current-rates.ts and product-labels.ts); the year-1 line (base plus bonus) is
// drawn only for a product that has had a bonus, or it would repeat the base line under a bonus label.
import type { ProductType, RateHistoryEntry } from '../src-shared/catalog.js';
import { Decimal, isPlainDecimal } from '../src-shared/decimal.js';
import { formatBusinessDate } from '../src-shared/format/display.js';
import { currentRateNote } from '../src-shared/format/current-rates.js';
import { withCurrentRateCaveat } from '../src-shared/format/product-labels.js';

/** The header of the base-rate column: "Base rate (current rate, not guaranteed)" for an FIA. */
export function baseRateColumnLabel(productType: ProductType | undefined): string {
  return productType === undefined ? 'Base rate' : withCurrentRateCaveat(productType, 'Base rate');
}

/** The sentence under an FIA's rate history; null for products whose rates are guaranteed. */
export function rateHistoryNote(productType: ProductType): string | null {
  return currentRateNote([productType]);
}

/** True when any publication still in the history carries a bonus above zero. */
export function hasBonus(rates: readonly RateHistoryEntry[]): boolean {
  return rates.some((entry) => entry.isActive && isPlainDecimal(entry.bonusRate) && !new Decimal(entry.bonusRate).isZero());
}

export interface RateHistoryLine {
  key: 'base' | 'first-year';
  label: string;
  /** Chart coordinates only: Number() positions points; rates shown as text come from the strings. */
  points: number[];
  color: string;
}

export interface RateHistorySeries {
  labels: string[];
  /** Per point: dated after the as-of date (scheduled, not yet in force). */
  scheduled: boolean[];
  lines: RateHistoryLine[];
}

/** The chart's points: publications in force at some time (retracted ones left out), oldest first. */
export function rateHistorySeries(rates: readonly RateHistoryEntry[], asOfDate: string, productType: ProductType): RateHistorySeries {
  const active = rates.filter((entry) => entry.isActive).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const scheduled = active.map((entry) => entry.effectiveDate > asOfDate);
  const lines: RateHistoryLine[] = [
    { key: 'base', label: withCurrentRateCaveat(productType, 'Base rate'), points: active.map((entry) => Number(entry.baseRate)), color: '#2f5d8a' },
  ];
  if (hasBonus(active)) {
    lines.push({
      key: 'first-year',
      label: withCurrentRateCaveat(productType, 'Year-1 rate incl. bonus'),
      points: active.map((entry) => Number(entry.baseRate) + Number(entry.bonusRate)),
      color: '#b5651d',
    });
  }
  return {
    labels: active.map((entry, index) => `${formatBusinessDate(entry.effectiveDate)}${scheduled[index] === true ? ' (scheduled)' : ''}`),
    scheduled,
    lines,
  };
}
