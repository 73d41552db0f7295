// The compliance console's pure parts: who sees it, the search as a route and as a request, and
// the words compliance officers read for retractions and a regenerated PDF.
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../src-renderer/navigation.js';
import {
  formFromQuery,
  queryFromForm,
  regenerateText,
  requestFromForm,
  retractionText,
  showsComplianceEntry,
} from '../../../src-renderer/screens/compliance/compliance-view.js';
import { permissionsFor } from '../../../src-shared/roles.js';

const ID = '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e';

describe('the compliance console', () => {
  it('is offered to compliance and admins, never to reps', () => {
    expect(showsComplianceEntry({ permissions: [...permissionsFor(['compliance'])] })).toBe(true);
    expect(showsComplianceEntry({ permissions: [...permissionsFor(['admin'])] })).toBe(true);
    expect(showsComplianceEntry({ permissions: [...permissionsFor(['sales_rep'])] })).toBe(false);
    expect(showsComplianceEntry(null)).toBe(false);
  });

  it('keeps the search in the route, so Back from a record returns to the same results', () => {
    const form = { rep: '', from: '2031-03-01', to: '', clientReference: ' Smith & Co ', product: '', cusip: 'abc123xy9', flags: ['retracted' as const, 'historical' as const] };
    const query = queryFromForm(form);
    expect(query).toBe('from=2031-03-01&clientReference=Smith+%26+Co&cusip=abc123xy9&flags=historical%2Cretracted');
    expect(parseRoute(routeHref({ name: 'compliance', query }))).toEqual({ name: 'compliance', query });
    expect(parseRoute(routeHref({ name: 'compliance-record', comparisonId: ID, query }))).toEqual({ name: 'compliance-record', comparisonId: ID, query });
    expect(formFromQuery(query)).toEqual({ ...form, clientReference: 'Smith & Co', flags: ['historical', 'retracted'] });
    expect(parseRoute('#/compliance')).toEqual({ name: 'compliance', query: '' });
  });

  it('asks main only for the filled filters', () => {
    expect(requestFromForm(formFromQuery('clientReference=smith&flags=rejected'), { limit: 50 })).toEqual({ clientReference: 'smith', flags: ['rejected'], limit: 50 });
    expect(requestFromForm(formFromQuery(''), { cursor: 'abc' })).toEqual({ cursor: 'abc' });
  });

  it('says which rate was retracted, when, by whom and why', () => {
    const text = retractionText({
      rateHistoryId: ID,
      productId: ID,
      productName: 'Harbor Guaranteed 5',
      cusip: 'RDT005019',
      baseRate: '5.1000',
      bonusRate: '0.0000',
      effectiveDate: '2031-04-01',
      retractedAt: '2031-03-10T15:00:00.000Z',
      retractedBy: { userId: ID, email: 'admin@ratedesk.test', name: 'Avery Admin' },
      reason: 'sheet sent too early',
    });
    expect(text).toContain('Harbor Guaranteed 5 (RDT005019)');
    expect(text).toContain('Apr 1, 2031');
    expect(text).toContain('by Avery Admin (admin@ratedesk.test): sheet sent too early');
  });

  it('says whether a regenerated PDF matches the printed copy, with both hashes when it does not', () => {
    const base = { eventId: ID, copyNumber: 1, pageCount: 3, printedSha256: 'a'.repeat(64) };
    expect(regenerateText({ ...base, regeneratedSha256: 'a'.repeat(64), matches: true }).headline).toMatch(/matches the printed copy/);
    const differs = regenerateText({ ...base, regeneratedSha256: 'b'.repeat(64), matches: false });
    expect(differs.headline).toMatch(/does not match the printed copy/);
    expect(differs.detail).toContain('a'.repeat(64));
    expect(differs.detail).toContain('b'.repeat(64));
  });
});
