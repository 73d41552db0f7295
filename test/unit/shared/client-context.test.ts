import { describe, expect, it } from 'vitest';
import type { StateApproval } from '../../../src-shared/catalog/state-approvals.js';
import { ClientContext, clientFitFieldsOf, clientFitOf, issueAgesLabel, type FitProduct } from '../../../src-shared/client-context.js';

const TODAY = '2026-12-03';
const MYGA = '11111111-1111-4111-8111-111111111111';
const CD = '22222222-2222-4222-8222-222222222222';

type Facts = Pick<StateApproval, 'productId' | 'stateCode' | 'approvedFrom' | 'approvedUntil' | 'isActive'>;
const approval = (patch: Partial<Facts> = {}): Facts => ({ productId: MYGA, stateCode: 'NY', approvedFrom: '2020-01-01', approvedUntil: null, isActive: true, ...patch });
const myga = (patch: Partial<FitProduct> = {}): FitProduct => ({ productId: MYGA, productType: 'MYGA', minimumIssueAge: 0, maximumIssueAge: 85, ...patch });
const ny80: ClientContext = { stateCode: 'NY', clientAge: 80 };

describe('clientFitOf: the state on the business date', () => {
  it('fits with an open approval in the client state', () => {
    expect(clientFitOf(ny80, myga(), [approval()], TODAY)).toEqual({ fits: true, reasons: [] });
  });

  it('does not fit without an approval in that state, naming the state', () => {
    expect(clientFitOf(ny80, myga(), [approval({ stateCode: 'NJ' })], TODAY)).toEqual({ fits: false, reasons: ['Not approved in New York'] });
  });

  it('an approval starting tomorrow does not count today, and says from when', () => {
    expect(clientFitOf(ny80, myga(), [approval({ approvedFrom: '2026-12-04' })], TODAY)).toEqual({ fits: false, reasons: ['Not approved in New York (approved from Dec 4, 2026)'] });
    expect(clientFitOf(ny80, myga(), [approval({ approvedFrom: '2026-12-04' })], '2026-12-04').fits).toBe(true);
  });

  it('an approval withdrawn yesterday no longer counts; one ending today still does (inclusive)', () => {
    expect(clientFitOf(ny80, myga(), [approval({ approvedUntil: '2026-12-02' })], TODAY).reasons).toEqual(['Not approved in New York']);
    expect(clientFitOf(ny80, myga(), [approval({ approvedUntil: TODAY })], TODAY).fits).toBe(true);
  });

  it('a retired approval (tombstone) does not count', () => {
    expect(clientFitOf(ny80, myga(), [approval({ isActive: false })], TODAY).fits).toBe(false);
  });

  it('a CD is not state-filed: it fits with no approval at all', () => {
    expect(clientFitOf(ny80, { productId: CD, productType: 'CD' }, [], TODAY)).toEqual({ fits: true, reasons: [] });
  });
});

describe('clientFitOf: issue ages', () => {
  const approved = [approval()];
  it('accepts the owner at both bounds, inclusive', () => {
    expect(clientFitOf({ stateCode: 'NY', clientAge: 85 }, myga(), approved, TODAY).fits).toBe(true);
    expect(clientFitOf({ stateCode: 'NY', clientAge: 18 }, myga({ minimumIssueAge: 18 }), approved, TODAY).fits).toBe(true);
  });

  it('refuses one year past either bound, with the ages and who is outside', () => {
    expect(clientFitOf({ stateCode: 'NY', clientAge: 86 }, myga(), approved, TODAY).reasons).toEqual(['Issue ages 0–85 (owner 86)']);
    expect(clientFitOf({ stateCode: 'NY', clientAge: 17 }, myga({ minimumIssueAge: 18, maximumIssueAge: null }), approved, TODAY).reasons).toEqual([
      'Issue ages 18 and older (owner 17)',
    ]);
  });

  it('checks the annuitant too when given', () => {
    expect(clientFitOf({ stateCode: 'NY', clientAge: 70, annuitantAge: 76 }, myga({ maximumIssueAge: 75 }), approved, TODAY).reasons).toEqual(['Issue ages 0–75 (annuitant 76)']);
    expect(clientFitOf({ stateCode: 'NY', clientAge: 80, annuitantAge: 76 }, myga({ maximumIssueAge: 75 }), approved, TODAY).reasons).toEqual([
      'Issue ages 0–75 (owner 80, annuitant 76)',
    ]);
    expect(clientFitOf({ stateCode: 'NY', clientAge: 70, annuitantAge: 75 }, myga({ maximumIssueAge: 75 }), approved, TODAY).fits).toBe(true);
  });

  it('no limits stated: every age fits', () => {
    expect(clientFitOf({ stateCode: 'NY', clientAge: 120 }, myga({ minimumIssueAge: null, maximumIssueAge: null }), approved, TODAY).fits).toBe(true);
    expect(issueAgesLabel({ minimumIssueAge: null, maximumIssueAge: null })).toBeNull();
  });

  it('gives both reasons when neither the state nor the age fits', () => {
    expect(clientFitOf(ny80, myga({ maximumIssueAge: 75 }), [], TODAY).reasons).toEqual(['Not approved in New York', 'Issue ages 0–75 (owner 80)']);
  });
});

describe('ClientContext', () => {
  it('names the field and the reason for a bad state or age', () => {
    const result = ClientContext.safeParse({ stateCode: 'PR', clientAge: 130 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['stateCode', 'must be a two-letter USPS code of one of the 50 states or DC, e.g. "NY"'],
      ['clientAge', 'must be between 0 and 120'],
    ]);
  });

  it('reads a record’s context only when it is well formed', () => {
    const recorded = { stateCode: 'NY', clientAge: 80, misfits: [{ productId: MYGA, productName: 'Alpha 5', reasons: ['Not approved in New York'] }] };
    expect(clientFitFieldsOf({ clientContext: recorded })).toEqual({ clientContext: recorded });
    expect(clientFitFieldsOf({ clientContext: { stateCode: 'NY' } })).toEqual({});
    expect(clientFitFieldsOf(null)).toEqual({});
  });
});
