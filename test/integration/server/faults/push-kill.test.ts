// Issue 6: the API server process killed (SIGKILL) during push batches and restarted on the same
// port, three times; every comparison ends stored exactly once with its items, and the client's
// outbox ends applied. The long version is test/soak/push-kill.test.ts.
import { describe, it } from 'vitest';
import { runPushKillScenario, usePushKillEnvironment } from '../../../support/push-kill-scenario.js';

const environment = usePushKillEnvironment();

describe('server process killed during a push batch', () => {
  it('stores every comparison exactly once after kills and restarts', async () => {
    await runPushKillScenario(environment(), { comparisons: 300, kills: 3, seed: 6001, maxKillDelayMs: 120 });
  }, 120_000);
});
