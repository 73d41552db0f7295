// Property-based fuzzing of every API input (fast-check): each route gets requests built from a
// valid one with fields replaced by hostile values, dropped, added, or the whole body replaced, and
// with hostile path and query parameters; the rate sheet also gets random CSV text (quoting, BOM,
// CRLF, huge numbers, unicode, missing and extra columns). The properties: never a 5xx; every 4xx
// is an application/problem+json, and a 400 names each bad field with a reason; a refused request
// (and any GET, and any dry run) leaves every synced table's count and checksum and the audit
// log's count unchanged. Shared by the fast test and the soak.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import { encodeCursor } from '../../src-shared/sync/cursor.js';
import { productBody, startApiHarness, testCusip, type ApiHarness, type ApiResponse } from './api.js';
import { reportFault } from './fault-report.js';
import { unverifiedComparison } from './sync-fixtures.js';
import { strategyAndIndexLevelFuzzers } from './api-fuzz-strategies.js';
import { accessFuzzers } from './api-fuzz-access.js';
import { fleetFuzzers } from './api-fuzz-fleet.js';
import { snapshotFuzzers } from './api-fuzz-snapshot.js';

type Who = 'admin' | 'rep' | 'compliance';

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  /** Already serialised (JSON or CSV text); undefined sends no body. */
  body?: string;
  headers: Record<string, string>;
  as: Who;
}

export interface FuzzFixture {
  productIds: string[];
  cusips: string[];
  availabilityId: string;
  rateIds: string[];
  cursor: string;
}

const UNKNOWN_ID = '6d1f3c1a-1111-4222-8333-944455556666';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Values that break parsers: empty, huge, exotic digits, injection, wrong types. */
export const hostileText = fc.constantFrom(
  '',
  ' ',
  '0',
  '-0',
  '-1',
  '4.5',
  '4.50000',
  '25.0001',
  '1e400',
  '1E2',
  '99999999999999999999999999999999.99',
  '0.000000000000000000001',
  'NaN',
  'Infinity',
  '٤.٥',
  '４.５',
  '4,5',
  '0x10',
  '+4.5',
  ' 4.5 ',
  '2030-02-30',
  '2099-01-01',
  '9999-12-31',
  '0000-01-01',
  '2026-11-24T00:00:00Z',
  '\u0000',
  '\uFEFF4.5',
  "'; DROP TABLE products;--",
  '𝟘𝟙',
  'null',
  'true',
  '__proto__',
  '123-45-6789',
  'x'.repeat(5_000),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** A valid object, then as is or with fields replaced, removed or added, or replaced whole. */
export function mutated(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return valid.chain((base) => {
    const keys = Object.keys(base);
    const variants: fc.Arbitrary<unknown>[] = [
      fc.constant(base),
      fc.anything({ maxDepth: 2 }),
      fc.tuple(fc.string({ maxLength: 12 }), hostileValue).map(([key, value]) => ({ ...base, [key]: value })),
    ];
    if (keys.length > 0) {
      const key = fc.constantFrom(...keys);
      variants.push(
        fc.tuple(key, hostileValue).map(([name, value]) => ({ ...base, [name]: value })),
        fc.tuple(key, hostileValue).map(([name, value]) => ({ ...base, [name]: value })),
        fc.tuple(key, key, hostileValue, hostileValue).map(([a, b, x, y]) => ({ ...base, [a]: x, [b]: y })),
        key.map((name) => Object.fromEntries(Object.entries(base).filter(([entry]) => entry !== name))),
      );
    }
    return fc.oneof(...variants);
  });
}

function jsonBody(value: unknown): Pick<FuzzRequest, 'body' | 'headers'> {
  const body = JSON.stringify(value);
  return body === undefined ? { headers: {} } : { body, headers: { ...JSON_HEADERS } };
}

/** Occasionally something that is not JSON at all, or no body. */
export function withRawBodies(body: fc.Arbitrary<unknown>): fc.Arbitrary<Pick<FuzzRequest, 'body' | 'headers'>> {
  return fc.oneof(
    { weight: 8, arbitrary: body.map(jsonBody) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ body: text, headers: { ...JSON_HEADERS } })) },
    { weight: 1, arbitrary: fc.constant({ headers: {} }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data'), fc.string({ maxLength: 40 }))
        .map(([type, text]) => ({ body: text, headers: { 'content-type': type } })),
    },
  );
}

