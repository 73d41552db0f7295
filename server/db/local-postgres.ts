// The local stack's database: the embedded PostgreSQL (a real server, no Docker) in a persistent
// folder under the user's data directory, with the `ratedesk` database migrated and the server's
// login role in place. Used by `npm run db:migrate` and by the server when DATABASE_URL is not set.
import path from 'node:path';
import pg from 'pg';
import { defaultDataDir, rootFallbackDataDir, startEmbeddedPostgres } from './embedded.js';
import { LOCAL_DATABASE_NAME, LOCAL_SERVER_PASSWORD, LOCAL_SERVER_ROLE } from './config.js';
import { ensureDatabase, ensureLoginRole, migrateToLatest } from './migrate.js';

export interface LocalDatabase {
  /** Superuser URL of the `ratedesk` database (the migrator locally). */
  ownerUrl: string;
  /** URL the server uses: ratedesk_server, a member of ratedesk_app. */
  serverUrl: string;
  /** Migrations applied by this start. */
  applied: string[];
  /** False when a cluster was already running on the port (e.g. the server) and was reused. */
  started: boolean;
  /** The data folder in use: the one asked for, or (running as root) the fallback when that one is out of reach. */
  dataDir: string;
  stop(): Promise<void>;
}

const SUPERUSER_PASSWORD = 'ratedesk-local';

function urlFor(user: string, password: string, port: number, database: string): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function alreadyRunning(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function startLocalDatabase(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}): Promise<LocalDatabase> {
  const adminUrl = urlFor('postgres', SUPERUSER_PASSWORD, options.port, 'postgres');
  const reuse = await alreadyRunning(adminUrl);
  const running = reuse
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: options.dataDir,
        port: options.port,
        password: SUPERUSER_PASSWORD,
        persistent: true,
        // Running as root, the default folder under root's home is out of the postgres user's reach;
        // a folder someone chose (RATEDESK_DATA_DIR) is never replaced.
        ...(path.resolve(options.dataDir) === path.resolve(defaultDataDir()) ? { fallbackDataDir: rootFallbackDataDir() } : {}),
        ...(options.onLog ? { onLog: options.onLog } : {}),
      });
  if (running?.notice) console.warn(`[postgres] ${running.notice}`);
  try {
    await ensureDatabase(adminUrl, LOCAL_DATABASE_NAME);
    const ownerUrl = urlFor('postgres', SUPERUSER_PASSWORD, options.port, LOCAL_DATABASE_NAME);
    const { applied } = await migrateToLatest(ownerUrl);
    await ensureLoginRole(adminUrl, { role: LOCAL_SERVER_ROLE, password: LOCAL_SERVER_PASSWORD });
    return {
      ownerUrl,
      serverUrl: urlFor(LOCAL_SERVER_ROLE, LOCAL_SERVER_PASSWORD, options.port, LOCAL_DATABASE_NAME),
      applied,
      started: !reuse,
      dataDir: running?.dataDir ?? options.dataDir,
      stop: async () => {
        await running?.stop();
      },
    };
  } catch (error) {
    await running?.stop().catch(() => undefined);
    throw error;
  }
}
