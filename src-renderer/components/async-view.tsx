import type { ReactNode } from 'react';
import type { AsyncState } from '../use-async.js';

/** Loading and error states shared by every screen that waits on main. */
export function AsyncView<T>(props: { state: AsyncState<T>; what: string; onRetry?: () => void; children: (value: T) => ReactNode }) {
  const { state, what, onRetry, children } = props;
  if (state.status === 'loading') {
    return (
      <p className="notice" role="status">
        Loading {what}…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <p>
          Could not load {what}: {state.message}
        </p>
        {onRetry === undefined ? null : (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="async-content" aria-busy={state.refreshing} data-refreshing={state.refreshing ? 'true' : undefined}>
      {children(state.value)}
    </div>
  );
}
