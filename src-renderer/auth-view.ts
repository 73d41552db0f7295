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

/**
 * Whether the rep can sign out: while signed in, and also once the session has ended (needs a new
 * sign-in), e.g. a rep handing the laptop over while offline. Nobody to sign out otherwise.
 */
export function canSignOut(auth: AuthState | null): boolean {
  if (auth === null) return false;
  return auth.status === 'signed-in' || (auth.status === 'needs-sign-in' && auth.user !== undefined);
}

/** The sign-in screen's "whose session ended" line when nobody is signed in; null when nobody is known. */
export function lastSignedInLine(auth: AuthState): string | null {
  if (auth.status !== 'signed-out' || auth.lastUser === undefined) return null;
  const { name, email, subject } = auth.lastUser;
  const who = [name, email].find((value) => value !== undefined && value.trim() !== '') ?? subject;
  return `Last signed in as ${who}`;
}

/** The sign-out confirmation's question while `pending` comparisons have not been uploaded. */
export function pendingSignOutQuestion(pending: number, sessionEnded: boolean): string {
  const saved = `${pending} comparison${pending === 1 ? '' : 's'} you saved ${pending === 1 ? 'has' : 'have'} not been uploaded yet.`;
  // Uploading needs a valid session: with an ended one, offering "upload now" would only fail.
  return sessionEnded ? `${saved} Your session has ended, so they cannot be uploaded now.` : saved;
}
