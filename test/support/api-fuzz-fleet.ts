// Fuzzers for issue 14's fleet view (server/routes/admin-fleet.ts), as compliance (fleet:read):
// day counts, booleans, change versions and cursors, valid and hostile. Part of api-fuzz.ts routeFuzzers.
import fc from 'fast-check';
import { hostileText, queryString, type FuzzRequest } from './api-fuzz.js';

export function fleetFuzzers(): Record<string, fc.Arbitrary<FuzzRequest>> {
  const page = {
    staleDays: fc.oneof(fc.integer({ min: -1, max: 400 }).map(String), hostileText),
    limit: fc.oneof(fc.integer({ min: -1, max: 600 }).map(String), hostileText),
    cursor: fc.oneof(fc.string({ maxLength: 60 }).map((text) => Buffer.from(text).toString('base64url')), hostileText),
  };
  const flag = fc.oneof(fc.constantFrom('true', 'false', 'TRUE', '1'), hostileText);
  const read = (path: string) => (query: string): FuzzRequest => ({ method: 'GET', url: `${path}${query}`, headers: {}, as: 'compliance' });
  return {
    'GET /v1/admin/fleet/devices': queryString(fc.record({ ...page, staleOnly: flag }, { requiredKeys: [] })).map(read('/v1/admin/fleet/devices')),
    'GET /v1/admin/fleet/publications': queryString(fc.constant({})).map(read('/v1/admin/fleet/publications')),
    'GET /v1/admin/fleet/delivery': queryString(
      fc.record({ ...page, has: flag, version: fc.oneof(fc.bigInt({ min: -1n, max: 2n ** 64n }).map(String), hostileText) }, { requiredKeys: [] }),
    ).map(read('/v1/admin/fleet/delivery')),
  };
}
