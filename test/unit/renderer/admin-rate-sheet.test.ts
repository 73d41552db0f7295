import { describe, expect, it } from 'vitest';
import type { RateSheetResult } from '../../../src-shared/desktop-api/index.js';
import { canPublishSheet, countSheetRows, invalidSummary, isStale, publishLabel, sortedBadRows, type SheetStep } from '../../../src-renderer/admin-rate-sheet.js';

const SHEET = 'cusip,base_rate,bonus_rate,effective_date\n037833100,4.80,0.50,2026-12-01\n38259P508,4.65,,2026-12-01\n';

const result: RateSheetResult = {
  dryRun: true,
  committed: false,
  today: '2026-11-24',
  rowCount: 2,
  changes: ['037833100', '38259P508'].map((cusip, index) => ({
    ref: `line ${index + 2}`,
    productId: `00000000-0000-4000-8000-00000000000${index + 1}`,
    cusip,
    productName: `Product ${index + 1}`,
    current: null,
    new: { baseRate: '4.8000', bonusRate: '0.0000', effectiveDate: '2026-12-01' },
    closesCurrentOn: null,
    inForceToday: false,
    rateHistoryId: null,
  })),
};

describe('rate sheet import', () => {
  it('offers publishing only after a clean preview of exactly the text on screen', () => {
    const preview: SheetStep = { step: 'preview', text: SHEET, result };
    expect(canPublishSheet({ step: 'editing' }, SHEET)).toBe(false);
    expect(canPublishSheet(preview, SHEET)).toBe(true);
    expect(publishLabel(preview, SHEET)).toBe('Publish 2 rates');
    // One character changed after the check: the preview no longer describes it.
    expect(canPublishSheet(preview, `${SHEET} `)).toBe(false);
    expect(isStale(preview, `${SHEET} `)).toBe(true);
    expect(publishLabel(preview, `${SHEET} `)).toBe('Publish rates');
    expect(canPublishSheet({ step: 'invalid', text: SHEET, badRows: [{ line: 2, reasons: ['base_rate: must be between 0 and 25 (percent)'] }], message: 'refused', rowCount: 2 }, SHEET)).toBe(false);
    expect(canPublishSheet({ step: 'preview', text: SHEET, result: { ...result, changes: [] } }, SHEET)).toBe(false);
    expect(canPublishSheet({ step: 'published', text: SHEET, result }, SHEET)).toBe(false);
  });

  it('counts data rows, not the header or blank lines', () => {
    expect(countSheetRows(SHEET)).toBe(2);
    expect(countSheetRows('cusip,base_rate,bonus_rate,effective_date\r\n\r\n037833100,4.8,,2026-12-01\r\n')).toBe(1);
    expect(countSheetRows('')).toBe(0);
  });

  it('summarises refused sheets and lists bad rows in file order', () => {
    expect(invalidSummary(4, 5)).toBe('4 of 5 rows have problems; nothing was published.');
    expect(invalidSummary(1, 1)).toBe('1 of 1 row has problems; nothing was published.');
    expect(sortedBadRows([{ line: 5, reasons: ['x'] }, { line: 2, reasons: ['y'] }]).map((row) => row.line)).toEqual([2, 5]);
  });
});
