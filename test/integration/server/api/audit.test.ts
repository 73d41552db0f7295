// GET /v1/audit: filters, keyset paging without gaps or repeats, and who may read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;
let productId: string;
let adminUserId: string;

interface Entry {
  auditId: string;
  occurredAt: string;
  userId: string | null;
  userEmail: string | null;
  actionType: string;
  tableName: string | null;
  recordId: string | null;
  oldValues: unknown;
  newValues: unknown;
  ipAddress: string | null;
  sessionId: string | null;
  requestId: string | null;
}
interface Page {
  entries: Entry[];
  nextCursor: string | null;
}

beforeAll(async () => {
  api = await startApiHarness();
  const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(1) }));
  productId = (created.json as { productId: string }).productId;
  for (let i = 0; i < 6; i += 1) {
    await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${productId}`, { productName: `Name ${i}` });
  }
  await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productId}/deactivate`, { reason: 'test' });
  adminUserId = ((await api.call(api.tokens.admin, 'GET', '/v1/me')).json as { userId: string }).userId;
});

afterAll(async () => {
  await api?.close();
});

async function audit(query: string, token = api.tokens.compliance): Promise<Page> {
  const response = await api.call(token, 'GET', `/v1/audit${query}`);
  expect(response.status, response.body).toBe(200);
  return response.json as Page;
}

describe('GET /v1/audit', () => {
  it('returns the history of one record, newest first, with who and from where', async () => {
    const page = await audit(`?tableName=products&recordId=${productId}`);
    expect(page.entries.map((entry) => entry.actionType)).toEqual(['DEACTIVATE', ...Array(6).fill('UPDATE'), 'CREATE']);
    expect(page.entries[0]).toMatchObject({
      userId: adminUserId,
      userEmail: 'admin@ratedesk.test',
      ipAddress: '127.0.0.1',
      newValues: { isActive: false, reason: 'test' },
      oldValues: { isActive: true },
      sessionId: expect.any(String),
      requestId: expect.any(String),
    });
    expect(page.entries[1]).toMatchObject({ oldValues: { productName: 'Name 4' }, newValues: { productName: 'Name 5' } });
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor without skipping or repeating entries', async () => {
    const all = await audit(`?tableName=products&recordId=${productId}&limit=500`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await audit(`?tableName=products&recordId=${productId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((entry) => entry.auditId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.entries.map((entry) => entry.auditId));
  });

  it('filters by user, action and time range', async () => {
    const byAction = await audit(`?actionType=DEACTIVATE&userId=${adminUserId}`);
    expect(byAction.entries).toHaveLength(1);
    expect(byAction.entries[0]?.recordId).toBe(productId);

    const logins = await audit('?actionType=LOGIN');
    expect(logins.entries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(logins.entries.map((entry) => entry.tableName))).toEqual(new Set(['user_sessions']));

    const future = await audit('?from=2999-01-01T00:00:00.000Z');
    expect(future.entries).toEqual([]);
    // from is inclusive and to exclusive, to the microsecond: [CREATE, first UPDATE) is just the CREATE.
    const history = (await audit(`?tableName=products&recordId=${productId}`)).entries;
    const [create, firstUpdate] = [history.at(-1), history.at(-2)];
    const window = await audit(
      `?tableName=products&recordId=${productId}&from=${encodeURIComponent(create?.occurredAt ?? '')}&to=${encodeURIComponent(firstUpdate?.occurredAt ?? '')}`,
    );
    expect(window.entries.map((entry) => entry.auditId)).toEqual([create?.auditId]);
  });

  it('is open to admins and compliance, not to reps', async () => {
    await audit('?limit=1', api.tokens.admin);
    const rep = await api.call(api.tokens.rep, 'GET', '/v1/audit');
    expect(rep.status).toBe(403);
  });

  it('refuses malformed filters, naming the parameter', async () => {
    const cases: [string, string][] = [
      ['?userId=42', 'query.userId'],
      ['?limit=0', 'query.limit'],
      ['?limit=ten', 'query.limit'],
      ['?cursor=not-a-cursor', 'query.cursor'],
      ['?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z', 'query.to'],
      ['?actionType=HACK', 'query.actionType'],
      ['?table=products', 'query'],
    ];
    for (const [query, path] of cases) {
      const response = await api.call(api.tokens.compliance, 'GET', `/v1/audit${query}`);
      expect(response.status, query).toBe(400);
      expect((response.json as { issues: { path: string }[] }).issues[0]?.path, query).toBe(path);
    }
  });
});
