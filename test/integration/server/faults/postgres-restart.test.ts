// Issue 6: PostgreSQL stopped and started twice while clients pull continuously; the server answers
// 503 with Retry-After meanwhile and recovers without a restart. See
// test/support/postgres-restart-scenario.ts; the long version is test/soak/postgres-restart.test.ts.
import { describe, it } from 'vitest';
import { runPostgresRestartScenario, usePostgresRestartEnvironment } from '../../../support/postgres-restart-scenario.js';

const environment = usePostgresRestartEnvironment();

describe('PostgreSQL restarted during pulls', () => {
  it('answers 503 with Retry-After during each outage and ends with every client equal to the server', async () => {
    await runPostgresRestartScenario(environment(), { restarts: 2, outageMs: 1_500, clients: 2, pullers: 2, seed: 6003 });
  }, 120_000);
});
