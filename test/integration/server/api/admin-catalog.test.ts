// Products and availability windows through the admin API: what is stored, what is refused, and
// the audit row written in the same transaction as each change.
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../../../src-shared/dates.js';
import { auditRowsOf, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;

interface ProductAnswer {
  productId: string;
  cusip: string;
  baseRate: string;
  maximumInvestment: string | null;
  minimumInvestment: string;
  isActive: boolean;
  updatedBy: string;
  surrenderSchedule: string[];
}

useApiHarness((started) => {
  api = started;
});

async function createProduct(n: number, overrides: Record<string, unknown> = {}): Promise<ProductAnswer> {
  const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n), ...overrides }));
  expect(response.status, response.body).toBe(201);
  return response.json as ProductAnswer;
}

const auditOf = (recordId: string) => auditRowsOf(api.owner, recordId);

describe('POST /v1/admin/products', () => {
  it('stores the product with exact decimals, its first dated rate, and audits both', async () => {
    const response = await api.call(
      api.tokens.admin,
      'POST',
      '/v1/admin/products',
      productBody({ cusip: testCusip(100), baseRate: '4.25', minimumInvestment: '25000', surrenderSchedule: ['7', '6.5'] }),
      { 'user-agent': 'RateDesk Admin/1.0' },
    );
    expect(response.status, response.body).toBe(201);
    const product = response.json as ProductAnswer;
    expect(response.headers.location).toBe(`/v1/admin/products/${product.productId}`);
    expect(product).toMatchObject({ baseRate: '4.2500', minimumInvestment: '25000.00', surrenderSchedule: ['7.0000', '6.5000'], isActive: true });

    const stored = await api.owner.selectFrom('products').selectAll().where('productId', '=', product.productId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ cusip: testCusip(100), baseRate: '4.2500', createdBy: 'admin@ratedesk.test', updatedBy: 'admin@ratedesk.test' });

    const rates = await api.owner.selectFrom('rateHistory').selectAll().where('productId', '=', product.productId).execute();
    expect(rates).toHaveLength(1);
    expect(rates[0]).toMatchObject({ baseRate: '4.2500', bonusRate: '1.0000', effectiveDate: businessDate(new Date(), 'America/New_York'), endDate: null });

    const me = (await api.call(api.tokens.admin, 'GET', '/v1/me')).json as { userId: string; sessionId: string };
    const [created] = await auditOf(product.productId);
    expect(created).toMatchObject({
      actionType: 'CREATE',
      tableName: 'products',
      userId: me.userId,
      sessionId: me.sessionId,
      ipAddress: '127.0.0.1',
      userAgent: 'RateDesk Admin/1.0',
      oldValues: null,
      newValues: expect.objectContaining({ cusip: testCusip(100), baseRate: '4.2500' }),
    });
    expect(created?.requestId).toEqual(expect.any(String));
    const [published] = await auditOf(rates[0]?.rateHistoryId ?? '');
    expect(published).toMatchObject({ actionType: 'PUBLISH', tableName: 'rate_history' });
  });

  it('refuses a CUSIP that is already in the catalog (409) and writes nothing', async () => {
    await createProduct(101);
    const before = await api.owner.selectFrom('products').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(101), productName: 'Other' }));
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/conflict', issues: [{ path: 'body.cusip' }] });
    const after = await api.owner.selectFrom('products').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('applies the same cross-field rules as the desktop editor, naming each field', async () => {
    const response = await api.call(
      api.tokens.admin,
      'POST',
      '/v1/admin/products',
      productBody({ cusip: testCusip(102), minimumInvestment: '5000', maximumInvestment: '1000', returnOfPremium: true, returnOfPremiumPercentage: null }),
    );
    expect(response.status).toBe(400);
    const issues = (response.json as { issues: { path: string; message: string }[] }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'body.maximumInvestment', message: 'must be greater than or equal to minimumInvestment' },
        { path: 'body.returnOfPremiumPercentage', message: 'is required when returnOfPremium is true' },
      ]),
    );
  });

  it('refuses an initial rate dated in the past', async () => {
    const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(103), rateEffectiveDate: '2020-01-01' }));
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ issues: [{ path: 'body.rateEffectiveDate' }] });
  });
});

