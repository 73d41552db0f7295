// A file-wide test environment (servers, processes, folders) built before the first test of a file
// and taken down after the last: the fault scenarios share it between their fast test and their soak.
import { afterAll, beforeAll } from 'vitest';

/** Registers beforeAll/afterAll; call at the top of a test file. Answers a getter for the tests. */
export function useEnvironment<E>(what: string, start: () => Promise<E>, stop: (env: E) => Promise<void>, timeoutMs?: number): () => E {
  let env: E | undefined;
  beforeAll(async () => {
    env = await start();
  }, timeoutMs);
  afterAll(async () => {
    if (env !== undefined) await stop(env);
  });
  return () => {
    if (env === undefined) throw new Error(`the ${what} environment did not start`);
    return env;
  };
}
