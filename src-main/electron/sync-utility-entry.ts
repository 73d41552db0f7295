// Entry of the sync utility process (sync-utility-process.ts forks it; built as
// out/main/sync-worker.js). UNTESTED HERE: the Electron binary cannot run in the test environment;
// the same serveDesktopSync is tested over worker_threads (src-main/sync/worker/thread-entry.ts).
import { serveDesktopSync } from '../sync/worker/sync-worker.js';

const port = process.parentPort;
const goneListeners = new Set<(error: Error) => void>();
// The parent's end closes when main quits or kills this process; nothing is left to do then.
process.once('exit', () => {
  for (const listener of goneListeners) listener(new Error('the sync process is exiting'));
});
serveDesktopSync({
  post: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', (event) => listener(event.data)),
  onGone: (listener) => goneListeners.add(listener),
  close: () => process.exit(0),
});
