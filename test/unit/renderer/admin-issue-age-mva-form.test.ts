// The product editor's issue ages and MVA fields: blank means no limit, the server's words under
// each field, no MVA on a CD, hidden leftovers not held against the admin, and a PATCH of only what changed.
import { describe, expect, it } from 'vitest';
import { checkProductForm, emptyProductForm, fieldLabel, formFromProduct, productPatch, type ProductForm } from '../../../src-renderer/admin-product-form.js';
import { myga } from '../../support/catalog-fixtures.js';

const validForm: ProductForm = {
  ...emptyProductForm,
  cusip: '037833100',
  productName: 'Summit 5-Year MYGA',
  issuerName: 'Summit Life',
  minimumInvestment: '10000',
  baseRate: '4.5',
  bonusRate: '0',
  bonusYears: '0',
  termYears: '5',
  guaranteedMinimumRate: '1',
  surrenderSchedule: ['7', '6', '5'],
  freeWithdrawalPercent: '10',
};
const mvaForm = { mvaApplies: true, mvaSpread: '0.25%', mvaReferenceIndex: '10-year US Treasury constant maturity', mvaReferenceRate: '4.1%', mvaFactorFloor: '-10', mvaFactorCap: '10' };

function errorsOf(form: ProductForm): Record<string, string[]> {
  const check = checkProductForm(form);
  return check.ok ? {} : check.errors;
}

describe('issue ages in the product editor', () => {
  it('send blank as no limit and typed ages as whole numbers', () => {
    const blank = checkProductForm(validForm);
    expect(blank.ok && blank.input).toMatchObject({ minimumIssueAge: null, maximumIssueAge: null, mvaApplies: false, mvaSpread: null });
    const typed = checkProductForm({ ...validForm, minimumIssueAge: ' 18 ', maximumIssueAge: '90' });
    expect(typed.ok && typed.input).toMatchObject({ minimumIssueAge: 18, maximumIssueAge: 90 });
  });

  it('show the server words under the age fields', () => {
    expect(errorsOf({ ...validForm, minimumIssueAge: '90', maximumIssueAge: '85' })).toEqual({ maximumIssueAge: ['must be greater than or equal to minimumIssueAge (90)'] });
    expect(errorsOf({ ...validForm, maximumIssueAge: '130' })).toEqual({ maximumIssueAge: ['must be between 0 and 120'] });
    expect(errorsOf({ ...validForm, minimumIssueAge: 'sixty' }).minimumIssueAge?.[0]).toMatch(/whole number of years/);
    expect(fieldLabel('maximumIssueAge')).toBe('Maximum issue age');
  });
});

describe('MVA terms in the product editor', () => {
  it('send a ticked MVA with its terms, a pasted "%" dropped', () => {
    const check = checkProductForm({ ...validForm, ...mvaForm });
    expect(check.ok && check.input).toMatchObject({ mvaApplies: true, mvaSpread: '0.25', mvaReferenceIndex: '10-year US Treasury constant maturity', mvaReferenceRate: '4.1', mvaFactorFloor: '-10', mvaFactorCap: '10' });
  });

  it('ask for the spread, the index and the reference rate of a ticked MVA, and keep the floor at or below 0', () => {
    expect(errorsOf({ ...validForm, mvaApplies: true })).toEqual({
      mvaSpread: ['is required when mvaApplies is true'],
      mvaReferenceIndex: ['is required when mvaApplies is true'],
      mvaReferenceRate: ['is required when mvaApplies is true (the reference rate at issue, percent)'],
    });
    expect(errorsOf({ ...validForm, ...mvaForm, mvaFactorFloor: '2', mvaSpread: '6' })).toEqual({
      mvaFactorFloor: ['must be between -100 and 0 (percent)'],
      mvaSpread: ['must be between 0 and 5 (percent)'],
    });
  });

  it('drop the terms of an unticked MVA, and any MVA on a CD', () => {
    const unticked = checkProductForm({ ...validForm, ...mvaForm, mvaApplies: false });
    expect(unticked.ok && unticked.input).toMatchObject({ mvaApplies: false, mvaSpread: null, mvaReferenceIndex: null, mvaReferenceRate: null, mvaFactorFloor: null, mvaFactorCap: null });
    const cd = checkProductForm({
      ...validForm,
      ...mvaForm,
      productType: 'CD',
      compounding: 'daily',
      surrenderSchedule: [],
      freeWithdrawalPercent: '0',
      guaranteedMinimumRate: '0',
      earlyWithdrawalPenaltyMonths: '6',
    });
    expect(cd.ok && cd.input).toMatchObject({ mvaApplies: false, mvaSpread: null });
  });

  it('patch only the terms that changed, a stored "-10.0000" equal to a typed "-10"', () => {
    const stored = myga({ minimumIssueAge: 0, maximumIssueAge: 85, mvaApplies: true, mvaSpread: '0.2500', mvaReferenceIndex: 'CMT', mvaReferenceRate: '4.1000', mvaFactorFloor: '-10.0000', mvaFactorCap: null });
    const form = formFromProduct(stored);
    expect(form).toMatchObject({ minimumIssueAge: '0', maximumIssueAge: '85', mvaApplies: true, mvaFactorFloor: '-10.0000', mvaFactorCap: '' });
    const check = checkProductForm({ ...form, maximumIssueAge: '90', mvaFactorFloor: '-10' });
    if (!check.ok) throw new Error(JSON.stringify(check.errors));
    expect(productPatch(stored, check.input)).toEqual({ maximumIssueAge: 90 });
    const newRate = checkProductForm({ ...form, mvaReferenceRate: '4.25' });
    if (!newRate.ok) throw new Error(JSON.stringify(newRate.errors));
    expect(productPatch(stored, newRate.input)).toEqual({ mvaReferenceRate: '4.25' });
    // A product from before the fields stands for no limits and no MVA: nothing to patch.
    const older = checkProductForm(formFromProduct(myga()));
    if (!older.ok) throw new Error(JSON.stringify(older.errors));
    expect(productPatch(myga(), older.input)).toEqual({});
  });
});
