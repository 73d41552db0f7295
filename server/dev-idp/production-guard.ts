// The development identity provider signs in anyone who knows a password printed in the README.
// It must never answer in production, whatever else is misconfigured.

export class DevIdentityProviderForbiddenError extends Error {
  override readonly name = 'DevIdentityProviderForbiddenError';
}

export function assertDevIdentityProviderAllowed(env: Readonly<Record<string, string | undefined>> = process.env): void {
  for (const name of ['NODE_ENV', 'RATEDESK_ENV'] as const) {
    if (env[name]?.trim().toLowerCase() === 'production') {
      throw new DevIdentityProviderForbiddenError(
        `The development identity provider cannot run when ${name}=production; use the real Okta issuer (OKTA_ISSUER).`,
      );
    }
  }
}
