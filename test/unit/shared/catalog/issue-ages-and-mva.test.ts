// The issue ages and MVA terms as the schema judges them: each field's range with its words, the
// rules across fields, and what an older product without the fields stands for.
import { describe, expect, it } from 'vitest';
import { Product, ProductInput } from '../../../../src-shared/catalog.js';
import { issueAgeAndMvaTermsOf } from '../../../../src-shared/catalog/issue-ages-and-mva.js';
import { issueAgesText, mvaTermsText } from '../../../../src-shared/format/issue-ages-and-mva.js';
import { myga, oneYearCd } from '../../../support/catalog-fixtures.js';
import { NO_AGE_LIMITS_NO_MVA } from '../../../support/store-fixtures.js';

const { productId: _id, isActive: _a, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...mygaInput } = myga();
const mva = { mvaApplies: true, mvaSpread: '0.25', mvaReferenceIndex: '10-year US Treasury constant maturity', mvaReferenceRate: '4.2500' };

function issues(value: unknown): { path: string; message: string }[] {
  const parsed = ProductInput.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('issue ages', () => {
  it('are whole years 0 to 120, null for no limit, the maximum not below the minimum', () => {
    expect(issues({ ...mygaInput, minimumIssueAge: 0, maximumIssueAge: 85 })).toEqual([]);
    expect(issues({ ...mygaInput, minimumIssueAge: null, maximumIssueAge: 120 })).toEqual([]);
    expect(issues({ ...mygaInput, minimumIssueAge: 18, maximumIssueAge: 18 })).toEqual([]);
    expect(issues({ ...mygaInput, maximumIssueAge: 121 })).toEqual([{ path: 'maximumIssueAge', message: 'must be between 0 and 120' }]);
    expect(issues({ ...mygaInput, minimumIssueAge: -1 })).toEqual([{ path: 'minimumIssueAge', message: 'must be between 0 and 120' }]);
    expect(issues({ ...mygaInput, minimumIssueAge: 18.5 })[0]).toMatchObject({ path: 'minimumIssueAge', message: expect.stringContaining('whole number of years') });
    expect(issues({ ...mygaInput, minimumIssueAge: 90, maximumIssueAge: 85 })).toEqual([
      { path: 'maximumIssueAge', message: 'must be greater than or equal to minimumIssueAge (90)' },
    ]);
  });
});

describe('market value adjustment terms', () => {
  it('need a spread and a reference index when the MVA applies', () => {
    expect(issues({ ...mygaInput, ...mva })).toEqual([]);
    expect(issues({ ...mygaInput, mvaApplies: true })).toEqual([
      { path: 'mvaSpread', message: 'is required when mvaApplies is true' },
      { path: 'mvaReferenceIndex', message: 'is required when mvaApplies is true' },
      { path: 'mvaReferenceRate', message: 'is required when mvaApplies is true (the reference rate at issue, percent)' },
    ]);
    expect(issues({ ...mygaInput, ...mva, mvaReferenceIndex: '  ' })).toEqual([{ path: 'mvaReferenceIndex', message: 'must not be blank' }]);
  });

  it('bound the spread to 0-5% and keep the floor at or below 0 and the cap at or above it', () => {
    expect(issues({ ...mygaInput, ...mva, mvaSpread: '5.0001' })).toEqual([{ path: 'mvaSpread', message: 'must be between 0 and 5 (percent)' }]);
    expect(issues({ ...mygaInput, ...mva, mvaFactorFloor: '-10', mvaFactorCap: '10' })).toEqual([]);
    expect(issues({ ...mygaInput, ...mva, mvaFactorFloor: '0', mvaFactorCap: '0' })).toEqual([]);
    expect(issues({ ...mygaInput, ...mva, mvaFactorFloor: '1' })).toEqual([{ path: 'mvaFactorFloor', message: 'must be between -100 and 0 (percent)' }]);
    expect(issues({ ...mygaInput, ...mva, mvaFactorCap: '-1' })).toEqual([{ path: 'mvaFactorCap', message: 'must be between 0 and 100 (percent)' }]);
    expect(issues({ ...mygaInput, ...mva, mvaFactorFloor: '-100.0001' })).toEqual([{ path: 'mvaFactorFloor', message: 'must be between -100 and 0 (percent)' }]);
  });

  it('are refused on a product without an MVA, and an MVA is refused on a CD', () => {
    expect(issues({ ...mygaInput, mvaApplies: false, mvaSpread: '0.25', mvaFactorCap: '5' })).toEqual([
      { path: 'mvaSpread', message: 'must be null when mvaApplies is false' },
      { path: 'mvaFactorCap', message: 'must be null when mvaApplies is false' },
    ]);
    const { productId: _p, isActive: _i, createdAt: _ca, updatedAt: _ua, createdBy: _b, updatedBy: _ub2, ...cd } = oneYearCd({ earlyWithdrawalPenaltyMonths: 3 });
    expect(issues({ ...cd, ...mva })).toEqual([{ path: 'mvaApplies', message: 'must be false when productType is CD' }]);
  });

  it('hold for synced products too, and a product from before the fields has no limits and no MVA', () => {
    expect(Product.safeParse(myga({ mvaApplies: true, mvaSpread: '0.2500' })).success).toBe(false);
    expect(issueAgeAndMvaTermsOf(myga())).toEqual({ ...NO_AGE_LIMITS_NO_MVA, mvaReferenceRate: null });
  });
});

describe('in words', () => {
  it('say the ages and the MVA terms a rep reads on the product page', () => {
    expect(issueAgesText({ minimumIssueAge: 0, maximumIssueAge: 85 })).toBe('0 to 85');
    expect(issueAgesText({ minimumIssueAge: 18, maximumIssueAge: null })).toBe('18 and older');
    expect(issueAgesText({ minimumIssueAge: null, maximumIssueAge: 90 })).toBe('Up to 90');
    expect(issueAgesText({ minimumIssueAge: null, maximumIssueAge: null })).toBe('No limits stated');
    expect(mvaTermsText(issueAgeAndMvaTermsOf(myga()))).toBe('None');
    expect(mvaTermsText(issueAgeAndMvaTermsOf({ ...mva, mvaSpread: '0.2500', mvaFactorFloor: '-10.0000', mvaFactorCap: '10.0000' }))).toBe(
      'Applies during the guarantee period: reference 10-year US Treasury constant maturity, spread 0.25%; factor never below -10.00%, never above +10.00%',
    );
    expect(mvaTermsText(issueAgeAndMvaTermsOf({ ...mva, mvaSpread: '0.5000' }))).toBe(
      'Applies during the guarantee period: reference 10-year US Treasury constant maturity, spread 0.50%; no floor or cap',
    );
  });
});
