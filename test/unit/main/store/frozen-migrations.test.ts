// The client migrations are frozen: a laptop upgraded migration by migration and one that builds a
// fresh cache must end with the same schema, and the CHECK builders they share (migrations/checks.ts)
// are the easiest place to change one by accident. The digest pins the exact SQL text SQLite keeps
// for every table and index the migrations up to issue 13 create; a later migration adds to the
// list without touching it.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrateClientDatabase } from '../../../../src-main/store/migrate.js';
import { clientMigrations } from '../../../../src-main/store/migrations/index.js';
import { openClientDatabase } from '../../../../src-main/store/open-database.js';
import { tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

const LAST_PINNED = '20261204100300_catalog_terms';
/** SHA-256 of the "type name tbl_name sql" lines of sqlite_schema, taken from the migrations as released (before checks.ts). Kysely's bookkeeping and ANALYZE's sqlite_stat tables are not schema. */
const PINNED_SCHEMA_SHA256 = 'f7e58375f203414e624fe9bb4513066634ee70bd5a355ab61e8606ce93e076cb';

let folder: TempFolder;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

it('the migrations up to issue 13 still create, to the byte, the schema they created when released', async () => {
  const pinned = Object.fromEntries(Object.entries(clientMigrations).filter(([name]) => name <= LAST_PINNED));
  const handle = openClientDatabase({ file: folder.file('cache.sqlite') });
  try {
    await migrateClientDatabase(handle, { migrations: pinned });
    const rows = handle.sqlite
      .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'kysely%' AND name NOT LIKE 'sqlite_stat%' ORDER BY name`)
      .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
    const text = rows.map((row) => [row.type, row.name, row.tbl_name, row.sql ?? ''].join(' ')).join('\n');
    expect(rows.map((row) => row.name)).toContain('fia_strategy_rates');
    expect(createHash('sha256').update(text).digest('hex')).toBe(PINNED_SCHEMA_SHA256);
  } finally {
    await handle.close();
  }
});
