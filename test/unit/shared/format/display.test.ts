import { describe, expect, it } from 'vitest';
import { formatAgo, formatBusinessDate, formatMoneyText, formatPercentText } from '../../../../src-shared/format/display.js';
import { localBusinessDate } from '../../../../src-shared/dates.js';

describe('renderer formatting', () => {
  it('shows money with a dollar sign, thousands separators and cents, exactly', () => {
    expect(formatMoneyText('1234567.8')).toBe('$1,234,567.80');
    expect(formatMoneyText('105500.00')).toBe('$105,500.00');
    // A float would print 0.1 + 0.2 style drift; decimal strings never do.
    expect(formatMoneyText('9007199254740993.01')).toBe('$9,007,199,254,740,993.01');
    expect(formatMoneyText('999.995')).toBe('$1,000.00');
  });

  it('shows a dash instead of a bogus figure for missing or malformed amounts', () => {
    expect(formatMoneyText(null)).toBe('—');
    expect(formatMoneyText('1e5')).toBe('—');
    expect(formatMoneyText('NaN')).toBe('—');
  });

  it('shows percents with 2 decimals, or up to 4 when they matter', () => {
    expect(formatPercentText('4.5000')).toBe('4.50%');
    expect(formatPercentText('4.1250')).toBe('4.125%');
    expect(formatPercentText('0.0001')).toBe('0.0001%');
    expect(formatPercentText('10')).toBe('10.00%');
    expect(formatPercentText(undefined)).toBe('—');
  });

  it('shows business dates without shifting them across time zones', () => {
    expect(formatBusinessDate('2026-03-01')).toBe('Mar 1, 2026');
    expect(formatBusinessDate('2026-12-31')).toBe('Dec 31, 2026');
  });

  it('says how long ago a sync happened', () => {
    const now = new Date('2026-06-10T12:00:00Z');
    expect(formatAgo('2026-06-10T11:59:40Z', now)).toBe('just now');
    expect(formatAgo('2026-06-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatAgo('2026-06-10T11:00:00Z', now)).toBe('1 hour ago');
    expect(formatAgo('2026-06-07T12:00:00Z', now)).toBe('3 days ago');
  });

  it("uses the laptop's calendar date as today", () => {
    expect(localBusinessDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
