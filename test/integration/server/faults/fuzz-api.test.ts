// Issue 6: property-based fuzzing (fast-check) of every API route's params, query and body and of
// the CSV rate-sheet import: never a 5xx, every 4xx a problem+json naming the field, and a refused
// request writes nothing. FUZZ_RUNS requests per route (default 100) and FUZZ_SEED replay a run;
// test/soak/fuzz-api.test.ts runs thousands. See test/support/api-fuzz.ts.
import { describe, expect, it } from 'vitest';
import { expectEveryRouteFuzzed, fuzzRoute, newFuzzFigures, reportFuzz, routeFuzzers, useFuzzEnvironment } from '../../../support/api-fuzz.js';
import { envInt } from '../../../support/fault-report.js';

const environment = useFuzzEnvironment();
const runs = envInt('FUZZ_RUNS', 100);
const seed = envInt('FUZZ_SEED', 6006);
const figures = newFuzzFigures();

describe('fuzzed API input', () => {
  it('covers every protected route', () => {
    expectEveryRouteFuzzed(environment());
  });

  it('never answers 5xx, names the field in every 4xx, and a refused request writes nothing', async () => {
    const env = environment();
    for (const [route, request] of Object.entries(routeFuzzers(env.fixture))) {
      // The CSV import gets twice the runs: it is the input most likely to arrive hand-made.
      const count = route === 'POST /v1/admin/rate-sheets' ? runs * 2 : runs;
      await fuzzRoute(env.api, request, count, seed, figures);
    }
    reportFuzz('fuzz-api', figures, seed);
  }, 180_000);
});

describe('URLs the router refuses', () => {
  it('answers a path parameter over the length limit and a malformed escape with a problem', async () => {
    const { api } = environment();
    const tooLong = await api.call(api.tokens.admin, 'PATCH', `/v1/admin/products/${'x'.repeat(300)}`, { productName: 'X' });
    expect(tooLong.status).toBe(414);
    expect(tooLong.headers['content-type']).toContain('application/problem+json');
    expect(tooLong.json).toMatchObject({ issues: [{ path: 'params' }] });
    const badEscape = await api.call(api.tokens.admin, 'POST', '/v1/admin/products/%E0%A4%A/deactivate');
    expect(badEscape.status).toBe(400);
    expect(badEscape.headers['content-type']).toContain('application/problem+json');
    expect(badEscape.json).toMatchObject({ issues: [{ path: 'params' }] });
  });
});
