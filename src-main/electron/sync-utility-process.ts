// The Electron carrier of the sync worker: a utilityProcess (a Node child of the app with
// Electron's ABI, so the same better-sqlite3 build loads) running out/main/sync-worker.js
// (sync-utility-entry.ts, its own entry in electron.vite.config.ts), reached with
// child.postMessage / process.parentPort.
//
// UNTESTED HERE: the Electron binary cannot run in this repository's test environment. The bridge
// itself (src-main/sync/worker) is tested over worker_threads, which differs only in this thin
// carrier: same messages, same structured clone.
import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { BridgeMessage, MessageTransport } from '../sync/worker/transport.js';

export function startSyncUtilityProcess(): MessageTransport {
  const child = utilityProcess.fork(fileURLToPath(new URL('./sync-worker.js', import.meta.url)), [], { serviceName: 'RateDesk sync', stdio: 'inherit' });
  const goneListeners = new Set<(error: Error) => void>();
  let ending = false;
  child.once('exit', (code) => {
    const error = new Error(ending ? 'the sync process was ended' : `the sync process exited with code ${code}`);
    for (const listener of goneListeners) listener(error);
  });
  return {
    post: (message: BridgeMessage) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onGone: (listener) => goneListeners.add(listener),
    close() {
      ending = true;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill();
      return exited;
    },
  };
}
