// Delivery receipts and the fleet view (issue 14) on the real stack: a pull records its device and
// receipt, and "who has publication X" follows the cursor each device's copy reaches with its last pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetDeliveryPage, FleetDevicePage, RecentPublicationList } from '../../../../src-shared/admin/fleet.js';
import { ClientHeader, PROTOCOL_VERSION } from '../../../../src-shared/sync/client-report.js';
import type { PullResponse } from '../../../../src-shared/sync/protocol.js';
import { productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;

const laptopA = '0f5b8e1c-1a2b-4c3d-8e4f-5a6b7c8d9e01';
const laptopB = '0f5b8e1c-1a2b-4c3d-8e4f-5a6b7c8d9e02';
const laptopC = '0f5b8e1c-1a2b-4c3d-8e4f-5a6b7c8d9e03';

function deviceHeaders(deviceId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [ClientHeader.deviceId]: deviceId, [ClientHeader.protocol]: String(PROTOCOL_VERSION), [ClientHeader.appVersion]: '1.4.0', ...extra };
}

/** One pull page (limit 5000) from `cursor` as `deviceId`; the page's cursor. */
async function pull(token: string, deviceId: string, cursor: string | null, extra: Record<string, string> = {}): Promise<PullResponse> {
  const query = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
  const response = await api.call(token, 'GET', `/v1/sync/pull?limit=5000${query}`, undefined, deviceHeaders(deviceId, extra));
  expect(response.status, response.body).toBe(200);
  return response.json as PullResponse;
}

async function get<T>(url: string, token = api.tokens.admin): Promise<T> {
  const response = await api.call(token, 'GET', url);
  expect(response.status, response.body).toBe(200);
  return response.json as T;
}

beforeAll(async () => {
  api = await startApiHarness();
});

afterAll(async () => {
  await api?.close();
});

