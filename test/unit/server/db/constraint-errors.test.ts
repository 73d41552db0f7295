// The field and reason an admin sees for a refused write, for the constraints that are named by the
// migrations' conventions rather than listed one by one.
import { describe, expect, it } from 'vitest';
import { describeConstraintViolation } from '../../../../server/db/constraint-errors.js';

const pgError = (code: string, constraint: string, table: string) => Object.assign(new Error(`violates ${constraint}`), { code, constraint, table });

describe('constraint violations named by convention', () => {
  it('names the blank text field', () => {
    expect(describeConstraintViolation(pgError('23514', 'fia_strategies_strategy_name_not_blank', 'fia_strategies'))).toMatchObject({
      field: 'strategyName',
      message: 'must not be blank',
    });
  });

  it('names the reference that points at nothing, and what it should point at', () => {
    expect(describeConstraintViolation(pgError('23503', 'product_comparison_items_rate_history_id_fkey', 'product_comparison_items'))).toMatchObject({
      field: 'rateHistoryId',
      message: 'does not match a rate period',
    });
  });

  it('keeps a listed reason over the convention, and the raw name when neither knows the constraint', () => {
    expect(describeConstraintViolation(pgError('23503', 'products_carrier_id_fkey', 'products'))?.message).toBe('is not a carrier in the catalog');
    expect(describeConstraintViolation(pgError('23503', 'devices_device_id_fkey', 'devices'))).toMatchObject({
      field: undefined,
      message: 'violates devices_device_id_fkey',
    });
  });
});
