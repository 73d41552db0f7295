import { useEffect, useRef } from 'react';
import type { Comparison } from '../../src-shared/comparison.js';
import { buildGrowthSeries, ChartLine } from '../compare-view.js';
import { Chart, colorAt } from './chart-setup.js';

/** One line per product; dashed: surrender values, dotted: guaranteed values. The year table carries the exact figures. */
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
          borderColor: colorAt(line.productIndex),
          backgroundColor: colorAt(line.productIndex),
          borderDash: line.line === ChartLine.guaranteed ? [2, 3] : line.dashed ? [6, 4] : [],
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
            ticks: { callback: (value) => `$${Math.round(Number(value)).toLocaleString('en-US')}` },
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
