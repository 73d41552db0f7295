// The illustration's growth chart as inline SVG: the printed page runs no script, so the chart must
// be plain markup. The lines, their labels, dashes and colours are the compare screen's
// (src-shared/format/guarantees.ts): guaranteed values solid, values at current rates that are not
// guaranteed dashed, and never the latter without the former. The year tables carry the exact figures.
import { Decimal } from '../../src-shared/decimal.js';
import type { Comparison } from '../../src-shared/comparison.js';
import { formatWholeDollars } from '../../src-shared/format/display.js';
import { GROWTH_CHART_KEY, growthChartYears, growthLines } from '../../src-shared/format/guarantees.js';
import { escapeHtml } from './escape-html.js';

const WIDTH = 720;
const HEIGHT = 300;
const PLOT = { left: 92, right: 16, top: 14, bottom: 34 } as const;
const TICK_COUNT = 5;

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
  const lines = growthLines(comparison);
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
    const label = formatWholeDollars(tick);
    ticks.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${ty}" y2="${ty}" stroke="#ddd" stroke-width="1"/>` +
        `<text x="${PLOT.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="10">${escapeHtml(label)}</text>`,
    );
  }
  const yearEvery = Math.max(1, Math.ceil(years / 10));
  const yearNames = growthChartYears(years);
  const yearLabels: string[] = [];
  for (let year = 0; year <= years; year += yearEvery) {
    yearLabels.push(`<text x="${px(x(year))}" y="${HEIGHT - PLOT.bottom + 14}" text-anchor="middle" font-size="10">${yearNames[year] ?? ''}</text>`);
  }
  const dashAttribute = (dash: readonly number[]): string => (dash.length === 0 ? '' : ` stroke-dasharray="${dash.join(' ')}"`);
  const paths = lines.map((line) => {
    const points = line.values.map((value, year) => `${px(x(year))},${px(y(new Decimal(value)))}`).join(' ');
    return `<polyline points="${points}" fill="none" stroke="${line.color}" stroke-width="2"${dashAttribute(line.dash)}/>`;
  });
  const legend = lines
    .map(
      (line) =>
        `<li><svg width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke="${line.color}" stroke-width="2"${dashAttribute(line.dash)}/></svg> ${escapeHtml(line.label)}</li>`,
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
<figcaption><ul class="legend">${legend}</ul>${GROWTH_CHART_KEY} Axis values are rounded; the tables give exact figures.</figcaption>
</figure>`;
}
