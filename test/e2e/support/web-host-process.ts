// Starts `scripts/web-host.ts` as a child process on free ports with a fresh data folder (its own
// embedded PostgreSQL, identity provider, API server and client cache), for the web e2e tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/db/embedded.js';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const READY_LINE = /RateDesk in the browser: (http:\/\/127\.0\.0\.1:\d+)\//;
const START_TIMEOUT_MS = 180_000;

export interface RunningWebHost {
  url: string;
  dataDir: string;
  /** Everything the host printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface WebHostOptions {
  build?: boolean;
  /**
   * More environment for the host, applied last (so it may also fix the ports): RATEDESK_CLOCK and
   * TZ, say, for a host standing on another instant in another zone (business-date.spec.ts).
   */
  env?: Record<string, string>;
  /**
   * A data folder the caller owns (made if missing, kept on stop), so a host stopped and started
   * again finds its database and client cache as they were; by default a fresh one, removed on stop.
   */
  dataDir?: string;
}

export async function startWebHost(options: WebHostOptions = {}): Promise<RunningWebHost> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ratedesk-web-e2e-'));
  if (!ownDataDir) mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RATEDESK_DATA_DIR: join(dataDir, 'postgres'),
    RATEDESK_WEB_DATA_DIR: join(dataDir, 'client'),
    EMBEDDED_PG_PORT: String(await freePort()),
    DEV_IDP_PORT: String(await freePort()),
    PORT: String(await freePort()),
    WEB_HOST_PORT: String(await freePort()),
    WEB_HOST_SKIP_BUILD: options.build === false ? '1' : '0',
    // Tests sync on demand, so a timer cannot race them.
    SYNC_INTERVAL_SECONDS: '0',
    // Lets a test cut the client off the API server (POST /host-control/network-down).
    WEB_HOST_TEST_CONTROL: '1',
    // Where exported illustration PDFs land (web-global-setup.ts tells the tests).
    RATEDESK_WEB_DOWNLOADS_DIR: join(dataDir, 'downloads'),
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.OKTA_ISSUER;

  // Plain node with tsx's loader: no npx wrapper between this process and the host, so the
  // signal that stops it reaches it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/web-host.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const stop = async (): Promise<void> => {
    await stopChild(child);
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the web host did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
      const check = (): void => {
        const match = READY_LINE.exec(output);
        if (match?.[1] === undefined) return;
        clearTimeout(timer);
        resolve(match[1]);
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the web host exited (code ${String(code)}) before it was ready:\n${output}`));
      });
    });
    return { url, dataDir, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // The host stops PostgreSQL on SIGTERM; SIGKILL only if it hangs.
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** What tells the tests where the host is (web-global-setup.ts sets them for the run's shared host). */
const HOST_ENV = ['RATEDESK_WEB_URL', 'RATEDESK_WEB_DOWNLOADS_DIR'] as const;

export interface OwnWebHost {
  /** Stops the host started before (if any) and starts one; the tests' environment points at it. */
  start(options: WebHostOptions & { dataDir: string }): Promise<RunningWebHost>;
  /** Stops it and points the tests back at the run's shared host (the other specs use it). */
  release(): Promise<void>;
}

/** For a spec that runs its own stack (its own database, clock or zone) instead of the run's shared one. */
export function ownWebHost(): OwnWebHost {
  let saved: Map<string, string | undefined> | null = null;
  let host: RunningWebHost | null = null;
  return {
    async start(options) {
      saved ??= new Map(HOST_ENV.map((name) => [name, process.env[name]]));
      await host?.stop();
      host = null;
      host = await startWebHost(options);
      process.env.RATEDESK_WEB_URL = host.url;
      process.env.RATEDESK_WEB_DOWNLOADS_DIR = join(options.dataDir, 'downloads');
      return host;
    },
    async release() {
      await host?.stop();
      host = null;
      for (const [name, value] of saved ?? []) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
