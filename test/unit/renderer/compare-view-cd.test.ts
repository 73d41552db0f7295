// The compare screen's rows for CDs and FIAs (issue 11): a CD's APY by name, its penalty or market
// price instead of surrender charges and free withdrawals, no value for a brokered CD before
// maturity, and an FIA's term and current rate not read as guarantees.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../src-shared/catalog.js';
import { buildTermRows, buildYearRows, exitValueHeader } from '../../../src-renderer/compare-view.js';
import { compareAtFlatRate, myga } from '../../support/catalog-fixtures.js';

const ids = ['00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000f1'] as const;
const cdTerms: Partial<Product> = { productType: 'CD', bonusRate: '0.0000', bonusYears: 0, termYears: 3, surrenderSchedule: [], freeWithdrawalPercent: '0.0000', returnOfPremium: false, returnOfPremiumPercentage: null, guaranteedMinimumRate: '0.0000' };
const bank = myga({ ...cdTerms, productId: ids[0], cusip: '17275R102', productName: 'Bank CD', compounding: 'daily', brokered: false, earlyWithdrawalPenaltyMonths: 6 });
const brokered = myga({ ...cdTerms, productId: ids[1], cusip: '38259P508', productName: 'Brokered CD', compounding: 'simple', brokered: true, earlyWithdrawalPenaltyMonths: null });
const fia = myga({ productId: ids[2], cusip: '594918104', productName: 'Index 5', productType: 'FIA', bonusRate: '0.0000', bonusYears: 0 });
const products: Product[] = [bank, brokered, fia];

const shown = compareAtFlatRate(products);
const rows = buildTermRows(shown, products);
const row = (key: string) => rows.find((candidate) => candidate.key === key);

describe('compare rows for CDs and an FIA', () => {
  it('names the APY for CDs and marks the FIA yield and rate as not guaranteed', () => {
    expect(row('yield')?.label).toBe('Effective annual yield, or annual percentage yield (APY) for a CD');
    const [bankYield, brokeredYield, fiaYield] = row('yield')?.values ?? [];
    expect([bankYield, brokeredYield]).toEqual(['4.60% APY', '4.50% APY']);
    expect(fiaYield).toBe('4.50% over 3 years (current rate, not guaranteed)');
    // Issue 11: dates as the screens and the PDF print them.
    expect(row('base-rate')?.values[2]).toBe('4.50% (current rate, not guaranteed; effective Jan 1, 2026)');
  });

  it('uses CD words for leaving early, and no free withdrawals or return of premium for CDs', () => {
    expect(row('surrender')?.values).toEqual([
      'Early-withdrawal penalty: 6 months of interest',
      'Market price: a sale before maturity is at the market price, which may be below the principal',
      '7.00%, 6.00%, 5.00%, 4.00%, 3.00% (years 1–5)',
    ]);
    expect(row('free-withdrawal')?.values.slice(0, 2)).toEqual(['Not applicable to a CD', 'Not applicable to a CD']);
    expect(row('return-of-premium')?.values.slice(0, 2)).toEqual(['Not applicable to a CD', 'Not applicable to a CD']);
  });

  it('never calls the FIA term a guarantee period', () => {
    expect(row('guarantee')?.label).toBe('Guarantee period or term');
    expect(row('guarantee')?.values).toEqual(['3 years to maturity', '3 years to maturity', 'Minimum rate only; 5-year surrender period, no rate guarantee']);
  });

  it('shows CD rows instead of annuity bonus and minimum-rate rows for CDs', () => {
    expect(row('bonus')).toMatchObject({ label: 'Bonus rate and duration (annuities)', values: ['Not applicable to a CD', 'Not applicable to a CD', 'None'] });
    expect(row('minimum-rate')).toMatchObject({ label: 'Guaranteed minimum rate (annuities)', values: ['Not applicable to a CD', 'Not applicable to a CD', '1.00%'] });
    expect(row('rate-to-maturity')).toMatchObject({
      label: 'Rate guaranteed to maturity (CDs)',
      values: ['Yes: 4.50% until maturity', 'Yes: 4.50% until maturity', 'Not applicable to an annuity'],
    });
    expect(row('surrender')?.label).toBe('Surrender charges (annuities) or leaving a CD early');
  });

  it('shows the brokered CD at market price before maturity and labels each early-exit column', () => {
    const years = buildYearRows(shown);
    expect(years[0]?.cells[1]?.surrenderValue).toBe('Market price');
    expect(years[2]?.cells[1]?.surrenderValue).toBe('$100,000.00');
    expect(shown.products.map(exitValueHeader)).toEqual(['Value if withdrawn early', 'Value if sold before maturity', 'Surrender value']);
  });
});

describe('compare rows when only CDs are compared', () => {
  const cds = [bank, brokered];
  const onlyCds = (list: Product[]) => buildTermRows(compareAtFlatRate(list), list);

  it('shows no annuity rows, the rate guaranteed to maturity, the APY by name and CD words for leaving early', () => {
    const cdRows = onlyCds(cds);
    const keys = cdRows.map((candidate) => candidate.key);
    expect(keys).not.toContain('bonus');
    expect(keys).not.toContain('minimum-rate');
    expect(keys).not.toContain('free-withdrawal');
    expect(keys).not.toContain('return-of-premium');
    const byKey = (key: string) => cdRows.find((candidate) => candidate.key === key);
    expect(byKey('guarantee')?.label).toBe('Term to maturity');
    expect(byKey('rate-to-maturity')).toMatchObject({ label: 'Rate guaranteed to maturity', values: ['Yes: 4.50% until maturity', 'Yes: 4.50% until maturity'] });
    expect(byKey('yield')).toMatchObject({ label: 'Annual percentage yield (APY)', values: ['4.60% APY', '4.50% APY'] });
    expect(byKey('surrender')?.label).toBe('Leaving a CD early');
  });

  it('names the early exit by the one kind of CD compared', () => {
    expect(onlyCds([bank]).find((candidate) => candidate.key === 'surrender')).toMatchObject({
      label: 'Early-withdrawal penalty',
      values: ['Early-withdrawal penalty: 6 months of interest'],
    });
    expect(onlyCds([brokered]).find((candidate) => candidate.key === 'surrender')?.label).toBe('Sale before maturity');
  });
});
