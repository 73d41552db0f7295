// The compliance console's API: search every rep's comparisons (filters, flags, keyset pages),
// open one complete record (audited), export a search as CSV (formula cells neutralised, audited),
// a rate retracted through the admin API flags the comparisons built on it, and who may do any of it.
// "Today" is pinned to 2031-03-10 in New York.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceRecord } from '../../../../src-shared/compliance/record.js';
import type { CompliancePage, ComplianceRow } from '../../../../src-shared/compliance/search.js';
import { auditRowsOf, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';
import { FIXTURE_DISCLOSURES_SHA256, insertPrint, insertRecord, insertRejection } from '../../../support/compliance-records.js';

const NOW = new Date('2031-03-10T15:00:00Z');
const PDF_SHA = 'b'.repeat(64);

let api: ApiHarness;
const ids = { a: '', b: '', c: '', rejection: '', futureRate: '', product1: '', product2: '', rep: '', rep2: '' };
let cusip2 = '';

useApiHarness((started) => {
  api = started;
}, { app: { clock: () => NOW } });

async function product(n: number, name: string): Promise<{ productId: string; rateHistoryId: string }> {
  const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n), productName: name }));
  expect(created.status, created.body).toBe(201);
  const productId = (created.json as { productId: string }).productId;
  const rate = await api.owner.selectFrom('rateHistory').select('rateHistoryId').where('productId', '=', productId).executeTakeFirstOrThrow();
  return { productId, rateHistoryId: rate.rateHistoryId };
}

async function userIdOf(token: string): Promise<string> {
  return ((await api.call(token, 'GET', '/v1/me')).json as { userId: string }).userId;
}

async function search(query: string, token = api.tokens.compliance): Promise<CompliancePage> {
  const response = await api.call(token, 'GET', `/v1/compliance/comparisons${query === '' ? '' : `?${query}`}`);
  expect(response.status, response.body).toBe(200);
  return response.json as CompliancePage;
}

const exportsOf = (recordId: string) => auditRowsOf(api.owner, recordId, 'EXPORT');

const refs = (rows: readonly ComplianceRow[]) => rows.map((row) => row.clientReference);

