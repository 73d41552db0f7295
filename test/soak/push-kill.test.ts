// Soak: the server process killed during push batches many times (SOAK_PUSH_KILLS, default 25) with
// SOAK_PUSH_COMPARISONS comparisons (default 3000) waiting in the outbox; see
// test/support/push-kill-scenario.ts. SOAK_SEED replays a run.
import { describe, it } from 'vitest';
import { envInt, soakSeed } from '../support/fault-report.js';
import { runPushKillScenario, usePushKillEnvironment } from '../support/push-kill-scenario.js';

const environment = usePushKillEnvironment();

describe('soak: server process killed during push batches', () => {
  it('stores every comparison exactly once', async () => {
    await runPushKillScenario(
      environment(),
      {
        comparisons: envInt('SOAK_PUSH_COMPARISONS', 3000),
        kills: envInt('SOAK_PUSH_KILLS', 25),
        seed: soakSeed(),
        maxKillDelayMs: 250,
      },
      'push-kill-soak',
    );
  });
});
