import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addYears, businessDate, compareDates, daysBetween, fromEpochDay, isIsoDate, toEpochDay } from '../../../src-shared/dates.js';

describe('date-only arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-24', 7)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('is not fooled by daylight-saving changes (2026-03-08 and 2026-11-01 in the US)', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });

  it('adds years, moving Feb 29 to Feb 28 in a non-leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-01-31', 5)).toBe('2031-01-31');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-07-01')).toBe(546);
    expect(daysBetween('2027-01-01', '2026-01-01')).toBe(-365);
  });

  it('compares dates and refuses invalid ones', () => {
    expect(compareDates('2026-11-24', '2026-12-01')).toBe(-1);
    expect(compareDates('2026-12-01', '2026-12-01')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(() => compareDates('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => addDays('2026-11-24', 1.5)).toThrow(RangeError);
  });

  it('recognises real calendar dates only', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('0050-06-15')).toBe(true);
  });

  it('round-trips epoch days, including years before 100 that Date.UTC would remap', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(toEpochDay('0050-06-15'))).toBe('0050-06-15');
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2999-12-31') }), (day) => {
        const date = fromEpochDay(day);
        expect(isIsoDate(date)).toBe(true);
        expect(toEpochDay(date)).toBe(day);
        expect(addDays(date, 1) > date).toBe(true);
      }),
    );
  });

  it('finds the business date of an instant in a time zone', () => {
    const instant = new Date('2026-11-25T03:30:00Z');
    expect(businessDate(instant, 'America/New_York')).toBe('2026-11-24');
    expect(businessDate(instant, 'UTC')).toBe('2026-11-25');
    expect(businessDate(instant, 'Asia/Tokyo')).toBe('2026-11-25');
  });
});
