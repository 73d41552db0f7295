// The client context (src-shared/client-context.ts) as the screens see it: read from main, where
// it is kept across screens until changed, cleared or the rep signs out, and set through main so
// the catalog, Compare and the saved record all use the same one.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ClientContext } from '../src-shared/client-context.js';
import { call, desktopApi } from './api.js';

interface ClientContextValue {
  /** undefined while it is being read. */
  context: ClientContext | null | undefined;
  /** Sets it (null: "New client"); rejects with main's field reasons. */
  set(next: ClientContext | null): Promise<void>;
}

const Context = createContext<ClientContextValue>({ context: null, set: () => Promise.resolve() });

export function ClientContextProvider({ children }: { children: ReactNode }) {
  const [context, setContext] = useState<ClientContext | null | undefined>(undefined);
  useEffect(() => {
    let active = true;
    call(desktopApi().getClientContext()).then(
      (kept) => active && setContext(kept),
      () => active && setContext(null),
    );
    return () => {
      active = false;
    };
  }, []);
  const set = useCallback(async (next: ClientContext | null) => setContext(await call(desktopApi().setClientContext(next))), []);
  return <Context.Provider value={{ context, set }}>{children}</Context.Provider>;
}

export function useClientContext(): ClientContextValue {
  return useContext(Context);
}
