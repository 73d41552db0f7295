// Lets a Node whose ABI differs from the one better-sqlite3 was installed for (CI's Node 24 run)
// load a build made for it by scripts/node-native.ts, without touching the default build in
// node_modules that every other Node process uses. Loaded before anything else with
//
//   RATEDESK_BETTER_SQLITE3_BUILDS=<root>/.node-native/better-sqlite3 NODE_OPTIONS="--import <root>/scripts/node-native-preload.mjs"
//
// (inherited by the test workers and the child processes the tests start). When the folder holds
// node-v<this ABI>-<platform>-<arch>/better_sqlite3.node, that binary is loaded now and registered
// in the require cache under the path of the package's own build, which better-sqlite3 then
// requires (through `bindings`) whenever no `nativeBinding` option is given. The same job as the
// `nativeBinding` option the Electron main process passes (src-main/native/better-sqlite3-binding.ts),
// done once for the whole process, so every `new Database()` in the code and the tests gets it.
// Without the variable, or without a build for this ABI, it does nothing.
import { existsSync, realpathSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';

const builds = process.env.RATEDESK_BETTER_SQLITE3_BUILDS;
const build = builds ? join(builds, `node-v${process.versions.modules}-${process.platform}-${process.arch}`, 'better_sqlite3.node') : undefined;

if (build !== undefined && existsSync(build)) {
  const requireFromHere = createRequire(import.meta.url);
  const packageDir = dirname(requireFromHere.resolve('better-sqlite3/package.json'));
  // `bindings` requires this path; require() resolves it to its real path before it looks in the cache.
  const defaultBuild = realpathSync(join(packageDir, 'build', 'Release', 'better_sqlite3.node'));
  const addon = new Module(defaultBuild);
  addon.filename = defaultBuild;
  process.dlopen(addon, build);
  addon.loaded = true;
  requireFromHere.cache[defaultBuild] = addon;
}
