import { describe, expect, it } from 'vitest';
import { productRuleIssues } from '../../../src-shared/catalog.js';
import {
  checkProductForm,
  emptyProductForm,
  fieldErrorsFrom,
  fieldLabel,
  formFromProduct,
  productPatch,
  withoutScheduleYear,
  withScheduleValue,
  withScheduleYear,
  type ProductForm,
} from '../../../src-renderer/admin-product-form.js';
import { myga } from '../../support/catalog-fixtures.js';
import { formErrors } from '../../support/validation-issues.js';

const validForm: ProductForm = {
  ...emptyProductForm,
  cusip: '037833100',
  productName: 'Summit 5-Year MYGA',
  issuerName: 'Summit Life',
  minimumInvestment: '$10,000',
  maximumInvestment: '1,000,000.00',
  baseRate: '4.5%',
  bonusRate: '1',
  bonusYears: '1',
  termYears: '5',
  guaranteedMinimumRate: '1.00',
  surrenderSchedule: ['7', '6', '5', '4', '3'],
  freeWithdrawalPercent: '10',
};

describe('product editor validation', () => {
  it('accepts a complete product, reading "$10,000" and "4.5%" as the plain decimals the server takes', () => {
    const check = checkProductForm(validForm);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.input).toMatchObject({
      minimumInvestment: '10000',
      maximumInvestment: '1000000.00',
      baseRate: '4.5',
      bonusYears: 1,
      termYears: 5,
      returnOfPremiumPercentage: null,
      termsAndConditions: null,
    });
  });

  it('puts each field message under its own field, including each surrender year', () => {
    const errors = formErrors(checkProductForm({ ...validForm, cusip: '037833101', minimumInvestment: '0', baseRate: '26', termYears: 'five', surrenderSchedule: ['7', 'lots'] }));
    expect(Object.keys(errors).sort()).toEqual(['baseRate', 'cusip', 'minimumInvestment', 'surrenderSchedule.1', 'termYears']);
    expect(errors.baseRate).toEqual(['must be between 0 and 25 (percent)']);
    expect(errors.minimumInvestment).toEqual(['must be greater than 0']);
    expect(errors.termYears?.[0]).toMatch(/whole number of years/);
  });

  it('applies the cross-field rules with the server words, even while another field is wrong', () => {
    const form = { ...validForm, productName: '', maximumInvestment: '5000', bonusYears: '6', returnOfPremium: true, returnOfPremiumPercentage: '' };
    const errors = formErrors(checkProductForm(form));
    expect(errors.productName).toEqual(['must not be blank']);
    expect(errors.maximumInvestment).toEqual(['must be greater than or equal to minimumInvestment']);
    expect(errors.bonusYears).toEqual(['must be at most termYears (5)']);
    expect(errors.returnOfPremiumPercentage).toEqual(['is required when returnOfPremium is true']);
    // The same words productRuleIssues gives the server, not a paraphrase.
    const serverWords = productRuleIssues({ ...validForm, minimumInvestment: '10000', maximumInvestment: '5000', bonusYears: 6, termYears: 5, returnOfPremium: true, returnOfPremiumPercentage: null });
    expect(serverWords.map((issue) => issue.message)).toEqual(expect.arrayContaining(errors.maximumInvestment ?? []));
  });

  it('refuses a longer surrender schedule than the term', () => {
    const errors = formErrors(checkProductForm({ ...validForm, termYears: '3' }));
    expect(errors.surrenderSchedule).toEqual(['must have at most termYears (3) entries, one per contract year']);
  });

  it('ignores a leftover return-of-premium percentage once the guarantee is switched off', () => {
    const check = checkProductForm({ ...validForm, returnOfPremium: false, returnOfPremiumPercentage: '100' });
    expect(check.ok && check.input.returnOfPremiumPercentage).toBeNull();
  });

  it("maps the server's issues to fields, with or without the body. prefix, without repeats", () => {
    expect(
      fieldErrorsFrom([
        { path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
        { path: 'body.cusip', message: 'is already used by another product' },
        { path: 'maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
        { path: '', message: 'must change at least one field' },
      ]),
    ).toEqual({
      maximumInvestment: ['must be greater than or equal to minimumInvestment'],
      cusip: ['is already used by another product'],
      '': ['must change at least one field'],
    });
  });

  it('labels paths for the error summary', () => {
    expect(fieldLabel('surrenderSchedule.2')).toBe('Surrender schedule, year 3');
    expect(fieldLabel('minimumInvestment')).toBe('Minimum investment');
    expect(fieldLabel('')).toBe('Product');
  });
});

describe('product editor changes', () => {
  it('round-trips a stored product with nothing to send', () => {
    const product = myga();
    const check = checkProductForm(formFromProduct(product));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(productPatch(product, check.input)).toEqual({});
  });

  it('sends only changed fields, compares decimals by value and never sends rates', () => {
    const product = myga();
    const form = { ...formFromProduct(product), minimumInvestment: '10000', maximumInvestment: '2000000', baseRate: '9', surrenderSchedule: ['7', '6', '5', '4'] };
    const check = checkProductForm(form);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(productPatch(product, check.input)).toEqual({ maximumInvestment: '2000000', surrenderSchedule: ['7', '6', '5', '4'] });
  });

  it('edits the surrender schedule one contract year at a time', () => {
    expect(withScheduleYear(['7', '6'])).toEqual(['7', '6', '']);
    expect(withScheduleValue(['7', '6'], 1, '5.5')).toEqual(['7', '5.5']);
    expect(withoutScheduleYear(['7', '6', '5'], 1)).toEqual(['7', '5']);
  });
});
