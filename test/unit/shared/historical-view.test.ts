// Client-facing means today: another day's rates only as a marked historical view.
import { describe, expect, it } from 'vitest';
import { historicalViewIssues, historicalViewText, isHistoricalView } from '../../../src-shared/historical-view.js';

const paths = { asOfPath: 'comparison.asOfDate', historicalPath: 'historical' };

describe('historicalViewIssues', () => {
  it('accepts today unmarked and another day marked', () => {
    expect(historicalViewIssues({ asOfDate: '2026-12-01', today: '2026-12-01', historical: false, ...paths })).toEqual([]);
    expect(historicalViewIssues({ asOfDate: '2026-11-30', today: '2026-12-01', historical: true, ...paths })).toEqual([]);
    expect(historicalViewIssues({ asOfDate: '2027-01-15', today: '2026-12-01', historical: true, ...paths })).toEqual([]);
  });

  it('refuses another day unmarked, naming the as-of field', () => {
    expect(historicalViewIssues({ asOfDate: '2026-11-30', today: '2026-12-01', historical: false, ...paths })).toEqual([
      { path: 'comparison.asOfDate', message: "is Nov 30, 2026, not today's business date (Dec 1, 2026): compare as of today, or mark it as a historical view" },
    ]);
  });

  it('refuses today marked historical, naming the mark', () => {
    expect(historicalViewIssues({ asOfDate: '2026-12-01', today: '2026-12-01', historical: true, ...paths })).toEqual([
      { path: 'historical', message: 'must be false: rates as of today (Dec 1, 2026) are the current view, not a historical one' },
    ]);
  });

  it('words the label and the watermark once', () => {
    expect(isHistoricalView('2026-11-30', '2026-12-01')).toBe(true);
    expect(historicalViewText('2026-11-30')).toBe('HISTORICAL VIEW — rates as of Nov 30, 2026, not current');
  });
});
