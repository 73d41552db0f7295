// The worker's half: on `init` it opens its own connection to the cache main has already opened
// and migrated (WAL: main's reads never wait for it; busy_timeout and BEGIN IMMEDIATE in
// open-database.ts: neither side's writes fail for the other's), builds the real createDesktopSync
// on it with main's options rebuilt (remote-options.ts), and answers main's commands. Transport
// agnostic: thread-entry.ts (worker_threads) and src-main/electron/sync-utility-entry.ts run it.
import type { SyncReason } from '../engine.js';
import { openClientDatabase, type ClientDatabaseHandle } from '../../store/open-database.js';
import { createDesktopSync, type DesktopSync } from '../desktop-sync.js';
import { createPeer } from './peer.js';
import { rebuildOptions, type OptionsOutline } from './remote-options.js';
import { SyncCommand, type SyncWorkerInit } from './sync-commands.js';
import type { MessageTransport } from './transport.js';

/** `nativeBinding`: the better-sqlite3 build to load when main names none (thread-entry.ts). */
export function serveDesktopSync(transport: MessageTransport, nativeBinding?: string): void {
  const peer = createPeer(transport, 'sync worker');
  const mirrored = new Map<string, unknown>();
  let handle: ClientDatabaseHandle | null = null;
  let sync: DesktopSync | null = null;
  const started = (): DesktopSync => {
    if (sync === null) throw new Error('the sync worker has not been initialised');
    return sync;
  };

  peer.handle(SyncCommand.init, (init) => {
    const { cache, outline, mirror } = init as SyncWorkerInit;
    for (const [path, value] of mirror) mirrored.set(path, value);
    handle = openClientDatabase(cache.nativeBinding === undefined && nativeBinding !== undefined ? { ...cache, nativeBinding } : cache);
    const options = rebuildOptions(outline as OptionsOutline, { call: (name, args) => peer.call(name, args), mirrored });
    sync = createDesktopSync({ ...(options as unknown as Parameters<typeof createDesktopSync>[0]), db: handle.db, catalogBulk: handle.catalogBulk });
    sync.onStatus((status) => peer.notify(SyncCommand.status, [status]));
    return sync.status();
  });
  peer.handle(SyncCommand.mirror, (entries) => {
    for (const [path, value] of entries as [string, unknown][]) mirrored.set(path, value);
  });
  peer.handle(SyncCommand.runNow, (reason) => started().runNow(reason as SyncReason));
  peer.handle(SyncCommand.refresh, () => started().refresh());
  peer.handle(SyncCommand.flushRecordEvents, () => started().flushRecordEvents());
  peer.handle(SyncCommand.start, (options) => started().engine.start(options as { intervalMs: number }));
  peer.handle(SyncCommand.stop, () => started().engine.stop());
  peer.handle(SyncCommand.networkChanged, (online) => started().engine.networkChanged(online === true));
  peer.handle(SyncCommand.close, async () => {
    sync?.engine.stop();
    // SQLite checkpoints this connection's part of the WAL as it closes.
    await handle?.close();
    handle = null;
  });
}