/** A path segment: a real id, an unknown id, or something else, URL-encoded. */
export function idSegment(ids: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.constant(UNKNOWN_ID) },
    { weight: 1, arbitrary: fc.constant(UNKNOWN_ID.toUpperCase()) },
    { weight: 2, arbitrary: fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 20 })).map((text) => encodeURIComponent(text)) },
  );
}

/** Query strings: the given valid parameters, perhaps with hostile values and unknown names. */
export function queryString(valid: fc.Arbitrary<Record<string, string | undefined>>): fc.Arbitrary<string> {
  return fc
    .tuple(valid, fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), hostileText), { freq: 4 }))
    .chain(([base, extra]) => {
      const keys = Object.keys(base);
      const replace =
        keys.length === 0
          ? fc.constant(base)
          : fc.oneof(fc.constant(base), fc.tuple(fc.constantFrom(...keys), fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 20 }))).map(([k, v]) => ({ ...base, [k]: v })));
      return replace.map((params) => {
        const entries = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
        if (extra) entries.push(extra);
        const text = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        return text === '' ? '' : `?${text}`;
      });
    });
}

const rate = fc.constantFrom('0', '1', '3.25', '4.5000', '5.1234', '12', '24.9999');
const futureDate = fc.constantFrom('2099-01-01', '2098-06-30', '2097-02-28', '2096-02-29', '2100-12-31');

/** CSV text for the rate-sheet import: realistic sheets and broken ones. */
function csvText(fixture: FuzzFixture): fc.Arbitrary<string> {
  const cell = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fixture.cusips) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(testCusip) },
    { weight: 3, arbitrary: rate },
    { weight: 3, arbitrary: futureDate },
    { weight: 3, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
  const quoted = fc.tuple(cell, fc.constantFrom('plain', 'quoted', 'broken')).map(([value, style]) =>
    style === 'plain' ? value : style === 'quoted' ? `"${value.replaceAll('"', '""')}"` : `"${value}`,
  );
  const header = fc.constantFrom(
    'cusip,base_rate,bonus_rate,effective_date',
    'cusip,base_rate,bonus_rate,effective_date',
    'CUSIP,Base_Rate,Bonus_Rate,Effective_Date',
    'cusip,base_rate,effective_date',
    'cusip,base_rate,bonus_rate,effective_date,notes',
    'effective_date,cusip,bonus_rate,base_rate',
    'cusip;base_rate;bonus_rate;effective_date',
    'cusip,cusip,base_rate,effective_date',
    '',
  );
  const wellFormedRow = fc
    .tuple(fc.constantFrom(...fixture.cusips), rate, rate, futureDate)
    .map((cells) => cells.join(','));
  const row = fc.oneof(wellFormedRow, fc.array(quoted, { minLength: 0, maxLength: 6 }).map((cells) => cells.join(',')));
  const sheet = fc
    .record({
      bom: fc.boolean(),
      header,
      rows: fc.array(row, { maxLength: 8 }),
      newline: fc.constantFrom('\n', '\r\n', '\r'),
      trailing: fc.boolean(),
    })
    .map(({ bom, header: head, rows, newline, trailing }) => `${bom ? '\uFEFF' : ''}${[head, ...rows].join(newline)}${trailing ? newline : ''}`);
  return fc.oneof({ weight: 6, arbitrary: sheet }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) });
}

