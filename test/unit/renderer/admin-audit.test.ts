import { describe, expect, it } from 'vitest';
import { auditSearchFrom, compareValues, emptyAuditFilters, entrySummary, valueText } from '../../../src-renderer/admin-audit.js';
import { formErrors } from '../../support/validation-issues.js';

const PRODUCT = '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e';
const utcMidnight = (date: string) => `${date}T00:00:00.000Z`;

describe('audit log filters', () => {
  it('sends only the filters that are set, with the "to" day included', () => {
    expect(auditSearchFrom(emptyAuditFilters, null, utcMidnight)).toEqual({ ok: true, search: { limit: 50 } });
    expect(
      auditSearchFrom({ ...emptyAuditFilters, tableName: ' products ', recordId: PRODUCT, actionType: 'PUBLISH', fromDate: '2026-11-01', toDate: '2026-11-30' }, 'abc_DEF-1', utcMidnight),
    ).toEqual({
      ok: true,
      search: { limit: 50, tableName: 'products', recordId: PRODUCT, actionType: 'PUBLISH', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', cursor: 'abc_DEF-1' },
    });
  });

  it('names each bad filter instead of sending it', () => {
    const errors = formErrors(auditSearchFrom({ ...emptyAuditFilters, userId: 'admin@ratedesk.test', tableName: 'Products;', recordId: '42', fromDate: '2026-11-30', toDate: '2026-11-01' }, null, utcMidnight));
    expect(Object.keys(errors).sort()).toEqual(['recordId', 'tableName', 'toDate', 'userId']);
    expect(errors.toDate).toEqual(['must be on or after the "from" date']);
  });
});

describe('audit entry values', () => {
  it('lines up old and new values and marks what changed', () => {
    const rows = compareValues(
      { baseRate: '4.5000', bonusRate: '0.0000', endDate: null, schedule: ['7.0000'] },
      { baseRate: '4.7500', bonusRate: '0.0000', endDate: '2026-12-01', schedule: ['7.0000'], isActive: true },
    );
    expect(rows).toEqual([
      { field: 'baseRate', before: '4.5000', after: '4.7500', changed: true },
      { field: 'bonusRate', before: '0.0000', after: '0.0000', changed: false },
      { field: 'endDate', before: '—', after: '2026-12-01', changed: true },
      { field: 'schedule', before: '["7.0000"]', after: '["7.0000"]', changed: false },
      { field: 'isActive', before: '', after: 'true', changed: true },
    ]);
  });

  it('treats a creation as every field changed and shows plain values as one row', () => {
    expect(compareValues(null, { productName: 'Summit' })).toEqual([{ field: 'productName', before: '', after: 'Summit', changed: true }]);
    expect(compareValues('a', 'b')).toEqual([{ field: 'value', before: 'a', after: 'b', changed: true }]);
    expect(compareValues(null, null)).toEqual([]);
    expect(valueText(12.5)).toBe('12.5');
  });

  // Issue 11: no table names or action codes in what compliance reads; the kind of record in words.
  it('says who did what to which kind of record', () => {
    expect(entrySummary({ actionType: 'PUBLISH', tableName: 'rate_history', userEmail: 'admin@ratedesk.test', userId: null })).toBe('Rate published by admin@ratedesk.test');
    expect(entrySummary({ actionType: 'LOGIN', tableName: null, userEmail: null, userId: null })).toBe('Signed in by RateDesk (system)');
    expect(entrySummary({ actionType: 'COMPARISON_SAVED', tableName: 'product_comparisons', userEmail: 'rep@ratedesk.test', userId: null })).toBe('Comparison saved by rep@ratedesk.test');
    expect(entrySummary({ actionType: 'UPDATE', tableName: 'product_availability', userEmail: null, userId: PRODUCT })).toBe('Sale window changed by a user without an email address');
  });

  it('counts a list of record ids instead of printing it, and keeps the ids for the details toggle', () => {
    const other = '7c2e4d3f-9a5b-4c6d-8e7f-8a9b0c1d2e3f';
    expect(valueText([PRODUCT, other])).toBe('2 records');
    expect(valueText([PRODUCT])).toBe('1 record');
    expect(valueText(['7.0000'])).toBe('["7.0000"]');
    expect(compareValues(null, { productIds: [PRODUCT, other] })).toEqual([
      { field: 'productIds', before: '', after: '2 records', changed: true, afterIds: [PRODUCT, other] },
    ]);
    for (const text of [entrySummary({ actionType: 'COMPARISON_SAVED', tableName: 'product_comparisons', userEmail: null, userId: other }), valueText([PRODUCT])]) {
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(text).not.toMatch(/product_comparisons|rate_history|_/);
    }
  });
});
