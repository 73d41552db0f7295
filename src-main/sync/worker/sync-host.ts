// Main's half: a DesktopSync whose engine runs in a worker (issue 14: sync off the UI thread). The
// services, the IPC handlers and sign-out use it exactly as the in-process one; every command goes
// over the channel, every status comes back as an event, and the worker calls main's option
// functions by name (remote-options.ts). The cache's schema is main's business (it opens and
// migrates the file first); the worker only opens a second connection to it.
import { SyncState, type SyncStatus } from '../../../src-shared/sync/status.js';
import { createDesktopSync, type DesktopSync } from '../desktop-sync.js';
import type { SyncEngine, SyncOutcome } from '../engine.js';
import { createPeer } from './peer.js';
import { decodeValue, encodeValue, outlineOptions } from './remote-options.js';
import { SyncCommand, type SyncWorkerInit } from './sync-commands.js';
import type { MessageTransport } from './transport.js';

export type DesktopSyncOptions = Parameters<typeof createDesktopSync>[0];
/** What can be sent: the connection is the worker's own. */
export type RemoteSyncOptions = Omit<DesktopSyncOptions, 'db' | 'catalogBulk'>;

/**
 * Option functions the engine calls synchronously, so their values are sent ahead (remote-options.ts).
 * A new synchronous option function must be listed here; an asynchronous one needs nothing.
 */
export const MIRRORED_OPTIONS: readonly string[] = ['auth.currentUser'];

/** A DesktopSync that can be shut down: the worker's connection closed, the worker ended. */
export interface HostedDesktopSync extends DesktopSync {
  close(): Promise<void>;
}

export interface RemoteDesktopSyncInput {
  transport: MessageTransport;
  cache: SyncWorkerInit['cache'];
  options: RemoteSyncOptions;
  /** Calls `changed` whenever a mirrored value may have changed (the session's state); returns the unsubscribe. */
  watchMirrored?: (changed: () => void) => () => void;
}

export async function startRemoteDesktopSync(input: RemoteDesktopSyncInput): Promise<HostedDesktopSync> {
  const peer = createPeer(input.transport, 'main');
  const { outline, functions } = outlineOptions(input.options);
  for (const [path, fn] of functions) peer.handle(path, async (...args) => encodeValue(await fn(...args.map(decodeValue))));

  const listeners = new Set<(status: SyncStatus) => void>();
  // Until the worker's first answer: the engine's own starting status.
  let current: SyncStatus = { state: SyncState.idle, lastSuccessfulSyncAt: null, pendingUploads: 0, rejectedUploads: 0, cacheAgeDays: null, stale: true };
  const publish = (status: SyncStatus) => {
    current = status;
    for (const listener of listeners) listener(status);
  };
  peer.handle(SyncCommand.status, (status) => publish(status as SyncStatus));

  const mirroredNow = (): [string, unknown][] => MIRRORED_OPTIONS.filter((path) => functions.has(path)).map((path) => [path, functions.get(path)?.()]);
  let lastMirror = JSON.stringify(mirroredNow());
  /** Sends the mirrored values when they changed; before every command, so a run sees who signed in just before it. */
  const syncMirror = () => {
    const mirror = mirroredNow();
    const text = JSON.stringify(mirror);
    if (text === lastMirror) return;
    lastMirror = text;
    peer.notify(SyncCommand.mirror, [mirror]);
  };
  const call = (name: string, ...args: unknown[]) => {
    syncMirror();
    return peer.call(name, args);
  };
  const notify = (name: string, ...args: unknown[]) => {
    syncMirror();
    peer.notify(name, args);
  };

  let closing: Promise<void> | null = null;
  input.transport.onGone((error) => {
    if (closing !== null) return;
    console.error('[sync] the sync worker stopped', error);
    publish({ ...current, state: SyncState.error, reason: 'Syncing stopped unexpectedly. Restart RateDesk to sync again.', detail: error.message });
  });
  const init: SyncWorkerInit = { cache: input.cache, outline, mirror: JSON.parse(lastMirror) as [string, unknown][] };
  try {
    current = (await peer.call(SyncCommand.init, [init])) as SyncStatus;
  } catch (error) {
    await input.transport.close();
    throw error;
  }
  const unwatch = input.watchMirrored?.(syncMirror);

  const engine: SyncEngine = {
    runNow: (reason = 'manual') => call(SyncCommand.runNow, reason) as Promise<SyncOutcome>,
    start: (options) => notify(SyncCommand.start, options),
    stop: () => notify(SyncCommand.stop),
    networkChanged: (online) => notify(SyncCommand.networkChanged, online),
    status: () => current,
    refresh: () => call(SyncCommand.refresh) as Promise<SyncStatus>,
  };
  return {
    engine,
    runNow: (reason) => engine.runNow(reason),
    refresh: () => engine.refresh(),
    status: () => current,
    flushRecordEvents: () => call(SyncCommand.flushRecordEvents) as Promise<void>,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        unwatch?.();
        await peer.call(SyncCommand.close, []).catch((error: unknown) => console.warn('[sync] the sync worker did not close its cache connection', error));
        await input.transport.close();
      })();
      return closing;
    },
  };
}

/**
 * The app's DesktopSync: in a worker when the host starts one (`startWorker`), else in this
 * process on main's connection (tests that compose the app without a worker).
 */
export async function hostDesktopSync(
  host: { startWorker?: (() => MessageTransport) | undefined; cache: SyncWorkerInit['cache']; watchMirrored?: RemoteDesktopSyncInput['watchMirrored'] },
  options: DesktopSyncOptions,
): Promise<HostedDesktopSync> {
  if (host.startWorker === undefined) return { ...createDesktopSync(options), close: () => Promise.resolve() };
  const { db: _db, catalogBulk: _bulk, ...remote } = options;
  return startRemoteDesktopSync({
    transport: host.startWorker(),
    cache: host.cache,
    options: remote,
    ...(host.watchMirrored === undefined ? {} : { watchMirrored: host.watchMirrored }),
  });
}
