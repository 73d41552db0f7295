// Fuzzers for issue 15's catalog snapshot routes (server/routes/sync-snapshot.ts), as a rep: stray
// query parameters, well-formed and hostile snapshot ids, and Range / If-Range headers of every
// shape (a range past the end must be a 416, never a 500). Part of api-fuzz.ts routeFuzzers.
import fc from 'fast-check';
import { hostileText, queryString, type FuzzRequest } from './api-fuzz.js';

export function snapshotFuzzers(): Record<string, fc.Arbitrary<FuzzRequest>> {
  const id = fc.oneof(
    fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 64n }), fc.stringMatching(/^[0-9a-f]{16}$/)).map(([version, sha]) => `${version}-${sha}`),
    hostileText.map((text) => encodeURIComponent(text)),
  );
  const offset = fc.oneof(fc.nat({ max: 1_000_000 }).map(String), fc.constant(''), hostileText);
  const range = fc.oneof(fc.tuple(offset, offset).map(([from, to]) => `bytes=${from}-${to}`), fc.constant('bytes=0-1,5-9'), hostileText);
  const headers = fc.record({ range, 'if-range': fc.oneof(fc.constant('"x"'), hostileText) }, { requiredKeys: [] });
  return {
    'GET /v1/sync/snapshot': queryString(fc.record({ since: hostileText }, { requiredKeys: [] })).map((query): FuzzRequest => ({ method: 'GET', url: `/v1/sync/snapshot${query}`, headers: {}, as: 'rep' })),
    'GET /v1/sync/snapshot/:id': fc
      .tuple(id, headers)
      .map(([snapshot, sent]): FuzzRequest => ({ method: 'GET', url: `/v1/sync/snapshot/${snapshot}`, headers: sent as Record<string, string>, as: 'rep' })),
  };
}
