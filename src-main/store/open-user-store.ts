// The one store file that imports Electron: it knows where the cache lives (the user-data folder)
// and which better-sqlite3 build this process can load. Everything it calls is plain Node and
// tested without Electron.
import { app } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeBindingOption, resolveNativeBinding } from '../native/better-sqlite3-binding.js';
import { openOrRebuild, type OpenedClientStore } from './rebuild-cache.js';
import { resetInterruptedUploads } from './comparison-repository.js';

export const CACHE_FILE_NAME = 'ratedesk-cache.sqlite';

/** Opens (migrating or rebuilding) the cache in app.getPath('userData'). Call after app 'ready'. */
export async function openUserStore(): Promise<OpenedClientStore> {
  const nativeBinding = nativeBindingOption(
    resolveNativeBinding({
      isElectron: true,
      isPackaged: app.isPackaged,
      appRoot: app.getAppPath(),
      electronVersion: process.versions.electron,
      exists: existsSync,
      readText: (path) => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return null;
        }
      },
    }),
  );
  const store = await openOrRebuild({ file: join(app.getPath('userData'), CACHE_FILE_NAME), nativeBinding });
  if (store.report.rebuilt) console.warn('[store] the local cache was rebuilt', store.report);
  await resetInterruptedUploads(store.handle.db);
  return store;
}
