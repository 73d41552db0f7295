// Soak: the API fuzzing of test/integration/server/faults/fuzz-api.test.ts with SOAK_FUZZ_RUNS requests per
// route (default 2000; the CSV import gets twice that). SOAK_SEED replays a run.
import { describe, it } from 'vitest';
import { expectEveryRouteFuzzed, fuzzRoute, newFuzzFigures, reportFuzz, routeFuzzers, useFuzzEnvironment } from '../support/api-fuzz.js';
import { envInt, soakSeed } from '../support/fault-report.js';

const environment = useFuzzEnvironment();

describe('soak: fuzzed API input', () => {
  it('never answers 5xx and a refused request writes nothing', async () => {
    const env = environment();
    expectEveryRouteFuzzed(env);
    const runs = envInt('SOAK_FUZZ_RUNS', 2000);
    const seed = soakSeed();
    const figures = newFuzzFigures();
    for (const [route, request] of Object.entries(routeFuzzers(env.fixture))) {
      await fuzzRoute(env.api, request, route === 'POST /v1/admin/rate-sheets' ? runs * 2 : runs, seed, figures);
    }
    reportFuzz('fuzz-api-soak', figures, seed);
  });
});
