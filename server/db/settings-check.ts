// The PostgreSQL settings the server relies on, checked once at start-up on each pool (writer and
// reader), with a warning that names the setting and how to fix it (docs/database.md, "Settings the
// server relies on"). A warning, not a refusal: a server that starts slow is better than none.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What one pooled connection sees. */
export interface ConnectionSettings {
  role: string;
  database: string;
  jit: string;
  serverVersionNum: number;
}

export async function readConnectionSettings(db: Kysely<Database>): Promise<ConnectionSettings> {
  const { rows } = await sql<{ role: string; database: string; jit: string; serverVersionNum: string }>`
    SELECT current_user AS role, current_database() AS database, current_setting('jit') AS jit,
      current_setting('server_version_num') AS server_version_num`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the settings query returned no row');
  return { role: row.role, database: row.database, jit: row.jit, serverVersionNum: Number(row.serverVersionNum) };
}

const DOCS = 'docs/database.md#settings-the-server-relies-on';

/** Warnings for one pool's settings; `label` says which pool ("writer", "reader"). */
export function settingWarnings(settings: ConnectionSettings, label: string): string[] {
  const warnings: string[] = [];
  const where = `for role "${settings.role}" in database "${settings.database}" (${label})`;
  if (settings.jit === 'on') {
    warnings.push(
      `PostgreSQL setting jit is on ${where}: a statement estimated above jit_above_cost is JIT-compiled on every run, ` +
        `which cost about 1.6 s per sync pull on a stock PostgreSQL 15. Turn it off: ALTER DATABASE "${settings.database}" SET jit = off ` +
        `(the migrations do this when the migrator owns the database), ALTER ROLE "${settings.role}" SET jit = off, ` +
        `or jit = 0 in the Aurora DB parameter group; see ${DOCS}`,
    );
  }
  if (settings.serverVersionNum < 150000) {
    warnings.push(`PostgreSQL ${settings.serverVersionNum} ${where} is older than 15, the version RateDesk is built and tested for; see ${DOCS}`);
  }
  return warnings;
}

/** Every warning for the writer and, when it is another pool, the reader. */
export async function checkDatabaseSettings(pools: { writer: Kysely<Database>; reader: Kysely<Database> }): Promise<string[]> {
  const warnings = settingWarnings(await readConnectionSettings(pools.writer), 'writer');
  if (pools.reader !== pools.writer) warnings.push(...settingWarnings(await readConnectionSettings(pools.reader), 'reader'));
  return warnings;
}
