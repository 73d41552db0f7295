// The names main and the sync worker call each other by, besides the option functions (which
// travel under their own dotted names, remote-options.ts).
import type { OpenClientDatabaseOptions } from '../../store/open-database.js';
import type { OptionsOutline } from './remote-options.js';

export const SyncCommand = {
  init: 'sync.init',
  mirror: 'sync.mirror',
  runNow: 'sync.runNow',
  refresh: 'sync.refresh',
  flushRecordEvents: 'sync.flushRecordEvents',
  start: 'sync.start',
  stop: 'sync.stop',
  networkChanged: 'sync.networkChanged',
  close: 'sync.close',
  /** Worker to main: every status the engine publishes. */
  status: 'sync.status',
} as const;

export interface SyncWorkerInit {
  /** The cache file main opened and migrated, and the better-sqlite3 build this process loads. */
  cache: OpenClientDatabaseOptions;
  outline: OptionsOutline;
  /** [path, value] of the mirrored functions (remote-options.ts). */
  mirror: [string, unknown][];
}
