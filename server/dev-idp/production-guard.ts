// The development identity provider signs in anyone who knows a password printed in the README.
// It must never answer in production, whatever else is misconfigured.
import { productionVariable } from '../../src-shared/runtime-mode.js';

export class DevIdentityProviderForbiddenError extends Error {
  override readonly name = 'DevIdentityProviderForbiddenError';
}

export function assertDevIdentityProviderAllowed(env: Readonly<Record<string, string | undefined>> = process.env): void {
  const variable = productionVariable(env);
  if (variable !== undefined) {
    throw new DevIdentityProviderForbiddenError(
      `The development identity provider cannot run when ${variable}=production; use the real Okta issuer (OKTA_ISSUER).`,
    );
  }
}
