// Okta settings for the API server, read from the environment once at start-up so a missing or
// malformed value stops the server with a message naming the variable, not the first request.
import { z } from 'zod';
import { GroupRoleMappingSchema, type GroupRoleMapping } from '../../src-shared/roles.js';
import { isProductionEnv } from '../../src-shared/runtime-mode.js';

/**
 * 30 s of clock tolerance: Okta and our servers are NTP-synchronised, so real skew is a few
 * seconds; anything generous here extends the life of every expired token by the same amount.
 * (Okta's client SDK allows 300 s, but it checks clocks on users' laptops, which drift more.)
 */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/**
 * The oldest token accepted, counted from its `iat`, whatever its `exp` says: 4 hours. Okta's
 * access tokens live 1 hour by default and the desktop refreshes them, so only a token someone
 * kept (or an authorization server set to long lifetimes) reaches this.
 */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 4 * 60 * 60;

const nonEmpty = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} must not be empty`);

const AuthEnvSchema = z.object({
  OKTA_ISSUER: z
    .string({ error: 'OKTA_ISSUER is required (e.g. https://example.okta.com/oauth2/default)' })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'OKTA_ISSUER must be an http(s) URL' }))
    .transform((value) => value.replace(/\/+$/, '')),
  OKTA_AUDIENCE: nonEmpty('OKTA_AUDIENCE').default('api://ratedesk'),
  OKTA_GROUP_SALES_REP: nonEmpty('OKTA_GROUP_SALES_REP').default('RateDesk-Reps'),
  OKTA_GROUP_ADMIN: nonEmpty('OKTA_GROUP_ADMIN').default('RateDesk-Admins'),
  OKTA_GROUP_COMPLIANCE: nonEmpty('OKTA_GROUP_COMPLIANCE').default('RateDesk-Compliance'),
  OKTA_GROUPS_CLAIM: nonEmpty('OKTA_GROUPS_CLAIM').default('groups'),
  OKTA_CLOCK_TOLERANCE_SECONDS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'OKTA_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().max(300, 'OKTA_CLOCK_TOLERANCE_SECONDS must be at most 300'))
    .default(DEFAULT_CLOCK_TOLERANCE_SECONDS),
  RATEDESK_MAX_TOKEN_AGE_SECONDS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'RATEDESK_MAX_TOKEN_AGE_SECONDS must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().min(60, 'RATEDESK_MAX_TOKEN_AGE_SECONDS must be at least 60').max(86_400, 'RATEDESK_MAX_TOKEN_AGE_SECONDS must be at most 86400 (a day)'))
    .default(DEFAULT_MAX_TOKEN_AGE_SECONDS),
  OKTA_JWKS_URI: z.url({ protocol: /^https?$/, error: 'OKTA_JWKS_URI must be an http(s) URL' }).optional(),
});

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** Normally undefined: the keys URL comes from the issuer's discovery document. */
  jwksUri: string | undefined;
  clockToleranceSeconds: number;
  /** RATEDESK_MAX_TOKEN_AGE_SECONDS: tokens issued longer ago are refused, even before their exp. */
  maxTokenAgeSeconds: number;
  groupsClaim: string;
  groupRoles: GroupRoleMapping;
}

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

/** Reads and checks the Okta settings; throws AuthConfigError listing every bad variable. */
export function loadAuthConfig(env: Readonly<Record<string, string | undefined>> = process.env): AuthConfig {
  const parsed = AuthEnvSchema.safeParse(blankAsMissing(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    throw new AuthConfigError(`Invalid authentication settings: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const production = isProductionEnv(env);
  // Tokens and keys travel over this connection: plain http is only for the local development IdP.
  if (production && !e.OKTA_ISSUER.startsWith('https://')) {
    throw new AuthConfigError('Invalid authentication settings: OKTA_ISSUER must use https in production');
  }
  if (production && e.OKTA_JWKS_URI && !e.OKTA_JWKS_URI.startsWith('https://')) {
    throw new AuthConfigError('Invalid authentication settings: OKTA_JWKS_URI must use https in production');
  }
  return {
    issuer: e.OKTA_ISSUER,
    audience: e.OKTA_AUDIENCE,
    jwksUri: e.OKTA_JWKS_URI,
    clockToleranceSeconds: e.OKTA_CLOCK_TOLERANCE_SECONDS,
    maxTokenAgeSeconds: e.RATEDESK_MAX_TOKEN_AGE_SECONDS,
    groupsClaim: e.OKTA_GROUPS_CLAIM,
    groupRoles: GroupRoleMappingSchema.parse({
      sales_rep: e.OKTA_GROUP_SALES_REP,
      admin: e.OKTA_GROUP_ADMIN,
      compliance: e.OKTA_GROUP_COMPLIANCE,
    }),
  };
}

// `FOO=` in a .env file means "not set", not "set to nothing": defaults should apply.
function blankAsMissing(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) out[key] = value === '' ? undefined : value;
  return out;
}
