// Builds better-sqlite3 for the ABI of another Node (CI also runs the tests on Node 24) into
// .node-native/better-sqlite3/node-v<ABI>-<platform>-<arch>/, next to (not over) the build that
// `npm install` made in node_modules for the Node that ran it, as scripts/electron-native.ts does for
// Electron. A process started with NODE_OPTIONS="--import <root>/scripts/node-native-preload.mjs"
// and RATEDESK_BETTER_SQLITE3_BUILDS=<root>/.node-native/better-sqlite3 loads the build for its own
// ABI from there, and the package's own build when there is none. Skips when the build exists and
// its stamp matches.
//
//   npx tsx scripts/node-native.ts --node "$(npx -y node@24 -p process.execPath)"
//
// How: copy the better-sqlite3 sources to a work folder, then try a prebuilt binary (prebuild-install,
// as the package's own install script does) and fall back to compiling with node-gyp, run by the
// target Node, against headers from the npm registry (node-<platform>-<arch>, the archive the `node`
// package installs from), or headers node-gyp downloads. For Node 24.19 and later the headers are
// 24.18.1's, and no prebuilt binary is used: see headersVersionFor.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nativeBuildEnvironment } from './electron-native.js';

/** Relative to the repository root; RATEDESK_BETTER_SQLITE3_BUILDS points here. */
export const NODE_NATIVE_DIR = '.node-native/better-sqlite3';

export interface NodeNativeStamp {
  nodeVersion: string;
  /** process.versions.modules: the ABI a binary must be built for. */
  modules: string;
  betterSqlite3Version: string;
  /** The Node version whose headers it was compiled against (see headersVersionFor). */
  headersVersion: string;
  platform: string;
  arch: string;
}

/** The folder of the build for one ABI (the preload computes the same name from its own process). */
export function buildFolderName(stamp: Pick<NodeNativeStamp, 'modules' | 'platform' | 'arch'>): string {
  return `node-v${stamp.modules}-${stamp.platform}-${stamp.arch}`;
}

/** What a build depends on: any other Node with the same ABI loads it (nodeVersion is left out). */
const STAMP_KEYS = ['modules', 'betterSqlite3Version', 'headersVersion', 'platform', 'arch'] as const satisfies readonly (keyof NodeNativeStamp)[];

/** True when the stamp on disk describes a build this checkout can load on that ABI. */
export function nodeStampMatches(onDisk: unknown, wanted: NodeNativeStamp): boolean {
  if (typeof onDisk !== 'object' || onDisk === null) return false;
  const record: Record<string, unknown> = { ...onDisk };
  return STAMP_KEYS.every((key) => record[key] === wanted[key]);
}

export class NodeNativeBuildError extends Error {
  override readonly name = 'NodeNativeBuildError';
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function run(command: string, args: string[], cwd: string, shell = false): { ok: boolean; stdout: string; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: nativeBuildEnvironment(), shell });
  return { ok: result.status === 0, stdout: result.stdout ?? '', output: `$ ${command} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}\n` };
}

function probeNode(node: string): Pick<NodeNativeStamp, 'nodeVersion' | 'modules' | 'platform' | 'arch'> {
  const probe = spawnSync(node, ['-p', 'JSON.stringify({ nodeVersion: process.version, modules: process.versions.modules, platform: process.platform, arch: process.arch })'], {
    encoding: 'utf8',
  });
  const parsed: unknown = probe.status === 0 ? JSON.parse(probe.stdout) : null;
  if (typeof parsed !== 'object' || parsed === null) throw new NodeNativeBuildError(`Could not run ${node}: ${probe.stderr || String(probe.error)}`);
  const fields: Record<string, unknown> = { ...parsed };
  const { nodeVersion, modules, platform, arch } = fields;
  if (typeof nodeVersion !== 'string' || typeof modules !== 'string' || typeof platform !== 'string' || typeof arch !== 'string') {
    throw new NodeNativeBuildError(`${node} did not describe itself: ${probe.stdout}`);
  }
  return { nodeVersion, modules, platform, arch };
}

/**
 * Node 24.19.0 changed `node::ObjectWrap` in its headers (node_object_wrap.h): the destructor of a
 * wrapped object now removes an environment cleanup hook, and aborts the process (`Assertion failed:
 * (env) != nullptr` in RemoveEnvironmentCleanupHook, from Statement::~Statement) when a GC finalizes
 * it with no environment current, as at the exit of a test worker (nodejs/node#65446). better-sqlite3
 * before 13 wraps its objects that way and the code comes from the headers it is compiled against,
 * not from the Node that loads it. Node keeps its ABI within a major, so better-sqlite3 12 is built for
 * Node 24 against the headers of 24.18.1. better-sqlite3 13 (Node-API) does not need this.
 */
export function headersVersionFor(nodeVersion: string, betterSqlite3Version: string): string {
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  const sqliteMajor = Number(betterSqlite3Version.split('.')[0]);
  return major === 24 && minor >= 19 && sqliteMajor < 13 ? 'v24.18.1' : nodeVersion;
}

/**
 * The headers of one Node version from the npm registry: the `node` package installs its binary from
 * node-<platform>-<arch>, which is the release archive, include/node with it. Null when it cannot be had.
 */
