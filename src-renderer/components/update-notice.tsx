import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../src-shared/desktop-api/updates.js';
import type { SyncState } from '../../src-shared/sync/status.js';
import { call, desktopApi, errorMessage } from '../api.js';
import { describeUpdate } from '../update-view.js';

/** How often the notice asks main what the updater found (it checks the feed itself daily). */
const POLL_MS = 10 * 60_000;

/** "Update available / required", with the rep's install choices; nothing when there is nothing to say. */
export function UpdateNotice({ syncState }: { syncState: SyncState | undefined }) {
  const [update, setUpdate] = useState<UpdateStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let active = true;
    const refresh = () =>
      call(desktopApi().updateStatus()).then(
        (value) => {
          if (active) setUpdate(value);
        },
        () => undefined,
      );
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [syncState]);

  const install = async (request: { when: 'now' | 'at-quit'; agreed?: boolean }) => {
    setBusy(true);
    try {
      setUpdate(await call(desktopApi().installUpdate(request)));
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const view = describeUpdate(update, syncState);
  if (view === null) return null;
  return (
    <section className={`update-notice tone-text-${view.tone}`} aria-label={view.title} data-testid="update-notice">
      <strong>{view.title}</strong> <span>{view.text}</span>
      {view.canInstall ? (
        <>
          <button type="button" className="button-small" onClick={() => void install({ when: 'now' })} disabled={busy}>
            Install update and restart
          </button>
          <label>
            <input type="checkbox" checked={update?.installAtQuit ?? false} disabled={busy} onChange={(event) => void install({ when: 'at-quit', agreed: event.target.checked })} />
            Install when I quit RateDesk
          </label>
        </>
      ) : null}
      {failure === null ? null : (
        <span role="alert" className="tone-text-error">
          {failure}
        </span>
      )}
    </section>
  );
}
