import { describe, expect, it } from 'vitest';
import type { StateApproval } from '../../../src-shared/catalog/state-approvals.js';
import { approvalLines, carrierText, fitMark } from '../../../src-renderer/catalog-view.js';

const PRODUCT = '11111111-1111-4111-8111-111111111111';
const STAMP = '2026-01-01T00:00:00.000Z';
let next = 0;
const row = (stateCode: StateApproval['stateCode'], approvedFrom: string, approvedUntil: string | null = null, isActive = true): StateApproval => ({
  approvalId: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  productId: PRODUCT,
  stateCode,
  approvedFrom,
  approvedUntil,
  isActive,
  createdAt: STAMP,
  updatedAt: STAMP,
  createdBy: 'admin@ratedesk.test',
  updatedBy: 'admin@ratedesk.test',
});

describe('the product page approval lists', () => {
  it('lists the states approved on the day, those approved from a later date and those withdrawn', () => {
    const lines = approvalLines(
      [
        row('NY', '2025-01-01'),
        row('NJ', '2025-01-01', '2026-12-03'),
        row('CA', '2027-01-01'),
        row('TX', '2025-01-01', '2026-11-30'),
        // Withdrawn, then approved again later: listed once, as upcoming.
        row('FL', '2025-01-01', '2026-06-30'),
        row('FL', '2027-02-01'),
        // A retired row says nothing.
        row('OH', '2025-01-01', null, false),
      ],
      PRODUCT,
      '2026-12-03',
    );
    expect(lines).toEqual({
      approvedNow: ['New Jersey (NJ)', 'New York (NY)'],
      upcoming: ['California (CA): approved from Jan 1, 2027', 'Florida (FL): approved from Feb 1, 2027'],
      withdrawn: ['Texas (TX): withdrawn Nov 30, 2026'],
    });
  });
});

describe('catalog marks', () => {
  it('words a carrier with its NAIC code and its rating date, and a misfit with its reasons', () => {
    expect(carrierText({ carrierName: 'Summit Ridge Life', naicCode: '60054', amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30' })).toBe(
      'Summit Ridge Life (NAIC 60054) · A+ (stable), AM Best as of 2026-06-30',
    );
    expect(carrierText(null)).toBeNull();
    expect(fitMark({ clientFit: { fits: false, reasons: ['Not approved in New York', 'Issue ages 0–75 (owner 80)'] } })).toBe('Not approved in New York; Issue ages 0–75 (owner 80)');
    expect(fitMark({ clientFit: { fits: true, reasons: [] } })).toBeNull();
    expect(fitMark({})).toBeNull();
  });
});
