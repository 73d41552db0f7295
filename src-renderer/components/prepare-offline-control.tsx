import { useState } from 'react';
import { call, desktopApi, errorMessage } from '../api.js';
import { describeReadiness } from '../sync-view.js';

/** "Prepare for offline": uploads, syncs and verifies, then says "ready" or lists what is missing. */
export function PrepareOfflineControl() {
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ ready: boolean; lines: string[] } | null>(null);

  const prepare = async () => {
    setBusy(true);
    try {
      setAnswer(describeReadiness(await call(desktopApi().prepareForOffline())));
    } catch (error) {
      setAnswer({ ready: false, lines: [errorMessage(error)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="prepare-offline">
      <button type="button" className="button-small" onClick={() => void prepare()} disabled={busy}>
        {busy ? 'Preparing…' : 'Prepare for offline'}
      </button>
      {answer === null ? null : (
        <div role="status" aria-label="Offline readiness" data-testid="offline-readiness" className={answer.ready ? 'tone-text-ok' : 'tone-text-warning'}>
          {answer.ready ? (
            answer.lines[0]
          ) : (
            <>
              Not ready for offline:
              <ul>
                {answer.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
