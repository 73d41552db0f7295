// Builds better-sqlite3 for Electron's ABI into .electron-native/, next to (not over) the Node build
// that `npm install` made for the tests, so `npm test` and `npm start` both work from one install.
// The Electron main process loads this copy through better-sqlite3's nativeBinding option
// (src-main/native/better-sqlite3-binding.ts). Skips when the build exists and its stamp matches.
//
//   npx tsx scripts/electron-native.ts        (npm start calls ensureElectronNativeBuild)
//
// How: copy the better-sqlite3 sources to a work folder, then try a prebuilt Electron binary
// (prebuild-install, as the package's own install script does) and fall back to compiling with
// node-gyp against Electron's headers. Both need the network once; offline, it fails with a
// message and a non-zero exit, and the tests (Node ABI) are unaffected.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ELECTRON_BINDING_PATH, ELECTRON_NATIVE_DIR, ELECTRON_STAMP_PATH } from '../src-main/native/better-sqlite3-binding.js';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export interface ElectronNativeStamp {
  electronVersion: string;
  betterSqlite3Version: string;
  platform: string;
  arch: string;
}

export class ElectronNativeBuildError extends Error {
  override readonly name = 'ElectronNativeBuildError';
}

/** True when the stamp on disk describes exactly the build this checkout needs. */
export function stampMatches(onDisk: unknown, wanted: ElectronNativeStamp): boolean {
  if (typeof onDisk !== 'object' || onDisk === null) return false;
  const record: Record<string, unknown> = { ...onDisk };
  return (
    record['electronVersion'] === wanted.electronVersion &&
    record['betterSqlite3Version'] === wanted.betterSqlite3Version &&
    record['platform'] === wanted.platform &&
    record['arch'] === wanted.arch
  );
}

function packageVersion(root: string, name: string): string {
  const file = join(root, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new ElectronNativeBuildError(`${name} is not installed (no ${file}); run npm install first.`);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  throw new ElectronNativeBuildError(`${file} has no version.`);
}

function readStamp(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

interface StepResult {
  ok: boolean;
  output: string;
}

// npm and npx export their configuration as npm_config_* variables, and node-gyp and
// prebuild-install obey them over their flags: an inherited nodedir (common where Node's headers
// are installed system-wide) silently builds against Node's headers, i.e. for the wrong ABI.
const TARGET_SETTINGS = new Set(['nodedir', 'target', 'target_arch', 'arch', 'runtime', 'disturl', 'dist_url', 'devdir', 'platform', 'build_from_source']);

export function nativeBuildEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => {
      const setting = /^npm_config_(.+)$/i.exec(key)?.[1]?.toLowerCase().replace(/-/g, '_');
      return setting === undefined || !TARGET_SETTINGS.has(setting);
    }),
  );
}

function runNode(script: string, args: string[], cwd: string): StepResult {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: nativeBuildEnvironment() });
  const output = `$ node ${script} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}\n`;
  return { ok: result.status === 0, output };
}

export interface EnsureOptions {
  /** Repository root (holds package.json and node_modules). */
  root?: string;
  log?: (message: string) => void;
}

/**
 * Makes sure .electron-native holds better-sqlite3 built for the installed Electron. Throws
 * ElectronNativeBuildError with a readable message when it cannot (offline, no compiler).
 */
export async function ensureElectronNativeBuild({
  root = fileURLToPath(new URL('..', import.meta.url)),
  log = (message) => console.log(`[electron-native] ${message}`),
}: EnsureOptions = {}): Promise<'up-to-date' | 'built'> {
  const wanted: ElectronNativeStamp = {
    electronVersion: packageVersion(root, 'electron'),
    betterSqlite3Version: packageVersion(root, 'better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
  const binding = join(root, ELECTRON_BINDING_PATH);
  const stampFile = join(root, ELECTRON_STAMP_PATH);
  if (existsSync(binding) && stampMatches(readStamp(stampFile), wanted)) return 'up-to-date';

  const nativeDir = join(root, ELECTRON_NATIVE_DIR);
  const work = join(root, '.electron-native', `work-${process.pid}`);
  const logFile = join(root, '.electron-native', 'build.log');
  mkdirSync(join(root, '.electron-native'), { recursive: true });
  rmSync(work, { recursive: true, force: true });
  const source = join(root, 'node_modules', 'better-sqlite3');
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    cpSync(join(source, entry), join(work, entry), { recursive: true });
  }

  log(`building better-sqlite3 ${wanted.betterSqlite3Version} for Electron ${wanted.electronVersion} (${wanted.platform}-${wanted.arch})`);
  const target = [`--target=${wanted.electronVersion}`, `--arch=${wanted.arch}`];
  let transcript = '';
  const prebuilt = runNode(join(root, 'node_modules', 'prebuild-install', 'bin.js'), ['--runtime=electron', ...target, `--platform=${wanted.platform}`], work);
  transcript += prebuilt.output;
  let built = prebuilt.ok && existsSync(join(work, 'build', 'Release', 'better_sqlite3.node'));
  if (!built) {
    log('no prebuilt binary; compiling against the Electron headers (takes a few minutes)');
    const compiled = runNode(
      join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      ['rebuild', '--release', ...target, `--dist-url=${ELECTRON_HEADERS_URL}`, `--devdir=${join(root, '.electron-native', 'headers')}`],
      work,
    );
    transcript += compiled.output;
    built = compiled.ok && existsSync(join(work, 'build', 'Release', 'better_sqlite3.node'));
  }
  writeFileSync(logFile, transcript);
  if (!built) {
    rmSync(work, { recursive: true, force: true });
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|network/i.test(transcript);
    throw new ElectronNativeBuildError(
      `Could not build better-sqlite3 for Electron ${wanted.electronVersion}.\n` +
        (offline
          ? `Neither a prebuilt binary nor the Electron headers (${ELECTRON_HEADERS_URL}) could be downloaded: this machine seems to be offline.\n`
          : 'Both the prebuilt download and the node-gyp compile failed (a C++ toolchain and Python 3 are needed to compile).\n') +
        `Details: ${logFile}\n` +
        'The Node build used by `npm test` is unaffected. Run this again once online: npx tsx scripts/electron-native.ts',
    );
  }

  // A binary Node can load was built for Node's ABI (some setting slipped through): refuse it rather
  // than stamp it as Electron's.
  const output = join(work, 'build', 'Release', 'better_sqlite3.node');
  const probe = spawnSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', output], { encoding: 'utf8' });
  if (probe.status === 0) {
    rmSync(work, { recursive: true, force: true });
    throw new ElectronNativeBuildError(`The build in ${work} loads in Node ${process.version}, so it was built for Node, not Electron; see ${logFile}.`);
  }

  rmSync(nativeDir, { recursive: true, force: true });
  mkdirSync(dirname(binding), { recursive: true });
  cpSync(output, binding);
  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  log(`done: ${binding}`);
  return 'built';
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    const outcome = await ensureElectronNativeBuild();
    if (outcome === 'up-to-date') console.log('[electron-native] better-sqlite3 for Electron is up to date');
  } catch (error) {
    console.error(`[electron-native] ${error instanceof Error && error.name === 'ElectronNativeBuildError' ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
