// A spec's own web host (its own PostgreSQL on a port chosen here, identity provider, API server and
// client cache), started before its tests and removed after, with a connection to that PostgreSQL
// for set-up a screen cannot do and for checking what the server stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import pg from 'pg';
import { loadDatabaseConfig } from '../../../server/db/config.js';
import { freePort } from '../../../server/db/embedded.js';
import { ownWebHost } from './web-host-process.js';

export interface OwnStack {
  /** Runs `work` on a new connection to the stack's PostgreSQL (as its owner), closed after. */
  inDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T>;
}

export function useOwnStackWithDatabase(folderPrefix: string): OwnStack {
  let dataDir = '';
  let pgPort = '';
  const host = ownWebHost();
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
    pgPort = String(await freePort());
    await host.start({ dataDir, env: { EMBEDDED_PG_PORT: pgPort } });
  });
  test.afterAll(async () => {
    await host.release();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    async inDatabase(work) {
      const client = new pg.Client({ connectionString: loadDatabaseConfig({ EMBEDDED_PG_PORT: pgPort }).writerConnection.url });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    },
  };
}
