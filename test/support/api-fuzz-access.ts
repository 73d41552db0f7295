// Fuzzers for issue 14's access routes (server/routes/admin-access.ts), as admin: revoke and
// reinstate only devices and users nobody in the fuzz run uses (a revoked fuzz user would turn
// every later request into a 403), and the offline policy with hostile day counts. Part of
// api-fuzz.ts routeFuzzers.
import fc from 'fast-check';
import { hostileText, idSegment, mutated, queryString, withRawBodies, type FuzzRequest } from './api-fuzz.js';

export function accessFuzzers(): Record<string, fc.Arbitrary<FuzzRequest>> {
  const admin = (method: FuzzRequest['method'], url: fc.Arbitrary<string>, body: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'headers'>>) =>
    fc.tuple(url, body).map(([path, payload]): FuzzRequest => ({ method, url: path, ...payload, as: 'admin' }));
  const unknownOnly = idSegment(['3f0c9a3e-7d1b-4c55-8e21-6a9b0d4c2f17']);
  const reasonBody = withRawBodies(mutated(fc.record({ reason: fc.oneof(fc.string({ minLength: 0, maxLength: 40 }), fc.constant('x'.repeat(501))) })));
  const days = fc.oneof(fc.constantFrom(0, 1, 30, 365, 366, -1, 2.5), hostileText);
  return {
    'POST /v1/admin/devices/:deviceId/revoke': admin('POST', unknownOnly.map((id) => `/v1/admin/devices/${id}/revoke`), reasonBody),
    'POST /v1/admin/devices/:deviceId/reinstate': admin('POST', unknownOnly.map((id) => `/v1/admin/devices/${id}/reinstate`), reasonBody),
    'POST /v1/admin/users/:userId/revoke-access': admin('POST', unknownOnly.map((id) => `/v1/admin/users/${id}/revoke-access`), reasonBody),
    'POST /v1/admin/users/:userId/reinstate-access': admin('POST', unknownOnly.map((id) => `/v1/admin/users/${id}/reinstate-access`), reasonBody),
    'GET /v1/admin/sync-policy': queryString(fc.constant({})).map((query): FuzzRequest => ({ method: 'GET', url: `/v1/admin/sync-policy${query}`, headers: {}, as: 'admin' })),
    'PUT /v1/admin/sync-policy': admin('PUT', fc.constant('/v1/admin/sync-policy'), withRawBodies(mutated(fc.record({ maxOfflineDays: days })))),
  };
}
