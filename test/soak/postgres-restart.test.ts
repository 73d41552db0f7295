// Soak: PostgreSQL stopped and started SOAK_PG_RESTARTS times (default 20), down SOAK_PG_OUTAGE_MS
// each time (default 3000), with SOAK_PG_CLIENTS desktop clients (default 4) and raw pullers pulling
// throughout; see test/support/postgres-restart-scenario.ts. SOAK_SEED replays a run.
import { describe, it } from 'vitest';
import { envInt, soakSeed } from '../support/fault-report.js';
import { runPostgresRestartScenario, usePostgresRestartEnvironment } from '../support/postgres-restart-scenario.js';

const environment = usePostgresRestartEnvironment(envInt('SOAK_PG_PRODUCTS', 400));

describe('soak: PostgreSQL restarted during pulls', () => {
  it('answers 503 with Retry-After during each outage and recovers every time', async () => {
    await runPostgresRestartScenario(
      environment(),
      {
        restarts: envInt('SOAK_PG_RESTARTS', 20),
        outageMs: envInt('SOAK_PG_OUTAGE_MS', 3_000),
        clients: envInt('SOAK_PG_CLIENTS', 4),
        pullers: 4,
        seed: soakSeed(),
      },
      'postgres-restart-soak',
    );
  });
});
