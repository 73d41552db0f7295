// The ceiling for the client-side apply: the same rows the sync wrote, inserted into a fresh cache
// with the same schema (indexes, FTS triggers and all) by better-sqlite3 prepared statements in ONE
// transaction, with no parsing, validation, upsert conflict checks or query building. The rows are
// read from the synced cache first and held in memory, so only the inserts are timed.
// Since the snapshot's bulk load (src-main/store/catalog-stage.ts) copies rows with INSERT ... SELECT
// in key order, a second ceiling for it: the same rows copied the same way from the synced file
// (ATTACHed, already in SQLite's own form, so no parsing, checking or staging) into another fresh
// cache, each table in key order, its secondary indexes built after (copyMs).
// Usage: node --import tsx bench/sqlite-ceiling-child.ts <syncedCacheFile> <freshCacheFile>
import Database from 'better-sqlite3';
import { openOrRebuild } from '../src-main/store/rebuild-cache.js';

const [source = '', target = ''] = process.argv.slice(2);
if (!source || !target) {
  console.error('Usage: sqlite-ceiling-child.ts <syncedCacheFile> <freshCacheFile>');
  process.exit(2);
}

// Parents first, so the foreign keys hold row by row. Every synced catalog table, so the ceiling
// inserts the same rows the sync applied (the issue 13 tables are empty until the sync pulls them).
const TABLES = [
  'carriers', 'products', 'product_availability', 'rate_history', 'product_state_approvals', 'fia_strategies', 'fia_strategy_rates', 'index_levels',
] as const;

const from = new Database(source, { readonly: true });
const tables = TABLES.map((table) => {
  const columns = (from.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
  const rows = from.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw(true).all() as unknown[][];
  return { table, columns, rows };
});
from.close();

const { handle } = await openOrRebuild({ file: target });
const sqlite = handle.sqlite;
const statements = tables.map(({ table, columns, rows }) => ({
  insert: sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`),
  rows,
}));
const insertAll = sqlite.transaction(() => {
  for (const { insert, rows } of statements) for (const row of rows) insert.run(row);
});
const started = performance.now();
insertAll();
const ms = performance.now() - started;
const rows = tables.reduce((sum, { rows: tableRows }) => sum + tableRows.length, 0);
await handle.close();

const copied = await openOrRebuild({ file: `${target}-copy` });
const copy = copied.handle.sqlite;
copy.pragma('foreign_keys = OFF');
copy.prepare('ATTACH DATABASE ? AS synced').run(source);
const copyAll = copy.transaction(() => {
  for (const { table, columns } of tables) {
    const key = (copy.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk = 1`).pluck().get(table) as string | undefined) ?? 'rowid';
    const indexes = copy.prepare<[string], { name: string; sql: string }>(`SELECT name, sql FROM main.sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table);
    for (const index of indexes) copy.exec(`DROP INDEX main.${index.name}`);
    copy.exec(`INSERT INTO main.${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM synced.${table} ORDER BY ${key}`);
    for (const index of indexes) copy.exec(index.sql);
  }
});
const copyStarted = performance.now();
copyAll();
const copyMs = performance.now() - copyStarted;
copy.exec('DETACH DATABASE synced');
await copied.handle.close();
process.stdout.write(`${JSON.stringify({ rows, ms, copyMs })}\n`);
