// The sign-in handlers and event. What crosses to the renderer is a view (session-view.ts) that
// never carries a token.
import type { sessionMethods } from '../../src-shared/desktop-api/index.js';
import { SignInErrorCode } from '../auth/auth-errors.js';
import type { AuthSession } from '../auth/session.js';
import { classifyFailure, FailureKind } from '../http/classify-failure.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import type { DesktopEventSources } from '../ipc/desktop-events.js';
import { authStateView, signOutView } from './session-view.js';

export type AuthLike = Pick<AuthSession, 'state' | 'onStateChange' | 'signIn' | 'signOut' | 'currentUser'>;

export interface SessionServicesOptions {
  auth: AuthLike;
  /** Told to re-read its status after a sign-out (the counts were the signed-out rep's), and to run once a sign-in succeeds. */
  sync: { refresh?(): Promise<unknown>; runNow?(reason: string): Promise<unknown> } | null;
}

export function createSessionHandlers({ auth, sync }: SessionServicesOptions): HandlersFor<typeof sessionMethods> {
  return {
    authState: () => authStateView(auth.state),

    signIn: async () => {
      try {
        await auth.signIn();
        // Sync at once: the first sign-in on a laptop has an empty catalog, which otherwise waited
        // for the five-minute timer. Not awaited: the answer is the sign-in, the run reports itself.
        void sync?.runNow?.('signed-in').catch(() => undefined);
        return { state: authStateView(auth.state), failure: null };
      } catch (error) {
        console.warn('[auth] sign-in did not complete', error);
        return { state: authStateView(auth.state), failure: signInFailure(error) };
      }
    },

    signOut: async ({ clearCache, confirmed }) => {
      const result = signOutView(await auth.signOut({ clearCache, confirmed }));
      // The engine's status is kept in memory: after a sign-out it must not show the previous
      // rep's pending uploads, and once the cache is gone it must say "never synced" (and offer
      // Sync now) instead of the previous user's "synced just now".
      if (!result.needsConfirmation) await sync?.refresh?.();
      return result;
    },
  };
}

export function sessionEventSources(auth: AuthLike): Pick<DesktopEventSources, 'onAuthState'> {
  return { onAuthState: (listener) => auth.onStateChange((state) => listener(authStateView(state))) };
}

const SIGN_IN_FAILURES: Readonly<Record<SignInErrorCode, string>> = {
  [SignInErrorCode.denied]: 'The sign-in page refused the sign-in (cancelled, or this account is not assigned to RateDesk).',
  [SignInErrorCode.mismatch]: 'The sign-in answer did not belong to this request. Try again.',
  [SignInErrorCode.timedOut]: 'Signing in took too long. Try again.',
  [SignInErrorCode.cancelled]: 'Signing in was cancelled.',
  [SignInErrorCode.exchangeFailed]: 'The identity provider did not complete the sign-in. Try again; if it keeps failing, tell your administrator.',
  [SignInErrorCode.unreachable]: 'The sign-in server cannot be reached. Check the network connection and try again.',
};

function signInFailure(error: unknown): string {
  const failure = classifyFailure(error);
  if (failure.kind === FailureKind.signInFailed) return SIGN_IN_FAILURES[failure.code];
  if (failure.kind === FailureKind.offline) return SIGN_IN_FAILURES[SignInErrorCode.unreachable];
  return 'Signing in did not complete. Try again; if it keeps failing, check the sign-in settings.';
}