beforeAll(async () => {
  const first = await product(501, 'Harbor Guaranteed 5');
  const second = await product(502, 'Summit Secure 7');
  ids.product1 = first.productId;
  ids.product2 = second.productId;
  cusip2 = testCusip(502);
  const future = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${first.productId}/rates`, { baseRate: '5.10', effectiveDate: '2031-04-01' });
  expect(future.status, future.body).toBe(201);
  ids.futureRate = (future.json as { rateHistoryId: string }).rateHistoryId;
  ids.rep = await userIdOf(api.tokens.rep);
  ids.rep2 = await userIdOf(api.tokens.rep2);

  ids.a = await insertRecord(api.owner, { userId: ids.rep, comparisonDate: '2031-03-10T14:00:00Z', asOfDate: '2031-03-10', clientReference: 'Margaret Smith', ...first });
  // 03:30 UTC on the 10th is 23:30 on the 9th in New York: a business date of 2031-03-09.
  ids.b = await insertRecord(api.owner, {
    userId: ids.rep2,
    comparisonDate: '2031-03-10T03:30:00Z',
    asOfDate: '2031-03-09',
    clientReference: '=HYPERLINK("http://evil.example","Click")',
    ...second,
  });
  ids.c = await insertRecord(api.owner, {
    userId: ids.rep,
    comparisonDate: '2031-03-10T14:30:00Z',
    asOfDate: '2031-04-01',
    clientReference: 'SMITHSON Trust',
    productId: first.productId,
    rateHistoryId: ids.futureRate,
    baseRate: '5.1000',
    historical: true,
  });
  ids.rejection = await insertRejection(api.owner, {
    userId: ids.rep2,
    comparisonDate: '2031-03-08T15:00:00Z',
    clientReference: 'Jones family',
    productIds: [second.productId],
    reason: 'items.0.baseRate: 24.9999 is not the published rate 4.5000',
  });
  await insertPrint(api.owner, ids.rep, ids.a, PDF_SHA);
});

describe('who may read every comparison', () => {
  it('lets compliance and admins in, refuses reps (even for their own) and users without a role, and wants a token', async () => {
    for (const url of ['/v1/compliance/comparisons', '/v1/compliance/comparisons.csv', `/v1/compliance/comparisons/${ids.a}`]) {
      expect((await api.call(api.tokens.rep, 'GET', url)).status, url).toBe(403);
      expect((await api.call(api.tokens.noRole, 'GET', url)).status, url).toBe(403);
      expect((await api.call(undefined, 'GET', url)).status, url).toBe(401);
      expect((await api.call(api.tokens.compliance, 'GET', url)).status, url).toBe(200);
      expect((await api.call(api.tokens.admin, 'GET', url)).status, url).toBe(200);
    }
  });

  it('documents the three routes and their permission in the OpenAPI document', async () => {
    const document = (await api.call(undefined, 'GET', '/openapi.json')).json as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(document.paths['/v1/compliance/comparisons']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['rep', 'from', 'to', 'clientReference', 'product', 'cusip', 'flags', 'limit', 'cursor']),
    );
    expect(document.paths['/v1/compliance/comparisons.csv']?.get).toBeDefined();
    expect(document.paths['/v1/compliance/comparisons/{comparisonId}']?.get).toBeDefined();
    const access = api.app.routeAccessList.filter((route) => route.url.startsWith('/v1/compliance/') && route.method === 'GET');
    expect(access.map((route) => route.access)).toEqual([...Array(3)].map(() => ({ permission: 'comparisons:read_all' })));
  });
});

describe('GET /v1/compliance/comparisons', () => {
  it('lists every rep’s comparisons and rejected uploads, newest first, with rep, products and flags', async () => {
    const page = await search('');
    expect(page.rows.map((row) => row.rowId)).toEqual([ids.c, ids.a, ids.b, ids.rejection]);
    const [c, a, , rejected] = page.rows;
    expect(a).toMatchObject({
      kind: 'comparison',
      comparisonId: ids.a,
      rep: { userId: ids.rep, email: 'rep@ratedesk.test' },
      comparisonDate: '2031-03-10T14:00:00.000Z',
      asOfDate: '2031-03-10',
      investmentAmount: '100000.00',
      horizonYears: 5,
      products: [{ productId: ids.product1, productName: 'Harbor Guaranteed 5', cusip: testCusip(501) }],
      flags: { historical: false, retracted: false, rejected: false },
      rejectedReason: null,
    });
    expect(c?.flags).toEqual({ historical: true, retracted: false, rejected: false });
    expect(rejected).toMatchObject({
      kind: 'rejected',
      rep: { email: 'rep2@ratedesk.test' },
      clientReference: 'Jones family',
      products: [{ productId: ids.product2, cusip: cusip2 }],
      flags: { rejected: true },
      rejectedReason: 'items.0.baseRate: 24.9999 is not the published rate 4.5000',
    });
  });

  it('filters by client reference (any part, any case), CUSIP (exact, any case), product and rep', async () => {
    expect(refs((await search('clientReference=smith')).rows)).toEqual(['SMITHSON Trust', 'Margaret Smith']);
    expect(refs((await search('clientReference=100%25')).rows)).toEqual([]);
    expect((await search(`cusip=${cusip2.toLowerCase()}`)).rows.map((row) => row.rowId)).toEqual([ids.b, ids.rejection]);
    expect((await search(`cusip=${testCusip(503)}`)).rows).toEqual([]);
    expect(refs((await search('product=harbor')).rows)).toEqual(['SMITHSON Trust', 'Margaret Smith']);
    expect((await search(`product=${ids.product2}`)).rows.map((row) => row.rowId)).toEqual([ids.b, ids.rejection]);
    expect((await search('rep=REP2@')).rows.map((row) => row.rowId)).toEqual([ids.b, ids.rejection]);
    expect((await search(`rep=${ids.rep}`)).rows.map((row) => row.rowId)).toEqual([ids.c, ids.a]);
    expect((await search('rep=smith&clientReference=smith')).rows).toEqual([]);
  });

  it('filters by business dates in New York, both ends inclusive', async () => {
    // B was shown at 23:30 on the 9th in New York (03:30 UTC on the 10th).
    expect((await search('from=2031-03-09&to=2031-03-09')).rows.map((row) => row.rowId)).toEqual([ids.b]);
    expect((await search('from=2031-03-10')).rows.map((row) => row.rowId)).toEqual([ids.c, ids.a]);
    expect((await search('to=2031-03-08')).rows.map((row) => row.rowId)).toEqual([ids.rejection]);
  });

  it('filters by flags, any of them', async () => {
    expect((await search('flags=rejected')).rows.map((row) => row.rowId)).toEqual([ids.rejection]);
    expect((await search('flags=historical')).rows.map((row) => row.rowId)).toEqual([ids.c]);
    expect((await search('flags=historical,rejected')).rows.map((row) => row.rowId)).toEqual([ids.c, ids.rejection]);
  });

  it('pages with a cursor: every row once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pageNumber = 0; pageNumber < 10; pageNumber += 1) {
      const page: CompliancePage = await search(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.rows.map((row) => row.rowId));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual([ids.c, ids.a, ids.b, ids.rejection]);
  });

  it('refuses bad input with 400 naming the field, never 500', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
      ['from=2031-13-01', 'query.from'],
      ['from=2031-03-10&to=2031-03-09', 'query.to'],
      ['flags=deleted', 'query.flags'],
      ['cusip=ABC', 'query.cusip'],
      ['clientReference=', 'query.clientReference'],
      ['userId=x', 'query'],
    ];
    for (const [query, path] of cases) {
      const response = await api.call(api.tokens.compliance, 'GET', `/v1/compliance/comparisons?${query}`);
      expect(response.status, query).toBe(400);
      const issues = (response.json as { issues: { path: string }[] }).issues;
      expect(issues.map((issue) => issue.path).some((p) => p.startsWith(path)), `${query}: ${response.body}`).toBe(true);
    }
  });
});

describe('GET /v1/compliance/comparisons/{id}', () => {
  it('answers the complete record with its printed copies, and audits the reading', async () => {
    const auditedBefore = await exportsOf(ids.a);
    const response = await api.call(api.tokens.compliance, 'GET', `/v1/compliance/comparisons/${ids.a}`);
    expect(response.status, response.body).toBe(200);
    const record = response.json as ComplianceRecord;
    expect(record).toMatchObject({
      comparisonId: ids.a,
      rep: { email: 'rep@ratedesk.test' },
      clientReference: 'Margaret Smith',
      engineVersion: 'projection-rules-test',
      appVersion: '1.4.0-test',
      catalogCursor: 'cursor-abc',
      preparedOn: '2031-03-10',
      disclosures: { sha256: FIXTURE_DISCLOSURES_SHA256 },
      bestInterest: { riskTolerance: 'conservative', rationale: 'Wants a guaranteed rate' },
      flags: { historical: false, retracted: false, rejected: false },
      retractedRates: [],
      items: [{ position: 1, productId: ids.product1, baseRate: '4.5000', productName: 'Harbor Guaranteed 5', productSnapshot: { productName: 'As the rep saw it' } }],
      printEvents: [{ pdfSha256: PDF_SHA, pageCount: 3, copyNumber: 1, reprint: false, printedOn: '2031-03-09' }],
    });
    const complianceId = await userIdOf(api.tokens.compliance);
    const audit = (await exportsOf(ids.a)).slice(auditedBefore.length);
    expect(audit.map((row) => [row.userId, row.tableName, row.newValues])).toEqual([[complianceId, 'product_comparisons', { export: 'record' }]]);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await api.call(api.tokens.compliance, 'GET', `/v1/compliance/comparisons/${ids.rejection}`)).status).toBe(404);
    const bad = await api.call(api.tokens.compliance, 'GET', '/v1/compliance/comparisons/not-a-uuid');
    expect(bad.status).toBe(400);
    expect((bad.json as { issues: { path: string }[] }).issues[0]?.path).toBe('params.comparisonId');
  });
});

describe('a retracted rate flags the comparisons built on it', () => {
  it('shows the flag in the list and the retraction (which rate, when, by whom, why) on the record', async () => {
    expect((await search('flags=retracted')).rows).toEqual([]);
    const retracted = await api.call(api.tokens.admin, 'POST', `/v1/admin/rates/${ids.futureRate}/retract`, { reason: 'sheet sent too early' });
    expect(retracted.status, retracted.body).toBe(200);

    const flagged = await search('flags=retracted');
    expect(flagged.rows.map((row) => [row.rowId, row.flags])).toEqual([[ids.c, { historical: true, retracted: true, rejected: false }]]);
    const all = await search('');
    expect(all.rows.filter((row) => row.flags.retracted).map((row) => row.rowId)).toEqual([ids.c]);

    const record = (await api.call(api.tokens.admin, 'GET', `/v1/compliance/comparisons/${ids.c}`)).json as ComplianceRecord;
    expect(record.flags.retracted).toBe(true);
    expect(record.retractedRates).toEqual([
      expect.objectContaining({
        rateHistoryId: ids.futureRate,
        productId: ids.product1,
        cusip: testCusip(501),
        baseRate: '5.1000',
        effectiveDate: '2031-04-01',
        retractedBy: expect.objectContaining({ email: 'admin@ratedesk.test' }),
        reason: 'sheet sent too early',
      }),
    ]);
    expect(Date.parse(record.retractedRates[0]?.retractedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('GET /v1/compliance/comparisons.csv', () => {
  it('exports the matching rows, quoted, with formula cells neutralised, and audits the export', async () => {
    const response = await api.call(api.tokens.compliance, 'GET', `/v1/compliance/comparisons.csv?cusip=${cusip2}`);
    expect(response.status, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="ratedesk-comparisons-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^"row_kind","comparison_id","rep_name","rep_email","comparison_date"/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(lines[1]).toContain('"100000.00"');
    expect(lines[2]).toContain('"rejected"');
    expect(lines[2]).toContain('"items.0.baseRate: 24.9999 is not the published rate 4.5000"');
    expect(lines[3]).toBe('');

    const audit = await api.owner.selectFrom('auditLog').select(['newValues']).where('actionType', '=', 'EXPORT').where('recordId', 'is', null).execute();
    expect(audit.map((row) => row.newValues)).toContainEqual({ export: 'csv', filters: { cusip: cusip2 }, rows: 2 });
  });

  it('refuses bad filters with 400 naming the field', async () => {
    const response = await api.call(api.tokens.compliance, 'GET', '/v1/compliance/comparisons.csv?limit=5');
    expect(response.status).toBe(400);
    expect(response.body).toContain('query');
  });
});
