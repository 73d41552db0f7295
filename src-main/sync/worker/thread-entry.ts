// Entry of the sync worker thread (thread-transport.ts starts it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { serveDesktopSync } from './sync-worker.js';
import { portTransport } from './thread-transport.js';

/**
 * The better-sqlite3 build for this Node's ABI that scripts/node-native-preload.mjs loads for the
 * main thread when RATEDESK_BETTER_SQLITE3_BUILDS is set (CI's Node 24 run): a worker thread does not
 * run NODE_OPTIONS' --import preload, so it names the same build explicitly. Unset: the package's own.
 */
function nodeNativeBuild(): string | undefined {
  const builds = process.env['RATEDESK_BETTER_SQLITE3_BUILDS'];
  if (!builds) return undefined;
  const build = join(builds, `node-v${process.versions.modules}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  return existsSync(build) ? build : undefined;
}

if (parentPort === null) throw new Error('thread-entry runs as a worker thread only');
serveDesktopSync(portTransport(parentPort), nodeNativeBuild());
