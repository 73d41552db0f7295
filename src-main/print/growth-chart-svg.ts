// The illustration's growth chart as inline SVG: the printed page runs no script, so the chart must
// be plain markup. Each product gets its guaranteed values as a solid line and, where they differ
// or are not guaranteed, its values at current rates as a dashed line: a non-guaranteed line is
// never drawn without its guaranteed counterpart. The year tables carry the exact figures.
import { Decimal, formatDollars } from '../../src-shared/decimal.js';
import type { Comparison } from '../../src-shared/comparison.js';
import { escapeHtml } from './escape-html.js';

const WIDTH = 720;
const HEIGHT = 300;
const PLOT = { left: 92, right: 16, top: 14, bottom: 34 } as const;
const COLORS = ['#1f5fa8', '#b5482a', '#2e7d32', '#6a3d9a'] as const;
const TICK_COUNT = 5;

export interface ChartLine {
  label: string;
  color: string;
  dashed: boolean;
  /** Values from the start (the premium) through the last year, as decimal strings. */
  values: string[];
}

/** The lines to draw, in legend order. */
export function growthChartLines(comparison: Comparison): ChartLine[] {
  const lines: ChartLine[] = [];
  comparison.products.forEach((column, index) => {
    const rows = column.projection?.rows;
    if (rows === undefined) return;
    const color = COLORS[index % COLORS.length] ?? COLORS[0];
    const guaranteedValues = [comparison.premium, ...rows.map((row) => row.guaranteedAccountValue)];
    const currentValues = [comparison.premium, ...rows.map((row) => row.accountValue)];
    const allGuaranteed = column.productType !== 'FIA' && rows.every((row) => row.guaranteed);
    lines.push({ label: `${column.productName}: guaranteed values`, color, dashed: false, values: guaranteedValues });
    if (!allGuaranteed) lines.push({ label: `${column.productName}: at current rates (not guaranteed)`, color, dashed: true, values: currentValues });
  });
  return lines;
}

/** A round step (1, 2, 2.5 or 5 times a power of ten) at least `raw`, so axis labels read cleanly. */
function niceStep(raw: Decimal): Decimal {
  if (raw.lessThanOrEqualTo(0)) return new Decimal(1);
  const power = new Decimal(10).pow(raw.abs().log(10).floor());
  for (const multiple of [1, 2, 2.5, 5, 10]) {
    const step = power.times(multiple);
    if (step.greaterThanOrEqualTo(raw)) return step;
  }
  return power.times(10);
}

/** The chart as an <svg> element, or '' when nothing was projected. */
export function growthChartSvg(comparison: Comparison): string {
  const lines = growthChartLines(comparison);
  if (lines.length === 0) return '';
  const all = lines.flatMap((line) => line.values.map((value) => new Decimal(value)));
  const low = Decimal.min(...all);
  const high = Decimal.max(...all);
  const step = niceStep(high.minus(low).dividedBy(TICK_COUNT - 1));
  const axisLow = low.dividedBy(step).floor().times(step);
  let axisHigh = high.dividedBy(step).ceil().times(step);
  if (axisHigh.equals(axisLow)) axisHigh = axisLow.plus(step);

  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const years = comparison.years;
  // Number() only turns exact decimals into pixel positions; no figure printed as text comes from it.
  const x = (year: number): number => PLOT.left + (plotWidth * year) / years;
  const y = (value: Decimal): number => PLOT.top + plotHeight * (1 - Number(value.minus(axisLow).dividedBy(axisHigh.minus(axisLow)).toFixed(6)));
  const px = (value: number): string => value.toFixed(1);

  const ticks: string[] = [];
  for (let tick = axisLow; tick.lessThanOrEqualTo(axisHigh); tick = tick.plus(step)) {
    const ty = px(y(tick));
    const label = formatDollars(tick).replace(/\.\d\d$/, '');
    ticks.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${ty}" y2="${ty}" stroke="#ddd" stroke-width="1"/>` +
        `<text x="${PLOT.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="10">${escapeHtml(label)}</text>`,
    );
  }
  const yearEvery = Math.max(1, Math.ceil(years / 10));
  const yearLabels: string[] = [];
  for (let year = 0; year <= years; year += yearEvery) {
    yearLabels.push(`<text x="${px(x(year))}" y="${HEIGHT - PLOT.bottom + 14}" text-anchor="middle" font-size="10">${year === 0 ? 'Start' : `Year ${year}`}</text>`);
  }
  const paths = lines.map((line) => {
    const points = line.values.map((value, year) => `${px(x(year))},${px(y(new Decimal(value)))}`).join(' ');
    return `<polyline points="${points}" fill="none" stroke="${line.color}" stroke-width="2"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/>`;
  });
  const legend = lines
    .map(
      (line) =>
        `<li><svg width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke="${line.color}" stroke-width="2"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/></svg> ${escapeHtml(line.label)}</li>`,
    )
    .join('');

  return `<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="Growth of the premium for each product">
${ticks.join('\n')}
<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${HEIGHT - PLOT.bottom}" stroke="#555"/>
<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${HEIGHT - PLOT.bottom}" y2="${HEIGHT - PLOT.bottom}" stroke="#555"/>
${yearLabels.join('\n')}
${paths.join('\n')}
</svg>
<figcaption><ul class="legend">${legend}</ul>Solid lines are guaranteed values; dashed lines assume current rates continue and are not guaranteed. Axis values are rounded; the tables give exact figures.</figcaption>
</figure>`;
}
