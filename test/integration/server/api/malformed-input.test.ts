// Malformed input to every route: each answer is a 4xx application/problem+json that names what
// was wrong, and not a single row of any table changes. Callers have the right role, so these
// requests get past access control and reach validation. Every protected route must have rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../../src-shared/sync/cursor.js';
import { unverifiedComparison } from '../../../support/sync-fixtures.js';
import { databaseDigest, productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';

type Who = 'admin' | 'compliance' | 'rep';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  as?: Who;
  /** Expected status (default 400). */
  status?: number;
  /** A path the problem's issues must name, when the problem lists issues. */
  path?: string;
}

const UNKNOWN = '6d1f3c1a-1111-4222-8333-944455556666';
const BODY_LIMIT = 16 * 1024;
const SHEET_LIMIT = 32 * 1024;

let api: ApiHarness;
const fixture = { productId: '', noBonusProductId: '', availabilityId: '', inForceRateId: '', cusip: testCusip(1) };

beforeAll(async () => {
  api = await startApiHarness({
    env: { BODY_LIMIT_BYTES: String(BODY_LIMIT), RATE_SHEET_MAX_BYTES: String(SHEET_LIMIT), RATE_SHEET_MAX_ROWS: '100', SYNC_PUSH_MAX_BYTES: String(SHEET_LIMIT) },
  });
  const product = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: fixture.cusip, minimumInvestment: '50000' }));
  fixture.productId = (product.json as { productId: string }).productId;
  const noBonus = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(2), bonusRate: '0', bonusYears: 0 }));
  fixture.noBonusProductId = (noBonus.json as { productId: string }).productId;
  const window = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${fixture.productId}/availability`, { startDate: '2030-01-01' });
  fixture.availabilityId = (window.json as { availabilityId: string }).availabilityId;
  const rate = await api.owner.selectFrom('rateHistory').select('rateHistoryId').where('productId', '=', fixture.productId).executeTakeFirstOrThrow();
  fixture.inForceRateId = rate.rateHistoryId;
  // Every caller signs in before the snapshot, so their first-request bookkeeping is not counted.
  for (const token of [api.tokens.admin, api.tokens.rep, api.tokens.compliance]) await api.call(token, 'GET', '/v1/me');
});

afterAll(async () => {
  await api?.close();
});

const productUrl = () => `/v1/admin/products/${fixture.productId}`;
const csvHeaders = { 'content-type': 'text/csv' };
const huge = (bytes: number) => 'x'.repeat(bytes);

/** Issue 13's strategy and index history routes (server/routes/admin-strategies.ts, admin-index-levels.ts). */
function strategyAndIndexLevelCases(): Record<string, () => Case[]> {
  const strategy = { strategyCode: 'CAP', strategyName: 'Cap', indexName: 'Demo Index (synthetic)', creditingMethod: 'cap', guaranteedRate: '1', floorRate: '0', sortOrder: 0 };
  const level = { indexName: 'Demo Index (synthetic)', levelDate: '2030-12-31', level: '100', source: 'test' };
  const sheet = (url: string, text: string): Case => ({ name: url, method: 'POST', url, body: text, headers: csvHeaders });
  return {
    'GET /v1/admin/products/:productId/strategies': () => [{ name: 'not a uuid', method: 'GET', url: '/v1/admin/products/42/strategies', path: 'params.productId' }],
    'POST /v1/admin/products/:productId/strategies': () => [
      { name: 'unknown method', method: 'POST', url: `${productUrl()}/strategies`, body: { ...strategy, creditingMethod: 'trigger' }, path: 'body.creditingMethod' },
      { name: 'index on the fixed account', method: 'POST', url: `${productUrl()}/strategies`, body: { ...strategy, creditingMethod: 'fixed' }, path: 'body.indexName' },
      { name: 'a MYGA', method: 'POST', url: `${productUrl()}/strategies`, body: strategy, status: 409, path: 'params.productId' },
    ],
    'PUT /v1/admin/strategies/:strategyId': () => [{ name: 'not a uuid', method: 'PUT', url: '/v1/admin/strategies/42', body: strategy, path: 'params.strategyId' }],
    'POST /v1/admin/strategies/:strategyId/deactivate': () => [{ name: 'blank reason', method: 'POST', url: `/v1/admin/strategies/${UNKNOWN}/deactivate`, body: { reason: ' ' }, path: 'body.reason' }],
    'POST /v1/admin/strategies/:strategyId/rates': () => [
      { name: 'rate as a number', method: 'POST', url: `/v1/admin/strategies/${UNKNOWN}/rates`, body: { rate: 8.5, effectiveDate: '2099-01-01' }, path: 'body.rate' },
      { name: 'ends before it starts', method: 'POST', url: `/v1/admin/strategies/${UNKNOWN}/rates`, body: { rate: '8.5', effectiveDate: '2099-01-01', endDate: '2098-12-31' }, path: 'body.endDate' },
    ],
    'POST /v1/admin/strategy-rates/:strategyRateId/retract': () => [{ name: 'not a uuid', method: 'POST', url: '/v1/admin/strategy-rates/42/retract', body: {}, path: 'params.strategyRateId' }],
    'POST /v1/admin/strategy-rate-sheets': () => [
      { ...sheet('/v1/admin/strategy-rate-sheets', `${fixture.cusip},CAP,8.5,2099-01-01\n`), path: 'line 1' },
      { ...sheet('/v1/admin/strategy-rate-sheets', `cusip,strategy_code,rate,effective_date\n${fixture.cusip},CAP,8.5,2099-01-01\n`), path: 'line 2: cusip' },
      { name: 'XML', method: 'POST', url: '/v1/admin/strategy-rate-sheets', body: '<rows/>', headers: { 'content-type': 'application/xml' }, status: 415 },
    ],
    'GET /v1/admin/indexes': () => [{ name: 'unknown query parameter', method: 'GET', url: '/v1/admin/indexes?all=1', path: 'query' }],
    'GET /v1/admin/index-levels': () => [{ name: 'no index name', method: 'GET', url: '/v1/admin/index-levels', path: 'query.indexName' }],
    'POST /v1/admin/index-levels': () => [
      { name: 'no levels', method: 'POST', url: '/v1/admin/index-levels', body: { levels: [] }, path: 'body.levels' },
      { name: 'not year-end', method: 'POST', url: '/v1/admin/index-levels', body: { levels: [{ ...level, levelDate: '2030-06-30' }] }, path: 'body.levels.0.levelDate' },
      { name: 'level zero', method: 'POST', url: '/v1/admin/index-levels', body: { levels: [{ ...level, level: '0' }] }, path: 'body.levels.0.level' },
    ],
    'POST /v1/admin/index-levels/:indexLevelId/retract': () => [{ name: 'not a uuid', method: 'POST', url: '/v1/admin/index-levels/42/retract', body: {}, path: 'params.indexLevelId' }],
    'POST /v1/admin/index-level-sheets': () => [
      { ...sheet('/v1/admin/index-level-sheets', 'index_name,level_date,level,source\nDemo,2030-06-30,100,test\n'), path: 'line 2: level_date' },
      { ...sheet('/v1/admin/index-level-sheets', 'index_name,level_date\nDemo,2030-12-31\n'), path: 'line 1' },
    ],
  };
}

/** Issue 13's carrier and state approval routes (server/routes/admin-carriers-approvals.ts). */
function carrierAndApprovalCases(): Record<string, () => Case[]> {
  const carrier = { carrierName: 'Demo Life', naicCode: '99001', amBestRating: 'A', amBestOutlook: 'stable', ratingAsOf: '2026-06-30' };
  return {
    'GET /v1/admin/carriers': () => [{ name: 'unknown query parameter', method: 'GET', url: '/v1/admin/carriers?all=1', path: 'query' }],
    'POST /v1/admin/carriers': () => [
      { name: 'four-digit NAIC code', method: 'POST', url: '/v1/admin/carriers', body: { ...carrier, naicCode: '9900' }, path: 'body.naicCode' },
      { name: 'rating without its date', method: 'POST', url: '/v1/admin/carriers', body: { ...carrier, ratingAsOf: null }, path: 'body.ratingAsOf' },
    ],
    'PUT /v1/admin/carriers/:carrierId': () => [{ name: 'not a uuid', method: 'PUT', url: '/v1/admin/carriers/42', body: carrier, path: 'params.carrierId' }],
    'POST /v1/admin/carriers/:carrierId/deactivate': () => [{ name: 'not a uuid', method: 'POST', url: '/v1/admin/carriers/42/deactivate', body: {}, path: 'params.carrierId' }],
    'POST /v1/admin/carriers/:carrierId/reactivate': () => [{ name: 'not a uuid', method: 'POST', url: '/v1/admin/carriers/42/reactivate', body: {}, path: 'params.carrierId' }],
    'GET /v1/admin/products/:productId/state-approvals': () => [{ name: 'not a uuid', method: 'GET', url: '/v1/admin/products/42/state-approvals', path: 'params.productId' }],
    'POST /v1/admin/products/:productId/state-approvals': () => [
      { name: 'unknown state', method: 'POST', url: `${productUrl()}/state-approvals`, body: { stateCode: 'XX', approvedFrom: '2026-01-01' }, path: 'body.stateCode' },
      { name: 'ends before it starts', method: 'POST', url: `${productUrl()}/state-approvals`, body: { stateCode: 'NY', approvedFrom: '2026-02-01', approvedUntil: '2026-01-31' }, path: 'body.approvedUntil' },
    ],
    'POST /v1/admin/state-approvals/:approvalId/withdraw': () => [
      { name: 'not a uuid', method: 'POST', url: '/v1/admin/state-approvals/42/withdraw', body: { approvedUntil: '2026-12-31', reason: 'r' }, path: 'params.approvalId' },
    ],
    'POST /v1/admin/state-approvals/:approvalId/retire': () => [{ name: 'not a uuid', method: 'POST', url: '/v1/admin/state-approvals/42/retire', body: { reason: 'r' }, path: 'params.approvalId' }],
    'POST /v1/admin/state-approval-sheets': () => [
      { name: 'XML', method: 'POST', url: '/v1/admin/state-approval-sheets', body: '<rows/>', headers: { 'content-type': 'application/xml' }, status: 415 },
    ],
  };
}

/** Issue 14's access routes (server/routes/admin-access.ts). */
function accessCases(): Record<string, () => Case[]> {
  return {
    'POST /v1/admin/devices/:deviceId/revoke': () => [
      { name: 'not a uuid', method: 'POST', url: '/v1/admin/devices/42/revoke', body: { reason: 'Lost' }, path: 'params.deviceId' },
      { name: 'no reason', method: 'POST', url: `/v1/admin/devices/${UNKNOWN}/revoke`, body: {}, path: 'body.reason' },
      { name: 'blank reason', method: 'POST', url: `/v1/admin/devices/${UNKNOWN}/revoke`, body: { reason: '   ' }, path: 'body.reason' },
      { name: 'reason too long', method: 'POST', url: `/v1/admin/devices/${UNKNOWN}/revoke`, body: { reason: huge(501) }, path: 'body.reason' },
    ],
    'POST /v1/admin/devices/:deviceId/reinstate': () => [{ name: 'not a uuid', method: 'POST', url: '/v1/admin/devices/42/reinstate', path: 'params.deviceId' }],
    'POST /v1/admin/users/:userId/revoke-access': () => [
      { name: 'not a uuid', method: 'POST', url: '/v1/admin/users/42/revoke-access', body: { reason: 'Left' }, path: 'params.userId' },
      { name: 'unknown user', method: 'POST', url: `/v1/admin/users/${UNKNOWN}/revoke-access`, body: { reason: 'Left' }, status: 404 },
    ],
    'POST /v1/admin/users/:userId/reinstate-access': () => [{ name: 'unknown user', method: 'POST', url: `/v1/admin/users/${UNKNOWN}/reinstate-access`, status: 404 }],
    'GET /v1/admin/sync-policy': () => [{ name: 'unknown query parameter', method: 'GET', url: '/v1/admin/sync-policy?all=1', path: 'query' }],
    'PUT /v1/admin/sync-policy': () => [
      { name: 'zero days', method: 'PUT', url: '/v1/admin/sync-policy', body: { maxOfflineDays: 0 }, path: 'body.maxOfflineDays' },
      { name: 'more than a year', method: 'PUT', url: '/v1/admin/sync-policy', body: { maxOfflineDays: 366 }, path: 'body.maxOfflineDays' },
      { name: 'days as text', method: 'PUT', url: '/v1/admin/sync-policy', body: { maxOfflineDays: '30' }, path: 'body.maxOfflineDays' },
    ],
  };
}

/** Route key -> malformed requests. Built lazily: the fixture ids exist only after beforeAll. */
const TABLE: Record<string, () => Case[]> = {
  'GET /v1/me': () => [{ name: 'unknown query parameter', method: 'GET', url: '/v1/me?debug=1', as: 'rep', path: 'query' }],
  'POST /v1/admin/products': () => [
    { name: 'no body', method: 'POST', url: '/v1/admin/products', path: 'body' },
    { name: 'invalid JSON', method: 'POST', url: '/v1/admin/products', body: '{"cusip": ', headers: { 'content-type': 'application/json' } },
    { name: 'an array instead of an object', method: 'POST', url: '/v1/admin/products', body: [productBody()], path: 'body' },
    { name: 'text/plain body', method: 'POST', url: '/v1/admin/products', body: 'cusip=1', headers: { 'content-type': 'text/plain' }, path: 'body' },
    { name: 'form body', method: 'POST', url: '/v1/admin/products', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
    { name: 'unknown field', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), rating: 'AAA' }), path: 'body' },
    { name: 'missing field', method: 'POST', url: '/v1/admin/products', body: { ...productBody({ cusip: testCusip(9) }), termYears: undefined }, path: 'body.termYears' },
    { name: 'rate with a percent sign', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), baseRate: '4.5%' }), path: 'body.baseRate' },
    { name: 'rate as a JSON number', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), baseRate: 4.5 }), path: 'body.baseRate' },
    { name: 'rate above 25', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), baseRate: '26' }), path: 'body.baseRate' },
    { name: 'five rate decimals', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), baseRate: '4.12345' }), path: 'body.baseRate' },
    { name: 'three money decimals', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), minimumInvestment: '100.005' }), path: 'body.minimumInvestment' },
    { name: 'negative minimum', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), minimumInvestment: '-1' }), path: 'body.minimumInvestment' },
    { name: 'maximum below minimum', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), maximumInvestment: '1.00' }), path: 'body.maximumInvestment' },
    { name: 'CUSIP check digit', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: '037833101' }), path: 'body.cusip' },
    { name: 'unknown product type', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), productType: 'STOCK' }), path: 'body.productType' },
    { name: 'surrender schedule longer than the term', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), termYears: 2 }), path: 'body.surrenderSchedule' },
    { name: 'duplicate CUSIP', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: fixture.cusip }), status: 409, path: 'body.cusip' },
    { name: 'body over the size limit', method: 'POST', url: '/v1/admin/products', body: productBody({ cusip: testCusip(9), description: huge(BODY_LIMIT) }), status: 413 },
    { name: 'prototype pollution', method: 'POST', url: '/v1/admin/products', body: '{"__proto__": {"isAdmin": true}}', headers: { 'content-type': 'application/json' } },
  ],
  'PATCH /v1/admin/products/:productId': () => [
    { name: 'not a UUID', method: 'PATCH', url: '/v1/admin/products/42', body: { productName: 'X' }, path: 'params.productId' },
    { name: 'empty change', method: 'PATCH', url: productUrl(), body: {}, path: 'body' },
    { name: 'unknown field', method: 'PATCH', url: productUrl(), body: { colour: 'red' }, path: 'body' },
    { name: 'rate change', method: 'PATCH', url: productUrl(), body: { baseRate: '5.0' }, path: 'body.baseRate' },
    { name: 'blank name', method: 'PATCH', url: productUrl(), body: { productName: '   ' }, path: 'body.productName' },
    { name: 'merged product breaks a rule', method: 'PATCH', url: productUrl(), body: { maximumInvestment: '1000' }, path: 'body.maximumInvestment' },
    { name: 'null where not allowed', method: 'PATCH', url: productUrl(), body: { termYears: null }, path: 'body.termYears' },
    { name: 'unknown product', method: 'PATCH', url: `/v1/admin/products/${UNKNOWN}`, body: { productName: 'X' }, status: 404 },
  ],
  'POST /v1/admin/products/:productId/deactivate': () => [
    { name: 'not a UUID', method: 'POST', url: '/v1/admin/products/abc/deactivate', path: 'params.productId' },
    { name: 'unknown field', method: 'POST', url: `${productUrl()}/deactivate`, body: { why: 'x' }, path: 'body' },
    { name: 'blank reason', method: 'POST', url: `${productUrl()}/deactivate`, body: { reason: ' ' }, path: 'body.reason' },
    { name: 'unknown product', method: 'POST', url: `/v1/admin/products/${UNKNOWN}/deactivate`, status: 404 },
  ],
  'POST /v1/admin/products/:productId/reactivate': () => [
    { name: 'not a UUID', method: 'POST', url: '/v1/admin/products/abc/reactivate', path: 'params.productId' },
    { name: 'reason too long', method: 'POST', url: `${productUrl()}/reactivate`, body: { reason: huge(501) }, path: 'body.reason' },
    { name: 'unknown product', method: 'POST', url: `/v1/admin/products/${UNKNOWN}/reactivate`, status: 404 },
  ],
  'POST /v1/admin/products/:productId/availability': () => [
    { name: 'not a UUID', method: 'POST', url: '/v1/admin/products/abc/availability', body: { startDate: '2030-01-01' }, path: 'params.productId' },
    { name: 'missing start', method: 'POST', url: `${productUrl()}/availability`, body: { endDate: '2030-01-01' }, path: 'body.startDate' },
    { name: 'impossible date', method: 'POST', url: `${productUrl()}/availability`, body: { startDate: '2030-02-30' }, path: 'body.startDate' },
    { name: 'US date format', method: 'POST', url: `${productUrl()}/availability`, body: { startDate: '01/02/2030' }, path: 'body.startDate' },
    { name: 'end before start', method: 'POST', url: `${productUrl()}/availability`, body: { startDate: '2031-01-01', endDate: '2030-12-31' }, path: 'body.endDate' },
    { name: 'overlapping window', method: 'POST', url: `${productUrl()}/availability`, body: { startDate: '2030-06-01' }, status: 409 },
    { name: 'unknown product', method: 'POST', url: `/v1/admin/products/${UNKNOWN}/availability`, body: { startDate: '2030-01-01' }, status: 404 },
  ],
  'PATCH /v1/admin/availability/:availabilityId': () => [
    { name: 'not a UUID', method: 'PATCH', url: '/v1/admin/availability/1', body: { endDate: '2030-01-01' }, path: 'params.availabilityId' },
    { name: 'empty change', method: 'PATCH', url: `/v1/admin/availability/${fixture.availabilityId}`, body: {}, path: 'body' },
    { name: 'end before stored start', method: 'PATCH', url: `/v1/admin/availability/${fixture.availabilityId}`, body: { endDate: '2029-12-31' }, path: 'body.endDate' },
    { name: 'date with time', method: 'PATCH', url: `/v1/admin/availability/${fixture.availabilityId}`, body: { endDate: '2031-01-01T00:00:00Z' }, path: 'body.endDate' },
    { name: 'unknown window', method: 'PATCH', url: `/v1/admin/availability/${UNKNOWN}`, body: { endDate: '2031-01-01' }, status: 404 },
  ],
  'POST /v1/admin/availability/:availabilityId/deactivate': () => [
    { name: 'not a UUID', method: 'POST', url: '/v1/admin/availability/x/deactivate', path: 'params.availabilityId' },
    { name: 'body is a string', method: 'POST', url: `/v1/admin/availability/${fixture.availabilityId}/deactivate`, body: '"now"', headers: { 'content-type': 'application/json' }, path: 'body' },
    { name: 'unknown window', method: 'POST', url: `/v1/admin/availability/${UNKNOWN}/deactivate`, status: 404 },
  ],
  'POST /v1/admin/products/:productId/rates': () => [
    { name: 'not a UUID', method: 'POST', url: '/v1/admin/products/1/rates', body: { baseRate: '4', effectiveDate: '2099-01-01' }, path: 'params.productId' },
    { name: 'missing rate', method: 'POST', url: `${productUrl()}/rates`, body: { effectiveDate: '2099-01-01' }, path: 'body.baseRate' },
    { name: 'negative rate', method: 'POST', url: `${productUrl()}/rates`, body: { baseRate: '-0.5', effectiveDate: '2099-01-01' }, path: 'body.baseRate' },
    { name: 'exponent notation', method: 'POST', url: `${productUrl()}/rates`, body: { baseRate: '4e0', effectiveDate: '2099-01-01' }, path: 'body.baseRate' },
    { name: 'effective date in the past', method: 'POST', url: `${productUrl()}/rates`, body: { baseRate: '4', effectiveDate: '2001-01-01' }, status: 409, path: 'body.effectiveDate' },
    { name: 'bonus without bonus years', method: 'POST', url: `/v1/admin/products/${fixture.noBonusProductId}/rates`, body: { baseRate: '4', bonusRate: '1', effectiveDate: '2099-01-01' }, path: 'body.bonusRate' },
    { name: 'unknown field', method: 'POST', url: `${productUrl()}/rates`, body: { baseRate: '4', effectiveDate: '2099-01-01', endDate: '2099-12-31' }, path: 'body' },
    { name: 'unknown product', method: 'POST', url: `/v1/admin/products/${UNKNOWN}/rates`, body: { baseRate: '4', effectiveDate: '2099-01-01' }, status: 404 },
  ],
  'POST /v1/admin/rates/:rateHistoryId/retract': () => [
    { name: 'not a UUID', method: 'POST', url: '/v1/admin/rates/1/retract', path: 'params.rateHistoryId' },
    { name: 'unknown field', method: 'POST', url: `/v1/admin/rates/${fixture.inForceRateId}/retract`, body: { force: true }, path: 'body' },
    { name: 'rate already in force', method: 'POST', url: `/v1/admin/rates/${fixture.inForceRateId}/retract`, status: 409 },
    { name: 'unknown rate', method: 'POST', url: `/v1/admin/rates/${UNKNOWN}/retract`, status: 404 },
  ],
  'POST /v1/admin/rate-sheets': () => [
    { name: 'bad dryRun', method: 'POST', url: '/v1/admin/rate-sheets?dryRun=maybe', body: { rows: [{}] }, path: 'query.dryRun' },
    { name: 'unknown query parameter', method: 'POST', url: '/v1/admin/rate-sheets?force=1', body: { rows: [{}] }, path: 'query' },
    { name: 'JSON without rows', method: 'POST', url: '/v1/admin/rate-sheets', body: { lines: [] }, path: 'body' },
    { name: 'JSON with no rows', method: 'POST', url: '/v1/admin/rate-sheets', body: { rows: [] }, path: 'body.rows' },
    { name: 'JSON over the row limit', method: 'POST', url: '/v1/admin/rate-sheets', body: { rows: Array(101).fill({}) }, path: 'body.rows' },
    { name: 'JSON rows with bad values', method: 'POST', url: '/v1/admin/rate-sheets', body: { rows: [{ cusip: fixture.cusip, baseRate: 'x', effectiveDate: '2099-01-01' }] }, path: 'row 1: baseRate' },
    { name: 'CSV without a header', method: 'POST', url: '/v1/admin/rate-sheets', body: `${fixture.cusip},4.5,0,2099-01-01\n`, headers: csvHeaders, path: 'line 1' },
    { name: 'CSV with an unclosed quote', method: 'POST', url: '/v1/admin/rate-sheets', body: `cusip,base_rate,bonus_rate,effective_date\n"${fixture.cusip},4.5,0,2099-01-01\n`, headers: csvHeaders, path: 'line 2' },
    { name: 'CSV with an unknown CUSIP', method: 'POST', url: '/v1/admin/rate-sheets', body: `cusip,base_rate,bonus_rate,effective_date\n${testCusip(77)},4.5,0,2099-01-01\n`, headers: csvHeaders, path: 'line 2: cusip' },
    { name: 'CSV over the size limit', method: 'POST', url: '/v1/admin/rate-sheets', body: `cusip,base_rate,bonus_rate,effective_date\n${huge(SHEET_LIMIT)}\n`, headers: csvHeaders, status: 413 },
    { name: 'XML', method: 'POST', url: '/v1/admin/rate-sheets', body: '<rows/>', headers: { 'content-type': 'application/xml' }, status: 415 },
  ],
  ...strategyAndIndexLevelCases(),
  ...carrierAndApprovalCases(),
  ...accessCases(),
  'GET /v1/sync/pull': () => [
    { name: 'limit zero', method: 'GET', url: '/v1/sync/pull?limit=0', as: 'rep', path: 'query.limit' },
    { name: 'limit not a number', method: 'GET', url: '/v1/sync/pull?limit=all', as: 'rep', path: 'query.limit' },
    { name: 'made-up cursor', method: 'GET', url: '/v1/sync/pull?cursor=latest', as: 'rep', path: 'query.cursor' },
    { name: 'made-up cursor with If-None-Match', method: 'GET', url: '/v1/sync/pull?cursor=latest', as: 'rep', headers: { 'if-none-match': '"x"' }, path: 'query.cursor' },
    { name: 'unknown query parameter', method: 'GET', url: '/v1/sync/pull?since=0', as: 'rep', path: 'query' },
    {
      name: 'cursor of another database (resync)',
      method: 'GET',
      url: `/v1/sync/pull?cursor=${encodeCursor({ epoch: UNKNOWN, version: '1' })}`,
      as: 'rep',
      status: 409,
    },
  ],
  'POST /v1/sync/push': () => [
    { name: 'no body', method: 'POST', url: '/v1/sync/push', as: 'rep', path: 'body' },
    { name: 'no comparisons', method: 'POST', url: '/v1/sync/push', as: 'rep', body: { comparisons: [] }, path: 'body.comparisons' },
    { name: 'unknown top-level field', method: 'POST', url: '/v1/sync/push', as: 'rep', body: { comparisons: [unverifiedComparison([fixture.productId])], force: true }, path: 'body' },
    {
      name: 'money as a number',
      method: 'POST',
      url: '/v1/sync/push',
      as: 'rep',
      body: { comparisons: [{ ...unverifiedComparison([fixture.productId]), investmentAmount: 100000 }] },
      path: 'body.comparisons.0.investmentAmount',
    },
    {
      name: 'a Social Security number in the client reference',
      method: 'POST',
      url: '/v1/sync/push',
      as: 'rep',
      body: { comparisons: [unverifiedComparison([fixture.productId], { clientReference: 'J. Doe 123-45-6789' })] },
      path: 'body.comparisons.0.clientReference',
    },
    {
      name: 'too many comparisons',
      method: 'POST',
      url: '/v1/sync/push',
      as: 'rep',
      body: { comparisons: Array.from({ length: 101 }, () => ({})) },
      path: 'body.comparisons',
    },
    { name: 'upload over the size limit', method: 'POST', url: '/v1/sync/push', as: 'rep', body: { comparisons: [], pad: huge(SHEET_LIMIT) }, status: 413 },
  ],
  'POST /v1/records/events': () => [
    { name: 'no events', method: 'POST', url: '/v1/records/events', as: 'rep', body: { events: [] }, path: 'body.events' },
    {
      name: 'a hash that is not SHA-256',
      method: 'POST',
      url: '/v1/records/events',
      as: 'rep',
      body: {
        events: [
          {
            kind: 'ILLUSTRATION_PRINTED', eventId: UNKNOWN, occurredAt: '2026-12-04T10:00:00.000Z', comparisonId: UNKNOWN,
            pdfSha256: 'ABC', pageCount: 2, copyNumber: 1, reprint: false, printedOn: '2026-12-04', historical: false,
          },
        ],
      },
      path: 'body.events.0.pdfSha256',
    },
    { name: 'unknown kind', method: 'POST', url: '/v1/records/events', as: 'compliance', body: { events: [{ kind: 'EMAILED', eventId: UNKNOWN, occurredAt: '2026-12-04T10:00:00.000Z' }] }, path: 'body.events.0.kind' },
  ],
  'GET /v1/compliance/comparisons': () => [
    { name: 'limit too large', method: 'GET', url: '/v1/compliance/comparisons?limit=1000', as: 'compliance', path: 'query.limit' },
    { name: 'unknown flag', method: 'GET', url: '/v1/compliance/comparisons?flags=historical,forged', as: 'compliance', path: 'query.flags.1' },
    { name: 'dates the wrong way round', method: 'GET', url: '/v1/compliance/comparisons?from=2026-12-03&to=2026-12-01', as: 'compliance', path: 'query.to' },
    { name: 'not a CUSIP', method: 'GET', url: '/v1/compliance/comparisons?cusip=12345', as: 'compliance', path: 'query.cusip' },
    { name: 'forged cursor', method: 'GET', url: '/v1/compliance/comparisons?cursor=bm90LWEtY3Vyc29y', as: 'compliance', path: 'query.cursor' },
    { name: 'unknown query parameter', method: 'GET', url: '/v1/compliance/comparisons?sql=1', as: 'compliance', path: 'query' },
  ],
  'GET /v1/compliance/comparisons.csv': () => [
    { name: 'a date that does not exist', method: 'GET', url: '/v1/compliance/comparisons.csv?from=2026-02-30', as: 'compliance', path: 'query.from' },
    { name: 'empty client reference', method: 'GET', url: '/v1/compliance/comparisons.csv?clientReference=', as: 'compliance', path: 'query.clientReference' },
  ],
  'GET /v1/compliance/comparisons/:comparisonId': () => [
    { name: 'not a uuid', method: 'GET', url: '/v1/compliance/comparisons/42', as: 'compliance', path: 'params.comparisonId' },
  ],
  'GET /v1/sync/checksums': () => [{ name: 'unknown query parameter', method: 'GET', url: '/v1/sync/checksums?table=products', as: 'rep', path: 'query' }],
  'GET /v1/sync/snapshot': () => [{ name: 'unknown query parameter', method: 'GET', url: '/v1/sync/snapshot?since=0', as: 'rep', path: 'query' }],
  'GET /v1/sync/snapshot/:id': () => [
    { name: 'not a snapshot id', method: 'GET', url: '/v1/sync/snapshot/latest', as: 'rep', path: 'params.id' },
    { name: 'a snapshot this server never built', method: 'GET', url: '/v1/sync/snapshot/1-0123456789abcdef', as: 'rep', status: 404 },
  ],
  'POST /v1/session/sign-out': () => [
    { name: 'unknown query parameter', method: 'POST', url: '/v1/session/sign-out?everywhere=1', as: 'rep', path: 'query' },
    { name: 'unknown body field', method: 'POST', url: '/v1/session/sign-out', as: 'compliance', body: { allDevices: true }, path: 'body' },
  ],
  'GET /v1/admin/fleet/devices': () => [
    { name: 'stale days out of range', method: 'GET', url: '/v1/admin/fleet/devices?staleDays=0', as: 'compliance', path: 'query.staleDays' },
    { name: 'not a boolean', method: 'GET', url: '/v1/admin/fleet/devices?staleOnly=yes', as: 'compliance', path: 'query.staleOnly' },
    { name: 'forged cursor', method: 'GET', url: `/v1/admin/fleet/devices?cursor=${Buffer.from('2031|x|y').toString('base64url')}`, as: 'compliance', path: 'query.cursor' },
    { name: 'limit too large', method: 'GET', url: '/v1/admin/fleet/devices?limit=501', as: 'compliance', path: 'query.limit' },
  ],
  'GET /v1/admin/fleet/publications': () => [{ name: 'unknown query parameter', method: 'GET', url: '/v1/admin/fleet/publications?limit=5', as: 'compliance', path: 'query' }],
  'GET /v1/admin/fleet/delivery': () => [
    { name: 'no version', method: 'GET', url: '/v1/admin/fleet/delivery?has=true', as: 'compliance', path: 'query.version' },
    { name: 'version beyond a bigint', method: 'GET', url: '/v1/admin/fleet/delivery?has=true&version=99999999999999999999', as: 'compliance', path: 'query.version' },
    { name: 'negative version', method: 'GET', url: '/v1/admin/fleet/delivery?has=false&version=-1', as: 'compliance', path: 'query.version' },
    { name: 'no has', method: 'GET', url: '/v1/admin/fleet/delivery?version=10', as: 'compliance', path: 'query.has' },
  ],
  'GET /v1/audit': () => [
    { name: 'bad user id', method: 'GET', url: '/v1/audit?userId=me', as: 'compliance', path: 'query.userId' },
    { name: 'limit too large', method: 'GET', url: '/v1/audit?limit=100000', as: 'compliance', path: 'query.limit' },
    { name: 'time without zone', method: 'GET', url: '/v1/audit?from=2031-01-01T00:00:00', as: 'compliance', path: 'query.from' },
    { name: 'forged cursor', method: 'GET', url: `/v1/audit?cursor=${Buffer.from('2031|x').toString('base64url')}`, as: 'compliance', path: 'query.cursor' },
    { name: 'SQL in a filter', method: 'GET', url: `/v1/audit?tableName=${encodeURIComponent("products'; DROP TABLE users;--")}`, as: 'compliance', path: 'query.tableName' },
  ],
};

