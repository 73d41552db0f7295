import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './api.js';

/**
 * `refreshing` is true while a newer answer is on its way: the screen keeps showing the last one
 * instead of blanking, so a background sync never makes a list jump under the rep's cursor.
 */
export type AsyncState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T; refreshing: boolean };

/** Runs `load` whenever `key` changes; answers that arrive after a newer request are dropped. */
export function useAsync<T>(load: () => Promise<T>, key: string): { state: AsyncState<T>; reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' }));
    load().then(
      (value) => {
        if (current) setState({ status: 'ready', value, refreshing: false });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => {
      current = false;
    };
    // `load` is recreated each render; `key` says when its inputs changed.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  return { state, reload };
}
