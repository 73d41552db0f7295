// Crediting strategies of FIAs through the admin API, with "today" pinned to 2031-03-10 (New York):
// added, replaced and retired by admins only, refused with the field named (not an FIA, a repeated
// code, an unknown method, an index on the fixed account), audited in the same transaction.
import { describe, expect, it } from 'vitest';
import { auditRowsOf, databaseDigest, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';

const NOW = new Date('2031-03-10T15:00:00Z');

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
}, { app: { clock: () => NOW } });

interface Issue {
  path: string;
  message: string;
}

const issuesOf = (response: { json: unknown }): Issue[] => (response.json as { issues?: Issue[] }).issues ?? [];

export const capStrategy = {
  strategyCode: 'SPX-CAP-1Y',
  strategyName: 'Annual point-to-point with a cap',
  indexName: 'Demo Index (synthetic)',
  creditingMethod: 'cap',
  guaranteedRate: '1.5',
  floorRate: '0',
  sortOrder: 0,
};

async function createProduct(n: number, productType: 'FIA' | 'MYGA'): Promise<string> {
  const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n), productType }));
  expect(response.status, response.body).toBe(201);
  return (response.json as { productId: string }).productId;
}

async function addStrategy(productId: string, body: Record<string, unknown>, token = api.tokens.admin) {
  return api.call(token, 'POST', `/v1/admin/products/${productId}/strategies`, body);
}

