import { describe, expect, it } from 'vitest';
import { missingNodeOptions, SERVER_NODE_OPTIONS, withServerNodeOptions } from '../../../server/node-options.js';

describe('the V8 settings the API server runs with', () => {
  it('counts a setting given on the command line or in NODE_OPTIONS, at any value', () => {
    expect(missingNodeOptions(['--max-semi-space-size=4', '--max-old-space-size=1024'], undefined)).toEqual([]);
    expect(missingNodeOptions(['--max-old-space-size=2048'], '--import tsx --max-semi-space-size=8')).toEqual([]);
  });

  it('names the settings a process was started without', () => {
    expect(missingNodeOptions(['--import', 'tsx'], '')).toEqual(['--max-semi-space-size=4', '--max-old-space-size=1024']);
    expect(missingNodeOptions([], '--max-old-space-size=4096')).toEqual(['--max-semi-space-size=4']);
  });

  it('adds them to a child process’s NODE_OPTIONS, keeping the caller’s own', () => {
    expect(withServerNodeOptions(undefined)).toBe(SERVER_NODE_OPTIONS);
    expect(withServerNodeOptions('--enable-source-maps')).toBe(`--enable-source-maps ${SERVER_NODE_OPTIONS}`);
    expect(missingNodeOptions([], withServerNodeOptions('--enable-source-maps'))).toEqual([]);
  });
});
