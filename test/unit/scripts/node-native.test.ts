// The better-sqlite3 build for another Node's ABI (scripts/node-native.ts, used by CI's Node 24 run)
// and the preload that makes a process load it (scripts/node-native-preload.mjs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFolderName, headersVersionFor, nodeStampMatches, type NodeNativeStamp } from '../../../scripts/node-native.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PRELOAD = path.join(ROOT, 'scripts', 'node-native-preload.mjs');

describe('better-sqlite3 for another Node', () => {
  it('compiles better-sqlite3 12 for Node 24.19+ against 24.18.1 headers, and everything else against its own', () => {
    expect(headersVersionFor('v24.21.0', '12.11.1')).toBe('v24.18.1');
    expect(headersVersionFor('v24.19.0', '12.11.1')).toBe('v24.18.1');
    expect(headersVersionFor('v24.18.1', '12.11.1')).toBe('v24.18.1');
    expect(headersVersionFor('v24.11.0', '12.11.1')).toBe('v24.11.0');
    expect(headersVersionFor('v22.20.0', '12.11.1')).toBe('v22.20.0');
    expect(headersVersionFor('v24.21.0', '13.2.0')).toBe('v24.21.0');
  });

  it('rebuilds when the ABI, the package version or the headers differ from the stamp', () => {
    const stamp: NodeNativeStamp = { nodeVersion: 'v24.21.0', modules: '137', betterSqlite3Version: '12.11.1', headersVersion: 'v24.18.1', platform: 'linux', arch: 'x64' };
    expect(nodeStampMatches(stamp, stamp)).toBe(true);
    // Another patch release of the same Node: same ABI, same build.
    expect(nodeStampMatches({ ...stamp, nodeVersion: 'v24.22.0' }, stamp)).toBe(true);
    expect(nodeStampMatches({ ...stamp, headersVersion: 'v24.21.0' }, stamp)).toBe(false);
    expect(nodeStampMatches({ ...stamp, betterSqlite3Version: '12.10.0' }, stamp)).toBe(false);
    expect(nodeStampMatches({ ...stamp, modules: '127' }, stamp)).toBe(false);
    expect(nodeStampMatches(null, stamp)).toBe(false);
    expect(buildFolderName(stamp)).toBe('node-v137-linux-x64');
  });

  // /proc/self/maps names the shared objects a process has loaded.
  it.runIf(process.platform === 'linux')('loads the build for its own ABI from the folder the variable names, and the default without one', () => {
    const builds = mkdtempSync(path.join(os.tmpdir(), 'ratedesk-node-native-'));
    try {
      const defaultBuild = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
      const folder = buildFolderName({ modules: process.versions.modules, platform: process.platform, arch: process.arch });
      // A binary this Node loads: CI's Node 24 run has its own build (the default one is for another ABI there).
      const ownBuild = process.env.RATEDESK_BETTER_SQLITE3_BUILDS ? path.join(process.env.RATEDESK_BETTER_SQLITE3_BUILDS, folder, 'better_sqlite3.node') : null;
      const loadable = ownBuild !== null && existsSync(ownBuild) ? ownBuild : defaultBuild;
      const copy = path.join(builds, folder, 'better_sqlite3.node');
      mkdirSync(path.dirname(copy));
      copyFileSync(loadable, copy);
      const loaded = (env: Record<string, string>) => {
        const child = spawnSync(
          process.execPath,
          ['-e', "const D = require('better-sqlite3'); new D(':memory:').close(); process.stdout.write(require('fs').readFileSync('/proc/self/maps', 'utf8'))"],
          { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--import ${PRELOAD}`, ...env } },
        );
        expect(child.status, child.stderr).toBe(0);
        return child.stdout;
      };
      const withBuilds = loaded({ RATEDESK_BETTER_SQLITE3_BUILDS: builds });
      expect(withBuilds).toContain(copy);
      expect(withBuilds).not.toContain(defaultBuild);
      if (loadable === defaultBuild) expect(loaded({ RATEDESK_BETTER_SQLITE3_BUILDS: path.join(builds, 'nothing-here') })).toContain(defaultBuild);
    } finally {
      rmSync(builds, { recursive: true, force: true });
    }
  });
});
