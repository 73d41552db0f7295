// Issue 13's product terms through the admin API: issue ages and market value adjustment terms,
// stored in the column scale, defaulted (no limits, no MVA), refused with the field named (a PATCH
// judged as the whole product it produces), audited on create and change, and served by the pull.
import { describe, expect, it } from 'vitest';
import { auditRowsOf, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';
import type { IssueAgeAndMvaTerms } from '../../../../src-shared/catalog/issue-ages-and-mva.js';
import { NO_AGE_LIMITS_NO_MVA } from '../../../support/store-fixtures.js';

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
});

interface Answer extends IssueAgeAndMvaTerms {
  productId: string;
}

const TREASURY = '10-year US Treasury constant maturity';
const mva = { mvaApplies: true, mvaSpread: '0.25', mvaReferenceIndex: TREASURY, mvaReferenceRate: '4.1', mvaFactorFloor: '-10', mvaFactorCap: '10' };
const cdTerms = { productType: 'CD', productName: 'Test 3-Year CD', bonusRate: '0', bonusYears: 0, termYears: 3, surrenderSchedule: [], freeWithdrawalPercent: '0', guaranteedMinimumRate: '0', compounding: 'daily', earlyWithdrawalPenaltyMonths: 6 };

async function post(n: number, overrides: Record<string, unknown>) {
  return api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n), ...overrides }));
}

async function patch(productId: string, body: Record<string, unknown>) {
  return api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${productId}`, body);
}

function issuesOf(response: { json: unknown }): Array<{ path: string; message: string }> {
  return (response.json as { issues: Array<{ path: string; message: string }> }).issues;
}

describe('issue ages and MVA terms', () => {
  it('default to no limits and no MVA', async () => {
    const plain = await post(1300, {});
    expect(plain.status, plain.body).toBe(201);
    expect(plain.json).toMatchObject(NO_AGE_LIMITS_NO_MVA);
  });

  it('are stored in the column scale and audited on create and on change', async () => {
    const created = await post(1301, { minimumIssueAge: 18, maximumIssueAge: 90, ...mva });
    expect(created.status, created.body).toBe(201);
    const product = created.json as Answer;
    expect(product).toMatchObject({ minimumIssueAge: 18, maximumIssueAge: 90, mvaApplies: true, mvaSpread: '0.2500', mvaReferenceIndex: TREASURY, mvaFactorFloor: '-10.0000', mvaFactorCap: '10.0000' });
    const [create] = await auditRowsOf(api.owner, product.productId, 'CREATE');
    expect(create?.newValues).toMatchObject({ minimumIssueAge: 18, maximumIssueAge: 90, mvaApplies: true, mvaSpread: '0.2500', mvaFactorFloor: '-10.0000' });

    const changed = await patch(product.productId, { maximumIssueAge: 85, mvaSpread: '0.5', mvaFactorFloor: null });
    expect(changed.status, changed.body).toBe(200);
    expect(changed.json).toMatchObject({ maximumIssueAge: 85, mvaSpread: '0.5000', mvaFactorFloor: null, mvaFactorCap: '10.0000' });
    const [update] = await auditRowsOf(api.owner, product.productId, 'UPDATE');
    expect(update).toMatchObject({
      oldValues: { maximumIssueAge: 90, mvaSpread: '0.2500', mvaFactorFloor: '-10.0000' },
      newValues: { maximumIssueAge: 85, mvaSpread: '0.5000', mvaFactorFloor: null },
    });

    // Taking the MVA off takes its terms with it; leaving them is refused with each field named.
    const halfOff = await patch(product.productId, { mvaApplies: false });
    expect(halfOff.status).toBe(400);
    expect(issuesOf(halfOff)).toEqual(
      expect.arrayContaining([
        { path: 'body.mvaSpread', message: 'must be null when mvaApplies is false' },
        { path: 'body.mvaReferenceIndex', message: 'must be null when mvaApplies is false' },
        { path: 'body.mvaFactorCap', message: 'must be null when mvaApplies is false' },
      ]),
    );
    const off = await patch(product.productId, { mvaApplies: false, mvaSpread: null, mvaReferenceIndex: null, mvaReferenceRate: null, mvaFactorCap: null });
    expect(off.status, off.body).toBe(200);
    expect(off.json).toMatchObject({ mvaApplies: false, mvaSpread: null, mvaReferenceIndex: null, mvaReferenceRate: null, mvaFactorCap: null });
  });

  it('are refused out of range or incomplete, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, { path: string; message: string }]> = [
      [{ minimumIssueAge: 90, maximumIssueAge: 85 }, { path: 'body.maximumIssueAge', message: 'must be greater than or equal to minimumIssueAge (90)' }],
      [{ maximumIssueAge: 121 }, { path: 'body.maximumIssueAge', message: 'must be between 0 and 120' }],
      [{ minimumIssueAge: 'sixty' }, { path: 'body.minimumIssueAge', message: expect.stringContaining('whole number of years') as string }],
      [{ ...mva, mvaSpread: '5.01' }, { path: 'body.mvaSpread', message: 'must be between 0 and 5 (percent)' }],
      [{ ...mva, mvaFactorFloor: '0.5' }, { path: 'body.mvaFactorFloor', message: 'must be between -100 and 0 (percent)' }],
      [{ ...mva, mvaFactorCap: '-0.5' }, { path: 'body.mvaFactorCap', message: 'must be between 0 and 100 (percent)' }],
      [{ mvaApplies: true, mvaSpread: '0.25' }, { path: 'body.mvaReferenceIndex', message: 'is required when mvaApplies is true' }],
      [{ ...mva, mvaReferenceRate: null }, { path: 'body.mvaReferenceRate', message: 'is required when mvaApplies is true (the reference rate at issue, percent)' }],
      [{ ...mva, mvaReferenceRate: '25.5' }, { path: 'body.mvaReferenceRate', message: expect.stringContaining('between 0 and 25') as string }],
      [{ mvaSpread: '0.25' }, { path: 'body.mvaSpread', message: 'must be null when mvaApplies is false' }],
      [{ ...cdTerms, ...mva }, { path: 'body.mvaApplies', message: 'must be false when productType is CD' }],
    ];
    for (const [overrides, issue] of cases) {
      const response = await post(1310, overrides);
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(issuesOf(response)).toContainEqual(issue);
    }
    const rows = await api.owner.selectFrom('products').select('productId').where('cusip', '=', testCusip(1310)).execute();
    expect(rows).toEqual([]);
  });

  it('are served by the pull', async () => {
    const created = (await post(1320, { minimumIssueAge: 0, maximumIssueAge: 85, ...mva })).json as Answer;
    const pull = await api.call(api.tokens.rep, 'GET', '/v1/sync/pull?limit=5000');
    expect(pull.status).toBe(200);
    const products = (pull.json as { changes: { products: Answer[] } }).changes.products;
    expect(products.find((product) => product.productId === created.productId)).toMatchObject({
      minimumIssueAge: 0,
      maximumIssueAge: 85,
      mvaApplies: true,
      mvaSpread: '0.2500',
      mvaReferenceIndex: TREASURY,
      mvaFactorFloor: '-10.0000',
      mvaFactorCap: '10.0000',
    });
  });
});
