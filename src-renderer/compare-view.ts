// What the compare screen (and a reopened saved comparison) shows, built from a compareProducts
// result plus the product terms. Pure: every figure stays the decimal string the engine produced
// and is only formatted here.
import { Product } from '../src-shared/catalog.js';
import { isBrokeredColumn, type Comparison, type ComparedProduct } from '../src-shared/comparison.js';
import { comparisonDisclosures, type Disclosure } from '../src-shared/format/disclosures.js';
import { currentValuesGuaranteed, growthChartYears, growthLines, type GrowthLineKind } from '../src-shared/format/guarantees.js';
import type { SavedComparisonItem } from '../src-shared/sync/protocol.js';
import { formatBusinessDate, formatMoneyText, formatPercentText, formatYears, formatYieldText } from '../src-shared/format/display.js';
import {
  apyText,
  BROKERED_CD_MARKET_PRICE,
  earlyExitLabel,
  earlyExitValueLabel,
  FIA_CURRENT_RATE_CAVEAT,
  MARKET_PRICE_SHORT,
  penaltyText,
  termLabel,
  withCurrentRateCaveat,
  yieldLabel,
  type ProductKind,
} from '../src-shared/format/product-labels.js';

export interface TermRow {
  key: string;
  label: string;
  /** One cell per compared product, in column order. */
  values: string[];
  /** Marks rows whose values are not guaranteed by the contract. */
  note?: string;
}

const NOT_PROJECTED = 'Not projected (no rate in force)';
const NOT_FOR_CD = 'Not applicable to a CD';
const NOT_FOR_ANNUITY = 'Not applicable to an annuity';

/** What kind of product a column is, for the shared labels (product-labels.ts). */
function columnKind(column: ComparedProduct): ProductKind {
  return { productType: column.productType, compounding: column.projection?.compounding ?? 'annual', brokered: isBrokeredColumn(column) };
}

function surrenderText(schedule: readonly string[]): string {
  if (schedule.length === 0) return 'None';
  return `${schedule.map((percent) => formatPercentText(percent)).join(', ')} (years 1–${schedule.length})`;
}

function bonusText(column: ComparedProduct, terms: Product | null): string {
  const bonus = column.ratesUsed?.bonusRate ?? terms?.bonusRate ?? null;
  if (bonus === null) return '—';
  if (/^0+(\.0+)?$/.test(bonus)) return 'None';
  const years = terms === null ? '' : ` for ${formatYears(terms.bonusYears)}`;
  return `${formatPercentText(bonus)}${years}`;
}

function returnOfPremiumText(terms: Product): string {
  if (!terms.returnOfPremium) return 'No';
  return `Yes, at least ${formatPercentText(terms.returnOfPremiumPercentage)} of premium`;
}

function premiumRangeText(terms: Product): string {
  const maximum = terms.maximumInvestment === null ? 'no maximum' : formatMoneyText(terms.maximumInvestment);
  return `${formatMoneyText(terms.minimumInvestment)} to ${maximum}`;
}

// A CD is a deposit: its rows speak of maturity, an early-withdrawal penalty or a market price,
// never of annuity surrender charges or free withdrawals; an FIA has a surrender period, not a
// guarantee period, and its current rate is marked (src-shared/format/product-labels.ts).
function termText(column: ComparedProduct, terms: Product): string {
  if (column.productType === 'FIA') return `Minimum rate only; ${terms.termYears}-year surrender period, no rate guarantee`;
  if (column.productType === 'CD') return `${formatYears(terms.termYears)} to maturity`;
  return formatYears(terms.termYears);
}

function earlyExitText(column: ComparedProduct, terms: Product): string {
  if (column.productType !== 'CD') return surrenderText(terms.surrenderSchedule);
  if (isBrokeredColumn(column)) return BROKERED_CD_MARKET_PRICE;
  return `${earlyExitLabel(columnKind(column))}: ${penaltyText(terms.earlyWithdrawalPenaltyMonths ?? 0)}`;
}

/** A CD's stated rate is fixed until it matures (a brokered CD's coupon too; only its market price moves). */
function rateToMaturityText(column: ComparedProduct): string {
  if (column.productType !== 'CD') return NOT_FOR_ANNUITY;
  if (column.ratesUsed === null) return 'No rate in force';
  return `Yes: ${formatPercentText(column.ratesUsed.baseRate)} until maturity`;
}

/** The label of the early-exit row: one CD word when every column is a bank CD, or every one a brokered CD. */
function earlyExitRowLabel(columns: readonly ComparedProduct[]): string {
  const labels = new Set(columns.map((column) => earlyExitLabel(columnKind(column))));
  const [only] = labels;
  if (labels.size === 1 && only !== undefined) return only;
  return columns.some((column) => column.productType !== 'CD') ? 'Surrender charges (annuities) or leaving a CD early' : 'Leaving a CD early';
}

