// Issue 11's product fields through the admin API: the nonforfeiture rate (1 to 3), brokered (CDs
// only) and a bank CD's early-withdrawal penalty: stored, defaulted, refused with the field named,
// audited, and served by the pull.
import { describe, expect, it } from 'vitest';
import { productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
});

interface Answer {
  productId: string;
  nonforfeitureRate: string;
  brokered: boolean;
  earlyWithdrawalPenaltyMonths: number | null;
}

const cdTerms = { productType: 'CD', productName: 'Test 3-Year CD', bonusRate: '0', bonusYears: 0, termYears: 3, surrenderSchedule: [], freeWithdrawalPercent: '0', guaranteedMinimumRate: '0' };

async function post(n: number, overrides: Record<string, unknown>) {
  return api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n), ...overrides }));
}

function issuesOf(response: { json: unknown }): Array<{ path: string; message: string }> {
  return (response.json as { issues: Array<{ path: string; message: string }> }).issues;
}

describe('nonforfeiture rate', () => {
  it('defaults to 1.0000, stores an admin rate exactly and audits a change', async () => {
    const plain = await post(1100, {});
    expect(plain.status, plain.body).toBe(201);
    expect(plain.json).toMatchObject({ nonforfeitureRate: '1.0000', brokered: false, earlyWithdrawalPenaltyMonths: null });

    const created = await post(1101, { nonforfeitureRate: '2.8' });
    expect(created.status, created.body).toBe(201);
    const product = created.json as Answer;
    expect(product.nonforfeitureRate).toBe('2.8000');
    const patched = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${product.productId}`, { nonforfeitureRate: '3' });
    expect(patched.status, patched.body).toBe(200);
    const audit = await api.owner.selectFrom('auditLog').selectAll().where('recordId', '=', product.productId).where('actionType', '=', 'UPDATE').execute();
    expect(audit[0]).toMatchObject({ oldValues: { nonforfeitureRate: '2.8000' }, newValues: { nonforfeitureRate: '3.0000' } });
  });

  it('refuses a rate outside 1 to 3, naming the field', async () => {
    for (const rate of ['0.99', '3.01']) {
      const response = await post(1102, { nonforfeitureRate: rate });
      expect(response.status).toBe(400);
      expect(issuesOf(response)).toContainEqual({ path: 'body.nonforfeitureRate', message: 'must be between 1 and 3 (percent, NAIC Model 805)' });
    }
  });
});

describe('CDs: brokered and the early-withdrawal penalty', () => {
  it('requires a bank CD to state its penalty and stores it', async () => {
    const missing = await post(1110, { ...cdTerms, compounding: 'daily' });
    expect(missing.status).toBe(400);
    expect(issuesOf(missing)).toContainEqual({ path: 'body.earlyWithdrawalPenaltyMonths', message: 'is required for a bank CD (0 if it has no penalty)' });

    const bank = await post(1111, { ...cdTerms, compounding: 'daily', earlyWithdrawalPenaltyMonths: 6 });
    expect(bank.status, bank.body).toBe(201);
    expect(bank.json).toMatchObject({ brokered: false, earlyWithdrawalPenaltyMonths: 6 });
  });

  it('takes a simple-interest CD without the field for brokered, and refuses a penalty on it or on an annuity', async () => {
    const brokered = await post(1120, { ...cdTerms, compounding: 'simple' });
    expect(brokered.status, brokered.body).toBe(201);
    expect(brokered.json).toMatchObject({ brokered: true, earlyWithdrawalPenaltyMonths: null });

    const penaltyOnBrokered = await post(1121, { ...cdTerms, compounding: 'simple', brokered: true, earlyWithdrawalPenaltyMonths: 3 });
    expect(penaltyOnBrokered.status).toBe(400);
    expect(issuesOf(penaltyOnBrokered)).toContainEqual({ path: 'body.earlyWithdrawalPenaltyMonths', message: 'must be null unless the product is a bank CD' });

    const brokeredMyga = await post(1122, { brokered: true });
    expect(brokeredMyga.status).toBe(400);
    expect(issuesOf(brokeredMyga)).toContainEqual({ path: 'body.brokered', message: 'must be false unless productType is CD' });

    const tooLong = await post(1123, { ...cdTerms, compounding: 'daily', earlyWithdrawalPenaltyMonths: 61 });
    expect(tooLong.status).toBe(400);
    expect(issuesOf(tooLong)).toContainEqual({ path: 'body.earlyWithdrawalPenaltyMonths', message: 'must be between 0 and 60' });
  });

  it('serves the fields in the pull', async () => {
    const bank = (await post(1130, { ...cdTerms, compounding: 'daily', earlyWithdrawalPenaltyMonths: 12, nonforfeitureRate: '1.5' })).json as Answer;
    const pull = await api.call(api.tokens.rep, 'GET', '/v1/sync/pull?limit=5000');
    expect(pull.status).toBe(200);
    const products = (pull.json as { changes: { products: Array<Answer & { productId: string }> } }).changes.products;
    expect(products.find((product) => product.productId === bank.productId)).toMatchObject({
      nonforfeitureRate: '1.5000',
      brokered: false,
      earlyWithdrawalPenaltyMonths: 12,
    });
  });
});
