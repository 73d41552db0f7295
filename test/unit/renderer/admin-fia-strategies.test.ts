// The crediting strategy panel's rules: the forms refuse what the server would (an index on the fixed
// account, a rate breaking the guarantee, a backdated or overlapping date) with the field named,
// and each strategy's row says which rate is in force on the business date and what can be retracted.
import { describe, expect, it } from 'vitest';
import { checkStrategyForm, checkStrategyRateForm, emptyStrategyForm, guaranteeLabel, strategyRows } from '../../../src-renderer/admin-fia-strategies.js';
import type { FiaStrategy, FiaStrategyRate } from '../../../src-shared/catalog/fia-strategies.js';

const TODAY = '2031-03-10';
const at = '2031-01-01T00:00:00.000Z';

function strategy(overrides: Partial<FiaStrategy> = {}): FiaStrategy {
  return {
    strategyId: '00000000-0000-4000-8000-000000000001',
    productId: '00000000-0000-4000-8000-0000000000aa',
    strategyCode: 'CAP',
    strategyName: 'Cap',
    indexName: 'Demo Index (synthetic)',
    creditingMethod: 'cap',
    guaranteedRate: '1.5000',
    floorRate: '0.0000',
    sortOrder: 0,
    isActive: true,
    createdAt: at,
    updatedAt: at,
    createdBy: 'admin@ratedesk.test',
    updatedBy: 'admin@ratedesk.test',
    ...overrides,
  };
}

function rate(effectiveDate: string, value: string, overrides: Partial<FiaStrategyRate> = {}): FiaStrategyRate {
  return { strategyRateId: `00000000-0000-4000-8000-${effectiveDate.replace(/-/g, '').padStart(12, '0')}`, strategyId: strategy().strategyId, rate: value, effectiveDate, endDate: null, isActive: true, createdAt: at, createdBy: 'a', ...overrides };
}

describe('the strategy form', () => {
  it('gives a fixed account no index and upper-cases the code', () => {
    const checked = checkStrategyForm({ ...emptyStrategyForm([]), strategyCode: 'fixed-1', strategyName: 'Fixed account', creditingMethod: 'fixed', guaranteedRate: '1' });
    expect(checked).toEqual({ ok: true, value: expect.objectContaining({ strategyCode: 'FIXED-1', indexName: null, creditingMethod: 'fixed', sortOrder: 0 }) });
  });

  it('names each bad field', () => {
    const checked = checkStrategyForm({ ...emptyStrategyForm([]), strategyCode: 'spx cap', strategyName: '', indexName: '', guaranteedRate: 'ten' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['guaranteedRate', 'indexName', 'strategyCode', 'strategyName']);
    expect(checked.errors['indexName']).toEqual(['is required for an index strategy (creditingMethod "cap")']);
  });

  it('puts a new strategy after the existing ones', () => {
    expect(emptyStrategyForm([{ sortOrder: 0 }, { sortOrder: 4 }]).sortOrder).toBe('5');
  });
});

describe('the strategy rate form', () => {
  const form = (values: Partial<{ rate: string; effectiveDate: string; endDate: string }>) => ({ rate: '8.5', effectiveDate: TODAY, endDate: '', ...values });

  it('refuses a cap below the guarantee and a spread above it, naming the rate', () => {
    expect(checkStrategyRateForm(form({ rate: '1.25' }), strategy(), [], TODAY)).toEqual({ ok: false, errors: { rate: ['must be at least the guaranteed minimum cap (1.5000)'] } });
    const spread = strategy({ creditingMethod: 'spread', guaranteedRate: '3.5000' });
    expect(checkStrategyRateForm(form({ rate: '3.75' }), spread, [], TODAY)).toEqual({ ok: false, errors: { rate: ['must be at most the guaranteed maximum spread (3.5000)'] } });
    expect(checkStrategyRateForm(form({ rate: '3.5' }), spread, [], TODAY)).toMatchObject({ ok: true, value: { rate: '3.5', endDate: null } });
  });

  it('follows the base rates\' date rules against the latest published rate', () => {
    const backdated = checkStrategyRateForm(form({ effectiveDate: '2031-03-09' }), strategy(), [], TODAY);
    expect(backdated.ok ? [] : backdated.errors['effectiveDate']).toEqual([expect.stringContaining('must be today')]);
    const published = [rate('2031-04-01', '9.0000')];
    const early = checkStrategyRateForm(form({ effectiveDate: '2031-03-20' }), strategy(), published, TODAY);
    expect(early.ok ? [] : early.errors['effectiveDate']).toEqual([expect.stringContaining("when the strategy's latest published rate takes effect")]);
    // A retracted rate no longer counts.
    expect(checkStrategyRateForm(form({ effectiveDate: '2031-03-20' }), strategy(), [rate('2031-04-01', '9.0000', { isActive: false })], TODAY).ok).toBe(true);
    expect(checkStrategyRateForm(form({ endDate: '2031-03-01' }), strategy(), [], TODAY)).toEqual({ ok: false, errors: { endDate: ['must be on or after effectiveDate'] } });
  });
});

describe('strategy rows', () => {
  it('show the rate in force on the business date, the next one and what may be retracted', () => {
    const rates = [rate('2031-01-01', '8.0000', { endDate: '2031-03-31' }), rate('2031-04-01', '9.0000'), rate('2031-02-01', '20.0000', { isActive: false })];
    const [row] = strategyRows([strategy()], rates, TODAY);
    expect(row).toMatchObject({
      method: 'Annual point-to-point with a cap',
      guarantee: 'Guaranteed minimum cap 1.50%',
      current: expect.stringMatching(/^Cap 8\.00% since .*2031, until .*2031$/) as string,
      next: expect.stringMatching(/^Cap 9\.00% from /) as string,
    });
    expect(row?.retractable.map((entry) => entry.effectiveDate)).toEqual(['2031-04-01']);
  });

  it('say when no rate is in force, and list retired strategies last', () => {
    const rows = strategyRows([strategy({ strategyCode: 'OLD', isActive: false, strategyId: '00000000-0000-4000-8000-000000000002' }), strategy({ sortOrder: 3 })], [], TODAY);
    expect(rows.map((row) => row.strategy.strategyCode)).toEqual(['CAP', 'OLD']);
    expect(rows[0]?.current).toBe('No rate in force: illustrations use the guarantee');
  });

  it('label the guarantee by what it bounds', () => {
    expect(guaranteeLabel({ creditingMethod: 'spread', guaranteedRate: '3.5' })).toBe('Guaranteed maximum spread 3.50%');
    expect(guaranteeLabel({ creditingMethod: 'participation', guaranteedRate: '25' })).toBe('Guaranteed minimum participation 25.00%');
  });
});
