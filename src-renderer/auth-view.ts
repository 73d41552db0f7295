// Whether the rep sees the sign-in screen or the app. Pure, so the offline rule is tested.
import type { AuthState } from '../src-shared/desktop-api/index.js';

export type Gate = 'checking' | 'sign-in' | 'app';

/**
 * Signed in: the app. Otherwise the sign-in screen, unless the rep chose to work offline from a
 * catalog that was synced before (rates on the laptop are still quotable, uploads wait).
 */
export function gateFor(auth: AuthState | null, continueOffline: boolean, hasCachedCatalog: boolean): Gate {
  if (auth === null) return 'checking';
  if (auth.status === 'signed-in') return 'app';
  return continueOffline && hasCachedCatalog ? 'app' : 'sign-in';
}

export function authSummary(auth: AuthState): string {
  switch (auth.status) {
    case 'signed-in': {
      const who = auth.user.name ?? auth.user.email ?? auth.user.subject;
      return auth.offline ? `${who} (offline)` : who;
    }
    case 'signed-out':
      return 'Not signed in';
    case 'needs-sign-in':
      return auth.message;
  }
}
