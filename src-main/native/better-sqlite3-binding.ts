// Which compiled better-sqlite3 to load. One `npm install` builds it for Node (the tests); Electron
// has its own ABI, so `scripts/electron-native.ts` builds a second copy into .electron-native/ and
// the Electron main process points better-sqlite3's nativeBinding option at it. A packaged app is
// rebuilt in place by electron-builder (npmRebuild), so it uses the package's own build.
// Pure: the caller passes in what it knows about the process and the file system.
import { join } from 'node:path';

/** Where scripts/electron-native.ts puts its build, relative to the app root. */
export const ELECTRON_NATIVE_DIR = '.electron-native/better-sqlite3';
export const ELECTRON_BINDING_PATH = `${ELECTRON_NATIVE_DIR}/build/Release/better_sqlite3.node`;
/** JSON { electronVersion, betterSqlite3Version, platform, arch } describing that build. */
export const ELECTRON_STAMP_PATH = `${ELECTRON_NATIVE_DIR}/stamp.json`;

export interface NativeBindingContext {
  /** process.versions.electron !== undefined */
  isElectron: boolean;
  /** app.isPackaged; false outside Electron. */
  isPackaged?: boolean;
  /** Folder holding package.json (app.getAppPath() in development). */
  appRoot: string;
  /** process.versions.electron, to notice a build made for another Electron version. */
  electronVersion?: string;
  exists(path: string): boolean;
  /** Reads a text file, or returns null when it cannot. */
  readText?(path: string): string | null;
}

export type NativeBindingChoice =
  /** Let better-sqlite3 find its own build (Node, or a packaged app). */
  | { kind: 'default' }
  /** Load this Electron-ABI build. */
  | { kind: 'electron-build'; path: string }
  /** In Electron without a usable build: loading the default would fail with NODE_MODULE_VERSION. */
  | { kind: 'missing-electron-build'; expectedPath: string; advice: string };

function stampedElectronVersion(text: string | null): string | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'electronVersion' in parsed && typeof parsed.electronVersion === 'string') {
      return parsed.electronVersion;
    }
  } catch {
    // An unreadable stamp is the same as none.
  }
  return null;
}

export function resolveNativeBinding(context: NativeBindingContext): NativeBindingChoice {
  if (!context.isElectron || context.isPackaged === true) return { kind: 'default' };
  const path = join(context.appRoot, ELECTRON_BINDING_PATH);
  const advice = 'Run `npx tsx scripts/electron-native.ts` (needs the network once, to download the Electron headers).';
  if (!context.exists(path)) return { kind: 'missing-electron-build', expectedPath: path, advice };
  if (context.electronVersion !== undefined && context.readText !== undefined) {
    const built = stampedElectronVersion(context.readText(join(context.appRoot, ELECTRON_STAMP_PATH)));
    if (built !== context.electronVersion) {
      return {
        kind: 'missing-electron-build',
        expectedPath: path,
        advice: `The build there is for Electron ${built ?? 'unknown'}, this is Electron ${context.electronVersion}. ${advice}`,
      };
    }
  }
  return { kind: 'electron-build', path };
}

/** The nativeBinding option for better-sqlite3, or an Error explaining what to do. */
export function nativeBindingOption(choice: NativeBindingChoice): string | undefined {
  if (choice.kind === 'default') return undefined;
  if (choice.kind === 'electron-build') return choice.path;
  throw new Error(`better-sqlite3 has no build for this Electron at ${choice.expectedPath}. ${choice.advice}`);
}
