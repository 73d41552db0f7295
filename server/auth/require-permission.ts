import { can, type Permission } from '../../src-shared/roles.js';
import { AuthError } from './auth-error.js';
import type { VerifiedPrincipal } from './verify-access-token.js';

/** Throws a 403 AuthError unless the principal's roles grant the permission. */
export function requirePermission(principal: Pick<VerifiedPrincipal, 'roles'>, permission: Permission): void {
  if (!can(principal.roles, permission)) {
    const held = principal.roles.length > 0 ? principal.roles.join(', ') : 'no RateDesk role';
    throw new AuthError('forbidden', `Permission "${permission}" is required (signed-in user has ${held})`);
  }
}
