// A server record shown with the rep's own saved-comparison rendering, and the desktop search as
// the query string main sends.
import { describe, expect, it } from 'vitest';
import { savedViewOfRecord } from '../../../../src-shared/compliance/record-view.js';
import type { ComplianceRecord } from '../../../../src-shared/compliance/record.js';
import { complianceQueryString, ComplianceSearchRequest } from '../../../../src-shared/compliance/search.js';
import { SavedComparisonView } from '../../../../src-shared/desktop-api/comparisons.js';

const ID = '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e';
const PRODUCT = '0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d';

const record: ComplianceRecord = {
  comparisonId: ID,
  rep: { userId: ID, name: 'Riley Rep', email: 'rep@ratedesk.test' },
  comparisonDate: '2031-03-10T14:00:00.000Z',
  receivedAt: '2031-03-10T14:00:05.000Z',
  asOfDate: '2031-03-10',
  clientReference: 'Margaret Smith',
  investmentAmount: '100000.00',
  horizonYears: 5,
  historical: false,
  inputs: {},
  results: { not: 'a comparison' },
  items: [{ position: 1, productId: PRODUCT, rateHistoryId: null, baseRate: '4.5000', bonusRate: '0.0000', productSnapshot: {}, productName: 'Harbor', cusip: 'RDT005019' }],
  engineVersion: 'projection-rules-1',
  appVersion: '1.4.0',
  catalogCursor: null,
  preparedOn: '2031-03-10',
  disclosures: { sha256: 'c'.repeat(64), texts: ['Guarantees depend on the issuer.'] },
  bestInterest: null,
  flags: { historical: false, retracted: false, rejected: false },
  retractedRates: [],
  printEvents: [
    {
      eventId: ID,
      occurredAt: '2031-03-10T15:00:00.000Z',
      receivedAt: '2031-03-10T15:00:01.000Z',
      pdfSha256: 'd'.repeat(64),
      pageCount: 2,
      copyNumber: 1,
      reprint: false,
      printedOn: '2031-03-10',
      historical: false,
    },
  ],
};

describe('savedViewOfRecord', () => {
  it('fits the saved-comparison view the rep screen renders, with the record fields a reprint needs', () => {
    const view = savedViewOfRecord(record);
    expect(SavedComparisonView.parse(view)).toEqual(view);
    expect(view).toMatchObject({ createdAt: record.comparisonDate, preparedOn: '2031-03-10', disclosures: record.disclosures, upload: null, appVersion: '1.4.0' });
    expect(view.items).toEqual([{ position: 1, productId: PRODUCT, rateHistoryId: null, baseRate: '4.5000', bonusRate: '0.0000', productSnapshot: {} }]);
    expect(view.printHistory?.[0]).toMatchObject({ pdfSha256: 'd'.repeat(64), uploadStatus: 'applied' });
    // Results the app cannot read are not shown as something else.
    expect(view.shown).toBeNull();
    expect('bestInterest' in view).toBe(false);
  });
});

describe('complianceQueryString', () => {
  it('writes the filters (flags comma-separated, text escaped), paging only when asked', () => {
    const request = ComplianceSearchRequest.parse({ clientReference: 'Smith & Co', flags: ['historical', 'rejected'], limit: 50, cursor: 'abc' });
    expect(complianceQueryString(request, { paging: true })).toBe('clientReference=Smith%20%26%20Co&flags=historical%2Crejected&limit=50&cursor=abc');
    expect(complianceQueryString(request, { paging: false })).toBe('clientReference=Smith%20%26%20Co&flags=historical%2Crejected');
  });

  it('refuses a bad search naming the field', () => {
    const result = ComplianceSearchRequest.safeParse({ from: '2031-03-10', to: '2031-03-01', cusip: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['cusip', 'to']);
  });
});
