// chart.js registered tree-shaken: only the pieces the line charts use end up in the bundle.
import { CategoryScale, Chart, Filler, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler);

export { Chart };

/** Calm, distinguishable line colours (also distinguishable in greyscale print). */
export const seriesColors = ['#2f5d8a', '#b5651d', '#3c8d5a', '#7a4e9c'] as const;

export function colorAt(index: number): string {
  return seriesColors[index % seriesColors.length] ?? '#2f5d8a';
}
