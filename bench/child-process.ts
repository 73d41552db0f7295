// Runs a TypeScript entry point of this repository in its own Node process (through tsx, as
// `npm run bench` itself runs), so its memory can be measured apart from the benchmark driver's.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface NodeChild {
  process: ChildProcess;
  pid: number;
  /** The last 4 KB of stderr, for error messages. */
  stderrTail(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * BENCH_PROFILE_DIR=<folder> runs every child with --cpu-prof (Node refuses it in NODE_OPTIONS), for
 * finding the cause of a missed target; the .cpuprofile files open in Chrome's DevTools.
 */
function profilingFlags(): string[] {
  const folder = process.env.BENCH_PROFILE_DIR;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

export function spawnTypeScript(entry: string, args: readonly string[], env: Record<string, string> = {}): NodeChild {
  const child = spawn(process.execPath, [...profilingFlags(), '--import', 'tsx', path.join(REPO_ROOT, entry), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (child.pid === undefined) throw new Error(`could not start ${entry}`);
  return { process: child, pid: child.pid, stderrTail: () => stderr, exited };
}

/** Runs a child to completion and parses the last line it printed on stdout as JSON. */
export async function runForJson(entry: string, args: readonly string[], env: Record<string, string> = {}): Promise<unknown> {
  const child = spawnTypeScript(entry, args, env);
  let stdout = '';
  child.process.stdout?.setEncoding('utf8');
  child.process.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  const code = await child.exited;
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0) throw new Error(`${entry} exited with ${String(code)}: ${child.stderrTail().trim() || last}`);
  try {
    return JSON.parse(last) as unknown;
  } catch {
    throw new Error(`${entry} printed no result: ${last.slice(0, 300)} ${child.stderrTail().trim()}`);
  }
}

export async function waitForHttp(url: string, child: NodeChild, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => {
    exitCode = code;
  });
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the process for ${url} exited with ${String(exitCode)}: ${child.stderrTail().trim()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s: ${child.stderrTail().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function stopChild(child: NodeChild): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 30_000);
  await child.exited;
  clearTimeout(timer);
}
