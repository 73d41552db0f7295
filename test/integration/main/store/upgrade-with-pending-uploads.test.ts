// An app update across a local schema migration loses no comparison (issue 14): a cache left by the
// previous build (every client migration but the latest) holds comparisons still waiting to upload;
// the current build opens it the way the app starts (openOrRebuild), migrates it in place, and
// every comparison is still there, still pending, and uploads to the real server afterwards.
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pendingUploadCount } from '../../../../src-main/store/outbox.js';
import { clientMigrations } from '../../../../src-main/store/migrations/index.js';
import { executedMigrations, migrateClientDatabase } from '../../../../src-main/store/migrate.js';
import { openClientDatabase } from '../../../../src-main/store/open-database.js';
import { openOrRebuild } from '../../../../src-main/store/rebuild-cache.js';
import { getComparison } from '../../../../src-main/store/saved-comparisons.js';
import type { SavedComparison } from '../../../../src-shared/sync/protocol.js';
import { apiClient, engineFor, saveVerifiedOnClient, useClientSyncServer, type ClientSyncSetup } from '../../../support/client-sync-harness.js';
import { REP_SUBJECT } from '../../../support/store-fixtures.js';

let setup: ClientSyncSetup;
useClientSyncServer(40, 'client-upgrade-pending-', (started) => {
  setup = started;
});

const names = Object.keys(clientMigrations).sort();
const latest = names.at(-1) ?? '';
/** The previous build's migrations: all but the latest. */
const previousBuild = Object.fromEntries(Object.entries(clientMigrations).filter(([name]) => name !== latest));

function columnsOf(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name);
}

/**
 * Copies the rows of `table` from a cache of this build into one of the previous build, column by
 * column as far as the older schema has them: the comparisons as the previous build saved them,
 * whatever the latest migration changed.
 */
function copyRows(from: Database.Database, to: Database.Database, table: string): number {
  const older = new Set(columnsOf(to, table));
  const columns = columnsOf(from, table).filter((column) => older.has(column));
  const rows = from.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Record<string, unknown>[];
  const insert = to.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  for (const row of rows) insert.run(row);
  return rows.length;
}

describe('updating the app with comparisons waiting to upload', () => {
  it('migrates the cache in place and keeps every pending comparison, which then uploads', async () => {
    const { server, folder } = setup;
    const file = `${folder.path}/cache.sqlite`;

    // The comparisons, saved the way the app saves them (comparison and outbox entry together).
    const scratch = openClientDatabase({ file: ':memory:' });
    await migrateClientDatabase(scratch);
    const saved: SavedComparison[] = [];
    for (let index = 0; index < 3; index += 1) saved.push(await saveVerifiedOnClient(server, scratch, REP_SUBJECT));

    // The previous build's cache, holding them pending.
    const old = openClientDatabase({ file });
    await migrateClientDatabase(old, { migrations: previousBuild });
    expect(executedMigrations(old)).not.toContain(latest);
    old.sqlite.transaction(() => {
      expect(copyRows(scratch.sqlite, old.sqlite, 'saved_comparisons')).toBe(3);
      expect(copyRows(scratch.sqlite, old.sqlite, 'outbox')).toBe(3);
    })();
    await scratch.close();
    await old.close();

    // The updated app starts.
    const opened = await openOrRebuild({ file });
    const { handle } = opened;
    try {
      expect(opened.report.rebuilt).toBe(false);
      expect(opened.migration.applied).toEqual([latest]);
      expect(await pendingUploadCount(handle.db, REP_SUBJECT)).toBe(3);
      for (const comparison of saved) {
        const stored = await getComparison(handle.db, comparison.comparisonId, REP_SUBJECT);
        expect(stored?.payload).toEqual(comparison);
        expect(stored?.upload?.status).toBe('pending');
      }

      const outcome = await engineFor(handle, apiClient(server.baseUrl, server.api.tokens.rep)).runNow('start');
      expect(outcome.status, outcome.status.detail).toMatchObject({ state: 'idle', pendingUploads: 0, rejectedUploads: 0 });
      expect(outcome.uploaded).toBe(3);
      const onServer = await server.api.owner
        .selectFrom('productComparisons')
        .select('comparisonId')
        .where(
          'comparisonId',
          'in',
          saved.map((comparison) => comparison.comparisonId),
        )
        .execute();
      expect(onServer).toHaveLength(3);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
