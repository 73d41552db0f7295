// Benchmark figures shared by the tests of the report and of the run comparison.
import { Better, type FigureInput } from '../../bench/report.js';

/** The first sync's client apply rate at `value` rows/s, against the prepared-insert ceiling (target: ratio >= 0.5). */
export function clientApplyRate(value: number): FigureInput {
  return {
    section: '1 first sync',
    name: 'client apply rate',
    value,
    unit: 'rows/s',
    better: Better.higher,
    ceiling: { value: 100_000, what: 'prepared inserts' },
    target: { on: 'ratio', atLeast: 0.5, text: 'ratio >= 0.5' },
  };
}
