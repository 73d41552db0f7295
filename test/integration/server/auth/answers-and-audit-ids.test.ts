// Issue 14 security review, the answers themselves: refusals carry the same security headers as
// successes, a problem never echoes the query string (where a misbehaving client puts its token),
// audit rows name the server's request id with the caller's kept apart, and a rate sheet with a
// monstrous header line gets a short answer. Real server, real dev IdP tokens, real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEM_CHARS } from '../../../../server/http/bounded-problem.js';
import { productBody, testCusip, useApiHarness, type ApiHarness, type ApiResponse } from '../../../support/api.js';

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
});

const SECURITY_HEADERS = ['x-content-type-options', 'strict-transport-security', 'content-security-policy', 'x-frame-options', 'cross-origin-resource-policy'];

function securityHeadersOf(response: ApiResponse): Record<string, unknown> {
  return Object.fromEntries(SECURITY_HEADERS.map((name) => [name, response.headers[name]]));
}

describe('security headers on refusals', () => {
  it('sends a 401 and a 403 the same security headers as a 200', async () => {
    const ok = await api.call(api.tokens.rep, 'GET', '/v1/me');
    expect(ok.status).toBe(200);
    for (const name of SECURITY_HEADERS) expect(ok.headers[name], name).toEqual(expect.any(String));

    const missing = await api.call(undefined, 'GET', '/v1/me');
    const tampered = await api.call(api.tokens.badSignature, 'GET', '/v1/audit');
    const forbidden = await api.call(api.tokens.rep, 'GET', '/v1/audit');
    expect([missing.status, tampered.status, forbidden.status]).toEqual([401, 401, 403]);
    for (const refused of [missing, tampered, forbidden]) expect(securityHeadersOf(refused)).toEqual(securityHeadersOf(ok));
    expect(forbidden.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('problem instance', () => {
  it('names the path only, never the query string a token may be in', async () => {
    const secret = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl';
    const response = await api.call(undefined, 'GET', `/v1/me?access_token=${secret}&x=1`);
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ instance: '/v1/me' });
    expect(response.body).not.toContain(secret);
    expect(response.body).not.toContain('access_token');

    const notFound = await api.call(api.tokens.rep, 'GET', `/v1/nowhere?access_token=${secret}`);
    expect(notFound.status).toBe(404);
    expect(notFound.body).not.toContain(secret);
  });
});

describe('request ids in audit rows', () => {
  it("stores the server's own id, and the caller's x-request-id apart", async () => {
    const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(8101) }), { 'x-request-id': 'forged-id-0001' });
    expect(created.status, created.body).toBe(201);
    const serverId = created.headers['x-request-id'];
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    const productId = (created.json as { productId: string }).productId;
    const row = await api.owner.selectFrom('auditLog').select(['requestId', 'clientRequestId']).where('recordId', '=', productId).where('actionType', '=', 'CREATE').executeTakeFirstOrThrow();
    expect(row).toEqual({ requestId: serverId, clientRequestId: 'forged-id-0001' });
  });

  it('keeps no caller id that is too long or has odd characters', async () => {
    for (const [n, sent] of [[8102, 'x'.repeat(65)], [8103, 'bad id; DROP TABLE'], [8104, 'ünïcode']] as const) {
      const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n) }), { 'x-request-id': sent });
      expect(created.status, created.body).toBe(201);
      const productId = (created.json as { productId: string }).productId;
      const row = await api.owner.selectFrom('auditLog').select(['requestId', 'clientRequestId']).where('recordId', '=', productId).executeTakeFirstOrThrow();
      expect(row.requestId).toBe(created.headers['x-request-id']);
      expect(row.clientRequestId).toBeNull();
    }
  });

  it('refuses a forged caller id written past the server (the column is limited)', async () => {
    await expect(
      api.owner.insertInto('auditLog').values({ actionType: 'LOGIN_FAILED', tableName: null, recordId: null, clientRequestId: 'x'.repeat(65) }).execute(),
    ).rejects.toThrow(/audit_log_client_request_id_format/);
  });
});

describe('echoed input', () => {
  const postSheet = (text: string) => api.call(api.tokens.admin, 'POST', '/v1/admin/rate-sheets?dryRun=true', text, { 'content-type': 'text/csv' });
  const row = `${testCusip(8101)},4.80,0,2031-04-01`;

  it('answers a 3 MB header column with a short problem', async () => {
    const response = await postSheet(`cusip,base_rate,bonus_rate,effective_date,${'x'.repeat(3 * 1024 * 1024)}\n${row}\n`);
    expect(response.status).toBe(400);
    expect(response.body.length).toBeLessThan(8 * 1024);
    expect((response.json as { issues: { path: string; message: string }[] }).issues).toEqual([
      { path: 'line 1', message: expect.stringMatching(/^unknown column\(s\): x{60}\.\.\.$/) },
    ]);
  });

  it('answers a 3 MB header of many columns with a short problem that says how many more', async () => {
    const columns = Array.from({ length: 300_000 }, (_, i) => `c${i}`).join(',');
    const response = await postSheet(`cusip,base_rate,bonus_rate,effective_date,${columns}\n${row}\n`);
    expect(response.status).toBe(400);
    expect(response.body.length).toBeLessThan(8 * 1024);
    expect(response.body).toContain('and 299990 more');
  });

  it('cuts every echoed cell of a long list of bad lines', async () => {
    // 1,000 bad lines, each with a 3 KB cusip cell (3 MB in all, under the sheet limit).
    const lines = Array.from({ length: 1_000 }, () => `${'9'.repeat(3_000)},4.80,0,2031-04-01`);
    const response = await postSheet(`cusip,base_rate,bonus_rate,effective_date\n${lines.join('\n')}\n`);
    expect(response.status).toBe(400);
    expect((response.json as { badRows: unknown[] }).badRows.length).toBeGreaterThan(0);
    expect(response.body.length).toBeLessThanOrEqual(MAX_PROBLEM_CHARS);
    expect(response.body).not.toContain('9'.repeat(600));
  });
});
