// Where a packaged app signs in and syncs: fixed by its build (electron.vite.config.ts reads
// RATEDESK_BUILD_OKTA_ISSUER, RATEDESK_BUILD_OKTA_CLIENT_ID and RATEDESK_BUILD_SERVER_URL when
// bundling main and defines RATEDESK_BUILD_ENDPOINTS), https only. A rep's laptop must not be
// pointed elsewhere by an environment variable (OKTA_ISSUER, RATEDESK_SERVER_URL are for the
// development stack) nor default to the development stack's plain-http loopback addresses.
import { z } from 'zod';

export interface BuildEndpoints {
  oktaIssuer: string;
  oktaClientId: string;
  serverUrl: string;
}

/** The build-time variables, by endpoint. */
export const BUILD_ENDPOINT_VARIABLES = {
  oktaIssuer: 'RATEDESK_BUILD_OKTA_ISSUER',
  oktaClientId: 'RATEDESK_BUILD_OKTA_CLIENT_ID',
  serverUrl: 'RATEDESK_BUILD_SERVER_URL',
} as const satisfies Record<keyof BuildEndpoints, string>;

const httpsUrl = (name: string) =>
  z
    .string({ error: `${name} is required for a packaged build` })
    .trim()
    .pipe(z.url({ protocol: /^https$/, error: `${name} must be an https URL` }))
    .transform((value) => value.replace(/\/+$/, ''));

const BuildEndpointsSchema = z.object({
  oktaIssuer: httpsUrl(BUILD_ENDPOINT_VARIABLES.oktaIssuer),
  oktaClientId: z.string().trim().regex(/^[\w.-]{1,200}$/, `${BUILD_ENDPOINT_VARIABLES.oktaClientId} must be an Okta client id`).default('ratedesk-desktop'),
  serverUrl: httpsUrl(BUILD_ENDPOINT_VARIABLES.serverUrl),
});

/**
 * The endpoints of the build configuration, or null when none is given (a development build).
 * Throws naming the variable when one is given but not an https URL: such a build must not ship.
 */
export function buildEndpointsFrom(env: Readonly<Record<string, string | undefined>>): BuildEndpoints | null {
  const raw = {
    oktaIssuer: env[BUILD_ENDPOINT_VARIABLES.oktaIssuer] || undefined,
    oktaClientId: env[BUILD_ENDPOINT_VARIABLES.oktaClientId] || undefined,
    serverUrl: env[BUILD_ENDPOINT_VARIABLES.serverUrl] || undefined,
  };
  if (raw.oktaIssuer === undefined && raw.serverUrl === undefined) return null;
  const parsed = BuildEndpointsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Build endpoints: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data;
}

declare const RATEDESK_BUILD_ENDPOINTS: BuildEndpoints | null | undefined;

/** The endpoints this bundle was built with (null: none; outside a bundle: null). */
export function bundledEndpoints(): BuildEndpoints | null {
  return typeof RATEDESK_BUILD_ENDPOINTS === 'undefined' ? null : RATEDESK_BUILD_ENDPOINTS;
}