function yieldText(column: ComparedProduct): string {
  const projection = column.projection;
  if (projection === null) return NOT_PROJECTED;
  if (column.productType === 'CD') return apyText(projection.apy);
  return withCurrentRateCaveat(column.productType, `${formatYieldText(projection.effectiveAnnualYield)} over ${formatYears(projection.yieldYears)}`);
}

function baseRateText(column: ComparedProduct): string {
  if (column.ratesUsed === null) return 'No rate in force';
  const caveat = column.productType === 'FIA' ? `${FIA_CURRENT_RATE_CAVEAT}; ` : '';
  return `${formatPercentText(column.ratesUsed.baseRate)} (${caveat}effective ${formatBusinessDate(column.ratesUsed.effectiveDate)})`;
}

/** The side-by-side rows a client must see, one value per product; '—' where a term is unknown. */
export function buildTermRows(comparison: Comparison, terms: ReadonlyArray<Product | null>): TermRow[] {
  const columns = comparison.products;
  const each = (pick: (column: ComparedProduct, product: Product | null) => string): string[] =>
    columns.map((column, index) => pick(column, terms[index] ?? null));
  const fromTerms = (pick: (product: Product) => string) => each((_column, product) => (product === null ? '—' : pick(product)));
  const last = (column: ComparedProduct) => column.projection?.rows[column.projection.rows.length - 1];
  const fromColumnTerms = (pick: (column: ComparedProduct, product: Product) => string) =>
    each((column, product) => (product === null ? '—' : pick(column, product)));
  const types = new Set(columns.map((column) => column.productType));
  const onlyMygas = types.size === 1 && types.has('MYGA');
  const hasCd = types.has('CD');
  const onlyCds = types.size === 1 && hasCd;
  const annuityLabel = (label: string) => (hasCd ? `${label} (annuities)` : label);
  const annuityOnly = (pick: (column: ComparedProduct, product: Product) => string) =>
    fromColumnTerms((column, product) => (column.productType === 'CD' ? NOT_FOR_CD : pick(column, product)));
  // A CD has no bonus, minimum rate, free withdrawals or return of premium: an all-CD comparison
  // shows only CD rows, a mixed one marks the annuity rows and adds the CD rows.
  const annuityRows: TermRow[] = onlyCds
    ? []
    : [
        { key: 'bonus', label: annuityLabel('Bonus rate and duration'), values: each((column, product) => (column.productType === 'CD' ? NOT_FOR_CD : bonusText(column, product))) },
        { key: 'minimum-rate', label: annuityLabel('Guaranteed minimum rate'), values: annuityOnly((_column, product) => formatPercentText(product.guaranteedMinimumRate)) },
      ];
  const cdRows: TermRow[] = hasCd ? [{ key: 'rate-to-maturity', label: onlyCds ? 'Rate guaranteed to maturity' : 'Rate guaranteed to maturity (CDs)', values: each(rateToMaturityText) }] : [];
  const annuityWithdrawalRows: TermRow[] = onlyCds
    ? []
    : [
        { key: 'free-withdrawal', label: annuityLabel('Free withdrawals'), values: annuityOnly((_column, product) => `${formatPercentText(product.freeWithdrawalPercent)} of value a year`) },
        { key: 'return-of-premium', label: 'Return of premium', values: annuityOnly((_column, product) => returnOfPremiumText(product)) },
      ];

  return [
    { key: 'issuer', label: 'Issuer', values: each((column) => column.issuerName) },
    { key: 'type', label: 'Product type', values: each((column) => column.productType) },
    { key: 'availability', label: `Available on ${formatBusinessDate(comparison.asOfDate)}`, values: each((column) => (column.available ? 'Yes' : 'No')) },
    { key: 'premium-range', label: 'Premium accepted', values: fromTerms(premiumRangeText) },
    { key: 'guarantee', label: onlyMygas || onlyCds ? termLabel(onlyCds ? 'CD' : 'MYGA') : 'Guarantee period or term', values: fromColumnTerms(termText) },
    { key: 'base-rate', label: 'Base rate used', values: each(baseRateText) },
    ...annuityRows,
    ...cdRows,
    { key: 'surrender', label: earlyExitRowLabel(columns), values: fromColumnTerms(earlyExitText) },
    ...annuityWithdrawalRows,
    {
      key: 'yield',
      label: onlyCds ? yieldLabel('CD') : hasCd ? 'Effective annual yield, or annual percentage yield (APY) for a CD' : 'Effective annual yield',
      values: each(yieldText),
    },
    {
      key: 'final-value',
      label: `Account value after ${formatYears(comparison.years)}`,
      values: each((column) => {
        const row = last(column);
        if (row === undefined) return NOT_PROJECTED;
        return `${formatMoneyText(row.accountValue)}${currentValuesGuaranteed(column, row) ? ' (guaranteed)' : ' (not guaranteed)'}`;
      }),
    },
    {
      key: 'final-guaranteed',
      label: `Guaranteed value after ${formatYears(comparison.years)}`,
      values: each((column) => {
        const row = last(column);
        return row === undefined ? NOT_PROJECTED : formatMoneyText(row.guaranteedAccountValue);
      }),
      note: 'Assumes only the guaranteed minimum rate after the guarantee period.',
    },
  ];
}

