// How guaranteed and non-guaranteed values are told apart, on the compare screen and in the printed
// illustration alike: which values count as guaranteed, the mark on the others, and the lines of
// the growth chart (label, guaranteed or not, dash pattern, colour). NAIC Model 245 asks that an
// illustration never imply non-guaranteed values are guaranteed and never chart a non-guaranteed
// value without its guaranteed counterpart; both hosts draw from this one description.
import type { Comparison, ComparedProduct } from '../comparison.js';
import type { ProjectionRow } from '../projection.js';

/** Follows every value that is not guaranteed (with its words for screen readers on screen). */
export const NOT_GUARANTEED_MARK = '†';

/**
 * True when a row's values at current rates are contractual: the engine marks them so (years
 * within the guarantee period) and the product is not a fixed indexed annuity, which guarantees
 * only its minimum rate. The product check also keeps records saved under projection-rules/1,
 * which marked an FIA's values guaranteed, from being shown as guaranteed.
 */
export function currentValuesGuaranteed(column: Pick<ComparedProduct, 'productType'>, row: Pick<ProjectionRow, 'guaranteed'>): boolean {
  return row.guaranteed && column.productType !== 'FIA';
}

/** True when every value of a product at current rates is guaranteed (never for an FIA). */
export function fullyGuaranteed(column: ComparedProduct): boolean {
  const rows = column.projection?.rows ?? [];
  return rows.every((row) => currentValuesGuaranteed(column, row));
}

/** The first year whose values are not guaranteed for any product, or null when all are. */
export function firstNonGuaranteedYear(comparison: Comparison): number | null {
  let first: number | null = null;
  for (const column of comparison.products) {
    const row = column.projection?.rows.find((candidate) => !currentValuesGuaranteed(column, candidate));
    if (row !== undefined && (first === null || row.year < first)) first = row.year;
  }
  return first;
}

// ---- the growth chart -------------------------------------------------------------------------

/** The values a line follows: account value at current rates, guaranteed account value, surrender value at current rates. */
export const GrowthLineKind = { account: 'account', guaranteed: 'guaranteed', surrender: 'surrender' } as const;
export type GrowthLineKind = (typeof GrowthLineKind)[keyof typeof GrowthLineKind];

/**
 * Dash patterns (on/off lengths in pixels; empty = solid): guaranteed values solid, values at
 * current rates that are not guaranteed dashed, surrender values dotted.
 */
export const LINE_DASH = {
  solid: [],
  dashed: [6, 4],
  dotted: [2, 3],
} as const satisfies Record<string, readonly number[]>;

/** One colour per compared product, calm and distinguishable, also in greyscale print. */
export const PRODUCT_COLORS = ['#2f5d8a', '#b5651d', '#3c8d5a', '#7a4e9c'] as const;

export function productColor(productIndex: number): string {
  return PRODUCT_COLORS[productIndex % PRODUCT_COLORS.length] ?? PRODUCT_COLORS[0];
}

/** Under the chart, wherever it is drawn. */
export const GROWTH_CHART_KEY = 'Solid lines are guaranteed values; dashed lines assume current rates continue and are not guaranteed.';

export interface GrowthLine {
  label: string;
  kind: GrowthLineKind;
  /** Which compared product the line belongs to (its colour). */
  productIndex: number;
  /** True when every value on the line is guaranteed. */
  guaranteed: boolean;
  dash: readonly number[];
  color: string;
  /** From the start (the premium) through the last year, as the engine's decimal strings. */
  values: string[];
}

/** 'Start', 'Year 1', ... 'Year n': the horizontal axis. */
export function growthChartYears(years: number): string[] {
  return Array.from({ length: years + 1 }, (_unused, year) => (year === 0 ? 'Start' : `Year ${year}`));
}

/**
 * The lines to draw, in legend order. Per projected product: its guaranteed values (solid); where
 * its values at current rates are not all guaranteed (an FIA from year 1, a MYGA after its term),
 * first those values (dashed), so a non-guaranteed line never appears without its guaranteed
 * counterpart; and on demand its surrender values (dotted).
 */
export function growthLines(comparison: Comparison, options: { surrender?: boolean } = {}): GrowthLine[] {
  const lines: GrowthLine[] = [];
  comparison.products.forEach((column, productIndex) => {
    const rows = column.projection?.rows;
    if (rows === undefined) return;
    const color = productColor(productIndex);
    const line = (kind: GrowthLineKind, label: string, guaranteed: boolean, dash: readonly number[], pick: (row: ProjectionRow) => string): GrowthLine => ({
      label: `${column.productName}: ${label}`,
      kind,
      productIndex,
      guaranteed,
      dash,
      color,
      values: [comparison.premium, ...rows.map(pick)],
    });
    const allGuaranteed = fullyGuaranteed(column);
    if (!allGuaranteed) lines.push(line(GrowthLineKind.account, 'at current rates (not guaranteed)', false, LINE_DASH.dashed, (row) => row.accountValue));
    lines.push(line(GrowthLineKind.guaranteed, 'guaranteed values', true, LINE_DASH.solid, (row) => row.guaranteedAccountValue));
    // A brokered CD has no surrender value before maturity (null), only a market price: no line.
    if (options.surrender === true && rows.every((row) => row.surrenderValue !== null)) {
      lines.push(line(GrowthLineKind.surrender, allGuaranteed ? 'surrender values' : 'surrender values at current rates', allGuaranteed, LINE_DASH.dotted, (row) => row.surrenderValue ?? row.accountValue));
    }
  });
  return lines;
}
