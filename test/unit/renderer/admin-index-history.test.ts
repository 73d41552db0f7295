// The index history screen's rules: the publish form refuses a level that is not year-end or not
// positive, the table shows each year's change (and none across a gap or for a retracted level), and
// the coverage line says what illustrations can show from the unbroken history.
import { describe, expect, it } from 'vitest';
import { checkIndexLevelForm, historyCoverage, indexLevelRows } from '../../../src-renderer/admin-index-history.js';
import type { IndexLevelRow } from '../../../src-shared/catalog/index-levels.js';

const NAME = 'Demo Index (synthetic)';

function level(levelDate: string, value: string, overrides: Partial<IndexLevelRow> = {}): IndexLevelRow {
  return {
    indexLevelId: `00000000-0000-4000-8000-${levelDate.replace(/-/g, '').padStart(12, '0')}`,
    indexName: NAME,
    levelDate,
    level: value,
    source: 'synthetic',
    isActive: true,
    createdAt: '2031-01-01T00:00:00.000Z',
    createdBy: 'admin@ratedesk.test',
    ...overrides,
  };
}

describe('the publish form', () => {
  it('accepts a year-end level and names what is wrong otherwise', () => {
    expect(checkIndexLevelForm({ indexName: NAME, levelDate: '2030-12-31', level: '1843.21', source: 'synthetic' })).toEqual({
      ok: true,
      value: { indexName: NAME, levelDate: '2030-12-31', level: '1843.21', source: 'synthetic' },
    });
    const bad = checkIndexLevelForm({ indexName: NAME, levelDate: '2030-06-30', level: '0', source: ' ' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors['levelDate']).toEqual(['must be a year-end date (in December)']);
    expect(bad.errors['level']?.[0]).toContain('greater than 0');
    expect(bad.errors['source']).toEqual(['must not be blank']);
  });
});

describe('the levels table', () => {
  it('lists newest first with each year\'s change, none across a gap or for a retracted level', () => {
    const rows = indexLevelRows([
      level('2027-12-31', '100'),
      level('2028-12-29', '110'),
      level('2029-12-31', '99'),
      level('2029-12-31', '990', { isActive: false, indexLevelId: '00000000-0000-4000-8000-00000000ffff' }),
      level('2031-12-31', '120'),
    ]);
    expect(rows.map((row) => [row.level.levelDate, row.level.level, row.change])).toEqual([
      ['2031-12-31', '120', null],
      ['2029-12-31', '99', '-10.00%'],
      ['2029-12-31', '990', null],
      ['2028-12-29', '110', '+10.00%'],
      ['2027-12-31', '100', null],
    ]);
  });
});

describe('the coverage line', () => {
  const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => level(`${from + i}-12-31`, String(100 + i)));

  it('says when there is too little history', () => {
    expect(historyCoverage([], NAME, '2031-03-10')).toBe('No levels yet: illustrations say there is too little history for this index.');
    expect(historyCoverage(years(2022, 2030), NAME, '2031-03-10')).toBe(
      '9 unbroken year-end levels (2022 to 2030), 8 annual returns: illustrations need 10 annual returns and say there is too little history.',
    );
  });

  it('counts only the unbroken run ending with the latest level', () => {
    expect(historyCoverage([...years(2000, 2015), ...years(2017, 2030)], NAME, '2031-03-10')).toBe(
      '14 unbroken year-end levels (2017 to 2030), 13 annual returns: enough for the most recent 10 years; the best and worst periods are looked for in 13 years rather than 20.',
    );
    expect(historyCoverage(years(2005, 2030), NAME, '2031-03-10')).toContain('enough for the most recent 10 years and the best and worst 10-year periods of the last 20');
  });
});
