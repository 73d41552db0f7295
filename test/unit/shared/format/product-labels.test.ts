// The words figures are shown with, by kind of product (issue 11): no annuity labels on CDs, the
// APY named, an FIA's current rate marked and no "guarantee period" for an FIA.
import { describe, expect, it } from 'vitest';
import {
  apyText,
  currentRateCaveat,
  earlyExitLabel,
  earlyExitValueLabel,
  penaltyText,
  termLabel,
  withCurrentRateCaveat,
  yieldLabel,
} from '../../../../src-shared/format/product-labels.js';

describe('product labels', () => {
  it('marks every FIA current-rate figure as not guaranteed, and nothing else', () => {
    expect(withCurrentRateCaveat('FIA', '4.50%')).toBe('4.50% (current rate, not guaranteed)');
    expect(withCurrentRateCaveat('MYGA', '4.50%')).toBe('4.50%');
    expect(withCurrentRateCaveat('CD', '4.50%')).toBe('4.50%');
    expect(currentRateCaveat('FIA')).toBe('current rate, not guaranteed');
    expect(yieldLabel('FIA')).toBe('Effective annual yield (current rate, not guaranteed)');
  });

  it('gives an FIA a surrender period and a CD a term to maturity, never a guarantee period', () => {
    expect(termLabel('FIA')).toBe('Surrender period');
    expect(termLabel('CD')).toBe('Term to maturity');
    expect(termLabel('MYGA')).toBe('Guarantee period');
  });

  it('speaks of a CD as a deposit: penalty or market price, never surrender charges', () => {
    const bank = { productType: 'CD', compounding: 'daily', brokered: false } as const;
    const brokered = { productType: 'CD', compounding: 'simple', brokered: true } as const;
    expect([earlyExitLabel(bank), earlyExitValueLabel(bank)]).toEqual(['Early-withdrawal penalty', 'Value if withdrawn early']);
    expect([earlyExitLabel(brokered), earlyExitValueLabel(brokered)]).toEqual(['Sale before maturity', 'Value if sold before maturity']);
    // Without the field, a CD paying simple interest is brokered (the older convention).
    expect(earlyExitLabel({ productType: 'CD', compounding: 'simple' })).toBe('Sale before maturity');
    expect(earlyExitLabel({ productType: 'MYGA', compounding: 'annual' })).toBe('Surrender charges');
    expect(yieldLabel('CD')).toBe('Annual percentage yield (APY)');
    expect(apyText('5.39')).toBe('5.39% APY');
  });

  it('says a penalty in months of interest', () => {
    expect([penaltyText(0), penaltyText(1), penaltyText(6), penaltyText(null)]).toEqual(['None', '1 month of interest', '6 months of interest', 'Not stated']);
  });
});