export interface YearCell {
  accountValue: string;
  /** 'Market price' for a brokered CD before maturity, which has no surrender value. */
  surrenderValue: string;
  guaranteedAccountValue: string;
  guaranteed: boolean;
}

export interface YearRow {
  year: number;
  cells: Array<YearCell | null>;
}

/** Year-by-year values per product, already formatted; null where a product was not projected. */
export function buildYearRows(comparison: Comparison): YearRow[] {
  const rows: YearRow[] = [];
  for (let year = 1; year <= comparison.years; year += 1) {
    rows.push({
      year,
      cells: comparison.products.map((column) => {
        const row = column.projection?.rows[year - 1];
        if (row === undefined) return null;
        return {
          accountValue: formatMoneyText(row.accountValue),
          surrenderValue: row.surrenderValue === null ? MARKET_PRICE_SHORT : formatMoneyText(row.surrenderValue),
          guaranteedAccountValue: formatMoneyText(row.guaranteedAccountValue),
          guaranteed: currentValuesGuaranteed(column, row),
        };
      }),
    });
  }
  return rows;
}

export interface ChartSeries {
  label: string;
  /** Which compared product the line belongs to (its colour). */
  productIndex: number;
  line: GrowthLineKind;
  /** Chart coordinates only: Number() is fine for pixels, never for a figure shown as text. */
  points: number[];
  color: string;
  dash: readonly number[];
  dashed: boolean;
}

/** The header of a column's early-exit values: surrender value, value if withdrawn early (bank CD) or sold (brokered CD). */
export function exitValueHeader(column: ComparedProduct): string {
  return earlyExitValueLabel(columnKind(column));
}

/** The growth chart's lines as the PDF draws them (src-shared/format/guarantees.ts), in chart coordinates. */
export function buildGrowthSeries(comparison: Comparison, showSurrender: boolean): { labels: string[]; series: ChartSeries[] } {
  const series = growthLines(comparison, { surrender: showSurrender }).map((line) => ({
    label: line.label,
    productIndex: line.productIndex,
    line: line.kind,
    points: line.values.map(Number),
    color: line.color,
    dash: line.dash,
    dashed: line.dash.length > 0,
  }));
  return { labels: growthChartYears(comparison.years), series };
}

/** The disclosures under the comparison: the printed illustration's, from the one rule (src-shared/format/disclosures.ts). */
export function buildDisclosures(comparison: Comparison): Disclosure[] {
  return comparisonDisclosures(comparison);
}

/** The product terms kept with a saved comparison, aligned with its columns; null when unreadable. */
export function savedTerms(comparison: Comparison, items: readonly SavedComparisonItem[]): Array<Product | null> {
  return comparison.products.map((column) => {
    const item = items.find((candidate) => candidate.productId === column.productId);
    if (item === undefined) return null;
    const parsed = Product.safeParse(item.productSnapshot);
    return parsed.success ? parsed.data : null;
  });
}

/** How the best-interest choices read on the save form and the saved comparison (stored values stay the codes). */
export const BEST_INTEREST_CHOICE_LABELS: Readonly<Record<string, string>> = {
  'under-50': 'Under 50',
  '50-59': '50 to 59',
  '60-64': '60 to 64',
  '65-69': '65 to 69',
  '70-74': '70 to 74',
  '75-79': '75 to 79',
  '80-84': '80 to 84',
  '85-plus': '85 or older',
  'principal-protection': 'Protect principal',
  'guaranteed-growth': 'Guaranteed growth',
  income: 'Income',
  'tax-deferral': 'Tax deferral',
  legacy: 'Legacy for heirs',
  liquidity: 'Access to money',
  'under-3-years': 'Under 3 years',
  '3-5-years': '3 to 5 years',
  '6-10-years': '6 to 10 years',
  'over-10-years': 'Over 10 years',
  none: 'None',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  conservative: 'Conservative',
  'moderately-conservative': 'Moderately conservative',
  'moderately-aggressive': 'Moderately aggressive',
  aggressive: 'Aggressive',
};

export function bestInterestChoiceLabel(code: string): string {
  return BEST_INTEREST_CHOICE_LABELS[code] ?? code;
}
