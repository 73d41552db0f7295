// The admin console's carrier form, carrier picker, state approval forms and statuses, and the
// approvals CSV flow: the words the server would use, under the field it names.
import { describe, expect, it } from 'vitest';
import type { StateApprovalImportResult } from '../../../src-shared/admin/carriers-and-approvals.js';
import type { Carrier } from '../../../src-shared/catalog/carriers.js';
import type { StateApproval } from '../../../src-shared/catalog/state-approvals.js';
import { changedCount, changeLabel, changeSummary } from '../../../src-renderer/admin-approval-sheet.js';
import { carrierFormFrom, carrierOptions, checkCarrierForm, emptyCarrierForm } from '../../../src-renderer/admin-carriers.js';
import { checkProductForm, emptyProductForm, formFromProduct, productPatch } from '../../../src-renderer/admin-product-form.js';
import { approvalStatus, checkApprovalForm, checkWithdrawal, sortedApprovals } from '../../../src-renderer/admin-state-approvals.js';
import { myga } from '../../support/catalog-fixtures.js';
import { formErrors } from '../../support/validation-issues.js';

const STAMPS = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', createdBy: 'admin@ratedesk.test', updatedBy: 'admin@ratedesk.test' };
const CARRIER_A = '11111111-1111-4111-8111-111111111111';
const CARRIER_B = '22222222-2222-4222-8222-222222222222';
const PRODUCT = '33333333-3333-4333-8333-333333333333';

