// Opens the desktop cache: one better-sqlite3 connection wrapped by Kysely. Plain Node (no Electron
// import), so tests open real files in a temporary folder.
import Database from 'better-sqlite3';
import { CamelCasePlugin, CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import { createCatalogBulk, type CatalogBulk } from './catalog-bulk.js';
import type { ClientDatabase } from './schema.js';

export interface OpenClientDatabaseOptions {
  /** Path of the database file (created when missing). */
  file: string;
  /** Path of a better_sqlite3.node built for the running ABI (see src-main/native/); default: the package's own. */
  nativeBinding?: string | undefined;
}

export interface ClientDatabaseHandle {
  file: string;
  sqlite: Database.Database;
  db: Kysely<ClientDatabase>;
  /**
   * Prepared upserts of synced catalog rows on this same connection, for the sync engine's page
   * transactions (which it opens through `db`): the narrow piece of the raw connection sync needs.
   */
  catalogBulk: CatalogBulk;
  /** Closes Kysely and the connection (SQLite checkpoints the WAL into the file). */
  close(): Promise<void>;
}

// SQLite does run DDL inside transactions, but Kysely's SqliteAdapter says it does not, so its
// Migrator would apply each migration without one and a migration failing halfway would leave a
// half-changed schema. Claiming the capability makes the Migrator run every pending migration in
// one transaction: a failed start-up migration leaves the file exactly as it was. The flag is
// read by nothing but the Migrator.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

// The sync worker writes the cache on a connection of its own while main saves comparisons on
// this one. A deferred BEGIN that reads and then writes fails at once with SQLITE_BUSY when the
// other connection committed in between (busy_timeout cannot help: waiting would not make its
// snapshot current). BEGIN IMMEDIATE takes the write lock up front, waiting up to busy_timeout.
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ClientSqliteDialect extends SqliteDialect {
  readonly #driverConfig: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#driverConfig = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#driverConfig);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Opens (or creates) the cache with the pragmas every connection needs. Throws the SQLite error
 * (code SQLITE_NOTADB, SQLITE_CORRUPT, ...) when the file is not a usable database; nothing is
 * left open then.
 */
export function openClientDatabase({ file, nativeBinding }: OpenClientDatabaseOptions): ClientDatabaseHandle {
  const sqlite = new Database(file, nativeBinding === undefined ? {} : { nativeBinding });
  try {
    // WAL: readers (the UI) never wait for the sync writer. NORMAL is durable across application
    // crashes in WAL mode; a power cut may lose the last commits, never corrupt the file.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // Off by default in SQLite, per connection.
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Reading the schema here makes a file with garbage past the header fail now, not on first use.
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<ClientDatabase>({
    dialect: new ClientSqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  let closed = false;
  return {
    file,
    sqlite,
    db,
    catalogBulk: createCatalogBulk(sqlite),
    async close() {
      if (closed) return;
      closed = true;
      // SQLite's advice for long-lived connections: refresh planner statistics on the way out.
      if (sqlite.open) sqlite.pragma('optimize');
      // Kysely's SQLite driver closes the better-sqlite3 connection on destroy.
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}
