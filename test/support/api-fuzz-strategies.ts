// Fuzzers for issue 13's crediting strategy, index history, carrier and state approval routes
// (server/routes/admin-strategies.ts, admin-index-levels.ts, admin-carriers-approvals.ts), as admin: valid requests mutated field by field, hostile ids and queries,
// and CSV sheets with broken lines. Part of api-fuzz.ts routeFuzzers. The fixture's products are
// MYGAs, so adding a strategy to them is refused with the product named.
import fc from 'fast-check';
import { hostileText, idSegment, mutated, queryString, withRawBodies, type FuzzFixture, type FuzzRequest } from './api-fuzz.js';

const strategyRate = fc.constantFrom('0', '1.5', '8.5000', '45', '140', '999.9999');
const dryRunQuery = () => queryString(fc.record({ dryRun: fc.constantFrom('true', 'false') }, { requiredKeys: [] }));

function csvSheet(header: string, line: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: hostileText }), { minLength: 0, maxLength: 4 }), fc.constantFrom('\n', '\r\n'))
    .map(([lines, newline]) => [header, ...lines].join(newline));
}

export function strategyAndIndexLevelFuzzers(fixture: FuzzFixture): Record<string, fc.Arbitrary<FuzzRequest>> {
  const admin = (method: FuzzRequest['method'], url: fc.Arbitrary<string>, body: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'headers'>>) =>
    fc.tuple(url, body).map(([path, payload]): FuzzRequest => ({ method, url: path, ...payload, as: 'admin' }));
  const product = idSegment(fixture.productIds);
  // No strategy, strategy rate or index level exists before the run: ids are unknown or malformed.
  const unknownOnly = idSegment(['0b6f6a52-5d3c-4b7e-9d51-2a7e8c1f4e90']);
  const reasonBody = withRawBodies(mutated(fc.record({ reason: fc.string({ minLength: 1, maxLength: 40 }) }, { requiredKeys: [] })));
  const strategy = fc.record({
    strategyCode: fc.constantFrom('CAP', 'PAR-1Y', 'fixed', ''),
    strategyName: fc.string({ minLength: 1, maxLength: 20 }),
    indexName: fc.option(fc.constantFrom('Demo Index (synthetic)', 'X'.repeat(130)), { nil: null }),
    creditingMethod: fc.constantFrom('cap', 'participation', 'spread', 'fixed', 'trigger'),
    guaranteedRate: strategyRate,
    floorRate: fc.constantFrom('0', '1', '26'),
    sortOrder: fc.integer({ min: -1, max: 100 }),
  });
  const level = fc.record({
    indexName: fc.constantFrom('Demo Index (synthetic)', 'Fuzz Index', ' '),
    levelDate: fc.constantFrom('2030-12-31', '2029-12-29', '2030-06-30', '2030-13-01'),
    level: fc.constantFrom('100', '4769.8300', '0', '-1', '1e3'),
    source: fc.constantFrom('Fuzz vendor', ''),
  });
  const cusip = fc.constantFrom(...fixture.cusips, 'NOTACUSIP');
  const carrier = fc.record({
    carrierName: fc.constantFrom('Fuzz Life', ' ', 'X'.repeat(300)),
    naicCode: fc.constantFrom('99001', '9900', 'ABCDE'),
    amBestRating: fc.constantFrom('A', 'A++', 'AAA', null),
    amBestOutlook: fc.constantFrom('stable', 'sideways', null),
    ratingAsOf: fc.constantFrom('2026-06-30', '2026-02-30', null),
  });
  const approval = fc.record(
    { stateCode: fc.constantFrom('NY', 'XX', 'ny'), approvedFrom: fc.constantFrom('2020-01-01', '2099-01-01', 'soon'), approvedUntil: fc.constantFrom('2019-12-31', '2099-12-31', null) },
    { requiredKeys: ['stateCode', 'approvedFrom'] },
  );
  const approvalLine = fc
    .tuple(cusip, fc.constantFrom('NY', 'TX', 'XX'), fc.constantFrom('2020-01-01', 'soon'), fc.constantFrom('', '2019-12-31', '2099-12-31'))
    .map((cells) => cells.join(','));
  const rateLine = fc.tuple(cusip, fc.constantFrom('CAP', 'NOPE'), strategyRate, fc.constantFrom('2099-01-01', '2020-01-01', 'soon')).map((cells) => cells.join(','));
  const levelLine = fc
    .tuple(fc.constantFrom('Fuzz Sheet Index', ''), fc.constantFrom('2030-12-31', '2031-12-31', '2030-07-01'), fc.constantFrom('100', '0', 'x'), fc.constantFrom('vendor', ''))
    .map((cells) => cells.join(','));
  const sheet = (path: string, text: fc.Arbitrary<string>) =>
    fc.tuple(dryRunQuery(), text, fc.constantFrom('text/csv', 'text/csv; charset=utf-8', 'application/json')).map(
      ([query, body, type]): FuzzRequest => ({ method: 'POST', url: `${path}${query}`, body, headers: { 'content-type': type }, as: 'admin' }),
    );

  return {
    'GET /v1/admin/products/:productId/strategies': product.map((id): FuzzRequest => ({ method: 'GET', url: `/v1/admin/products/${id}/strategies`, headers: {}, as: 'admin' })),
    'POST /v1/admin/products/:productId/strategies': admin('POST', product.map((id) => `/v1/admin/products/${id}/strategies`), withRawBodies(mutated(strategy))),
    'PUT /v1/admin/strategies/:strategyId': admin('PUT', unknownOnly.map((id) => `/v1/admin/strategies/${id}`), withRawBodies(mutated(strategy))),
    'POST /v1/admin/strategies/:strategyId/deactivate': admin('POST', unknownOnly.map((id) => `/v1/admin/strategies/${id}/deactivate`), reasonBody),
    'POST /v1/admin/strategies/:strategyId/rates': admin(
      'POST',
      unknownOnly.map((id) => `/v1/admin/strategies/${id}/rates`),
      withRawBodies(mutated(fc.record({ rate: strategyRate, effectiveDate: fc.constantFrom('2099-01-01', '2020-01-01'), endDate: fc.constantFrom('2099-12-31', '2098-01-01') }, { requiredKeys: ['rate', 'effectiveDate'] }))),
    ),
    'POST /v1/admin/strategy-rates/:strategyRateId/retract': admin('POST', unknownOnly.map((id) => `/v1/admin/strategy-rates/${id}/retract`), reasonBody),
    'POST /v1/admin/strategy-rate-sheets': sheet('/v1/admin/strategy-rate-sheets', csvSheet('cusip,strategy_code,rate,effective_date', rateLine)),
    'GET /v1/admin/indexes': queryString(fc.constant({})).map((query): FuzzRequest => ({ method: 'GET', url: `/v1/admin/indexes${query}`, headers: {}, as: 'admin' })),
    'GET /v1/admin/index-levels': queryString(fc.record({ indexName: fc.oneof(fc.constantFrom('Demo Index (synthetic)', 'Fuzz Index'), hostileText) }, { requiredKeys: [] })).map(
      (query): FuzzRequest => ({ method: 'GET', url: `/v1/admin/index-levels${query}`, headers: {}, as: 'admin' }),
    ),
    'POST /v1/admin/index-levels': admin('POST', fc.constant('/v1/admin/index-levels'), withRawBodies(mutated(fc.record({ levels: fc.array(mutated(level), { minLength: 1, maxLength: 3 }) })))),
    'POST /v1/admin/index-levels/:indexLevelId/retract': admin('POST', unknownOnly.map((id) => `/v1/admin/index-levels/${id}/retract`), reasonBody),
    'POST /v1/admin/index-level-sheets': sheet('/v1/admin/index-level-sheets', csvSheet('index_name,level_date,level,source', levelLine)),
    // Carriers and state approvals (server/routes/admin-carriers-approvals.ts).
    'GET /v1/admin/carriers': queryString(fc.constant({})).map((query): FuzzRequest => ({ method: 'GET', url: `/v1/admin/carriers${query}`, headers: {}, as: 'admin' })),
    'POST /v1/admin/carriers': admin('POST', fc.constant('/v1/admin/carriers'), withRawBodies(mutated(carrier))),
    'PUT /v1/admin/carriers/:carrierId': admin('PUT', unknownOnly.map((id) => `/v1/admin/carriers/${id}`), withRawBodies(mutated(carrier))),
    'POST /v1/admin/carriers/:carrierId/deactivate': admin('POST', unknownOnly.map((id) => `/v1/admin/carriers/${id}/deactivate`), reasonBody),
    'POST /v1/admin/carriers/:carrierId/reactivate': admin('POST', unknownOnly.map((id) => `/v1/admin/carriers/${id}/reactivate`), reasonBody),
    'GET /v1/admin/products/:productId/state-approvals': product.map((id): FuzzRequest => ({ method: 'GET', url: `/v1/admin/products/${id}/state-approvals`, headers: {}, as: 'admin' })),
    'POST /v1/admin/products/:productId/state-approvals': admin('POST', product.map((id) => `/v1/admin/products/${id}/state-approvals`), withRawBodies(mutated(approval))),
    'POST /v1/admin/state-approvals/:approvalId/withdraw': admin(
      'POST',
      unknownOnly.map((id) => `/v1/admin/state-approvals/${id}/withdraw`),
      withRawBodies(mutated(fc.record({ approvedUntil: fc.constantFrom('2026-12-31', '2020-02-30'), reason: fc.string({ minLength: 0, maxLength: 20 }) }))),
    ),
    'POST /v1/admin/state-approvals/:approvalId/retire': admin('POST', unknownOnly.map((id) => `/v1/admin/state-approvals/${id}/retire`), reasonBody),
    'POST /v1/admin/state-approval-sheets': sheet('/v1/admin/state-approval-sheets', csvSheet('cusip,state,approved_from,approved_until', approvalLine)),
  };
}
