import { useEffect, useRef } from 'react';
import type { Comparison } from '../../src-shared/comparison.js';
import { formatWholeDollars } from '../../src-shared/format/display.js';
import { buildGrowthSeries } from '../compare-view.js';
import { Chart } from './chart-setup.js';

/**
 * The lines the printed illustration draws too (src-shared/format/guarantees.ts): guaranteed values
 * solid, values at current rates that are not guaranteed dashed, surrender values dotted. The year
 * table carries the exact figures.
 */
export function GrowthChart({ comparison, showSurrender }: { comparison: Comparison; showSurrender: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    const { labels, series } = buildGrowthSeries(comparison, showSurrender);
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((line) => ({
          label: line.label,
          data: line.points,
          borderColor: line.color,
          backgroundColor: line.color,
          borderDash: [...line.dash],
          pointRadius: 2,
          tension: 0,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: {
            title: { display: true, text: 'Value ($)' },
            // Axis ticks are approximate by nature; exact values are in the year-by-year table.
            ticks: { callback: (value) => formatWholeDollars(Number(value)) },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [comparison, showSurrender]);

  return (
    <div className="chart-box" data-testid="growth-chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`Growth of ${comparison.premium} dollars over ${comparison.years} years for each product. The year-by-year table below has the exact values.`}
      />
    </div>
  );
}
