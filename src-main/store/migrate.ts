// Brings the cache to this build's schema at start-up. Everything pending runs in one transaction
// (see open-database.ts), after a backup copy of the file, so a failure leaves the file as it was
// and rebuild-cache.ts decides what to do with it.
import { existsSync, rmSync } from 'node:fs';
import { Migrator, type Migration } from 'kysely/migration';
import { clientMigrations } from './migrations/index.js';
import type { ClientDatabaseHandle } from './open-database.js';

/** Kysely's default bookkeeping table. */
const MIGRATION_TABLE = 'kysely_migration';

/** The cache was written by a newer RateDesk: it records migrations this build does not have. */
export class NewerClientDatabaseError extends Error {
  override readonly name = 'NewerClientDatabaseError';
  readonly unknownMigrations: readonly string[];

  constructor(file: string, unknownMigrations: readonly string[]) {
    super(
      `The local database ${file} was written by a newer version of RateDesk ` +
        `(it has migrations this version does not know: ${unknownMigrations.join(', ')}).`,
    );
    this.unknownMigrations = unknownMigrations;
  }
}

/** A migration failed; the transaction was rolled back, so the file is unchanged. */
export class ClientMigrationError extends Error {
  override readonly name = 'ClientMigrationError';
  readonly migrationName: string | null;

  constructor(file: string, migrationName: string | null, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Could not migrate the local database ${file}${migrationName ? ` (migration ${migrationName})` : ''}: ${reason}`, { cause });
    this.migrationName = migrationName;
  }
}

export interface MigrateClientOptions {
  /** Defaults to this build's list; tests pass others. */
  migrations?: Readonly<Record<string, Migration>>;
}

export interface MigrateClientResult {
  /** Names applied now, in order; empty when the file was up to date. */
  applied: string[];
  /** The copy taken before migrating an existing cache, or null when none was needed. */
  backupFile: string | null;
}

export function backupFileOf(file: string): string {
  return `${file}.pre-migration.bak`;
}

/** Names of the migrations recorded in the file, in name order. */
export function executedMigrations(handle: ClientDatabaseHandle): string[] {
  const table = handle.sqlite.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(MIGRATION_TABLE);
  if (table === undefined) return [];
  return handle.sqlite
    .prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`)
    .pluck()
    .all()
    .map((name) => String(name));
}

function hasTables(handle: ClientDatabaseHandle): boolean {
  return handle.sqlite.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1`).get() !== undefined;
}

/**
 * Applies the pending migrations. Throws NewerClientDatabaseError when the file has migrations
 * this build does not know (never touching it), ClientMigrationError when a migration fails.
 */
export async function migrateClientDatabase(
  handle: ClientDatabaseHandle,
  { migrations = clientMigrations }: MigrateClientOptions = {},
): Promise<MigrateClientResult> {
  const executed = executedMigrations(handle);
  const known = new Set(Object.keys(migrations));
  const unknown = executed.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new NewerClientDatabaseError(handle.file, unknown);
  const done = new Set(executed);
  if ([...known].every((name) => done.has(name))) return { applied: [], backupFile: null };

  let backupFile: string | null = null;
  if (hasTables(handle) && handle.file !== ':memory:') {
    backupFile = backupFileOf(handle.file);
    // backup() writes into an existing file page by page; start from nothing so no stale page of an
    // older backup survives.
    if (existsSync(backupFile)) rmSync(backupFile);
    await handle.sqlite.backup(backupFile);
  }

  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? null;
    throw new ClientMigrationError(handle.file, failed, error);
  }
  return { applied: results.filter((result) => result.status === 'Success').map((result) => result.migrationName), backupFile };
}