describe('malformed input', () => {
  it('has rows for every protected route of the app', () => {
    const routes = api.app.routeAccessList.filter((route) => route.method !== 'HEAD' && route.access.permission).map((route) => `${route.method} ${route.url}`);
    expect(routes.filter((route) => !(route in TABLE))).toEqual([]);
  });

  for (const [route, cases] of Object.entries(TABLE)) {
    it(`${route}: every malformed request is a 4xx problem and changes nothing`, async () => {
      const before = await databaseDigest(api.owner);
      for (const entry of cases()) {
        const token = api.tokens[entry.as ?? 'admin'];
        const response = await api.call(token, entry.method, entry.url, entry.body, entry.headers);
        const label = `${entry.name}: ${response.status} ${response.body.slice(0, 300)}`;
        expect(response.status, label).toBe(entry.status ?? 400);
        expect(response.headers['content-type'], label).toContain('application/problem+json');
        const problem = response.json as { type: string; detail?: string; issues?: { path: string; message: string }[] };
        expect(problem.type, label).toMatch(/^https:\/\/ratedesk\.example\/problems\//);
        expect(problem.detail, label).toBeTruthy();
        if (entry.path) expect(problem.issues?.map((issue) => issue.path), label).toContain(entry.path);
      }
      expect(await databaseDigest(api.owner)).toEqual(before);
    });
  }
});
