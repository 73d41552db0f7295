import { useState } from 'react';
import { call, desktopApi } from './api.js';

/**
 * One admin change at a time: `busy` while it runs. A change the server took is synced at once, so
 * this laptop's catalog (and the screen reloaded by `done`) shows it; a failed sync does not undo it.
 */
export function useAdminWrite() {
  const [busy, setBusy] = useState(false);
  const write = async <T>(work: () => Promise<T>, outcome: { done: (value: T) => void; failed: (error: unknown) => void }): Promise<void> => {
    setBusy(true);
    try {
      const value = await work();
      await call(desktopApi().syncNow()).catch(() => undefined);
      outcome.done(value);
    } catch (error) {
      outcome.failed(error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, write };
}
