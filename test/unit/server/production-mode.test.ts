// One reading of production mode (src-shared/runtime-mode.ts) behind every check that depends on
// it: the server's settings (RATEDESK_CLOCK refused), its Okta settings (https required) and the
// development identity provider's guard. `RATEDESK_ENV=Production` used to switch the first two
// off (exact match) and the guard on (trimmed, lower-cased).
import { describe, expect, it } from 'vitest';
import { AuthConfigError, loadAuthConfig } from '../../../server/auth/config.js';
import { loadServerConfig, ServerConfigError } from '../../../server/config.js';
import { assertDevIdentityProviderAllowed, DevIdentityProviderForbiddenError } from '../../../server/dev-idp/production-guard.js';
import { isProductionEnv, meansProduction } from '../../../src-shared/runtime-mode.js';

const base = { DATABASE_URL: 'postgres://app:secret@db.internal:5432/ratedesk', OKTA_ISSUER: 'https://example.okta.com/oauth2/default' };
const SPELLINGS = ['production', 'Production', 'PRODUCTION', ' production ', 'production\n'];

describe('production mode', () => {
  it('is read the same way by the parser, trimmed and in any letter case', () => {
    for (const value of SPELLINGS) expect(meansProduction(value), JSON.stringify(value)).toBe(true);
    for (const value of [undefined, '', 'prod', 'development', 'productions', 'pre-production']) expect(meansProduction(value)).toBe(false);
    expect(isProductionEnv({ NODE_ENV: 'development', RATEDESK_ENV: 'Production' })).toBe(true);
  });

  it('turns every production check on for each spelling, in both variables', () => {
    for (const variable of ['NODE_ENV', 'RATEDESK_ENV']) {
      for (const value of SPELLINGS) {
        const env = { ...base, [variable]: value };
        const label = `${variable}=${JSON.stringify(value)}`;
        expect(loadServerConfig(env).production, label).toBe(true);
        expect(() => loadServerConfig({ ...env, RATEDESK_CLOCK: '2026-12-01T00:30:00Z' }), label).toThrow(ServerConfigError);
        expect(() => loadAuthConfig({ ...env, OKTA_ISSUER: 'http://127.0.0.1:8788/oauth2/default' }), label).toThrow(AuthConfigError);
        expect(() => assertDevIdentityProviderAllowed(env), label).toThrow(DevIdentityProviderForbiddenError);
      }
    }
  });

  it('leaves every production check off outside production', () => {
    const env = { ...base, RATEDESK_ENV: 'staging', NODE_ENV: 'development' };
    expect(loadServerConfig(env).production).toBe(false);
    expect(loadAuthConfig({ ...env, OKTA_ISSUER: 'http://127.0.0.1:8788/oauth2/default' }).issuer).toBe('http://127.0.0.1:8788/oauth2/default');
    expect(() => assertDevIdentityProviderAllowed(env)).not.toThrow();
  });
});
