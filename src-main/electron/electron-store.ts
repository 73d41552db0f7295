// The Electron half of settings and token persistence: electron-store files in the app's userData
// folder. Kept to construction only, so everything that decides anything is testable in plain Node.
import ElectronStore from 'electron-store';
import type { KeyValueStore } from '../settings/key-value-store.js';

/** One electron-store file (userData/<name>.json) seen through the KeyValueStore seam. */
export function openElectronKeyValueStore(name: string): KeyValueStore {
  const store = new ElectronStore<Record<string, unknown>>({ name, clearInvalidConfig: true });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
