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

const PREPARED_MARK = /^\/\* prepared ([a-z][a-z0-9_]{0,40}) \*\//;

/**
 * The comment that makes a statement prepared: put it first in the statement's text. Such a
 * statement is parsed and planned once per connection and then reused with new parameters, which
 * pays off for a big statement run very often (the sync pull: its planning cost more than running
 * it). PostgreSQL re-plans it by itself when the schema changes, and after five executions keeps a
 * generic plan only when that is estimated no worse than planning for the values (plan_cache_mode
 * auto). The name must belong to one text only; pg refuses to reuse a name for another text.
 */
export function preparedStatementMark(name: string): string {
  if (!PREPARED_MARK.test(`/* prepared ${name} */`)) throw new RangeError(`invalid prepared statement name ${JSON.stringify(name)}`);
  return `/* prepared ${name} */`;
}

/** pg's Client, preparing the statements marked by preparedStatementMark (Kysely passes text and values). */
class PreparingClient extends pg.Client {
  // The overloads of pg's query are forwarded as they are; only (text, values) is looked at.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 ? PREPARED_MARK.exec(text)?.[1] : undefined;
    if (name !== undefined) return super.query({ name, text, values });
    return Reflect.apply(super.query, this, args);
  }
}

export function createPool(config: pg.PoolConfig, options: CreateDatabaseOptions = {}): pg.Pool {
  const pool = new pg.Pool({ ...config, types: ratedeskTypes, Client: PreparingClient });
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
