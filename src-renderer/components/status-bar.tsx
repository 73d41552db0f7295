import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../src-shared/sync/status.js';
import { call, desktopApi, errorMessage } from '../api.js';
import { describeClockSkew, describeSync } from '../sync-view.js';
import { PrepareOfflineControl } from './prepare-offline-control.js';
import { UpdateNotice } from './update-notice.js';

/** Online/offline, sync progress, last sync, pending uploads and errors, with a retry button. */
export function StatusBar() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const api = desktopApi();
    let active = true;
    const refresh = () =>
      call(api.syncStatus()).then(
        (value) => {
          if (active) setStatus(value);
        },
        (error: unknown) => {
          if (active) setFailure(errorMessage(error));
        },
      );
    void refresh();
    const stop = api.onSyncStatus((next) => {
      setStatus(next);
      setFailure(null);
    });
    // Saving a comparison changes the pending count without a sync event, and "Last synced 5
    // minutes ago" must keep moving while the app sits open in a meeting.
    const timer = window.setInterval(() => {
      setNow(new Date());
      void refresh();
    }, 15_000);
    window.addEventListener('hashchange', refresh);
    return () => {
      active = false;
      stop();
      window.clearInterval(timer);
      window.removeEventListener('hashchange', refresh);
    };
  }, []);

  const retry = async () => {
    setRetrying(true);
    try {
      setStatus(await call(desktopApi().syncNow()));
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setRetrying(false);
    }
  };

  const view = status === null ? null : describeSync(status, now);
  const clockWarning = status === null ? null : describeClockSkew(status);
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Sync status">
      {/* Only changes of state are announced; the ticking "last synced" text stays out of the live region. */}
      <span className="visually-hidden" role="status" aria-live="polite">
        {view === null ? '' : [view.connection, view.activity === null ? null : 'Syncing', view.pending, view.problem, clockWarning, failure].filter((part) => part !== null).join('. ')}
      </span>
      <div className="status-items">
        {view === null ? (
          <span>{failure === null ? 'Checking sync status…' : `Sync status unavailable: ${failure}`}</span>
        ) : (
          <>
            <span className={`status-pill tone-${view.tone}`} data-testid="connection-state">
              {view.connection}
            </span>
            {view.activity === null ? null : (
              <span>
                {view.activity}
                {status?.progress?.percent === undefined ? null : (
                  <progress className="sync-progress" max={100} value={status.progress.percent} aria-label="Sync progress" />
                )}
              </span>
            )}
            <span data-testid="last-sync">{view.lastSync}</span>
            {view.pending === null ? null : <span data-testid="pending-uploads">{view.pending}</span>}
            {view.problem === null ? null : <span className={`tone-text-${view.tone}`} data-testid="sync-problem">{view.problem}</span>}
            {/* The request and the underlying error are for support, not the sentence a rep reads. */}
            {view.problem === null || status?.detail === undefined ? null : (
              <details className="status-details" data-testid="sync-details">
                <summary>Details</summary>
                <code>{status.detail}</code>
              </details>
            )}
            {clockWarning === null ? null : <span className="tone-text-warning" data-testid="clock-warning">{clockWarning}</span>}
            {failure === null ? null : <span className="tone-text-error">{failure}</span>}
          </>
        )}
      </div>
      <div className="status-actions">
        {view !== null && (view.canRetry || failure !== null) ? (
          <button type="button" className="button-small" data-testid="sync-retry" onClick={() => void retry()} disabled={retrying}>
            {retrying ? 'Syncing…' : view.tone === 'error' || view.connection === 'Offline' || failure !== null ? 'Retry sync' : 'Sync now'}
          </button>
        ) : null}
        <PrepareOfflineControl />
        <UpdateNotice syncState={status?.state} />
      </div>
    </footer>
  );
}
