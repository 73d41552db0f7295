// The product page's rate history (issue 11): an FIA's published rates are current crediting rates,
// marked not guaranteed in the table, the chart legend and a note; the year-1 line only with a bonus.
import { describe, expect, it } from 'vitest';
import { baseRateColumnLabel, hasBonus, rateHistoryNote, rateHistorySeries } from '../../../src-renderer/rate-history-view.js';
import { rate } from '../../support/catalog-fixtures.js';

const noBonus = [
  rate({ effectiveDate: '2026-01-01', baseRate: '7.1500', bonusRate: '0.0000' }),
  rate({ effectiveDate: '2027-01-01', baseRate: '7.0000', bonusRate: '0.0000' }),
];
const withBonus = [rate({ effectiveDate: '2026-01-01', baseRate: '4.5000', bonusRate: '1.0000' })];

describe('rate history marks', () => {
  it('marks an FIA base-rate column and notes that its rates are not guaranteed', () => {
    expect(baseRateColumnLabel('FIA')).toBe('Base rate (current rate, not guaranteed)');
    expect(baseRateColumnLabel('MYGA')).toBe('Base rate');
    expect(baseRateColumnLabel(undefined)).toBe('Base rate');
    expect(rateHistoryNote('FIA')).toMatch(/not guaranteed/);
    expect(rateHistoryNote('CD')).toBeNull();
  });

  it('labels the FIA chart lines not guaranteed and draws the year-1 line only for a product with a bonus', () => {
    const fia = rateHistorySeries(noBonus, '2026-12-03', 'FIA');
    expect(fia.lines.map((line) => line.label)).toEqual(['Base rate (current rate, not guaranteed)']);
    expect(fia.lines[0]?.points).toEqual([7.15, 7]);
    expect(fia.labels).toEqual(['Jan 1, 2026', 'Jan 1, 2027 (scheduled)']);
    expect(fia.scheduled).toEqual([false, true]);
    const myga = rateHistorySeries(withBonus, '2026-12-03', 'MYGA');
    expect(myga.lines.map((line) => line.label)).toEqual(['Base rate', 'Year-1 rate incl. bonus']);
    expect(myga.lines[1]?.points).toEqual([5.5]);
  });

  it('counts only publications still in the history as a bonus', () => {
    expect(hasBonus(noBonus)).toBe(false);
    expect(hasBonus(withBonus)).toBe(true);
    expect(hasBonus(withBonus.map((entry) => ({ ...entry, isActive: false })))).toBe(false);
  });
});
