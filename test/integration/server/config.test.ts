// Server configuration from the environment: defaults, and one error naming every bad variable.
import { describe, expect, it } from 'vitest';
import { loadServerConfig, parseTrustProxy, ServerConfigError } from '../../../server/config.js';

const base = { DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/ratedesk', OKTA_ISSUER: 'https://example.okta.com/oauth2/default' };

describe('loadServerConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadServerConfig(base);
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      trustProxy: false,
      rateLimitPerMinute: 300,
      authFailuresPerMinute: 100,
      bodyLimitBytes: 1024 * 1024,
      rateSheetMaxRows: 10_000,
      logLevel: 'info',
      businessTimeZone: 'America/New_York',
      production: false,
    });
    expect(config.database.kind).toBe('external');
    expect(config.auth.audience).toBe('api://ratedesk');
  });

  it('reads every server setting', () => {
    const config = loadServerConfig({
      ...base,
      PORT: '9000',
      HOST: '0.0.0.0',
      TRUST_PROXY: '1',
      RATE_LIMIT_PER_MINUTE: '60',
      AUTH_FAILURES_PER_MINUTE: '20',
      BODY_LIMIT_BYTES: '65536',
      LOG_LEVEL: 'warn',
      RATEDESK_BUSINESS_TIME_ZONE: 'America/Chicago',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      trustProxy: 1,
      rateLimitPerMinute: 60,
      authFailuresPerMinute: 20,
      bodyLimitBytes: 65536,
      logLevel: 'warn',
      businessTimeZone: 'America/Chicago',
    });
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadServerConfig({
        DATABASE_URL: 'mysql://nope',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        RATEDESK_BUSINESS_TIME_ZONE: 'Mars/Olympus',
        TRUST_PROXY: 'the load balancer',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ServerConfigError);
    const message = (error as Error).message;
    for (const name of ['DATABASE_URL', 'OKTA_ISSUER', 'PORT', 'LOG_LEVEL', 'RATEDESK_BUSINESS_TIME_ZONE', 'TRUST_PROXY']) {
      expect(message).toContain(name);
    }
  });
});

describe('parseTrustProxy', () => {
  it('accepts booleans, hop counts and address lists', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.10')).toEqual(['10.0.0.0/8', '192.168.1.10']);
    expect(parseTrustProxy('yes please')).toEqual(expect.stringContaining('TRUST_PROXY'));
  });
});
