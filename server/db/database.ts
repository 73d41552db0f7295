// The server's Kysely instance over a pg Pool. TypeScript sees camelCase (CamelCasePlugin), the
// database keeps snake_case; JSON documents inside jsonb columns are returned exactly as stored.
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { ratedeskTypes } from './type-parsers.js';

export interface CreateDatabaseOptions {
  /**
   * Called when an idle pooled connection fails (failover, network cut). Without a listener pg
   * would emit an unhandled 'error' and crash the process; the pool replaces the connection itself.
   */
  onIdleClientError?: (error: Error) => void;
}

export function createPool(config: pg.PoolConfig, options: CreateDatabaseOptions = {}): pg.Pool {
  const pool = new pg.Pool({ ...config, types: ratedeskTypes });
  pool.on('error', (error) => {
    if (options.onIdleClientError) options.onIdleClientError(error);
    else console.error(`[db] idle connection error: ${error.message}`);
  });
  return pool;
}

export function createDatabase(config: pg.PoolConfig, options: CreateDatabaseOptions = {}): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPool(config, options) }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}
