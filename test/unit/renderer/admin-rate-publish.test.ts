import { describe, expect, it } from 'vitest';
import { latestActiveRate } from '../../../src-shared/admin/rate-publish.js';
import { scheduledRateChanges as scheduledRates } from '../../../src-shared/rates/as-of.js';
import { checkRatePublish } from '../../../src-renderer/admin-rate-publish.js';
import { rate } from '../../support/catalog-fixtures.js';
import { formErrors } from '../../support/validation-issues.js';

const TODAY = '2026-11-24';

describe('publishing one rate', () => {
  const past = rate({ effectiveDate: '2026-01-01', endDate: null });
  const context = { today: TODAY, bonusYears: 1, latest: past };

  it('accepts today or a later date and sends plain decimals', () => {
    expect(checkRatePublish({ baseRate: '4.75%', bonusRate: '', effectiveDate: TODAY }, context)).toEqual({
      ok: true,
      request: { baseRate: '4.75', bonusRate: '0', effectiveDate: TODAY },
    });
    expect(checkRatePublish({ baseRate: '4.75', bonusRate: '0.5', effectiveDate: '2027-01-01' }, context).ok).toBe(true);
  });

  it('refuses a past date with a clear reason', () => {
    const check = checkRatePublish({ baseRate: '4.75', bonusRate: '0', effectiveDate: '2026-11-23' }, context);
    expect(check).toEqual({ ok: false, errors: { effectiveDate: ['must be today (Nov 24, 2026) or later; rates already in force are not rewritten'] } });
  });

  it('refuses a date not after the latest published rate', () => {
    const scheduled = rate({ effectiveDate: '2026-12-01', endDate: null });
    const errors = formErrors(checkRatePublish({ baseRate: '4.75', bonusRate: '0', effectiveDate: '2026-12-01' }, { ...context, latest: scheduled }));
    expect(errors.effectiveDate?.[0]).toMatch(/^must be after Dec 1, 2026/);
  });

  it('names every bad field: rate range, decimals, a bonus on a product without bonus years, a bad date', () => {
    const errors = formErrors(checkRatePublish({ baseRate: '25.5', bonusRate: '0.12345', effectiveDate: '2026-02-30' }, context));
    expect(errors).toEqual({
      baseRate: ['must be between 0 and 25 (percent)'],
      bonusRate: ['must have at most 4 decimal places'],
      effectiveDate: ['must be a real calendar date'],
    });
    const noBonus = checkRatePublish({ baseRate: '4', bonusRate: '1', effectiveDate: TODAY }, { ...context, bonusYears: 0 });
    expect(noBonus.ok ? null : noBonus.errors.bonusRate).toEqual(['must be 0: this product has no bonus years']);
  });

  it('finds the latest active rate and the scheduled ones, ignoring retracted publications', () => {
    const retracted = rate({ effectiveDate: '2027-01-01', endDate: null, isActive: false });
    const next = rate({ effectiveDate: '2026-12-15', endDate: null });
    const later = rate({ effectiveDate: '2026-12-20', endDate: null });
    expect(latestActiveRate([past, retracted, later, next])).toBe(later);
    expect(latestActiveRate([retracted])).toBeNull();
    expect(scheduledRates([later, past, retracted, next], TODAY)).toEqual([next, later]);
  });
});
