// A stand-in for the `electron` module, for tests only. The Electron binary cannot run here (no
// display in CI), and the `electron` npm package itself only exports the binary's path, so code
// that calls require("electron") (electron-updater) cannot run in Node as it is. This covers only
// what electron-updater touches, behaving as a packaged app would: `app` (version, name, paths,
// whenReady, quit, relaunch, the quit event), `net.request` (Node's own http/https underneath),
// `session.fromPartition`, `autoUpdater` (an event emitter) and `Notification`.
// It is put in Node's require cache under electron's resolved path, where electron-updater's own
// require("electron") finds it (vi.mock reaches only modules vite transforms, not a dependency's require).
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { createRequire, Module } from 'node:module';

export interface StandInAppOptions {
  version: string;
  name?: string;
  /** app.getPath('userData') and friends. */
  userData: string;
  /** process.resourcesPath of the "packaged" app: where electron-builder puts app-update.yml. */
  resourcesPath: string;
}

export class StandInApp extends EventEmitter {
  readonly isPackaged = true;
  quitCalls = 0;
  relaunchCalls = 0;

  constructor(private readonly options: StandInAppOptions) {
    super();
  }

  getVersion(): string {
    return this.options.version;
  }

  getName(): string {
    return this.options.name ?? 'RateDesk';
  }

  getAppPath(): string {
    return this.options.resourcesPath;
  }

  getPath(_name: string): string {
    return this.options.userData;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  quit(): void {
    this.quitCalls += 1;
  }

  relaunch(): void {
    this.relaunchCalls += 1;
  }
}

type RequestOptions = http.RequestOptions & { session?: unknown; redirect?: unknown };

/** Electron's net.request, on Node's http/https (electron-updater reads the same events and fields). */
function request(options: RequestOptions): http.ClientRequest {
  const { session: _session, redirect: _redirect, ...nodeOptions } = options;
  return (nodeOptions.protocol === 'https:' ? https : http).request(nodeOptions);
}

export interface ElectronStandIn {
  app: StandInApp;
  autoUpdater: EventEmitter;
  /** Takes the stand-in out of the require cache and restores process.resourcesPath. */
  restore(): void;
}

export function installElectronStandIn(options: StandInAppOptions): ElectronStandIn {
  const require = createRequire(import.meta.url);
  const id = require.resolve('electron');
  const app = new StandInApp(options);
  const autoUpdater = new EventEmitter();
  const exports = {
    app,
    autoUpdater,
    net: { request },
    session: { fromPartition: () => ({}) },
    Notification: class {
      show(): void {}
    },
  };
  const previous = require.cache[id];
  const standIn = new Module(id);
  standIn.filename = id;
  standIn.loaded = true;
  standIn.exports = exports;
  require.cache[id] = standIn;
  const hadResourcesPath = Object.prototype.hasOwnProperty.call(process, 'resourcesPath');
  const previousResourcesPath: unknown = Reflect.get(process, 'resourcesPath');
  Object.defineProperty(process, 'resourcesPath', { value: options.resourcesPath, configurable: true, writable: true });
  return {
    app,
    autoUpdater,
    restore() {
      if (previous === undefined) delete require.cache[id];
      else require.cache[id] = previous;
      if (hadResourcesPath) Object.defineProperty(process, 'resourcesPath', { value: previousResourcesPath, configurable: true, writable: true });
      else Reflect.deleteProperty(process, 'resourcesPath');
    },
  };
}
