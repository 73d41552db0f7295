// Revoking devices and users, and the offline policy (issue 14), over real tokens: a revoked device
// or user is refused everything with 403 access-revoked naming the scope and the admin's reason,
// except its uploads (what the rep saved still reaches the record); reinstating works at once on
// this server; every change is audited with its reason; the policy travels with each pull.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceAccess, SyncPolicy, UserAccess } from '../../../../src-shared/admin/access-revocation.js';
import { ClientHeader } from '../../../../src-shared/sync/client-report.js';
import type { PullResponse, PushResponse } from '../../../../src-shared/sync/protocol.js';
import { auditRowsOf, DEMO_LOGINS, productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';
import { verifiedComparison } from '../../../support/sync-fixtures.js';

let api: ApiHarness;
let productIds: string[];

beforeAll(async () => {
  api = await startApiHarness();
  productIds = [];
  for (const n of [1, 2]) {
    const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n) }));
    expect(created.status, created.body).toBe(201);
    productIds.push((created.json as { productId: string }).productId);
  }
  for (const token of [api.tokens.rep, api.tokens.rep2, api.tokens.admin]) expect((await api.call(token, 'GET', '/v1/me')).status).toBe(200);
});

afterAll(async () => {
  await api?.close();
});

const onDevice = (deviceId: string) => ({ [ClientHeader.deviceId]: deviceId });

async function userIdOf(login: keyof typeof DEMO_LOGINS): Promise<string> {
  const row = await api.owner.selectFrom('users').select('userId').where('email', '=', DEMO_LOGINS[login].username).executeTakeFirstOrThrow();
  return row.userId;
}

async function pushOne(token: string, headers: Record<string, string>) {
  const comparison = await verifiedComparison(api.owner, productIds, { comparisonDate: new Date().toISOString() });
  const response = await api.call(token, 'POST', '/v1/sync/push', { comparisons: [comparison] }, headers);
  return { response, comparison };
}

function expectRevoked(response: { status: number; json: unknown; body: string }, scope: 'device' | 'user', reason: string): void {
  expect(response.status, response.body).toBe(403);
  expect(response.json).toMatchObject({ type: 'https://ratedesk.example/problems/access-revoked', status: 403, scope, reason, detail: expect.stringContaining(reason) });
}

describe('revoking a device', () => {
  it('refuses the device (never seen before) everything but its uploads, until it is reinstated', async () => {
    const deviceId = randomUUID();
    const reason = 'Laptop reported stolen (ticket 4411)';
    expect(await api.owner.selectFrom('devices').selectAll().where('deviceId', '=', deviceId).execute()).toEqual([]);

    const revoked = await api.call(api.tokens.admin, 'POST', `/v1/admin/devices/${deviceId}/revoke`, { reason });
    expect(revoked.status, revoked.body).toBe(200);
    const access = revoked.json as DeviceAccess;
    expect(access).toMatchObject({ deviceId, reason, revokedBy: await userIdOf('admin') });
    expect(access.revokedAt).not.toBeNull();
    const audit = await auditRowsOf(api.owner, deviceId, 'DEACTIVATE');
    expect(audit).toEqual([expect.objectContaining({ tableName: 'devices', userId: await userIdOf('admin'), newValues: expect.objectContaining({ reason }) })]);

    // At once on this server: no cache lets the next pull through.
    expectRevoked(await api.call(api.tokens.rep, 'GET', '/v1/sync/pull', undefined, onDevice(deviceId)), 'device', reason);
    expectRevoked(await api.call(api.tokens.rep, 'GET', '/v1/me', undefined, onDevice(deviceId)), 'device', reason);
    // Whoever uses the device: the admin's own requests from it too.
    expectRevoked(await api.call(api.tokens.admin, 'GET', '/v1/sync/checksums', undefined, onDevice(deviceId)), 'device', reason);
    // Another laptop of the same rep is not affected.
    expect((await api.call(api.tokens.rep, 'GET', '/v1/sync/pull', undefined, onDevice(randomUUID()))).status).toBe(200);

    // The uploads still go through: the comparison reaches the record.
    const { response: pushed, comparison } = await pushOne(api.tokens.rep, onDevice(deviceId));
    expect(pushed.status, pushed.body).toBe(200);
    expect((pushed.json as PushResponse).results).toEqual([expect.objectContaining({ comparisonId: comparison.comparisonId, status: 'applied' })]);
    const events = await api.call(api.tokens.rep, 'POST', '/v1/records/events', { events: [] }, onDevice(deviceId));
    expect(events.status, events.body).not.toBe(403);

    const reinstated = await api.call(api.tokens.admin, 'POST', `/v1/admin/devices/${deviceId}/reinstate`);
    expect(reinstated.status, reinstated.body).toBe(200);
    expect(reinstated.json).toEqual({ deviceId, revokedAt: null, revokedBy: null, reason: null });
    expect(await auditRowsOf(api.owner, deviceId, 'REACTIVATE')).toEqual([expect.objectContaining({ tableName: 'devices', oldValues: expect.objectContaining({ reason }) })]);
    expect((await api.call(api.tokens.rep, 'GET', '/v1/sync/pull', undefined, onDevice(deviceId))).status).toBe(200);
  });

  it('answers 404 when reinstating a device it never heard of', async () => {
    const response = await api.call(api.tokens.admin, 'POST', `/v1/admin/devices/${randomUUID()}/reinstate`);
    expect(response.status).toBe(404);
  });
});

