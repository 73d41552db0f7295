// Issue 13 through the admin API: carriers (list, add, replace, retire and restore, the NAIC code
// unique), products naming their carrier and MVA reference rate, and a product's state approvals
// (add, withdraw with a reason, retire a mistaken one). Every refusal names the field; every write
// leaves its audit row; a sales rep is refused every route.
import { describe, expect, it } from 'vitest';
import { auditRowsOf, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';
import type { Carrier } from '../../../../src-shared/catalog/carriers.js';
import type { StateApproval } from '../../../../src-shared/catalog/state-approvals.js';

let api: ApiHarness;
useApiHarness((started) => {
  api = started;
});

type Issue = { path: string; message: string };
const issuesOf = (response: { json: unknown }): Issue[] => (response.json as { issues?: Issue[] }).issues ?? [];
const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) => api.call(api.tokens.admin, method, url, body);

const RATED = { amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30' } as const;
const carrierBody = (naicCode: string, overrides: Record<string, unknown> = {}) => ({ carrierName: `Carrier ${naicCode} Life`, naicCode, ...RATED, ...overrides });

async function newCarrier(naicCode: string, overrides: Record<string, unknown> = {}): Promise<Carrier> {
  const response = await admin('POST', '/v1/admin/carriers', carrierBody(naicCode, overrides));
  expect(response.status, response.body).toBe(201);
  return response.json as Carrier;
}

async function newProduct(n: number, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await admin('POST', '/v1/admin/products', productBody({ cusip: testCusip(n), ...overrides }));
  expect(response.status, response.body).toBe(201);
  return (response.json as { productId: string }).productId;
}

describe('carriers', () => {
  it('are added, listed, replaced, retired and restored, each change audited', async () => {
    const carrier = await newCarrier('60054');
    expect(carrier).toMatchObject({ naicCode: '60054', amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30', isActive: true, createdBy: 'admin@ratedesk.test' });
    const [create] = await auditRowsOf(api.owner, carrier.carrierId, 'CREATE');
    expect(create).toMatchObject({ tableName: 'carriers', newValues: { naicCode: '60054', amBestRating: 'A+' } });

    const replaced = await admin('PUT', `/v1/admin/carriers/${carrier.carrierId}`, carrierBody('60054', { amBestRating: 'A', amBestOutlook: 'negative', ratingAsOf: '2026-11-02' }));
    expect(replaced.status, replaced.body).toBe(200);
    expect(replaced.json).toMatchObject({ amBestRating: 'A', amBestOutlook: 'negative', ratingAsOf: '2026-11-02' });
    const [update] = await auditRowsOf(api.owner, carrier.carrierId, 'UPDATE');
    expect(update).toMatchObject({
      tableName: 'carriers',
      oldValues: { amBestRating: 'A+', amBestOutlook: 'stable', ratingAsOf: '2026-06-30' },
      newValues: { amBestRating: 'A', amBestOutlook: 'negative', ratingAsOf: '2026-11-02' },
    });

    const retired = await admin('POST', `/v1/admin/carriers/${carrier.carrierId}/deactivate`, { reason: 'Merged into another carrier' });
    expect(retired.status, retired.body).toBe(200);
    expect(retired.json).toMatchObject({ isActive: false });
    const [deactivate] = await auditRowsOf(api.owner, carrier.carrierId, 'DEACTIVATE');
    expect(deactivate?.newValues).toEqual({ isActive: false, reason: 'Merged into another carrier' });

    const list = await admin('GET', '/v1/admin/carriers');
    expect(list.status).toBe(200);
    expect((list.json as { carriers: Carrier[] }).carriers).toContainEqual(expect.objectContaining({ carrierId: carrier.carrierId, isActive: false }));

    const restored = await admin('POST', `/v1/admin/carriers/${carrier.carrierId}/reactivate`, {});
    expect(restored.json).toMatchObject({ isActive: true });
    expect(await auditRowsOf(api.owner, carrier.carrierId, 'REACTIVATE')).toHaveLength(1);
  });

  it('are refused with the field named: bad NAIC code, unknown rating, rating without its date, a NAIC code taken', async () => {
    await newCarrier('61689');
    const cases: Array<[Record<string, unknown>, Issue]> = [
      [carrierBody('6168'), { path: 'body.naicCode', message: 'must be the five-digit NAIC company code, e.g. "60054"' }],
      [carrierBody('70000', { amBestRating: 'AAA' }), { path: 'body.amBestRating', message: expect.stringContaining('must be one of "A++"') as string }],
      [carrierBody('70001', { ratingAsOf: null }), { path: 'body.ratingAsOf', message: 'is required when amBestRating is given' }],
      [carrierBody('70002', { amBestRating: null, amBestOutlook: null }), { path: 'body.ratingAsOf', message: 'must be null when amBestRating is null (not rated)' }],
      [carrierBody('70003', { carrierName: '  ' }), { path: 'body.carrierName', message: 'must not be blank' }],
    ];
    for (const [body, issue] of cases) {
      const response = await admin('POST', '/v1/admin/carriers', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(issuesOf(response)).toContainEqual(issue);
    }
    const taken = await admin('POST', '/v1/admin/carriers', carrierBody('61689', { carrierName: 'Someone Else Life' }));
    expect(taken.status).toBe(409);
    expect(issuesOf(taken)[0]?.path).toBe('body.naicCode');
    const stored = await api.owner.selectFrom('carriers').select('naicCode').where('naicCode', 'in', ['6168', '70000', '70001', '70002', '70003']).execute();
    expect(stored).toEqual([]);
  });

  it('refuse a sales rep on every route', async () => {
    const carrier = await newCarrier('62200');
    const rep = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => api.call(api.tokens.rep, method, url, body);
    expect((await rep('GET', '/v1/admin/carriers')).status).toBe(403);
    expect((await rep('POST', '/v1/admin/carriers', carrierBody('62201'))).status).toBe(403);
    expect((await rep('PUT', `/v1/admin/carriers/${carrier.carrierId}`, carrierBody('62200'))).status).toBe(403);
    expect((await rep('POST', `/v1/admin/carriers/${carrier.carrierId}/deactivate`, {})).status).toBe(403);
  });
});

describe('products and their carrier and MVA reference rate', () => {
  it('store the carrier and the reference rate, and refuse a retired or unknown carrier by field', async () => {
    const carrier = await newCarrier('63000');
    const mva = { mvaApplies: true, mvaSpread: '0.25', mvaReferenceIndex: '10-year US Treasury constant maturity', mvaReferenceRate: '4.1' };
    const created = await admin('POST', '/v1/admin/products', productBody({ cusip: testCusip(1401), carrierId: carrier.carrierId, ...mva }));
    expect(created.status, created.body).toBe(201);
    expect(created.json).toMatchObject({ carrierId: carrier.carrierId, mvaReferenceRate: '4.1000' });

    const withoutRate = await admin('POST', '/v1/admin/products', productBody({ cusip: testCusip(1402), ...mva, mvaReferenceRate: null }));
    expect(withoutRate.status).toBe(400);
    expect(issuesOf(withoutRate)).toContainEqual({ path: 'body.mvaReferenceRate', message: expect.stringContaining('is required when mvaApplies is true') as string });

    const unknown = await admin('POST', '/v1/admin/products', productBody({ cusip: testCusip(1403), carrierId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.status).toBe(400);
    expect(issuesOf(unknown)).toEqual([{ path: 'body.carrierId', message: 'is not a carrier in the catalog' }]);

    const retired = await newCarrier('63001');
    await admin('POST', `/v1/admin/carriers/${retired.carrierId}/deactivate`, {});
    const productId = (created.json as { productId: string }).productId;
    const repoint = await admin('PATCH', `/v1/admin/products/${productId}`, { carrierId: retired.carrierId });
    expect(repoint.status).toBe(400);
    expect(issuesOf(repoint)[0]).toMatchObject({ path: 'body.carrierId', message: expect.stringContaining('retired carrier') as string });

    // A product keeps its carrier when the carrier retires later: other changes still go through.
    await admin('POST', `/v1/admin/carriers/${carrier.carrierId}/deactivate`, {});
    const renamed = await admin('PATCH', `/v1/admin/products/${productId}`, { productName: 'Renamed 5-Year MYGA', mvaReferenceRate: '4.25' });
    expect(renamed.status, renamed.body).toBe(200);
    expect(renamed.json).toMatchObject({ carrierId: carrier.carrierId, mvaReferenceRate: '4.2500' });
    const [update] = await auditRowsOf(api.owner, productId, 'UPDATE');
    expect(update).toMatchObject({ oldValues: { mvaReferenceRate: '4.1000' }, newValues: { mvaReferenceRate: '4.2500' } });
  });
});

describe('state approvals', () => {
  const approvals = (productId: string) => `/v1/admin/products/${productId}/state-approvals`;

  it('are added, withdrawn with a reason and retired, each audited and stamped for the sync', async () => {
    const productId = await newProduct(1410);
    const added = await admin('POST', approvals(productId), { stateCode: 'NY', approvedFrom: '2026-01-01' });
    expect(added.status, added.body).toBe(201);
    const approval = added.json as StateApproval;
    expect(approval).toMatchObject({ productId, stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: null, isActive: true });
    expect(await auditRowsOf(api.owner, approval.approvalId, 'CREATE')).toEqual([
      expect.objectContaining({ tableName: 'product_state_approvals', newValues: expect.objectContaining({ stateCode: 'NY' }) as unknown }),
    ]);
    const versionOf = async () =>
      (await api.owner.selectFrom('productStateApprovals').select('changeVersion').where('approvalId', '=', approval.approvalId).executeTakeFirstOrThrow()).changeVersion;
    const versionBefore = BigInt(await versionOf());

    const withdrawn = await admin('POST', `/v1/admin/state-approvals/${approval.approvalId}/withdraw`, { approvedUntil: '2026-12-31', reason: 'Filing withdrawn by the carrier' });
    expect(withdrawn.status, withdrawn.body).toBe(200);
    expect(withdrawn.json).toMatchObject({ approvedUntil: '2026-12-31', isActive: true });
    expect(BigInt(await versionOf())).toBeGreaterThan(versionBefore);
    const [update] = await auditRowsOf(api.owner, approval.approvalId, 'UPDATE');
    expect(update).toMatchObject({ oldValues: { approvedUntil: null }, newValues: { approvedUntil: '2026-12-31', reason: 'Filing withdrawn by the carrier' } });

    // The state can be approved again after the withdrawal, not during it.
    const during = await admin('POST', approvals(productId), { stateCode: 'NY', approvedFrom: '2026-12-31' });
    expect(during.status).toBe(400);
    expect(issuesOf(during)[0]).toMatchObject({ path: 'body.approvedFrom', message: expect.stringContaining(`overlaps the NY approval ${approval.approvalId}`) as string });
    const after = await admin('POST', approvals(productId), { stateCode: 'NY', approvedFrom: '2027-01-01', approvedUntil: null });
    expect(after.status, after.body).toBe(201);

    const mistaken = await admin('POST', approvals(productId), { stateCode: 'NJ', approvedFrom: '2026-03-01' });
    const mistakenId = (mistaken.json as StateApproval).approvalId;
    const retired = await admin('POST', `/v1/admin/state-approvals/${mistakenId}/retire`, { reason: 'Entered for the wrong product' });
    expect(retired.status, retired.body).toBe(200);
    expect(retired.json).toMatchObject({ isActive: false });
    expect((await auditRowsOf(api.owner, mistakenId, 'DEACTIVATE'))[0]?.newValues).toEqual({ isActive: false, reason: 'Entered for the wrong product' });

    const list = await admin('GET', approvals(productId));
    expect(list.status).toBe(200);
    const listed = (list.json as { approvals: StateApproval[] }).approvals.map((entry) => [entry.stateCode, entry.approvedFrom, entry.approvedUntil, entry.isActive]);
    expect(listed).toEqual([
      ['NJ', '2026-03-01', null, false],
      ['NY', '2026-01-01', '2026-12-31', true],
      ['NY', '2027-01-01', null, true],
    ]);
  });

  it('are refused with the field named: unknown state, until before from, a withdrawal before the start, a reason missing, a CD', async () => {
    const productId = await newProduct(1420);
    const cases: Array<[Record<string, unknown>, Issue]> = [
      [{ stateCode: 'XX', approvedFrom: '2026-01-01' }, { path: 'body.stateCode', message: 'must be a two-letter USPS code of one of the 50 states or DC, e.g. "NY"' }],
      [{ stateCode: 'PR', approvedFrom: '2026-01-01' }, { path: 'body.stateCode', message: expect.stringContaining('50 states or DC') as string }],
      [{ stateCode: 'CA', approvedFrom: '2026-05-01', approvedUntil: '2026-04-30' }, { path: 'body.approvedUntil', message: 'must be on or after approvedFrom' }],
      [{ stateCode: 'CA', approvedFrom: '2026-02-30' }, { path: 'body.approvedFrom', message: expect.any(String) as string }],
    ];
    for (const [body, issue] of cases) {
      const response = await admin('POST', approvals(productId), body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(issuesOf(response)).toContainEqual(issue);
    }
    const approval = (await admin('POST', approvals(productId), { stateCode: 'TX', approvedFrom: '2026-06-01' })).json as StateApproval;
    const early = await admin('POST', `/v1/admin/state-approvals/${approval.approvalId}/withdraw`, { approvedUntil: '2026-05-31', reason: 'x' });
    expect(issuesOf(early)).toEqual([{ path: 'body.approvedUntil', message: 'must be on or after approvedFrom (2026-06-01)' }]);
    const noReason = await admin('POST', `/v1/admin/state-approvals/${approval.approvalId}/withdraw`, { approvedUntil: '2026-07-31' });
    expect(noReason.status).toBe(400);
    expect(issuesOf(noReason)[0]?.path).toBe('body.reason');

    const cd = await newProduct(1421, { productType: 'CD', productName: 'Test CD', bonusRate: '0', bonusYears: 0, termYears: 3, surrenderSchedule: [], freeWithdrawalPercent: '0', guaranteedMinimumRate: '0', compounding: 'daily', earlyWithdrawalPenaltyMonths: 6 });
    const onCd = await admin('POST', approvals(cd), { stateCode: 'NY', approvedFrom: '2026-01-01' });
    expect(onCd.status).toBe(400);
    expect(issuesOf(onCd)[0]).toMatchObject({ path: 'params.productId', message: expect.stringContaining('not state-filed') as string });

    const stored = await api.owner.selectFrom('productStateApprovals').select('stateCode').where('productId', 'in', [productId, cd]).execute();
    expect(stored).toEqual([{ stateCode: 'TX' }]);
  });

  it('refuse a sales rep on every route', async () => {
    const productId = await newProduct(1430);
    const approval = (await admin('POST', approvals(productId), { stateCode: 'OH', approvedFrom: '2026-01-01' })).json as StateApproval;
    const rep = (method: 'GET' | 'POST', url: string, body?: unknown) => api.call(api.tokens.rep, method, url, body);
    expect((await rep('GET', approvals(productId))).status).toBe(403);
    expect((await rep('POST', approvals(productId), { stateCode: 'OH', approvedFrom: '2027-01-01' })).status).toBe(403);
    expect((await rep('POST', `/v1/admin/state-approvals/${approval.approvalId}/withdraw`, { approvedUntil: '2026-06-30', reason: 'r' })).status).toBe(403);
    expect((await rep('POST', `/v1/admin/state-approvals/${approval.approvalId}/retire`, { reason: 'r' })).status).toBe(403);
    expect((await rep('POST', '/v1/admin/state-approval-sheets', 'cusip,state,approved_from,approved_until\n', )).status).toBe(403);
  });
});