/** Route ("METHOD /path") -> requests to it. Every protected route of the app has an entry. */
export function routeFuzzers(fixture: FuzzFixture): Record<string, fc.Arbitrary<FuzzRequest>> {
  const product = idSegment(fixture.productIds);
  const availability = idSegment([fixture.availabilityId]);
  const rateId = idSegment(fixture.rateIds);
  const noQuery = queryString(fc.constant({}));
  const reasonBody = withRawBodies(mutated(fc.record({ reason: fc.string({ minLength: 1, maxLength: 40 }) }, { requiredKeys: [] })));
  const admin = (method: FuzzRequest['method'], url: fc.Arbitrary<string>, body: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'headers'>>) =>
    fc.tuple(url, body).map(([path, payload]): FuzzRequest => ({ method, url: path, ...payload, as: 'admin' }));
  const productCreate = fc
    .record({ n: fc.integer({ min: 100, max: 99_999 }), baseRate: rate, minimumInvestment: fc.constantFrom('1000.00', '50000', '10000.5') })
    .map(({ n, ...fields }) => productBody({ cusip: testCusip(n), productName: `Fuzz ${n}`, ...fields }));
  const productPatch = fc.record(
    {
      productName: fc.string({ minLength: 1, maxLength: 30 }),
      description: fc.string({ maxLength: 60 }),
      minimumInvestment: fc.constantFrom('10000.00', '25000'),
      issuerName: fc.string({ minLength: 1, maxLength: 30 }),
      termYears: fc.integer({ min: 1, max: 10 }),
    },
    { requiredKeys: [] },
  );
  const window = fc.record({ startDate: futureDate, endDate: futureDate }, { requiredKeys: ['startDate'] });
  const publish = fc.record({ baseRate: rate, bonusRate: rate, effectiveDate: futureDate }, { requiredKeys: ['baseRate', 'effectiveDate'] });
  const sheetRow = fc.record({ cusip: fc.constantFrom(...fixture.cusips), baseRate: rate, bonusRate: rate, effectiveDate: futureDate });
  const pushComparison = fc
    .tuple(fc.subarray(fixture.productIds, { minLength: 1, maxLength: Math.min(4, fixture.productIds.length) }), fc.option(fc.constantFrom(...fixture.rateIds)))
    .map(([ids, rateHistoryId]) => unverifiedComparison(ids, {}, ids.map((_, index) => (index === 0 ? rateHistoryId : null))) as unknown as Record<string, unknown>);

  return {
    'GET /v1/me': noQuery.map((query) => ({ method: 'GET', url: `/v1/me${query}`, headers: {}, as: 'rep' })),
    'POST /v1/admin/products': admin('POST', noQuery.map((query) => `/v1/admin/products${query}`), withRawBodies(mutated(productCreate))),
    'PATCH /v1/admin/products/:productId': admin(
      'PATCH',
      fc.tuple(product, noQuery).map(([id, query]) => `/v1/admin/products/${id}${query}`),
      withRawBodies(mutated(productPatch)),
    ),
    'POST /v1/admin/products/:productId/deactivate': admin('POST', product.map((id) => `/v1/admin/products/${id}/deactivate`), reasonBody),
    'POST /v1/admin/products/:productId/reactivate': admin('POST', product.map((id) => `/v1/admin/products/${id}/reactivate`), reasonBody),
    'POST /v1/admin/products/:productId/availability': admin(
      'POST',
      product.map((id) => `/v1/admin/products/${id}/availability`),
      withRawBodies(mutated(window)),
    ),
    'PATCH /v1/admin/availability/:availabilityId': admin(
      'PATCH',
      availability.map((id) => `/v1/admin/availability/${id}`),
      withRawBodies(mutated(fc.record({ startDate: futureDate, endDate: futureDate }, { requiredKeys: [] }))),
    ),
    'POST /v1/admin/availability/:availabilityId/deactivate': admin('POST', availability.map((id) => `/v1/admin/availability/${id}/deactivate`), reasonBody),
    'POST /v1/admin/products/:productId/rates': admin('POST', product.map((id) => `/v1/admin/products/${id}/rates`), withRawBodies(mutated(publish))),
    'POST /v1/admin/rates/:rateHistoryId/retract': admin('POST', rateId.map((id) => `/v1/admin/rates/${id}/retract`), reasonBody),
    'POST /v1/admin/rate-sheets': fc.oneof(
      admin(
        'POST',
        queryString(fc.record({ dryRun: fc.constantFrom('true', 'false') }, { requiredKeys: [] })).map((query) => `/v1/admin/rate-sheets${query}`),
        withRawBodies(mutated(fc.record({ rows: fc.array(mutated(sheetRow), { minLength: 1, maxLength: 5 }) }))),
      ),
      fc
        .tuple(fc.constantFrom('', '?dryRun=true', '?dryRun=false'), csvText(fixture), fc.constantFrom('text/csv', 'text/csv; charset=utf-8', 'TEXT/CSV'))
        .map(([query, text, type]): FuzzRequest => ({ method: 'POST', url: `/v1/admin/rate-sheets${query}`, body: text, headers: { 'content-type': type }, as: 'admin' })),
    ),
    'GET /v1/sync/pull': fc
      .tuple(
        queryString(
          fc.record(
            {
              cursor: fc.oneof(
                fc.constant(fixture.cursor),
                // Well-formed cursors of unknown epochs, and versions past what a cursor may hold.
                fc
                  .record({ epoch: fc.uuid(), version: fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String) })
                  .map(({ epoch, version }) => encodeCursor({ epoch, version: '1' }).replace(/\.1$/, `.${version}`)),
                fc.bigInt({ min: 0n, max: 2n ** 70n }).map((version) => fixture.cursor.replace(/\.[0-9]+$/, `.${version}`)),
                hostileText,
              ),
              limit: fc.oneof(fc.integer({ min: -5, max: 20_000 }).map(String), hostileText),
            },
            { requiredKeys: [] },
          ),
        ),
        fc.option(fc.oneof(fc.constant('*'), fc.string({ maxLength: 30 })), { freq: 3 }),
      )
      .map(([query, etag]): FuzzRequest => ({ method: 'GET', url: `/v1/sync/pull${query}`, headers: etag === null ? {} : { 'if-none-match': etag }, as: 'rep' })),
    'POST /v1/sync/push': fc
      .tuple(noQuery, withRawBodies(mutated(fc.record({ comparisons: fc.array(mutated(pushComparison), { minLength: 1, maxLength: 4 }) }))))
      .map(([query, payload]): FuzzRequest => ({ method: 'POST', url: `/v1/sync/push${query}`, ...payload, as: 'rep' })),
    'GET /v1/sync/checksums': noQuery.map((query) => ({ method: 'GET', url: `/v1/sync/checksums${query}`, headers: {}, as: 'rep' })),
    // Always with a query (refused): an accepted sign-out would end the shared tokens' sessions.
    'POST /v1/session/sign-out': fc
      .tuple(fc.constantFrom('rep' as const, 'compliance' as const, 'admin' as const), noQuery.filter((query) => query !== ''))
      .map(([as, query]): FuzzRequest => ({ method: 'POST', url: `/v1/session/sign-out${query}`, headers: {}, as })),
    'POST /v1/records/events': fc.tuple(fc.constantFrom('rep' as const, 'compliance' as const), withRawBodies(
      mutated(
        fc.record({
          events: fc.array(
            mutated(
              fc.oneof(
                fc.record({ eventId: fc.uuid(), occurredAt: fc.constant('2026-12-03T15:00:00.000Z'), kind: fc.constant('SIGNED_OUT') }),
                fc.record({
                  eventId: fc.uuid(),
                  occurredAt: fc.constant('2026-12-03T15:00:00.000Z'),
                  kind: fc.constant('ILLUSTRATION_PRINTED'),
                  comparisonId: fc.oneof(fc.uuid(), fc.constant(UNKNOWN_ID)),
                  pdfSha256: fc.oneof(fc.constant('0'.repeat(64)), fc.string({ maxLength: 70 })),
                  pageCount: fc.integer({ min: -1, max: 600 }),
                  copyNumber: fc.integer({ min: -1, max: 5 }),
                  reprint: fc.boolean(),
                  printedOn: futureDate,
                  historical: fc.boolean(),
                }),
              ),
            ),
            { minLength: 1, maxLength: 3 },
          ),
        }),
      ),
    )).map(([as, payload]): FuzzRequest => ({ method: 'POST', url: '/v1/records/events', ...payload, as })),
    ...complianceFuzzers(fixture),
    ...strategyAndIndexLevelFuzzers(fixture),
    ...accessFuzzers(),
    ...fleetFuzzers(),
    ...snapshotFuzzers(),
    'GET /v1/audit': queryString(
      fc.record(
        {
          userId: fc.oneof(fc.uuid(), hostileText),
          tableName: fc.oneof(fc.constantFrom('products', 'rate_history', 'product_availability', 'users'), hostileText),
          recordId: fc.oneof(fc.constantFrom(...fixture.productIds), hostileText),
          actionType: fc.oneof(fc.constantFrom('INSERT', 'UPDATE', 'RETRACT', 'SIGN_IN'), hostileText),
          from: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), hostileText),
          to: fc.oneof(fc.constant('2099-01-01T00:00:00.000Z'), hostileText),
          limit: fc.oneof(fc.integer({ min: -1, max: 1_000 }).map(String), hostileText),
          cursor: fc.oneof(fc.string({ maxLength: 30 }).map((text) => Buffer.from(text).toString('base64url')), hostileText),
        },
        { requiredKeys: [] },
      ),
    ).map((query) => ({ method: 'GET', url: `/v1/audit${query}`, headers: {}, as: 'compliance' })),
  };
}

