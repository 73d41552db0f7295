// The worker_threads carrier: the web host (scripts/web-host/node-desktop.ts), the Node tests and
// the bench run the sync worker as a thread of their own process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { BridgeMessage, MessageTransport } from './transport.js';

/** The worker's end: its parentPort. */
export function portTransport(port: MessagePort): MessageTransport {
  return {
    post: (message: BridgeMessage) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
    onGone: (listener) => port.once('close', () => listener(new Error('main closed the channel'))),
    close: () => {
      port.close();
      return Promise.resolve();
    },
  };
}

/**
 * Starts thread-entry in a new thread. From TypeScript sources (tsx, vitest) the thread first
 * registers tsx itself: Node 20 does not apply a parent's --import hooks to a worker's entry.
 */
export function startSyncThread(): MessageTransport {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./thread-entry.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  const worker = fromSources ? new Worker(tsxBootstrap(entry), { eval: true, name: 'ratedesk-sync' }) : new Worker(entry, { name: 'ratedesk-sync' });
  const goneListeners = new Set<(error: Error) => void>();
  let ending = false;
  let gone = false;
  const reportGone = (error: Error) => {
    if (gone) return;
    gone = true;
    for (const listener of goneListeners) listener(error);
  };
  worker.on('error', (error) => reportGone(error));
  worker.on('exit', (code) => reportGone(new Error(ending ? 'the sync worker was ended' : `the sync worker exited with code ${code}`)));
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onGone: (listener) => goneListeners.add(listener),
    async close() {
      ending = true;
      await worker.terminate();
    },
  };
}

/** A script that registers tsx and then imports `entry`; a failure ends the thread with its reason. */
export function tsxBootstrap(entry: URL): string {
  // The ES module build of tsx's API, as its package's exports name it (require.resolve would give the CommonJS one).
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = exportsMap['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  const tsx = new URL(api, pathToFileURL(manifest)).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); }).catch((error) => { console.error('[sync] the sync worker could not start', error); process.exit(1); });`;
}
