// Soak: two API server instances against one database with SOAK_TWO_CLIENTS clients (default 6)
// spread across both while SOAK_TWO_PUBLISHES admin writes (default 3000) go through both; see
// test/support/two-instances-scenario.ts (first syncs through the catalog snapshot). SOAK_SEED replays a run.
import { describe, it } from 'vitest';
import { envInt, soakSeed } from '../support/fault-report.js';
import { runTwoInstancesScenario, useTwoInstancesEnvironment } from '../support/two-instances-scenario.js';

const environment = useTwoInstancesEnvironment(envInt('SOAK_TWO_PRODUCTS', 300));

describe('soak: two server instances', () => {
  it('no client misses a change', async () => {
    await runTwoInstancesScenario(
      environment(),
      {
        clients: envInt('SOAK_TWO_CLIENTS', 6),
        publishes: envInt('SOAK_TWO_PUBLISHES', 3000),
        comparisons: envInt('SOAK_TWO_COMPARISONS', 500),
        seed: soakSeed(),
      },
      'two-instances-soak',
    );
  });
});
