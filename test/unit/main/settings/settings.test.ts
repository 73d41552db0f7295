// Desktop settings: defaults for the local stack, checks on write (naming the field), forgiving
// reads of whatever is in the user's settings file, and the development environment overrides.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src-shared/errors.js';
import { createJsonFileStore } from '../../../../src-main/settings/json-file-store.js';
import { createMemoryKeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { createSettingsStore, DEFAULT_SETTINGS, SETTINGS_STORE_KEY } from '../../../../src-main/settings/settings.js';
import { tempFilePerCall } from '../../../support/temp-files.js';

const settingsFile = tempFilePerCall('ratedesk-settings-', 'settings.json');

function thrownBy(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('settings', () => {
  it('starts with the local development stack', () => {
    const settings = createSettingsStore(createMemoryKeyValueStore()).get();
    expect(settings).toEqual({
      oktaIssuer: 'http://127.0.0.1:8788/oauth2/default',
      oktaClientId: 'ratedesk-desktop',
      serverUrl: 'http://127.0.0.1:8787',
      stalenessWarningDays: 3,
    });
  });

  it('saves a valid change and reads it back after a restart', () => {
    const file = settingsFile();
    createSettingsStore(createJsonFileStore(file)).update({
      oktaIssuer: 'https://acme.okta.com/oauth2/default/',
      serverUrl: 'https://ratedesk.acme.com',
      stalenessWarningDays: 7,
      windowBounds: { x: 10, y: 20, width: 1280, height: 800 },
    });
    const reopened = createSettingsStore(createJsonFileStore(file)).get();
    expect(reopened).toEqual({
      oktaIssuer: 'https://acme.okta.com/oauth2/default',
      oktaClientId: 'ratedesk-desktop',
      serverUrl: 'https://ratedesk.acme.com',
      stalenessWarningDays: 7,
      windowBounds: { x: 10, y: 20, width: 1280, height: 800 },
    });
  });

  it('refuses a bad change with the field and the reason, and writes none of it', () => {
    const file = settingsFile();
    const store = createSettingsStore(createJsonFileStore(file));
    store.update({ stalenessWarningDays: 5 });
    const before = readFileSync(file, 'utf8');

    const error = thrownBy(() => store.update({ serverUrl: 'https://ok.example.com', stalenessWarningDays: 0 }));
    expect(error.issues).toEqual([{ path: 'stalenessWarningDays', message: 'must be at least 1 day' }]);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(store.get().serverUrl).toBe(DEFAULT_SETTINGS.serverUrl);
  });

  it.each([
    [{ stalenessWarningDays: 61 }, 'stalenessWarningDays', 'must be at most 60 days'],
    [{ stalenessWarningDays: 2.5 }, 'stalenessWarningDays', 'must be a whole number of days'],
    [{ serverUrl: 'http://ratedesk.acme.com' }, 'serverUrl', 'must use https (plain http only for 127.0.0.1/localhost)'],
    [{ oktaIssuer: 'not a url' }, 'oktaIssuer', 'must be an http(s) URL of the Okta authorization server (issuer)'],
    [{ oktaIssuer: 'ftp://acme.okta.com' }, 'oktaIssuer', 'must be an http(s) URL of the Okta authorization server (issuer)'],
    [{ serverUrl: 'https://user:secret@ratedesk.acme.com' }, 'serverUrl', 'must not contain credentials, a query or a fragment'],
    [{ oktaClientId: '  ' }, 'oktaClientId', 'must not be empty'],
    [{ windowBounds: { width: 50, height: 600 } }, 'windowBounds.width', 'must be at least 200 pixels'],
  ])('refuses %j (%s: %s)', (patch, path, message) => {
    const error = thrownBy(() => createSettingsStore(createMemoryKeyValueStore()).update(patch));
    expect(error.issues).toContainEqual({ path, message });
    expect(error.message).toContain(`${path}: ${message}`);
  });

  it('refuses fields it does not know instead of storing them', () => {
    const backing = createMemoryKeyValueStore();
    const error = thrownBy(() => createSettingsStore(backing).update({ theme: 'dark' } as never));
    expect(error.message).toContain('theme');
    expect(backing.get(SETTINGS_STORE_KEY)).toBeUndefined();
  });

  it('falls back to the default for each bad stored field, keeps the good ones and says which', () => {
    const warnings: string[] = [];
    const backing = createMemoryKeyValueStore({
      [SETTINGS_STORE_KEY]: { serverUrl: 'https://ratedesk.acme.com', stalenessWarningDays: 'three', oktaIssuer: 42, unknownThing: true },
    });
    const settings = createSettingsStore(backing, { warn: (message) => warnings.push(message) }).get();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, serverUrl: 'https://ratedesk.acme.com' });
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/stalenessWarningDays must be a whole number of days; using the default/);
    expect(warnings.join('\n')).toMatch(/oktaIssuer .*; using the default/);
  });

  it('survives a settings file that is not JSON', () => {
    const file = settingsFile();
    writeFileSync(file, '{ this is not json');
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      expect(createSettingsStore(createJsonFileStore(file)).get()).toEqual(DEFAULT_SETTINGS);
    } finally {
      console.warn = original;
    }
    expect(warnings.join('\n')).toContain('not a JSON object');
  });

  it('lets the development environment point at another stack without storing it', () => {
    const backing = createMemoryKeyValueStore();
    const store = createSettingsStore(backing, {
      env: { OKTA_ISSUER: 'http://localhost:9999/oauth2/default', OKTA_CLIENT_ID: 'other-client', RATEDESK_SERVER_URL: '', PATH: '/bin' },
    });
    expect(store.get()).toMatchObject({ oktaIssuer: 'http://localhost:9999/oauth2/default', oktaClientId: 'other-client', serverUrl: DEFAULT_SETTINGS.serverUrl });
    expect(store.overriddenByEnvironment).toEqual(['oktaIssuer', 'oktaClientId']);

    const updated = store.update({ oktaIssuer: 'https://acme.okta.com/oauth2/default', stalenessWarningDays: 9 });
    // The environment still wins for this run; the saved value applies once it is gone.
    expect(updated).toMatchObject({ oktaIssuer: 'http://localhost:9999/oauth2/default', stalenessWarningDays: 9 });
    expect(createSettingsStore(backing).get().oktaIssuer).toBe('https://acme.okta.com/oauth2/default');
  });

  it('stops on a malformed environment override, naming the variable', () => {
    const error = thrownBy(() => createSettingsStore(createMemoryKeyValueStore(), { env: { RATEDESK_SERVER_URL: 'http://10.0.0.5:8787' } }));
    expect(error.issues).toEqual([{ path: 'RATEDESK_SERVER_URL', message: 'must use https (plain http only for 127.0.0.1/localhost)' }]);
  });
});
