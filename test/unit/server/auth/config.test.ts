import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../../server/auth/auth-error.js';
import { AuthConfigError, loadAuthConfig } from '../../../../server/auth/config.js';
import { requirePermission } from '../../../../server/auth/require-permission.js';
import { bearerToken } from '../../../../server/auth/verify-access-token.js';
import { assertDevIdentityProviderAllowed, DevIdentityProviderForbiddenError } from '../../../../server/dev-idp/production-guard.js';

describe('loadAuthConfig', () => {
  it('applies the documented defaults when only the issuer is set', () => {
    const config = loadAuthConfig({ OKTA_ISSUER: 'https://example.okta.com/oauth2/default/' });
    expect(config).toEqual({
      issuer: 'https://example.okta.com/oauth2/default',
      audience: 'api://ratedesk',
      jwksUri: undefined,
      clockToleranceSeconds: 30,
      maxTokenAgeSeconds: 14_400,
      groupsClaim: 'groups',
      groupRoles: { sales_rep: 'RateDesk-Reps', admin: 'RateDesk-Admins', compliance: 'RateDesk-Compliance' },
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadAuthConfig({
      OKTA_ISSUER: 'https://example.okta.com/oauth2/aus123',
      OKTA_AUDIENCE: 'api://ratedesk-staging',
      OKTA_GROUP_SALES_REP: 'Sales',
      OKTA_GROUP_ADMIN: 'Ops',
      OKTA_GROUP_COMPLIANCE: 'Legal',
      OKTA_GROUPS_CLAIM: 'ratedesk_groups',
      OKTA_CLOCK_TOLERANCE_SECONDS: '0',
      RATEDESK_MAX_TOKEN_AGE_SECONDS: '3600',
    });
    expect(config.audience).toBe('api://ratedesk-staging');
    expect(config.groupRoles).toEqual({ sales_rep: 'Sales', admin: 'Ops', compliance: 'Legal' });
    expect(config.groupsClaim).toBe('ratedesk_groups');
    expect(config.clockToleranceSeconds).toBe(0);
    expect(config.maxTokenAgeSeconds).toBe(3600);
  });

  it('treats empty variables as unset', () => {
    const config = loadAuthConfig({ OKTA_ISSUER: 'https://example.okta.com/oauth2/default', OKTA_AUDIENCE: '' });
    expect(config.audience).toBe('api://ratedesk');
  });

  it('names the missing issuer', () => {
    expect(() => loadAuthConfig({})).toThrow(AuthConfigError);
    expect(() => loadAuthConfig({})).toThrow(/OKTA_ISSUER is required/);
  });

  it('names each malformed variable', () => {
    const attempt = () =>
      loadAuthConfig({ OKTA_ISSUER: 'not a url', OKTA_CLOCK_TOLERANCE_SECONDS: '1.5', OKTA_GROUP_ADMIN: '   ' });
    expect(attempt).toThrow(/OKTA_ISSUER must be an http\(s\) URL/);
    expect(attempt).toThrow(/OKTA_CLOCK_TOLERANCE_SECONDS must be a whole number/);
    expect(attempt).toThrow(/OKTA_GROUP_ADMIN must not be empty/);
    expect(() => loadAuthConfig({ OKTA_ISSUER: 'https://x.okta.com/oauth2/default', OKTA_CLOCK_TOLERANCE_SECONDS: '900' })).toThrow(
      /at most 300/,
    );
  });

  it('refuses a plain-http issuer in production but allows it for local development', () => {
    const local = { OKTA_ISSUER: 'http://127.0.0.1:8788/oauth2/default' };
    expect(loadAuthConfig(local).issuer).toBe('http://127.0.0.1:8788/oauth2/default');
    expect(() => loadAuthConfig({ ...local, NODE_ENV: 'production' })).toThrow(/must use https in production/);
    expect(() => loadAuthConfig({ ...local, RATEDESK_ENV: 'production' })).toThrow(/must use https in production/);
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header, any case', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('treats an absent header as no token and a different scheme as an invalid one', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(expect.objectContaining({ code: 'invalid_token' }));
  });
});

describe('requirePermission', () => {
  it('lets a permitted role through', () => {
    expect(() => requirePermission({ roles: ['admin'] }, 'catalog:publish')).not.toThrow();
  });

  it('answers 403 naming the missing permission', () => {
    const attempt = () => requirePermission({ roles: ['sales_rep'] }, 'catalog:publish');
    expect(attempt).toThrow(AuthError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'forbidden', httpStatus: 403, message: expect.stringContaining('catalog:publish') }),
    );
  });
});

describe('assertDevIdentityProviderAllowed', () => {
  it('refuses production, whichever variable says so', () => {
    expect(() => assertDevIdentityProviderAllowed({ NODE_ENV: 'production' })).toThrow(DevIdentityProviderForbiddenError);
    expect(() => assertDevIdentityProviderAllowed({ RATEDESK_ENV: 'Production' })).toThrow(/RATEDESK_ENV=production/);
  });

  it('allows development and test', () => {
    expect(() => assertDevIdentityProviderAllowed({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertDevIdentityProviderAllowed({ NODE_ENV: 'test', RATEDESK_ENV: 'local' })).not.toThrow();
  });
});