/** The compliance console's reads: every filter, hostile text, forged cursors; as compliance. */
function complianceFuzzers(fixture: FuzzFixture): Record<string, fc.Arbitrary<FuzzRequest>> {
  const filters = {
    rep: fc.oneof(fc.constantFrom('rep', 'Rep', UNKNOWN_ID), hostileText),
    from: fc.oneof(fc.constantFrom('2026-01-01', '2026-12-03'), hostileText),
    to: fc.oneof(fc.constantFrom('2026-12-31', '2025-01-01'), hostileText),
    clientReference: fc.oneof(fc.constantFrom('Smith', '%', '_'), hostileText),
    product: fc.oneof(fc.constantFrom(...fixture.productIds), hostileText),
    cusip: fc.oneof(fc.constantFrom(...fixture.cusips), hostileText),
    flags: fc.oneof(fc.constantFrom('historical', 'retracted,rejected', 'historical,,x'), hostileText),
  };
  const search = queryString(
    fc.record(
      {
        ...filters,
        limit: fc.oneof(fc.integer({ min: -1, max: 500 }).map(String), hostileText),
        cursor: fc.oneof(fc.string({ maxLength: 30 }).map((text) => Buffer.from(text).toString('base64url')), hostileText),
      },
      { requiredKeys: [] },
    ),
  );
  return {
    'GET /v1/compliance/comparisons': search.map((query) => ({ method: 'GET', url: `/v1/compliance/comparisons${query}`, headers: {}, as: 'compliance' })),
    'GET /v1/compliance/comparisons.csv': queryString(fc.record(filters, { requiredKeys: [] })).map((query) => ({
      method: 'GET',
      url: `/v1/compliance/comparisons.csv${query}`,
      headers: {},
      as: 'compliance',
    })),
    'GET /v1/compliance/comparisons/:comparisonId': fc
      .oneof(fc.uuid(), fc.constant(UNKNOWN_ID), hostileText.map((text) => encodeURIComponent(text)))
      .map((id) => ({ method: 'GET', url: `/v1/compliance/comparisons/${id}`, headers: {}, as: 'compliance' })),
  };
}