function headersFromRegistry(version: string, platform: string, arch: string, into: string, record: (output: string) => void): string | null {
  if (existsSync(join(into, 'include', 'node', 'node_version.h'))) return into;
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  const name = `node-${platform === 'win32' ? 'win' : platform}-${arch}@${version.replace(/^v/, '')}`;
  const pack = run('npm', ['pack', name, '--pack-destination', into, '--silent'], into, process.platform === 'win32');
  record(pack.output);
  const archive = pack.ok ? pack.stdout.trim().split('\n').at(-1)?.trim() : undefined;
  if (archive === undefined || !existsSync(join(into, archive))) return null;
  const unpack = run('tar', ['-xzf', archive, '--strip-components=1', 'package/include'], into);
  record(unpack.output);
  rmSync(join(into, archive), { force: true });
  return unpack.ok && existsSync(join(into, 'include', 'node', 'node_version.h')) ? into : null;
}

export interface EnsureNodeNativeOptions {
  /** The Node binary to build for (default: this one). */
  node?: string;
  /** Repository root (holds package.json and node_modules). */
  root?: string;
  log?: (message: string) => void;
}

/**
 * Makes sure .node-native holds better-sqlite3 built for `node`'s ABI and returns its path. Throws
 * NodeNativeBuildError with a readable message when it cannot (no compiler, offline without headers).
 */
export function ensureNodeNativeBuild({
  node = process.execPath,
  root = fileURLToPath(new URL('..', import.meta.url)),
  log = (message) => console.log(`[node-native] ${message}`),
}: EnsureNodeNativeOptions = {}): { binding: string; outcome: 'up-to-date' | 'built' } {
  const packageJson = readJson(join(root, 'node_modules', 'better-sqlite3', 'package.json'));
  const betterSqlite3Version = typeof packageJson === 'object' && packageJson !== null && 'version' in packageJson ? packageJson.version : undefined;
  if (typeof betterSqlite3Version !== 'string') throw new NodeNativeBuildError('better-sqlite3 is not installed; run npm install first.');
  const running = probeNode(node);
  const wanted: NodeNativeStamp = { ...running, betterSqlite3Version, headersVersion: headersVersionFor(running.nodeVersion, betterSqlite3Version) };
  const folder = join(root, NODE_NATIVE_DIR, buildFolderName(wanted));
  const binding = join(folder, 'better_sqlite3.node');
  const stampFile = join(folder, 'stamp.json');
  if (existsSync(binding) && nodeStampMatches(readJson(stampFile), wanted)) return { binding, outcome: 'up-to-date' };

  const work = join(root, '.node-native', `work-${process.pid}`);
  const logFile = join(root, '.node-native', `build-${buildFolderName(wanted)}.log`);
  rmSync(work, { recursive: true, force: true });
  const source = join(root, 'node_modules', 'better-sqlite3');
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) cpSync(join(source, entry), join(work, entry), { recursive: true });

  const against = wanted.headersVersion === wanted.nodeVersion ? '' : ` against the headers of ${wanted.headersVersion} (see headersVersionFor)`;
  log(`building better-sqlite3 ${betterSqlite3Version} for Node ${wanted.nodeVersion} (ABI ${wanted.modules}, ${wanted.platform}-${wanted.arch})${against}`);
  const output = join(work, 'build', 'Release', 'better_sqlite3.node');
  let transcript = '';
  let built = false;
  // A prebuilt binary is made against headers nobody here chose: only when any headers will do.
  if (wanted.headersVersion === wanted.nodeVersion) {
    const target = [`--target=${wanted.nodeVersion.replace(/^v/, '')}`, `--arch=${wanted.arch}`, `--platform=${wanted.platform}`];
    const prebuilt = run(process.execPath, [join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime=node', ...target], work);
    transcript += prebuilt.output;
    built = prebuilt.ok && existsSync(output);
  }
  if (!built) {
    // node-gyp, run by the target Node, against the headers from the npm registry, or else against
    // headers it downloads from nodejs.org itself.
    const nodedir = headersFromRegistry(wanted.headersVersion, wanted.platform, wanted.arch, join(root, '.node-native', `headers-${wanted.headersVersion}`), (step) => {
      transcript += step;
    });
    const headers =
      nodedir === null ? [`--target=${wanted.headersVersion.replace(/^v/, '')}`, `--devdir=${join(root, '.node-native', 'headers')}`] : [`--nodedir=${nodedir}`];
    log(`compiling with node-gyp against the headers of Node ${wanted.headersVersion} (a minute or more)`);
    const compiled = run(node, [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), 'rebuild', '--release', `--arch=${wanted.arch}`, ...headers], work);
    transcript += compiled.output;
    built = compiled.ok && existsSync(output);
  }
  writeFileSync(logFile, transcript);
  if (!built) {
    rmSync(work, { recursive: true, force: true });
    throw new NodeNativeBuildError(
      `Could not build better-sqlite3 for Node ${wanted.nodeVersion}: neither a prebuilt binary nor a node-gyp compile worked ` +
        `(compiling needs a C++ toolchain and Python 3). Details: ${logFile}`,
    );
  }
  // The build must load in the Node it is for: a setting that slipped through may have built it for another ABI.
  const probe = spawnSync(node, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', output], { encoding: 'utf8' });
  if (probe.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new NodeNativeBuildError(`The build in ${work} does not load in Node ${wanted.nodeVersion}: ${probe.stderr.trim()}; see ${logFile}.`);
  }
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  cpSync(output, binding);
  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  log(`done: ${binding}`);
  return { binding, outcome: 'built' };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const nodeFlag = process.argv.indexOf('--node');
  const node = nodeFlag === -1 ? undefined : process.argv[nodeFlag + 1];
  try {
    const { binding, outcome } = ensureNodeNativeBuild(node === undefined ? {} : { node });
    if (outcome === 'up-to-date') console.log(`[node-native] up to date: ${binding}`);
  } catch (error) {
    console.error(`[node-native] ${error instanceof Error && error.name === 'NodeNativeBuildError' ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