describe('revoking a user', () => {
  it('refuses the user on every device, keeps their uploads open, and is undone by reinstating', async () => {
    const rep2 = await userIdOf('rep2');
    const reason = 'Left the firm on 2026-12-01';
    const revoked = await api.call(api.tokens.admin, 'POST', `/v1/admin/users/${rep2}/revoke-access`, { reason });
    expect(revoked.status, revoked.body).toBe(200);
    expect(revoked.json).toMatchObject({ userId: rep2, email: DEMO_LOGINS.rep2.username, reason } satisfies Partial<UserAccess>);
    expect(await auditRowsOf(api.owner, rep2, 'DEACTIVATE')).toEqual([expect.objectContaining({ tableName: 'users', newValues: expect.objectContaining({ reason }) })]);

    expectRevoked(await api.call(api.tokens.rep2, 'GET', '/v1/sync/pull'), 'user', reason);
    expectRevoked(await api.call(api.tokens.rep2, 'GET', '/v1/sync/pull', undefined, onDevice(randomUUID())), 'user', reason);
    expect((await api.call(api.tokens.rep, 'GET', '/v1/sync/pull')).status).toBe(200);
    const { response: pushed } = await pushOne(api.tokens.rep2, {});
    expect(pushed.status, pushed.body).toBe(200);
    expect((pushed.json as PushResponse).results[0]?.status).toBe('applied');

    const reinstated = await api.call(api.tokens.admin, 'POST', `/v1/admin/users/${rep2}/reinstate-access`);
    expect(reinstated.status, reinstated.body).toBe(200);
    expect(reinstated.json).toMatchObject({ userId: rep2, revokedAt: null, reason: null });
    expect((await api.call(api.tokens.rep2, 'GET', '/v1/sync/pull')).status).toBe(200);
  });

  it('does not let an admin revoke their own access', async () => {
    const admin = await userIdOf('admin');
    const response = await api.call(api.tokens.admin, 'POST', `/v1/admin/users/${admin}/revoke-access`, { reason: 'oops' });
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ issues: [{ path: 'params.userId', message: expect.stringContaining('your own') }] });
    expect((await api.call(api.tokens.admin, 'GET', '/v1/admin/sync-policy')).status).toBe(200);
  });
});

describe('the offline policy', () => {
  it('defaults to 30 days, is changed by an admin (audited) and reaches the laptops with the next pull', async () => {
    const initial = await api.call(api.tokens.admin, 'GET', '/v1/admin/sync-policy');
    expect(initial.status, initial.body).toBe(200);
    expect(initial.json).toMatchObject({ maxOfflineDays: 30, updatedBy: null });
    expect((await api.call(api.tokens.rep, 'GET', '/v1/sync/pull')).json).toMatchObject({ cachePolicy: { maxOfflineDays: 30 } });

    const changed = await api.call(api.tokens.admin, 'PUT', '/v1/admin/sync-policy', { maxOfflineDays: 7 });
    expect(changed.status, changed.body).toBe(200);
    expect(changed.json).toMatchObject({ maxOfflineDays: 7, updatedBy: await userIdOf('admin') } satisfies Partial<SyncPolicy>);
    const audit = await api.owner.selectFrom('auditLog').selectAll().where('tableName', '=', 'sync_policy').execute();
    expect(audit).toEqual([expect.objectContaining({ actionType: 'UPDATE', oldValues: { maxOfflineDays: 30 }, newValues: { maxOfflineDays: 7 } })]);
    const page = (await api.call(api.tokens.rep, 'GET', '/v1/sync/pull')).json as PullResponse;
    expect(page.cachePolicy).toEqual({ maxOfflineDays: 7 });

    const refused = await api.call(api.tokens.admin, 'PUT', '/v1/admin/sync-policy', { maxOfflineDays: 400 });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ issues: [{ path: 'body.maxOfflineDays', message: expect.stringContaining('1 to 365') }] });
    expect((await api.call(api.tokens.admin, 'PUT', '/v1/admin/sync-policy', { maxOfflineDays: 30 })).status).toBe(200);
  });
});