/** Counts and checksums of every synced table, and the audit log's size: what any write changes. */
async function writeFingerprint(api: ApiHarness): Promise<string> {
  const { rows } = await sql<{ fingerprint: string }>`
    SELECT concat_ws('|',
      (SELECT count(*) FROM audit_log),
      (SELECT count(*) FROM products), (SELECT count(*) FROM rate_history), (SELECT count(*) FROM product_availability),
      (SELECT count(*) FROM product_comparisons), (SELECT count(*) FROM product_comparison_items),
      (SELECT string_agg(concat_ws(':', table_name, scope, row_count, checksum), ',' ORDER BY table_name, scope) FROM sync_table_stats)
    ) AS fingerprint`.execute(api.owner);
  return rows[0]?.fingerprint ?? '';
}

export interface FuzzFigures {
  requests: number;
  refused: number;
  accepted: number;
  /** Requests after which the write fingerprint was compared (refused ones, reads, dry runs). */
  checks: number;
  /** Refused requests (or reads, or dry runs) after which the fingerprint had changed. */
  partialWrites: number;
  byStatus: Map<number, number>;
}

function checkAnswer(request: FuzzRequest, response: ApiResponse): void {
  const label = `${request.method} ${request.url.slice(0, 300)} ${request.headers['content-type'] ?? ''} ${JSON.stringify(request.body?.slice(0, 300))} -> ${response.status} ${response.body.slice(0, 400)}`;
  expect(response.status, label).toBeLessThan(500);
  if (response.status < 400) return;
  expect(response.headers['content-type'], label).toContain('application/problem+json');
  const problem = response.json as { type?: unknown; title?: unknown; detail?: unknown; status?: unknown; issues?: { path?: unknown; message?: unknown }[] };
  expect(problem.type, label).toMatch(/^https:\/\/ratedesk\.example\/problems\//);
  expect(problem.status, label).toBe(response.status);
  expect(typeof problem.detail === 'string' && problem.detail.trim() !== '', label).toBe(true);
  if (response.status === 400) {
    // A validation problem names every bad field (body.x, query.y, params.z, line n: column) and why.
    expect(problem.issues?.length ?? 0, label).toBeGreaterThan(0);
    for (const issue of problem.issues ?? []) {
      expect(typeof issue.path === 'string' && issue.path.trim() !== '', label).toBe(true);
      expect(typeof issue.message === 'string' && issue.message.trim() !== '', label).toBe(true);
    }
  }
}

/** Sends `runs` generated requests to one route and checks the properties on each. */
export async function fuzzRoute(api: ApiHarness, request: fc.Arbitrary<FuzzRequest>, runs: number, seed: number, figures: FuzzFigures): Promise<void> {
  await fc.assert(
    fc.asyncProperty(request, async (generated) => {
      const before = await writeFingerprint(api);
      const response = await api.call(api.tokens[generated.as], generated.method, generated.url, generated.body, generated.headers);
      figures.requests += 1;
      figures.byStatus.set(response.status, (figures.byStatus.get(response.status) ?? 0) + 1);
      checkAnswer(generated, response);
      // Opening a compliance record or exporting a search is itself audited (an EXPORT row): an answered one may write that.
    const auditedRead = generated.url.startsWith('/v1/compliance/comparisons') && response.status < 400;
    const mustNotWrite = response.status >= 400 || (generated.method === 'GET' && !auditedRead) || /dryRun=true/.test(generated.url);
      if (response.status >= 400) figures.refused += 1;
      else figures.accepted += 1;
      if (mustNotWrite) {
        const after = await writeFingerprint(api);
        figures.checks += 1;
        if (after !== before) figures.partialWrites += 1;
        expect(after, `${generated.method} ${generated.url.slice(0, 300)} -> ${response.status} changed the database`).toBe(before);
      }
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
}

export interface FuzzEnvironment {
  api: ApiHarness;
  fixture: FuzzFixture;
}

export function useFuzzEnvironment(): () => FuzzEnvironment {
  let env: FuzzEnvironment | undefined;
  beforeAll(async () => {
    const api = await startApiHarness({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    const productIds: string[] = [];
    const cusips: string[] = [];
    for (const n of [1, 2, 3]) {
      const cusip = testCusip(n);
      const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip, productName: `Fuzz base ${n}` }));
      expect(created.status, created.body).toBe(201);
      productIds.push((created.json as { productId: string }).productId);
      cusips.push(cusip);
    }
    const window = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productIds[0]}/availability`, { startDate: '2030-01-01' });
    expect(window.status, window.body).toBe(201);
    const future = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productIds[1]}/rates`, { baseRate: '4.1000', effectiveDate: '2095-01-01' });
    expect(future.status, future.body).toBe(201);
    const rateIds = (await api.owner.selectFrom('rateHistory').select('rateHistoryId').execute()).map((row) => row.rateHistoryId);
    const pulled = await api.call(api.tokens.rep, 'GET', '/v1/sync/pull?limit=2');
    expect(pulled.status, pulled.body).toBe(200);
    for (const token of [api.tokens.compliance]) await api.call(token, 'GET', '/v1/me');
    env = {
      api,
      fixture: { productIds, cusips, availabilityId: (window.json as { availabilityId: string }).availabilityId, rateIds, cursor: (pulled.json as { cursor: string }).cursor },
    };
  }, 180_000);
  afterAll(async () => {
    await env?.api.close();
  });
  return () => {
    if (!env) throw new Error('the fuzz environment did not start');
    return env;
  };
}

/** Checks the table covers every protected route of the app, so a new route cannot go unfuzzed. */
export function expectEveryRouteFuzzed(env: FuzzEnvironment): void {
  const routes = env.api.app.routeAccessList.filter((route) => route.method !== 'HEAD' && route.access.permission).map((route) => `${route.method} ${route.url}`);
  const fuzzed = Object.keys(routeFuzzers(env.fixture));
  expect(routes.filter((route) => !fuzzed.includes(route))).toEqual([]);
}

export function newFuzzFigures(): FuzzFigures {
  return { requests: 0, refused: 0, accepted: 0, checks: 0, partialWrites: 0, byStatus: new Map() };
}

/** Tables (and the audit log) whose count or checksum each fingerprint covers. */
const FINGERPRINT_TABLES = 6;

/** The [fault] line for a fuzz run: rows checked counts table fingerprints compared. */
export function reportFuzz(name: string, figures: FuzzFigures, seed: number): void {
  const statuses = [...figures.byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}x${count}`).join(',');
  reportFault(name, {
    operations: figures.requests,
    faults: figures.refused,
    rowsChecked: figures.checks * FINGERPRINT_TABLES,
    rowsLost: figures.partialWrites,
    extra: { accepted: figures.accepted, 'partial writes': figures.partialWrites, statuses, seed },
  });
}
