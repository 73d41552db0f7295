// Migrations 20261204000800/0900/1200: the database itself refuses bad carriers, products naming an
// unknown carrier or a reference rate without an MVA, and bad or overlapping state approvals,
// whatever the application does; each case checks the constraint name and the API's words for it.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeConstraintViolation } from '../../../../server/db/constraint-errors.js';
import type { Database } from '../../../../server/db/schema.js';
import { testCusip } from '../../../support/api.js';
import { mygaProductRow } from '../../../support/catalog-fixtures.js';
import { useMigratedDatabase } from '../../../support/database.js';

let db: Kysely<Database>;
useMigratedDatabase('carrier_approval_constraints', 2, (opened) => {
  db = opened;
});

const who = { createdBy: 'test', updatedBy: 'test' };
let serial = 0;

async function refusedWith(attempt: Promise<unknown>, code: string, constraint: string): Promise<string | undefined> {
  const error: unknown = await attempt.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toMatchObject({ code, constraint });
  return describeConstraintViolation(error)?.field;
}

const carrier = (overrides: Record<string, unknown>) => {
  serial += 1;
  return db
    .insertInto('carriers')
    .values({ carrierName: 'Test Life', naicCode: String(10000 + serial), amBestRating: 'A', amBestOutlook: 'stable', ratingAsOf: '2026-01-01', ...who, ...overrides })
    .returning('carrierId')
    .executeTakeFirstOrThrow();
};

describe('carriers', () => {
  it('refuse a bad NAIC code, a taken one, an unknown rating and an incomplete rating', async () => {
    await carrier({ naicCode: '55555' });
    expect(await refusedWith(carrier({ naicCode: '5555A' }), '23514', 'carriers_naic_code_digits')).toBe('naicCode');
    expect(await refusedWith(carrier({ naicCode: '55555' }), '23505', 'carriers_naic_code_key')).toBe('naicCode');
    expect(await refusedWith(carrier({ amBestRating: 'AAA' }), '23514', 'carriers_am_best_rating_known')).toBe('amBestRating');
    expect(await refusedWith(carrier({ amBestOutlook: 'sunny' }), '23514', 'carriers_am_best_outlook_known')).toBe('amBestOutlook');
    expect(await refusedWith(carrier({ ratingAsOf: null }), '23514', 'carriers_rating_complete')).toBe('ratingAsOf');
    expect(await refusedWith(carrier({ carrierName: ' ' }), '23514', 'carriers_carrier_name_not_blank')).toBe('carrierName');
    await expect(carrier({ amBestRating: null, amBestOutlook: null, ratingAsOf: null })).resolves.toBeTruthy();
  });
});

describe('products: carrier and MVA reference rate', () => {
  const product = (n: number, overrides: Record<string, unknown>) => db.insertInto('products').values(mygaProductRow(testCusip(n), overrides)).execute();
  it('refuse an unknown carrier, a reference rate out of range or without an MVA', async () => {
    const mva = { mvaApplies: true, mvaSpread: '0.2500', mvaReferenceIndex: 'CMT' };
    const known = await carrier({});
    await expect(product(1, { carrierId: known.carrierId, ...mva, mvaReferenceRate: '4.0000' })).resolves.toBeTruthy();
    expect(await refusedWith(product(2, { carrierId: '00000000-0000-4000-8000-000000000000' }), '23503', 'products_carrier_id_fkey')).toBe('carrierId');
    expect(await refusedWith(product(3, { ...mva, mvaReferenceRate: '25.0001' }), '23514', 'products_mva_reference_rate_range')).toBe('mvaReferenceRate');
    expect(await refusedWith(product(4, { mvaReferenceRate: '4.0000' }), '23514', 'products_mva_reference_rate_only_with_mva')).toBe('mvaReferenceRate');
  });
});

describe('product_state_approvals', () => {
  it('refuse an unknown state, until before from, and overlapping active periods; a retired row overlaps nothing', async () => {
    const { productId } = await db.insertInto('products').values(mygaProductRow(testCusip(10))).returning('productId').executeTakeFirstOrThrow();
    const approval = (overrides: Record<string, unknown>) =>
      db.insertInto('productStateApprovals').values({ productId, stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: '2026-06-30', ...who, ...overrides }).returning('approvalId').executeTakeFirstOrThrow();
    const first = await approval({});
    expect(await refusedWith(approval({ stateCode: 'XX' }), '23514', 'product_state_approvals_state_code_known')).toBe('stateCode');
    expect(await refusedWith(approval({ approvedFrom: '2026-08-01', approvedUntil: '2026-07-31' }), '23514', 'product_state_approvals_until_not_before_from')).toBe('approvedUntil');
    expect(await refusedWith(approval({ approvedFrom: '2026-06-30', approvedUntil: null }), '23P01', 'product_state_approvals_no_overlap')).toBe('approvedFrom');
    expect(await refusedWith(approval({ productId: '00000000-0000-4000-8000-000000000000' }), '23503', 'product_state_approvals_product_id_fkey')).toBe('productId');
    await expect(approval({ approvedFrom: '2026-07-01', approvedUntil: null })).resolves.toBeTruthy();
    await expect(approval({ stateCode: 'NJ' })).resolves.toBeTruthy();
    await db.updateTable('productStateApprovals').set({ isActive: false }).where('approvalId', '=', first.approvalId).execute();
    await expect(approval({ approvedFrom: '2026-02-01', approvedUntil: '2026-03-01' })).resolves.toBeTruthy();
  });
});