describe('PATCH /v1/admin/products/:productId', () => {
  it('changes only the given fields and audits old and new values', async () => {
    const product = await createProduct(110);
    const response = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${product.productId}`, {
      productName: 'Renamed MYGA',
      maximumInvestment: '2000000',
    });
    expect(response.status, response.body).toBe(200);
    expect(response.json).toMatchObject({ productName: 'Renamed MYGA', maximumInvestment: '2000000.00', baseRate: product.baseRate });
    const audit = (await auditOf(product.productId)).filter((row) => row.actionType === 'UPDATE');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      oldValues: { productName: 'Test 5-Year MYGA', maximumInvestment: '1000000.00' },
      newValues: { productName: 'Renamed MYGA', maximumInvestment: '2000000.00' },
    });
  });

  it('keeps fields the change leaves out, including those with a default on create', async () => {
    const product = await createProduct(114, { bonusYears: 3 });
    const response = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${product.productId}`, { productName: 'Still three bonus years' });
    expect(response.status, response.body).toBe(200);
    expect(response.json).toMatchObject({ productName: 'Still three bonus years', bonusYears: 3 });
  });

  it('validates the merged product: a maximum below the stored minimum is refused', async () => {
    const product = await createProduct(111, { minimumInvestment: '50000' });
    const response = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${product.productId}`, { maximumInvestment: '10000' });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ issues: [{ path: 'body.maximumInvestment', message: 'must be greater than or equal to minimumInvestment' }] });
    const stored = await api.owner.selectFrom('products').select('maximumInvestment').where('productId', '=', product.productId).executeTakeFirstOrThrow();
    expect(stored.maximumInvestment).toBe('1000000.00');
  });

  it('sends rate changes to rate publishing', async () => {
    const product = await createProduct(112);
    const response = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${product.productId}`, { baseRate: '5.0000' });
    expect(response.status).toBe(400);
    expect((response.json as { issues: { path: string; message: string }[] }).issues[0]).toMatchObject({
      path: 'body.baseRate',
      message: expect.stringContaining('/rates'),
    });
  });

  it('writes nothing when the change repeats the stored values', async () => {
    const product = await createProduct(113);
    const response = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${product.productId}`, { minimumInvestment: '10000' });
    expect(response.status).toBe(200);
    expect((await auditOf(product.productId)).filter((row) => row.actionType === 'UPDATE')).toHaveLength(0);
  });

  it('answers 404 for an unknown product', async () => {
    const response = await api.call(api.tokens.admin, 'PATCH', '/v1/admin/products/6d1f3c1a-1111-4222-8333-944455556666', { productName: 'X' });
    expect(response.status).toBe(404);
  });
});

describe('deactivate and reactivate', () => {
  it('withdraws and restores a product, auditing each with the reason', async () => {
    const product = await createProduct(120);
    const off = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/deactivate`, { reason: 'issuer withdrew it' });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ isActive: false });
    const again = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/deactivate`);
    expect(again.status).toBe(200);
    const on = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/reactivate`);
    expect(on.json).toMatchObject({ isActive: true });
    const actions = (await auditOf(product.productId)).map((row) => [row.actionType, row.newValues]);
    expect(actions).toEqual([
      ['CREATE', expect.anything()],
      ['DEACTIVATE', { isActive: false, reason: 'issuer withdrew it' }],
      ['REACTIVATE', { isActive: true }],
    ]);
  });
});

describe('availability windows', () => {
  it('creates, moves and deactivates windows, refusing overlaps', async () => {
    const product = await createProduct(130);
    const first = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/availability`, {
      startDate: '2030-01-01',
      endDate: '2030-06-30',
    });
    expect(first.status, first.body).toBe(201);
    const window = first.json as { availabilityId: string; endDate: string | null };
    expect(window).toMatchObject({ productId: product.productId, startDate: '2030-01-01', endDate: '2030-06-30', isActive: true });

    const overlapping = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/availability`, {
      startDate: '2030-06-30',
    });
    expect(overlapping.status).toBe(409);
    expect((overlapping.json as { detail: string }).detail).toContain(window.availabilityId);

    const next = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/availability`, { startDate: '2030-07-01' });
    expect(next.status).toBe(201);
    expect(next.json).toMatchObject({ endDate: null });

    const moved = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/availability/${window.availabilityId}`, { endDate: '2030-05-31' });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ startDate: '2030-01-01', endDate: '2030-05-31' });

    const inverted = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/availability/${window.availabilityId}`, { startDate: '2030-06-15' });
    expect(inverted.status).toBe(400);

    const off = await api.call(api.tokens.admin, 'POST', `/v1/admin/availability/${window.availabilityId}/deactivate`, { reason: 'replaced' });
    expect(off.json).toMatchObject({ isActive: false });
    const locked = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/availability/${window.availabilityId}`, { endDate: '2030-05-30' });
    expect(locked.status).toBe(409);

    const actions = (await auditOf(window.availabilityId)).map((row) => row.actionType);
    expect(actions).toEqual(['CREATE', 'UPDATE', 'DEACTIVATE']);
  });

  it('answers 404 for an unknown product or window', async () => {
    const unknown = '6d1f3c1a-1111-4222-8333-944455556666';
    expect((await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${unknown}/availability`, { startDate: '2030-01-01' })).status).toBe(404);
    expect((await api.call(api.tokens.admin, 'PATCH', `/v1/admin/availability/${unknown}`, { endDate: '2030-01-01' })).status).toBe(404);
  });
});
