// App updates (issue 14) with electron-updater itself, in Node: a generic feed (latest-linux.yml and
// the new build) served by this test over real HTTP, the real AppImage updater, and the stand-in
// `electron` module (test/support/electron-stand-in.ts) where the Electron binary would be. A newer
// version is reported and downloaded in the background; a staged rollout leaves out the laptops
// above its percentage; nothing installs until the rep says so.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type * as ElectronUpdater from 'electron-updater';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rolloutPosition } from '../../../../src-main/update/update-policy.js';
import { createUpdateService, NoUpdateReadyError, type UpdaterLike } from '../../../../src-main/update/update-service.js';
import { installElectronStandIn, type ElectronStandIn } from '../../../support/electron-stand-in.js';
import { tempFolder, type TempFolder } from '../../../support/client-sync-harness.js';

const CURRENT = '0.1.0';
const NEXT = '0.2.0';
/** The "new build": a script, so the AppImage updater's run-after-install starts something harmless. */
const NEXT_BUILD = Buffer.from(`#!/bin/sh\n# RateDesk ${NEXT}\nexit 0\n`);
const INSTALLED_BUILD = `#!/bin/sh\n# RateDesk ${CURRENT}\nexit 0\n`;

let folder: TempFolder;
let feed: Server;
let feedUrl: string;
/** The feed's stagingPercentage; undefined: a full release. */
let stagingPercentage: number | undefined;
const requested: string[] = [];
let electron: ElectronStandIn;
const savedEnv = { APPIMAGE: process.env['APPIMAGE'], XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] };

function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

function latestYml(): string {
  const file = `RateDesk-${NEXT}.AppImage`;
  return [
    `version: ${NEXT}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512(NEXT_BUILD)}`,
    `    size: ${NEXT_BUILD.length}`,
    `path: ${file}`,
    `sha512: ${sha512(NEXT_BUILD)}`,
    "releaseDate: '2026-12-01T09:00:00.000Z'",
    ...(stagingPercentage === undefined ? [] : [`stagingPercentage: ${stagingPercentage}`]),
    '',
  ].join('\n');
}

/** A device id whose rollout position is below (inside) or at/above (outside) `percentage`. */
function deviceId(inside: boolean, percentage: number): string {
  for (let n = 0; n < 10_000; n += 1) {
    const id = `6f1c2a3b-4d5e-4f60-8a7b-${n.toString(16).padStart(12, '0')}`;
    if (rolloutPosition(id) < percentage === inside) return id;
  }
  throw new Error('no device id found');
}

beforeAll(async () => {
  folder = tempFolder('ratedesk-update-');
  // As electron-builder writes it into a packaged app's resources (the cache folder's name).
  writeFileSync(`${folder.path}/app-update.yml`, 'provider: generic\nurl: https://updates.ratedesk.example/desktop\nupdaterCacheDirName: ratedesk-updater\n');
  process.env['XDG_CACHE_HOME'] = `${folder.path}/cache`;
  electron = installElectronStandIn({ version: CURRENT, userData: `${folder.path}/user-data`, resourcesPath: folder.path });
  feed = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://feed').pathname;
    requested.push(path);
    if (path.endsWith('.yml')) {
      response.writeHead(200, { 'content-type': 'text/yaml' }).end(latestYml());
    } else if (path.endsWith(`RateDesk-${NEXT}.AppImage`)) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': NEXT_BUILD.length }).end(NEXT_BUILD);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/desktop`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => feed.close(() => resolve()));
  electron.restore();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  folder.remove();
});

afterEach(() => {
  requested.length = 0;
  stagingPercentage = undefined;
});

interface Laptop {
  updater: UpdaterLike & { install(isSilent?: boolean, isForceRunAfter?: boolean): boolean };
  installedFile: string;
}

/** A laptop running RateDesk CURRENT as an AppImage, with electron-updater's own AppImage updater on the local feed. */
function laptop(name: string): Laptop {
  const installedFile = `${folder.path}/${name}.AppImage`;
  writeFileSync(installedFile, INSTALLED_BUILD, { mode: 0o755 });
  process.env['APPIMAGE'] = installedFile;
  const { AppImageUpdater } = createRequire(import.meta.url)('electron-updater') as typeof ElectronUpdater;
  const updater = new AppImageUpdater({ provider: 'generic', url: feedUrl });
  updater.logger = null;
  // The test feed publishes no block maps: download whole files.
  updater.disableDifferentialDownload = true;
  return { updater, installedFile };
}

describe('app updates against a generic feed', () => {
  it('reports a newer version as available and downloads it in the background, installing nothing', async () => {
    const { updater, installedFile } = laptop('full-release');
    const service = createUpdateService({ updater, deviceId: deviceId(false, 99) });

    const status = await service.check();

    expect(status).toMatchObject({ state: 'ready', availableVersion: NEXT, installAtQuit: false });
    expect(requested).toContain(`/desktop/RateDesk-${NEXT}.AppImage`);
    // Downloaded, not installed: the running build is untouched and nothing quit the app.
    expect(readFileSync(installedFile, 'utf8')).toBe(INSTALLED_BUILD);
    expect(electron.app.quitCalls).toBe(0);
    // Quitting without the rep's agreement installs nothing either.
    expect(service.appQuitting()).toBe(false);
    electron.app.emit('quit', {}, 0);
    expect(readFileSync(installedFile, 'utf8')).toBe(INSTALLED_BUILD);
  });

  it('leaves out the laptops above the staged rollout percentage, and offers it to those below', async () => {
    stagingPercentage = 30;
    const outside = createUpdateService({ updater: laptop('outside').updater, deviceId: deviceId(false, 30) });
    expect(await outside.check()).toMatchObject({ state: 'up-to-date' });
    expect(requested.filter((path) => path.endsWith('.AppImage'))).toEqual([]);

    const inside = createUpdateService({ updater: laptop('inside').updater, deviceId: deviceId(true, 30) });
    expect(await inside.check()).toMatchObject({ state: 'ready', availableVersion: NEXT });
  });

  it('installs only on the rep\'s say-so: at quit if they agreed, or at once on "Install update and restart"', async () => {
    const { updater, installedFile } = laptop('say-so');
    const service = createUpdateService({ updater, deviceId: deviceId(true, 50) });
    expect(() => service.installNow()).toThrow(NoUpdateReadyError);
    await service.check();
    expect(service.status().state).toBe('ready');

    // Agreed, then withdrawn: quitting installs nothing.
    expect(service.installAtQuit(true).installAtQuit).toBe(true);
    expect(service.installAtQuit(false).installAtQuit).toBe(false);
    expect(service.appQuitting()).toBe(false);
    expect(readFileSync(installedFile, 'utf8')).toBe(INSTALLED_BUILD);

    service.installNow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(installedFile)).toEqual(NEXT_BUILD);
    expect(electron.app.quitCalls).toBe(1);
  });
});
