// The API server as a real operating-system process (server/server.ts under tsx), for the fault
// tests that kill it with SIGKILL and start it again on the same port: no graceful shutdown, no
// finally blocks, sockets and PostgreSQL sessions dropped by the kernel, as when a host dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_ENTRY = fileURLToPath(new URL('../../server/server.ts', import.meta.url));

export interface ServerProcessOptions {
  /** The login role's connection string (least privilege, as in production). */
  databaseUrl: string;
  issuer: string;
  port: number;
  /** Extra environment (e.g. RATE_LIMIT_PER_MINUTE). */
  env?: Record<string, string>;
  /** How long a start may take before it counts as failed; tsx compiles on start-up. */
  startTimeoutMs?: number;
}

export interface ServerProcess {
  readonly baseUrl: string;
  /** Starts the process (if it is not running) and resolves once /healthz answers. */
  start(): Promise<void>;
  /** SIGKILL; resolves when the process is gone. */
  kill(): Promise<void>;
  running(): boolean;
  /** Starts so far, including the first. */
  readonly starts: number;
  /** The last lines the process wrote to stderr, for failure messages. */
  stderr(): string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export function serverProcess(options: ServerProcessOptions): ServerProcess {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let errorText = '';
  let starts = 0;

  async function start(): Promise<void> {
    if (child) return;
    starts += 1;
    const spawned = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: options.databaseUrl,
        OKTA_ISSUER: options.issuer,
        PORT: String(options.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = spawned;
    spawned.stderr?.on('data', (chunk: Buffer) => {
      errorText = (errorText + chunk.toString()).slice(-4_000);
    });
    exited = new Promise((resolve) =>
      spawned.once('exit', () => {
        if (child === spawned) child = undefined;
        resolve();
      }),
    );
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      if (child !== spawned) throw new Error(`the server process exited during start-up: ${errorText}`);
      if (await healthy(baseUrl)) return;
      await sleep(100);
    }
    throw new Error(`the server process did not answer /healthz within ${options.startTimeoutMs ?? 60_000} ms: ${errorText}`);
  }

  async function kill(): Promise<void> {
    const current = child;
    if (!current) return;
    current.kill('SIGKILL');
    await exited;
  }

  return {
    baseUrl,
    start,
    kill,
    running: () => child !== undefined,
    get starts() {
      return starts;
    },
    stderr: () => errorText,
    close: kill,
  };
}
