// Where the app's cache lives (the user-data folder) and which better-sqlite3 build this process
// can load. Everything that opens, migrates or rebuilds it is plain Node (src-main/store), tested
// without Electron.
import { app } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { nativeBindingOption, resolveNativeBinding } from '../native/better-sqlite3-binding.js';

/** Call after app 'ready'. */
export function userCacheLocation(): { cacheFolder: string; nativeBinding: string | undefined } {
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
  return { cacheFolder: app.getPath('userData'), nativeBinding };
}
