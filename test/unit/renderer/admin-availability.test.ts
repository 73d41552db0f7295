import { describe, expect, it } from 'vitest';
import { checkWindowDates, sortedWindows, windowStatus } from '../../../src-renderer/admin-availability.js';
import { adminProductMatches } from '../../../src-renderer/admin-products-view.js';
import { checkReason } from '../../../src-renderer/admin-reason.js';
import { availability, myga } from '../../support/catalog-fixtures.js';

const TODAY = '2026-11-24';

describe('availability windows', () => {
  it('takes a start and an optional end that is not before it', () => {
    expect(checkWindowDates('2026-12-01', '')).toEqual({ ok: true, startDate: '2026-12-01', endDate: null });
    expect(checkWindowDates('2026-12-01', '2026-12-01')).toEqual({ ok: true, startDate: '2026-12-01', endDate: '2026-12-01' });
    expect(checkWindowDates('2026-12-01', '2026-11-30')).toEqual({ ok: false, errors: { endDate: ['must be on or after the start date'] } });
    expect(checkWindowDates('', '2026-02-30')).toEqual({ ok: false, errors: { startDate: ['is required'], endDate: ['must be a real calendar date'] } });
  });

  it('labels windows by where today falls and lists active ones first, newest first', () => {
    const current = availability({ startDate: '2026-01-01', endDate: null });
    const scheduled = availability({ startDate: '2027-01-01', endDate: null });
    const ended = availability({ startDate: '2025-01-01', endDate: '2025-12-31' });
    const withdrawn = availability({ startDate: '2026-06-01', endDate: null, isActive: false });
    expect([current, scheduled, ended, withdrawn].map((window) => windowStatus(window, TODAY).label)).toEqual(['Current', 'Scheduled', 'Ended', 'Withdrawn']);
    expect(windowStatus(availability({ startDate: TODAY, endDate: TODAY }), TODAY).label).toBe('Current');
    expect(sortedWindows([ended, withdrawn, current, scheduled])).toEqual([scheduled, current, ended, withdrawn]);
  });
});

describe('admin product search and reasons', () => {
  it('matches every typed word against name, CUSIP and issuer', () => {
    const product = myga();
    expect(adminProductMatches(product, '')).toBe(true);
    expect(adminProductMatches(product, '037833100')).toBe(true);
    expect(adminProductMatches(product, 'summit growth')).toBe(true);
    expect(adminProductMatches(product, 'summit harbor')).toBe(false);
  });

  it('requires a reason for the audit log, within the server limit', () => {
    expect(checkReason('  issuer withdrew it ')).toEqual({ ok: true, reason: 'issuer withdrew it' });
    expect(checkReason('   ').ok).toBe(false);
    expect(checkReason('x'.repeat(501))).toEqual({ ok: false, message: 'Reason: must be at most 500 characters' });
  });
});
