// The app's updater in Electron (issue 14): electron-updater's autoUpdater on the generic HTTPS feed
// named in the build configuration (build/electron-builder.yml `publish`, which electron-builder
// writes into the packaged app as resources/app-update.yml). The rules (when to check, staged
// rollout, nothing installs without the rep's say-so) are src-main/update/update-service.ts.
// A development build, or a package built without an HTTPS feed, does not update itself.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { feedUrlFromAppUpdateConfig } from '../update/update-policy.js';
import { createUpdateService, type UpdateService } from '../update/update-service.js';

export interface AutoUpdateOptions {
  /** This installation's id: its place in staged rollouts. */
  deviceId: string;
}

export function startAutoUpdate({ deviceId }: AutoUpdateOptions): UpdateService | null {
  if (!app.isPackaged) return null;
  const configFile = join(process.resourcesPath, 'app-update.yml');
  if (!existsSync(configFile)) return null;
  const url = feedUrlFromAppUpdateConfig(readFileSync(configFile, 'utf8'));
  if (url === null) {
    console.warn('[update] the build configuration names no generic HTTPS update feed; updates are off');
    return null;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url });
  const service = createUpdateService({ updater: autoUpdater, deviceId, log: (message) => console.info(message) });
  // Only when the rep agreed (appQuitting checks): the app is quitting, nobody is mid-meeting.
  app.on('quit', () => {
    service.appQuitting();
  });
  service.start();
  return service;
}
