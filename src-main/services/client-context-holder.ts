// The client context (src-shared/client-context.ts) as main keeps it: in memory, for the rep who
// set it. It outlives screen changes and reloads of the renderer, never a sign-out (the next rep
// must not start on the last rep's client), and never reaches a disk: a client's state and age
// are the client's data, saved only in the comparisons the rep saves.
import type { ClientContext } from '../../src-shared/client-context.js';

export interface ClientContextHolder {
  /** The context of the rep on this laptop now; null when none is set or another rep set it. */
  get(): ClientContext | null;
  /** null clears it ("New client"). */
  set(context: ClientContext | null): ClientContext | null;
}

export interface ContextSession {
  currentUser(): { subject: string } | null;
  onStateChange(listener: (state: { status: string }) => void): () => void;
}

export function createClientContextHolder(session: ContextSession): ClientContextHolder {
  let kept: { owner: string | null; context: ClientContext } | null = null;
  session.onStateChange((state) => {
    if (state.status === 'signed-out') kept = null;
  });
  const owner = () => session.currentUser()?.subject ?? null;
  return {
    get: () => (kept !== null && kept.owner === owner() ? kept.context : null),
    set: (context) => {
      kept = context === null ? null : { owner: owner(), context };
      return context;
    },
  };
}
