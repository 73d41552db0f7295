// Migration 20261204000700's CHECKs: the database itself refuses bad issue ages and MVA terms,
// whatever the application does; each case checks the constraint name, and the API's words for it.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeConstraintViolation } from '../../../../server/db/constraint-errors.js';
import type { Database, NewProductRow } from '../../../../server/db/schema.js';
import { testCusip } from '../../../support/api.js';
import { mygaProductRow } from '../../../support/catalog-fixtures.js';
import { useMigratedDatabase } from '../../../support/database.js';

let db: Kysely<Database>;
useMigratedDatabase('issue_age_mva_constraints', 2, (opened) => {
  db = opened;
});

const CHECK = '23514';
const MVA = { mvaApplies: true, mvaSpread: '0.2500', mvaReferenceIndex: '10-year US Treasury constant maturity' } as const;
let serial = 0;

async function insert(overrides: Partial<NewProductRow>): Promise<string> {
  serial += 1;
  const row = await db
    .insertInto('products')
    .values(mygaProductRow(testCusip(serial), overrides))
    .returning('productId')
    .executeTakeFirstOrThrow();
  return row.productId;
}

const refused = (overrides: Partial<NewProductRow>, constraint: string) =>
  expect(insert(overrides)).rejects.toMatchObject({ code: CHECK, constraint });

describe('products: issue ages', () => {
  it('accept 0..120 in order and no limit, and refuse the rest', async () => {
    await expect(insert({ minimumIssueAge: 0, maximumIssueAge: 120 })).resolves.toBeTruthy();
    await expect(insert({ minimumIssueAge: 85, maximumIssueAge: 85 })).resolves.toBeTruthy();
    await expect(insert({})).resolves.toBeTruthy();
    await refused({ minimumIssueAge: -1 }, 'products_minimum_issue_age_range');
    await refused({ maximumIssueAge: 121 }, 'products_maximum_issue_age_range');
    await refused({ minimumIssueAge: 90, maximumIssueAge: 85 }, 'products_issue_age_range');
  });
});

describe('products: market value adjustment terms', () => {
  it('accept complete terms at their bounds', async () => {
    await expect(insert({ ...MVA, mvaSpread: '5.0000', mvaFactorFloor: '-100.0000', mvaFactorCap: '100.0000' })).resolves.toBeTruthy();
    await expect(insert({ ...MVA, mvaSpread: '0.0000', mvaFactorFloor: '0.0000', mvaFactorCap: '0.0000' })).resolves.toBeTruthy();
  });

  it('refuse out-of-range values, incomplete terms, terms without an MVA and an MVA on a CD', async () => {
    await refused({ ...MVA, mvaSpread: '5.0001' }, 'products_mva_spread_range');
    await refused({ ...MVA, mvaFactorFloor: '0.0001' }, 'products_mva_factor_floor_range');
    await refused({ ...MVA, mvaFactorCap: '-0.0001' }, 'products_mva_factor_cap_range');
    await refused({ ...MVA, mvaReferenceIndex: '  ' }, 'products_mva_reference_index_not_blank');
    await refused({ mvaApplies: true, mvaSpread: '0.2500' }, 'products_mva_terms_complete');
    await refused({ mvaApplies: true, mvaReferenceIndex: 'CMT' }, 'products_mva_terms_complete');
    await refused({ mvaApplies: false, mvaFactorCap: '5.0000' }, 'products_mva_terms_complete');
    await refused(
      { ...MVA, productType: 'CD', compounding: 'daily', bonusRate: '0', bonusYears: 0, surrenderSchedule: [], guaranteedMinimumRate: '0', freeWithdrawalPercent: '0', earlyWithdrawalPenaltyMonths: 6 },
      'products_mva_not_cd',
    );
  });

  it('name the field and the reason for the API', async () => {
    const error: unknown = await insert({ minimumIssueAge: 90, maximumIssueAge: 85 }).catch((e: unknown) => e);
    expect(describeConstraintViolation(error)).toMatchObject({ kind: 'check', field: 'maximumIssueAge', message: 'must be greater than or equal to minimumIssueAge' });
    const incomplete: unknown = await insert({ mvaApplies: true }).catch((e: unknown) => e);
    expect(describeConstraintViolation(incomplete)).toMatchObject({ field: 'mvaApplies', constraint: 'products_mva_terms_complete' });
  });
});
