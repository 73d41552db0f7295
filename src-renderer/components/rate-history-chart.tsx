import { useEffect, useRef } from 'react';
import type { ProductType, RateHistoryEntry } from '../../src-shared/catalog.js';
import { rateHistorySeries } from '../rate-history-view.js';
import { Chart } from './chart-setup.js';

/**
 * Base and, for a product with a bonus, first-year (base + bonus) rates by effective date
 * (rate-history-view.ts; an FIA's lines are marked not guaranteed). Publications dated after the
 * as-of date are drawn dashed with hollow points: scheduled, not yet in force. Retracted ones are
 * left out of the chart (the table lists them).
 */
export function RateHistoryChart({ rates, asOfDate, productType }: { rates: readonly RateHistoryEntry[]; asOfDate: string; productType: ProductType }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    const { labels, scheduled, lines } = rateHistorySeries(rates, asOfDate, productType);
    const isScheduled = (index: number) => scheduled[index] === true;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: lines.map(({ label, points, color }) => ({
          label,
          data: points,
          borderColor: color,
          backgroundColor: color,
          stepped: 'before' as const,
          pointRadius: 4,
          pointStyle: scheduled.map((_flag, index) => (isScheduled(index) ? 'rectRot' : 'circle')),
          pointBackgroundColor: scheduled.map((_flag, index) => (isScheduled(index) ? '#ffffff' : color)),
          segment: { borderDash: (context: { p1DataIndex: number }) => (isScheduled(context.p1DataIndex) ? [6, 4] : undefined) },
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { title: { display: true, text: 'Rate (%)' } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [rates, asOfDate, productType]);

  const marked = productType === 'FIA' ? ' Current crediting rates, not guaranteed.' : '';
  return (
    <div className="chart-box chart-box-small" data-testid="rate-history-chart">
      <canvas ref={canvas} role="img" aria-label={`Rate history chart (%); scheduled future rates are dashed.${marked} The table below lists every publication.`} />
    </div>
  );
}
