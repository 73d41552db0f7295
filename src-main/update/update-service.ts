// Checks for app updates and holds a downloaded one until the rep says so (issue 14). The updater
// is electron-updater's (src-main/electron/auto-update.ts makes it); this file decides when it
// checks, whom a staged rollout reaches, and that nothing installs on its own: the update
// downloads in the background, and installs only on "Install update and restart" or, if the rep
// agreed, when they quit. Never in the middle of a meeting.
import type { UpdateInfo } from 'electron-updater';
import type { UpdateStatus } from '../../src-shared/desktop-api/updates.js';
import { UPDATE_CHECK_INTERVAL_MS, withinRollout } from './update-policy.js';

/** What this file uses of electron-updater's AppUpdater (structural, so tests can pass the real one). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  isUserWithinRollout: (info: UpdateInfo) => boolean | Promise<boolean>;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  /** Installs the downloaded update without quitting (the app is quitting already); absent on macOS, whose native updater installs at quit itself. */
  install?(isSilent?: boolean, isForceRunAfter?: boolean): boolean;
}

export interface UpdateServiceOptions {
  updater: UpdaterLike;
  /** This installation's id (src-main/settings/installation.ts): its place in staged rollouts. */
  deviceId: string;
  now?: () => Date;
  onStatus?: (status: UpdateStatus) => void;
  log?: (message: string) => void;
}

export interface UpdateService {
  status(): UpdateStatus;
  /** Asks the feed, and downloads a newer version in the background; never throws. */
  check(): Promise<UpdateStatus>;
  /** Checks now and then daily. */
  start(): void;
  stop(): void;
  /** The rep's "Install update and restart": quits and installs, only when an update is downloaded. */
  installNow(): UpdateStatus;
  /** The rep's agreement (or not) to install the downloaded update when they quit. */
  installAtQuit(agreed: boolean): UpdateStatus;
  /** The app is quitting: installs the downloaded update if, and only if, the rep agreed. */
  appQuitting(): boolean;
}

/** Why the rep must do something before installing, when they ask too early. */
export class NoUpdateReadyError extends Error {
  override readonly name = 'NoUpdateReadyError';
}

const CHECK_FAILED = 'RateDesk could not check for updates; it tries again tomorrow. Quoting is not affected.';

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { updater } = options;
  const now = options.now ?? (() => new Date());
  // Downloads are started here (so a check reports them), and nothing installs unasked.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.isUserWithinRollout = (info) => withinRollout(options.deviceId, info.stagingPercentage);

  let current: UpdateStatus = { state: 'idle', installAtQuit: false, lastCheckedAt: null };
  let timer: ReturnType<typeof setInterval> | null = null;
  let checking: Promise<UpdateStatus> | null = null;

  function publish(next: UpdateStatus): UpdateStatus {
    current = next;
    options.onStatus?.(next);
    return next;
  }

  async function runCheck(): Promise<UpdateStatus> {
    // A downloaded update stays ready for the rep; asking again could only replace it mid-decision.
    if (current.state === 'ready') return current;
    const { reason: _previous, ...rest } = current;
    publish({ ...rest, state: 'checking' });
    try {
      const result = await updater.checkForUpdates();
      const checkedAt = now().toISOString();
      if (result === null) return publish({ state: 'unsupported', installAtQuit: false, lastCheckedAt: checkedAt });
      if (!result.isUpdateAvailable) return publish({ state: 'up-to-date', installAtQuit: false, lastCheckedAt: checkedAt });
      const availableVersion = result.updateInfo.version;
      publish({ state: 'downloading', availableVersion, installAtQuit: current.installAtQuit, lastCheckedAt: checkedAt });
      await updater.downloadUpdate();
      options.log?.(`[update] ${availableVersion} downloaded; waiting for the rep to install it`);
      return publish({ ...current, state: 'ready', availableVersion });
    } catch (error) {
      options.log?.(`[update] check failed: ${error instanceof Error ? error.message : String(error)}`);
      return publish({ state: 'error', installAtQuit: false, lastCheckedAt: now().toISOString(), reason: CHECK_FAILED });
    }
  }

  return {
    status: () => current,
    check() {
      checking ??= runCheck().finally(() => {
        checking = null;
      });
      return checking;
    },
    start() {
      if (timer !== null) return;
      void this.check();
      timer = setInterval(() => void this.check(), UPDATE_CHECK_INTERVAL_MS);
      timer.unref?.();
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
    installNow() {
      if (current.state !== 'ready') throw new NoUpdateReadyError('No update has been downloaded yet; RateDesk says when one is ready to install.');
      options.log?.(`[update] installing ${current.availableVersion ?? ''} at the rep's request`);
      updater.quitAndInstall(false, true);
      return current;
    },
    installAtQuit(agreed) {
      if (agreed && current.state !== 'ready') throw new NoUpdateReadyError('No update has been downloaded yet; RateDesk says when one is ready to install.');
      // macOS's native updater installs at quit exactly when this is true; elsewhere appQuitting does.
      updater.autoInstallOnAppQuit = agreed;
      return publish({ ...current, installAtQuit: agreed });
    },
    appQuitting() {
      if (!current.installAtQuit || current.state !== 'ready' || updater.install === undefined) return false;
      options.log?.(`[update] installing ${current.availableVersion ?? ''} at quit, as the rep agreed`);
      return updater.install(true, false);
    },
  };
}
