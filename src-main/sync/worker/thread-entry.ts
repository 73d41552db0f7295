// Entry of the sync worker thread (thread-transport.ts starts it).
import { parentPort } from 'node:worker_threads';
import { serveDesktopSync } from './sync-worker.js';
import { portTransport } from './thread-transport.js';

if (parentPort === null) throw new Error('thread-entry runs as a worker thread only');
serveDesktopSync(portTransport(parentPort));
