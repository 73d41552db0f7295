import { useState } from 'react';
import type { AuthState } from '../../src-shared/desktop-api/index.js';
import { call, desktopApi, errorMessage } from '../api.js';
import { lastSignedInLine } from '../auth-view.js';
import { formatAgo } from '../../src-shared/format/display.js';

export function SignInScreen(props: { auth: AuthState; lastSyncAt: string | null; onContinueOffline: () => void }) {
  const { auth, lastSyncAt, onContinueOffline } = props;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const lastUser = lastSignedInLine(auth);

  const signIn = async () => {
    setBusy(true);
    setFailure(null);
    try {
      // The host opens the system browser; the new state also arrives through onAuthState.
      const result = await call(desktopApi().signIn());
      if (result.failure !== null) setFailure(result.failure);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="welcome" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        Sign in to RateDesk
      </h1>
      <p className="lede">Fixed annuities and CDs, compared side by side, on your laptop and offline.</p>
      {lastUser === null ? null : (
        <p className="muted" data-testid="last-signed-in">
          {lastUser}
        </p>
      )}
      {auth.status === 'needs-sign-in' ? (
        <p className="notice notice-warning" role="status">
          {auth.message}
        </p>
      ) : null}
      <p>Sign-in opens your company's sign-in page in your web browser.</p>
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => void signIn()} disabled={busy} data-testid="sign-in-button">
          {busy ? 'Waiting for the browser…' : 'Sign in'}
        </button>
        {lastSyncAt === null ? null : (
          <button type="button" onClick={onContinueOffline} data-testid="continue-offline">
            Work offline (rates synced {formatAgo(lastSyncAt, new Date())})
          </button>
        )}
      </div>
      <p role={failure === null ? 'status' : 'alert'} className={failure === null ? 'sr-status' : 'notice notice-error'} data-testid="sign-in-message">
        {failure === null ? (busy ? 'Finish signing in in your browser.' : '') : `Sign-in did not complete: ${failure}`}
      </p>
    </main>
  );
}
