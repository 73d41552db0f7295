// A packaged app takes its endpoints from its build configuration, https only, and the development
// overrides (OKTA_ISSUER, RATEDESK_SERVER_URL) only count in development: a rep's laptop used to
// default to the development stack over plain http and follow whatever the environment said.
import { describe, expect, it } from 'vitest';
import { buildEndpointsFrom } from '../../../../src-main/settings/build-endpoints.js';
import { createMemoryKeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { createSettingsStore, DEFAULT_SETTINGS, SETTINGS_STORE_KEY } from '../../../../src-main/settings/settings.js';

const BUILD = { oktaIssuer: 'https://ratedesk.okta.com/oauth2/aus1', oktaClientId: 'ratedesk-desktop', serverUrl: 'https://api.ratedesk.example' };
const DEV_ENV = { OKTA_ISSUER: 'http://127.0.0.1:9999/oauth2/default', RATEDESK_SERVER_URL: 'http://localhost:9998' };

describe('build endpoints', () => {
  it('reads https endpoints from the build variables, and none for a development build', () => {
    expect(buildEndpointsFrom({ RATEDESK_BUILD_OKTA_ISSUER: `${BUILD.oktaIssuer}/`, RATEDESK_BUILD_SERVER_URL: BUILD.serverUrl })).toEqual(BUILD);
    expect(buildEndpointsFrom({})).toBeNull();
  });

  it('refuses a build with a plain-http or missing endpoint, naming the variable', () => {
    expect(() => buildEndpointsFrom({ RATEDESK_BUILD_OKTA_ISSUER: BUILD.oktaIssuer, RATEDESK_BUILD_SERVER_URL: 'http://127.0.0.1:8787' })).toThrow(/RATEDESK_BUILD_SERVER_URL must be an https URL/);
    expect(() => buildEndpointsFrom({ RATEDESK_BUILD_SERVER_URL: BUILD.serverUrl })).toThrow(/RATEDESK_BUILD_OKTA_ISSUER/);
  });
});

describe('settings of a packaged app', () => {
  it('uses the build endpoints and ignores the development overrides, saying so', () => {
    const warnings: string[] = [];
    const settings = createSettingsStore(createMemoryKeyValueStore(), { env: DEV_ENV, packaged: { buildEndpoints: BUILD }, warn: (m) => warnings.push(m) });
    expect(settings.get()).toMatchObject(BUILD);
    expect(settings.overriddenByEnvironment).toEqual([]);
    expect(warnings.join('\n')).toContain('OKTA_ISSUER, RATEDESK_SERVER_URL ignored');
  });

  it('refuses to start without build endpoints rather than fall back to the development stack', () => {
    expect(() => createSettingsStore(createMemoryKeyValueStore(), { env: {}, packaged: { buildEndpoints: null } })).toThrow(/no endpoints/);
  });

  it('accepts only https endpoints, stored or entered, loopback included', () => {
    const backing = createMemoryKeyValueStore();
    backing.set(SETTINGS_STORE_KEY, { serverUrl: 'http://127.0.0.1:8787', oktaIssuer: 'https://other.okta.com/oauth2/default' });
    const warnings: string[] = [];
    const settings = createSettingsStore(backing, { env: {}, packaged: { buildEndpoints: BUILD }, warn: (m) => warnings.push(m) });
    expect(settings.get()).toMatchObject({ serverUrl: BUILD.serverUrl, oktaIssuer: 'https://other.okta.com/oauth2/default' });
    expect(warnings.join('\n')).toContain('stored serverUrl must use https');
    expect(() => settings.update({ serverUrl: 'http://localhost:8787' })).toThrow(/must use https/);
    expect(settings.update({ serverUrl: 'https://api2.ratedesk.example' }).serverUrl).toBe('https://api2.ratedesk.example');
  });
});

describe('settings in development', () => {
  it('keeps the development defaults and honours the environment overrides', () => {
    expect(createSettingsStore(createMemoryKeyValueStore(), { env: {} }).get()).toMatchObject({ serverUrl: DEFAULT_SETTINGS.serverUrl });
    const settings = createSettingsStore(createMemoryKeyValueStore(), { env: DEV_ENV });
    expect(settings.get()).toMatchObject({ oktaIssuer: DEV_ENV.OKTA_ISSUER, serverUrl: DEV_ENV.RATEDESK_SERVER_URL });
    expect(settings.overriddenByEnvironment).toEqual(['oktaIssuer', 'serverUrl']);
  });
});
