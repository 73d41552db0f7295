// What the renderer may know about the sign-in. Fields are copied one by one, never spread, so
// whatever the session object grows later (tokens included) cannot ride along to the renderer.
import type { AuthSignOutResult, AuthState, LastUserView, SessionUserView } from '../../src-shared/desktop-api/index.js';
import type { LastUser } from '../auth/last-user.js';
import type { SessionState, SignOutResult } from '../auth/session-state.js';
import type { SessionUser } from '../auth/token-vault.js';

export function authStateView(state: SessionState): AuthState {
  switch (state.status) {
    case 'signed-out':
      return state.lastUser === undefined ? { status: 'signed-out' } : { status: 'signed-out', lastUser: lastUserView(state.lastUser) };
    case 'signed-in':
      return {
        status: 'signed-in',
        user: userView(state.user),
        accessTokenExpiresAt: state.accessTokenExpiresAt,
        tokenPersistence: state.tokenPersistence,
        offline: state.offline,
      };
    case 'needs-sign-in':
      return {
        status: 'needs-sign-in',
        reason: state.reason,
        message: state.message,
        ...(state.user === undefined ? {} : { user: userView(state.user) }),
      };
  }
}

export function signOutView(result: SignOutResult): AuthSignOutResult {
  return result.needsConfirmation
    ? { needsConfirmation: true, pendingUploads: result.pendingUploads }
    : { needsConfirmation: false, revoked: result.revoked, cacheCleared: result.cacheCleared };
}

function userView(user: SessionUser): SessionUserView {
  return {
    subject: user.subject,
    ...(user.name === undefined ? {} : { name: user.name }),
    ...(user.email === undefined ? {} : { email: user.email }),
    groups: [...user.groups],
  };
}

function lastUserView(user: LastUser): LastUserView {
  return {
    subject: user.subject,
    ...(user.name === undefined ? {} : { name: user.name }),
    ...(user.email === undefined ? {} : { email: user.email }),
  };
}