describe('the delivery receipt of a pull', () => {
  it('creates the device and its receipt with what the client reported, and records the cursor its copy reaches', async () => {
    const first = await pull(api.tokens.rep, laptopA, null, {
      [ClientHeader.pendingUploads]: '3',
      [ClientHeader.rejectedUploads]: '1',
      [ClientHeader.checksums]: 'mismatch',
    });
    const device = await api.owner.selectFrom('devices').selectAll().where('deviceId', '=', laptopA).executeTakeFirst();
    expect(device).toMatchObject({ deviceId: laptopA, revokedAt: null });
    const receipt = await api.owner.selectFrom('deviceReceipts').selectAll().where('deviceId', '=', laptopA).executeTakeFirstOrThrow();
    // A full download that completed in one page: the copy reaches the answered cursor once applied.
    expect(first.hasMore).toBe(false);
    expect(receipt).toMatchObject({ appVersion: '1.4.0', protocolVersion: PROTOCOL_VERSION, checksums: 'mismatch', pendingUploads: 3, rejectedUploads: 1 });
    expect(receipt.cursorVersion).toBe(first.cursor.split('.').at(-1));

    await pull(api.tokens.rep, laptopA, first.cursor, { [ClientHeader.checksums]: 'verified' });
    const again = await api.owner.selectFrom('deviceReceipts').selectAll().where('deviceId', '=', laptopA).execute();
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ cursorVersion: first.cursor.split('.').at(-1), checksums: 'verified', pendingUploads: 0 });
  });

  it('records no cursor of another history, and a request without a device id records nothing but still pulls', async () => {
    const foreign = 'v1.11111111-2222-4333-8444-555555555555.1';
    const response = await api.call(api.tokens.rep2, 'GET', `/v1/sync/pull?cursor=${foreign}`, undefined, deviceHeaders(laptopC));
    expect(response.status).toBe(409);
    const receipt = await api.owner.selectFrom('deviceReceipts').selectAll().where('deviceId', '=', laptopC).executeTakeFirstOrThrow();
    expect(receipt.cursorVersion).toBeNull();

    const before = await api.owner.selectFrom('deviceReceipts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const anonymous = await api.call(api.tokens.rep2, 'GET', '/v1/sync/pull', undefined, { [ClientHeader.deviceId]: 'not-a-uuid' });
    expect(anonymous.status).toBe(200);
    const after = await api.owner.selectFrom('deviceReceipts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('the fleet view', () => {
  let version: string;

  beforeAll(async () => {
    // Laptop B (rep 2) is complete to before the publication; laptop A (rep) reaches past it.
    const b = await pull(api.tokens.rep2, laptopB, null);
    await pull(api.tokens.rep2, laptopB, b.cursor);
    const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(41) }));
    const { productId } = created.json as { productId: string };
    const published = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productId}/rates`, { baseRate: '4.25', bonusRate: '0', effectiveDate: '2099-03-01' });
    expect(published.status, published.body).toBe(201);
    const publications = await get<RecentPublicationList>('/v1/admin/fleet/publications');
    expect(publications.publications[0]).toMatchObject({ publishedBy: 'admin@ratedesk.test', rates: 1, effectiveDates: ['2099-03-01'] });
    version = publications.publications[0]!.version;
    const a = await pull(api.tokens.rep, laptopA, null);
    await pull(api.tokens.rep, laptopA, a.cursor);
  });

  it('answers who has the publication and who does not yet, with counts', async () => {
    const has = await get<FleetDeliveryPage>(`/v1/admin/fleet/delivery?version=${version}&has=true`);
    expect(has.devices.map((device) => [device.deviceId, device.userEmail])).toEqual([[laptopA, 'rep@ratedesk.test']]);
    const lacks = await get<FleetDeliveryPage>(`/v1/admin/fleet/delivery?version=${version}&has=false`);
    expect(lacks.devices.map((device) => device.deviceId).sort()).toEqual([laptopB, laptopC]);
    expect([lacks.withIt, lacks.withoutIt]).toEqual([1, 2]);
    // The version laptop B is complete to: both laptops have that one.
    const b = await api.owner.selectFrom('deviceReceipts').select('cursorVersion').where('deviceId', '=', laptopB).executeTakeFirstOrThrow();
    expect(BigInt(b.cursorVersion ?? '0')).toBeLessThan(BigInt(version));
    const earlier = await get<FleetDeliveryPage>(`/v1/admin/fleet/delivery?version=${b.cursorVersion}&has=true`);
    expect(earlier.devices.map((device) => device.deviceId).sort()).toEqual([laptopA, laptopB]);
  });

  it('lists every device stalest first, pages without gaps, and marks the stale ones', async () => {
    await api.owner.updateTable('deviceReceipts').set({ lastPullAt: new Date(Date.now() - 10 * 86_400_000) }).where('deviceId', '=', laptopB).execute();
    const all = await get<FleetDevicePage>('/v1/admin/fleet/devices');
    expect(all.devices.map((device) => device.deviceId)).toEqual([laptopB, laptopC, laptopA]);
    expect(all).toMatchObject({ total: 3, staleCount: 1, staleDays: 7 });
    expect(all.devices[0]).toMatchObject({ stale: true, cacheAgeDays: 10, userEmail: 'rep2@ratedesk.test', deviceRevoked: false, userRevoked: false });
    expect(all.devices[2]).toMatchObject({ stale: false, cacheAgeDays: 0, appVersion: '1.4.0', checksums: 'unknown' });

    const staleOnly = await get<FleetDevicePage>('/v1/admin/fleet/devices?staleOnly=true');
    expect(staleOnly.devices.map((device) => device.deviceId)).toEqual([laptopB]);
    const longer = await get<FleetDevicePage>('/v1/admin/fleet/devices?staleDays=30');
    expect(longer.staleCount).toBe(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: FleetDevicePage = await get<FleetDevicePage>(`/v1/admin/fleet/devices?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.devices.map((device) => device.deviceId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([laptopB, laptopC, laptopA]);
  });

  it('is for admins and compliance only, and names a bad query field', async () => {
    expect((await api.call(api.tokens.compliance, 'GET', '/v1/admin/fleet/devices')).status).toBe(200);
    expect((await api.call(api.tokens.rep, 'GET', '/v1/admin/fleet/devices')).status).toBe(403);
    const bad = await api.call(api.tokens.admin, 'GET', '/v1/admin/fleet/delivery?version=abc&has=true');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('version');
  });
});
