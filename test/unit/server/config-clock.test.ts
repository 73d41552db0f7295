// RATEDESK_CLOCK on the server: read outside production, refused (the server does not start) in
// production, and used by buildApp for business dates when no clock is passed.
import { describe, expect, it } from 'vitest';
import { loadServerConfig, ServerConfigError } from '../../../server/config.js';

const base = { DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/ratedesk', OKTA_ISSUER: 'https://example.okta.com/oauth2/default' };

describe('RATEDESK_CLOCK', () => {
  it('is unset by default: the real clock', () => {
    expect(loadServerConfig(base).clockStart).toBeUndefined();
  });

  it('starts the clock at the instant outside production', () => {
    expect(loadServerConfig({ ...base, RATEDESK_CLOCK: '2026-12-01T00:30:00Z' }).clockStart?.toISOString()).toBe('2026-12-01T00:30:00.000Z');
  });

  it('stops a production start-up, with one message naming it', () => {
    for (const production of [{ NODE_ENV: 'production' }, { RATEDESK_ENV: 'production' }]) {
      expect(() => loadServerConfig({ ...base, ...production, RATEDESK_CLOCK: '2026-12-01T00:30:00Z' })).toThrow(ServerConfigError);
      expect(() => loadServerConfig({ ...base, ...production, RATEDESK_CLOCK: '2026-12-01T00:30:00Z' })).toThrow(/RATEDESK_CLOCK is for tests and demos and is never honoured in production mode/);
    }
  });

  it('refuses a value that is not an instant', () => {
    expect(() => loadServerConfig({ ...base, RATEDESK_CLOCK: '2026-12-01' })).toThrow(/RATEDESK_CLOCK must be an ISO-8601 instant with a zone/);
  });
});
