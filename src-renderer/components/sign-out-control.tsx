// The masthead's Sign out, which never lets a rep's unsent comparisons slip by unnoticed: when some
// are still waiting to upload, the rep chooses between uploading first, signing out anyway (they
// upload as this rep at the next sign-in on this laptop; nobody else sees them) and staying. Also
// offered once the session has ended (a rep handing the laptop over offline): then uploading
// first is not possible, and the choice is signing out anyway or staying.
import { useState } from 'react';
import { call, desktopApi, errorMessage } from '../api.js';
import { pendingSignOutQuestion } from '../auth-view.js';

type Step = { kind: 'idle' } | { kind: 'asking'; pending: number; note: string | null } | { kind: 'busy'; pending: number; what: string };

export function SignOutControl(props: { sessionEnded: boolean; onSignedOut: () => void; onError: (message: string) => void }) {
  const { sessionEnded, onSignedOut, onError } = props;
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  /** Signs out unless uploads are pending (then asks), or regardless when `confirmed`. */
  const signOut = async (confirmed: boolean, note: string | null = null): Promise<void> => {
    const result = await call(desktopApi().signOut({ clearCache: false, confirmed }));
    if (result.needsConfirmation) {
      setStep({ kind: 'asking', pending: result.pendingUploads, note });
      return;
    }
    setStep({ kind: 'idle' });
    onSignedOut();
  };

  const run = (what: string, pending: number, work: () => Promise<void>) => {
    setStep({ kind: 'busy', pending, what });
    work().catch((error: unknown) => {
      setStep({ kind: 'idle' });
      onError(errorMessage(error));
    });
  };

  const uploadFirst = (pending: number) =>
    run('Uploading…', pending, async () => {
      const status = await call(desktopApi().syncNow());
      // Signing out asks again if anything is still pending; the note says why it did not go.
      const why = status.reason === undefined ? '' : ` (${status.reason})`;
      await signOut(false, status.pendingUploads > 0 ? `Not everything could be uploaded${why}.` : null);
    });

  if (step.kind === 'idle') {
    return (
      <button type="button" className="button-small" onClick={() => run('Signing out…', 0, () => signOut(false))} data-testid="sign-out-button">
        Sign out
      </button>
    );
  }
  if (step.kind === 'busy') {
    return (
      <span className="muted" role="status" data-testid="sign-out-busy">
        {step.what}
      </span>
    );
  }
  return (
    <div className="notice notice-warning sign-out-confirm" role="alertdialog" aria-labelledby="sign-out-question" data-testid="sign-out-confirm">
      <p id="sign-out-question" data-testid="sign-out-pending">
        {pendingSignOutQuestion(step.pending, sessionEnded)}
        {step.note === null ? null : ` ${step.note}`}
      </p>
      <div className="actions-inline">
        {sessionEnded ? null : (
          <button type="button" className="button-small button-primary" onClick={() => uploadFirst(step.pending)} data-testid="sign-out-upload-first">
            Upload now, then sign out
          </button>
        )}
        <button type="button" className="button-small" onClick={() => run('Signing out…', step.pending, () => signOut(true))} data-testid="sign-out-anyway">
          Sign out; they upload when you sign in again
        </button>
        <button type="button" className="button-small" onClick={() => setStep({ kind: 'idle' })} data-testid="sign-out-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}
