// One business date: "today" is the date in the business time zone (America/New_York), whatever
// zone the laptop is in. The laptops below really are in Honolulu and Tokyo (process.env.TZ, which
// Node applies at once), on Dec 1 2026, the day rate B replaces rate A: at 00:30 UTC New York is
// still on Nov 30 (Tokyo already on Dec 1); at 05:30 UTC New York is on Dec 1 (Honolulu still on Nov 30).
import { afterEach, describe, expect, it } from 'vitest';
import { localBusinessDate } from '../../../../src-shared/dates.js';
import { rateInForce } from '../../../../src-shared/rates/as-of.js';
import { businessCalendar, DEFAULT_BUSINESS_TIME_ZONE, isTimeZone } from '../../../../src-shared/time/business-calendar.js';
import { clockFrom } from '../../../../src-shared/time/clock.js';

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

const rateA = { rateHistoryId: 'a0000000-0000-4000-8000-000000000001', productId: 'p0000000-0000-4000-8000-000000000001', baseRate: '4.5000', bonusRate: '0.0000', effectiveDate: '2026-06-01', endDate: '2026-12-01', isActive: true, createdAt: '2026-05-20T12:00:00.000Z', createdBy: 'admin@ratedesk.test' };
const rateB = { ...rateA, rateHistoryId: 'b0000000-0000-4000-8000-000000000002', baseRate: '4.3000', effectiveDate: '2026-12-01', endDate: null };

const cases = [
  { laptop: 'Pacific/Honolulu', instant: '2026-12-01T00:30:00Z', laptopDate: '2026-11-30', business: '2026-11-30', rate: '4.5000' },
  { laptop: 'Pacific/Honolulu', instant: '2026-12-01T05:30:00Z', laptopDate: '2026-11-30', business: '2026-12-01', rate: '4.3000' },
  { laptop: 'Asia/Tokyo', instant: '2026-12-01T00:30:00Z', laptopDate: '2026-12-01', business: '2026-11-30', rate: '4.5000' },
  { laptop: 'Asia/Tokyo', instant: '2026-12-01T05:30:00Z', laptopDate: '2026-12-01', business: '2026-12-01', rate: '4.3000' },
] as const;

describe('businessCalendar', () => {
  it.each(cases)('a laptop in $laptop at $instant is on $business, New York’s date', ({ laptop, instant, laptopDate, business, rate }) => {
    process.env['TZ'] = laptop;
    const now = new Date(instant);
    // The laptop's own calendar really differs (this is the bug the calendar removes) ...
    expect(localBusinessDate(now)).toBe(laptopDate);
    // ... and the business date does not follow it.
    const calendar = businessCalendar({ now: clockFrom(now), timeZone: () => DEFAULT_BUSINESS_TIME_ZONE });
    expect(calendar.today()).toBe(business);
    expect(rateInForce([rateA, rateB], calendar.today())?.baseRate).toBe(rate);
  });

  it('follows a zone that changes (the server stated another one)', () => {
    let zone = 'America/New_York';
    const calendar = businessCalendar({ now: () => new Date('2026-12-01T04:30:00Z'), timeZone: () => zone });
    expect(calendar.today()).toBe('2026-11-30');
    zone = 'Europe/London';
    expect(calendar.today()).toBe('2026-12-01');
    expect(calendar.timeZone()).toBe('Europe/London');
  });

  it('knows real zones only', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
