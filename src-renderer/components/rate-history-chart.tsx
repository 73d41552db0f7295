import { useEffect, useRef } from 'react';
import type { RateHistoryEntry } from '../../src-shared/catalog.js';
import { formatBusinessDate } from '../../src-shared/format/display.js';
import { Chart } from './chart-setup.js';

/**
 * Base and first-year (base + bonus) rates by effective date. Publications dated after the as-of
 * date are drawn dashed with hollow points: scheduled, not yet in force. Retracted ones are left
 * out of the chart (the table lists them).
 */
export function RateHistoryChart({ rates, asOfDate }: { rates: readonly RateHistoryEntry[]; asOfDate: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    const active = rates.filter((entry) => entry.isActive).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
    const future = active.map((entry) => entry.effectiveDate > asOfDate);
    const scheduled = (index: number) => future[index] === true;
    // Number() only positions points on the canvas; rates shown as text come from the strings.
    const base = active.map((entry) => Number(entry.baseRate));
    const firstYear = active.map((entry) => Number(entry.baseRate) + Number(entry.bonusRate));
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: active.map((entry) => (entry.effectiveDate > asOfDate ? `${formatBusinessDate(entry.effectiveDate)} (scheduled)` : formatBusinessDate(entry.effectiveDate))),
        datasets: [
          { label: 'Base rate (%)', data: base, color: '#2f5d8a' },
          { label: 'Year-1 rate incl. bonus (%)', data: firstYear, color: '#b5651d' },
        ].map(({ label, data, color }) => ({
          label,
          data,
          borderColor: color,
          backgroundColor: color,
          stepped: 'before' as const,
          pointRadius: 4,
          pointStyle: active.map((_entry, index) => (scheduled(index) ? 'rectRot' : 'circle')),
          pointBackgroundColor: active.map((_entry, index) => (scheduled(index) ? '#ffffff' : color)),
          segment: { borderDash: (context: { p1DataIndex: number }) => (scheduled(context.p1DataIndex) ? [6, 4] : undefined) },
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
  }, [rates, asOfDate]);

  return (
    <div className="chart-box chart-box-small" data-testid="rate-history-chart">
      <canvas ref={canvas} role="img" aria-label="Rate history chart; scheduled future rates are dashed. The table below lists every publication." />
    </div>
  );
}