function carrier(overrides: Partial<Carrier>): Carrier {
  return { carrierId: CARRIER_A, carrierName: 'Summit Ridge Life', naicCode: '60054', amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30', isActive: true, ...STAMPS, ...overrides };
}

function approval(overrides: Partial<StateApproval>): StateApproval {
  return { approvalId: CARRIER_A, productId: PRODUCT, stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: null, isActive: true, ...STAMPS, ...overrides };
}

describe('the carrier form', () => {
  const rated = { carrierName: 'Summit Ridge Life', naicCode: ' 60054 ', amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30' };

  it('sends a rated carrier as typed and a not-rated one without leftovers', () => {
    expect(checkCarrierForm(rated)).toEqual({ ok: true, input: { ...rated, naicCode: '60054' } });
    expect(checkCarrierForm({ ...rated, amBestRating: '' })).toEqual({
      ok: true,
      input: { carrierName: 'Summit Ridge Life', naicCode: '60054', amBestRating: null, amBestOutlook: null, ratingAsOf: null },
    });
    expect(carrierFormFrom(carrier({ amBestRating: null, amBestOutlook: null, ratingAsOf: null }))).toMatchObject({ amBestRating: '', ratingAsOf: '' });
  });

  it('names every bad field at once: NAIC code, blank name, rating without its outlook and date', () => {
    const errors = formErrors(checkCarrierForm({ ...emptyCarrierForm, naicCode: '6005', amBestRating: 'A' }));
    expect(errors).toEqual({
      carrierName: ['must not be blank'],
      naicCode: ['must be the five-digit NAIC company code, e.g. "60054"'],
      amBestOutlook: ['is required when amBestRating is given'],
      ratingAsOf: ['is required when amBestRating is given'],
    });
  });
});

describe('the carrier picker', () => {
  it('offers no record, the active carriers by name, and a retired one only when it is the current one', () => {
    const carriers = [carrier({ carrierName: 'Zeta Life', carrierId: CARRIER_B }), carrier({ isActive: false })];
    expect(carrierOptions(carriers, '').map((option) => option.value)).toEqual(['', CARRIER_B]);
    expect(carrierOptions(carriers, CARRIER_A).map((option) => option.label)).toEqual([
      'No carrier record (issuer name only)',
      'Zeta Life (NAIC 60054): A+ (stable), AM Best as of 2026-06-30',
      'Summit Ridge Life (NAIC 60054): A+ (stable), AM Best as of 2026-06-30 [retired]',
    ]);
  });

  it('sends the picked carrier and patches it (or its removal) only when it changed', () => {
    const stored = myga({ carrierId: CARRIER_A });
    const form = formFromProduct(stored);
    expect(form.carrierId).toBe(CARRIER_A);
    const same = checkProductForm(form);
    const removed = checkProductForm({ ...form, carrierId: '' });
    if (!same.ok || !removed.ok) throw new Error('the form should be valid');
    expect(productPatch(stored, same.input)).toEqual({});
    expect(productPatch(stored, removed.input)).toEqual({ carrierId: null });
    // A product from before carriers were records has none, and stays so.
    const older = checkProductForm(formFromProduct(myga()));
    if (!older.ok) throw new Error('the form should be valid');
    expect(productPatch(myga(), older.input)).toEqual({});
    expect(emptyProductForm.carrierId).toBe('');
  });
});

describe('state approvals in the product editor', () => {
  it('check the add form with the server words', () => {
    expect(checkApprovalForm({ stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: ' ' })).toEqual({ ok: true, value: { stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: null } });
    const bad = checkApprovalForm({ stateCode: 'XX', approvedFrom: '2026-05-01', approvedUntil: '2026-04-30' });
    expect(bad.ok === false && bad.errors).toEqual({ stateCode: ['must be a two-letter USPS code of one of the 50 states or DC, e.g. "NY"'] });
    const backwards = checkApprovalForm({ stateCode: 'CA', approvedFrom: '2026-05-01', approvedUntil: '2026-04-30' });
    expect(backwards.ok === false && backwards.errors).toEqual({ approvedUntil: ['must be on or after approvedFrom'] });
  });

  it('ask a withdrawal for a last day on or after the start and a reason', () => {
    const ny = approval({ approvedFrom: '2026-06-01' });
    expect(checkWithdrawal(ny, { approvedUntil: '2026-09-30', reason: ' Filing withdrawn ' })).toEqual({ ok: true, value: { approvedUntil: '2026-09-30', reason: 'Filing withdrawn' } });
    const early = checkWithdrawal(ny, { approvedUntil: '2026-05-31', reason: 'x' });
    expect(early.ok === false && early.errors).toEqual({ approvedUntil: ['must be on or after approvedFrom (2026-06-01)'] });
    const noReason = checkWithdrawal(ny, { approvedUntil: '2026-09-30', reason: '  ' });
    expect(noReason.ok === false && noReason.errors).toEqual({ reason: ['must not be blank'] });
  });

  it('label each approval on the business date and list them by state, newest first, retired last', () => {
    const today = '2026-07-01';
    expect(approvalStatus(approval({}), today).label).toBe('Approved');
    expect(approvalStatus(approval({ approvedUntil: '2026-12-31' }), today).label).toBe('Ending');
    expect(approvalStatus(approval({ approvedUntil: '2026-06-30' }), today).label).toBe('Withdrawn');
    expect(approvalStatus(approval({ approvedFrom: '2026-07-02' }), today).label).toBe('Scheduled');
    expect(approvalStatus(approval({ isActive: false }), today).label).toBe('Retired');
    const sorted = sortedApprovals([
      approval({ stateCode: 'NY', approvedFrom: '2026-01-01', isActive: false }),
      approval({ stateCode: 'NY', approvedFrom: '2025-01-01' }),
      approval({ stateCode: 'CA', approvedFrom: '2026-01-01' }),
      approval({ stateCode: 'NY', approvedFrom: '2026-03-01' }),
    ]);
    expect(sorted.map((entry) => `${entry.stateCode} ${entry.approvedFrom}${entry.isActive ? '' : ' retired'}`)).toEqual(['CA 2026-01-01', 'NY 2026-03-01', 'NY 2025-01-01', 'NY 2026-01-01 retired']);
  });
});

describe('the approvals CSV import', () => {
  const result = (kinds: Array<'create' | 'update' | 'unchanged'>): StateApprovalImportResult => ({
    dryRun: true,
    committed: false,
    rowCount: kinds.length,
    changes: kinds.map((kind, index) => ({
      ref: `line ${index + 2}`,
      cusip: '037833100',
      kind,
      old: kind === 'create' ? null : approval({}),
      new: { approvalId: null, productId: PRODUCT, stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: kind === 'update' ? '2026-09-30' : null },
    })),
  });

  it('counts only the lines that change something, so a sheet of unchanged lines publishes nothing', () => {
    expect(changedCount(result(['create', 'update', 'unchanged']))).toBe(2);
    expect(changedCount(result(['unchanged', 'unchanged']))).toBe(0);
  });

  it('says what each line does', () => {
    const answer = result(['create', 'update', 'unchanged', 'create']);
    expect(changeSummary(answer)).toBe('2 new approvals, 1 changed end date, 1 unchanged');
    expect(answer.changes.map(changeLabel)).toEqual(['New approval', 'End date open → 2026-09-30', 'Unchanged', 'New approval']);
  });
});
