import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_BINDING_PATH, ELECTRON_STAMP_PATH, nativeBindingOption, resolveNativeBinding } from '../../../../src-main/native/better-sqlite3-binding.js';
import { stampMatches } from '../../../../scripts/electron-native.js';

const ROOT = join('/', 'home', 'rep', 'ratedesk');
const BUILD = join(ROOT, ELECTRON_BINDING_PATH);
const STAMP = join(ROOT, ELECTRON_STAMP_PATH);

function files(present: Record<string, string>) {
  return {
    exists: (path: string) => path in present,
    readText: (path: string) => present[path] ?? null,
  };
}

describe('resolveNativeBinding', () => {
  it('uses the package build in Node (the tests), whatever is in .electron-native', () => {
    expect(resolveNativeBinding({ isElectron: false, appRoot: ROOT, ...files({ [BUILD]: '' }) })).toEqual({ kind: 'default' });
  });

  it('uses the package build in a packaged app (electron-builder rebuilt it in place)', () => {
    expect(resolveNativeBinding({ isElectron: true, isPackaged: true, appRoot: ROOT, ...files({}) })).toEqual({ kind: 'default' });
  });

  it('uses the Electron build in development when it exists', () => {
    expect(resolveNativeBinding({ isElectron: true, isPackaged: false, appRoot: ROOT, ...files({ [BUILD]: '' }) })).toEqual({ kind: 'electron-build', path: BUILD });
  });

  it('uses it when its stamp names this Electron', () => {
    const present = files({ [BUILD]: '', [STAMP]: JSON.stringify({ electronVersion: '45.4.1' }) });
    expect(resolveNativeBinding({ isElectron: true, appRoot: ROOT, electronVersion: '45.4.1', ...present })).toEqual({ kind: 'electron-build', path: BUILD });
  });

  it('reports a build made for another Electron instead of crashing on NODE_MODULE_VERSION', () => {
    const present = files({ [BUILD]: '', [STAMP]: JSON.stringify({ electronVersion: '44.0.0' }) });
    const choice = resolveNativeBinding({ isElectron: true, appRoot: ROOT, electronVersion: '45.4.1', ...present });
    expect(choice).toMatchObject({ kind: 'missing-electron-build', advice: expect.stringMatching(/Electron 44\.0\.0, this is Electron 45\.4\.1/) });
  });

  it('reports a missing build with what to run', () => {
    const choice = resolveNativeBinding({ isElectron: true, appRoot: ROOT, ...files({}) });
    expect(choice).toMatchObject({ kind: 'missing-electron-build', expectedPath: BUILD });
    expect(() => nativeBindingOption(choice)).toThrow(/scripts\/electron-native\.ts/);
  });

  it('turns the choice into better-sqlite3 options', () => {
    expect(nativeBindingOption({ kind: 'default' })).toBeUndefined();
    expect(nativeBindingOption({ kind: 'electron-build', path: BUILD })).toBe(BUILD);
  });
});

describe('stampMatches (scripts/electron-native.ts)', () => {
  const wanted = { electronVersion: '45.4.1', betterSqlite3Version: '12.11.1', platform: 'linux', arch: 'x64' };
  it('skips the build only when everything matches', () => {
    expect(stampMatches({ ...wanted }, wanted)).toBe(true);
    expect(stampMatches({ ...wanted, electronVersion: '45.4.0' }, wanted)).toBe(false);
    expect(stampMatches({ ...wanted, betterSqlite3Version: '12.10.0' }, wanted)).toBe(false);
    expect(stampMatches({ ...wanted, arch: 'arm64' }, wanted)).toBe(false);
    expect(stampMatches(null, wanted)).toBe(false);
  });
});