describe('crediting strategies of an FIA', () => {
  it('are added, listed, replaced and retired, each change audited', async () => {
    const productId = await createProduct(2001, 'FIA');
    const added = await addStrategy(productId, capStrategy);
    expect(added.status, added.body).toBe(201);
    const strategy = added.json as { strategyId: string; guaranteedRate: string; isActive: boolean; createdBy: string };
    expect(strategy).toMatchObject({ guaranteedRate: '1.5000', floorRate: '0.0000', isActive: true, createdBy: 'admin@ratedesk.test' });
    const [create] = await auditRowsOf(api.owner, strategy.strategyId, 'CREATE');
    expect(create).toMatchObject({ tableName: 'fia_strategies', newValues: { strategyCode: 'SPX-CAP-1Y', guaranteedRate: '1.5000' } });

    const fixed = await addStrategy(productId, { ...capStrategy, strategyCode: 'FIXED', strategyName: 'Fixed account', indexName: null, creditingMethod: 'fixed', guaranteedRate: '1', sortOrder: 1 });
    expect(fixed.status, fixed.body).toBe(201);

    const replaced = await api.call(api.tokens.admin, 'PUT', `/v1/admin/strategies/${strategy.strategyId}`, { ...capStrategy, strategyName: 'S&P-style cap, annual', guaranteedRate: '2' });
    expect(replaced.status, replaced.body).toBe(200);
    expect(replaced.json).toMatchObject({ strategyName: 'S&P-style cap, annual', guaranteedRate: '2.0000' });
    const [update] = await auditRowsOf(api.owner, strategy.strategyId, 'UPDATE');
    expect(update).toMatchObject({ oldValues: { strategyName: capStrategy.strategyName, guaranteedRate: '1.5000' }, newValues: { strategyName: 'S&P-style cap, annual', guaranteedRate: '2.0000' } });

    const retired = await api.call(api.tokens.admin, 'POST', `/v1/admin/strategies/${strategy.strategyId}/deactivate`, { reason: 'closed to new money' });
    expect(retired.status, retired.body).toBe(200);
    expect(retired.json).toMatchObject({ isActive: false });
    const [deactivate] = await auditRowsOf(api.owner, strategy.strategyId, 'DEACTIVATE');
    expect(deactivate?.newValues).toEqual({ isActive: false, reason: 'closed to new money' });

    const list = await api.call(api.tokens.admin, 'GET', `/v1/admin/products/${productId}/strategies`);
    expect(list.status, list.body).toBe(200);
    const listed = (list.json as { strategies: { strategyCode: string; isActive: boolean }[] }).strategies;
    expect(listed.map((s) => [s.strategyCode, s.isActive])).toEqual([
      ['SPX-CAP-1Y', false],
      ['FIXED', true],
    ]);
  });

  it('are admin-only: a sales rep gets 403 and nothing is written', async () => {
    const productId = await createProduct(2002, 'FIA');
    const before = await databaseDigest(api.owner);
    const refused = await addStrategy(productId, capStrategy, api.tokens.rep);
    expect(refused.status).toBe(403);
    expect((await api.call(api.tokens.rep, 'GET', `/v1/admin/products/${productId}/strategies`)).status).toBe(403);
    expect((await api.call(api.tokens.compliance, 'GET', `/v1/admin/products/${productId}/strategies`)).status).toBe(403);
    expect((await databaseDigest(api.owner))['fia_strategies']).toBe(before['fia_strategies']);
  });

  it('are refused with the field named', async () => {
    const productId = await createProduct(2003, 'FIA');
    const myga = await createProduct(2004, 'MYGA');
    const notFia = await addStrategy(myga, capStrategy);
    expect(notFia.status).toBe(409);
    expect(issuesOf(notFia)).toEqual([{ path: 'params.productId', message: 'is a MYGA; crediting strategies belong to fixed indexed annuities (FIA)' }]);

    const cases: [Record<string, unknown>, Issue][] = [
      [{ creditingMethod: 'trigger' }, { path: 'body.creditingMethod', message: 'must be one of "cap", "participation", "spread", "fixed"' }],
      [{ creditingMethod: 'fixed' }, { path: 'body.indexName', message: 'must be null for a fixed account (creditingMethod "fixed")' }],
      [{ indexName: null }, { path: 'body.indexName', message: 'is required for an index strategy (creditingMethod "cap")' }],
      [{ strategyCode: 'spx cap' }, { path: 'body.strategyCode', message: expect.stringContaining('upper-case letters') as string }],
      [{ indexName: 'x'.repeat(121) }, { path: 'body.indexName', message: 'must be at most 120 characters' }],
    ];
    for (const [overrides, issue] of cases) {
      const response = await addStrategy(productId, { ...capStrategy, ...overrides });
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(issuesOf(response)).toContainEqual(issue);
    }

    expect((await addStrategy(productId, capStrategy)).status).toBe(201);
    const repeated = await addStrategy(productId, { ...capStrategy, strategyName: 'Another' });
    expect(repeated.status).toBe(409);
    expect(issuesOf(repeated)[0]).toMatchObject({ path: 'body.strategyCode', message: expect.stringContaining('SPX-CAP-1Y is already used') as string });
    const rows = await api.owner.selectFrom('fiaStrategies').select('strategyCode').where('productId', 'in', [productId, myga]).execute();
    expect(rows).toEqual([{ strategyCode: 'SPX-CAP-1Y' }]);
  });

  it('keep their crediting method once rates are published, and a guarantee no rate to come breaks', async () => {
    const productId = await createProduct(2005, 'FIA');
    const { strategyId } = (await addStrategy(productId, capStrategy)).json as { strategyId: string };
    const published = await api.call(api.tokens.admin, 'POST', `/v1/admin/strategies/${strategyId}/rates`, { rate: '8.5', effectiveDate: '2031-03-10' });
    expect(published.status, published.body).toBe(201);

    const method = await api.call(api.tokens.admin, 'PUT', `/v1/admin/strategies/${strategyId}`, { ...capStrategy, creditingMethod: 'participation' });
    expect(method.status).toBe(400);
    expect(issuesOf(method)[0]).toMatchObject({ path: 'body.creditingMethod', message: expect.stringContaining('once rates are published') as string });

    const guarantee = await api.call(api.tokens.admin, 'PUT', `/v1/admin/strategies/${strategyId}`, { ...capStrategy, guaranteedRate: '9' });
    expect(guarantee.status).toBe(400);
    expect(issuesOf(guarantee)[0]).toMatchObject({ path: 'body.guaranteedRate', message: expect.stringContaining('8.5000 published from 2031-03-10') as string });
    expect(await api.owner.selectFrom('fiaStrategies').select(['creditingMethod', 'guaranteedRate']).where('strategyId', '=', strategyId).executeTakeFirst()).toEqual({
      creditingMethod: 'cap',
      guaranteedRate: '1.5000',
    });
  });
});
