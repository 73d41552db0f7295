import { describe, expect, it } from 'vitest';
import { createClientContextHolder } from '../../../../src-main/services/client-context-holder.js';

function session(subject: string | null) {
  const listeners = new Set<(state: { status: string }) => void>();
  const fake = {
    user: subject === null ? null : { subject },
    currentUser: () => fake.user,
    onStateChange: (listener: (state: { status: string }) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (status: string) => listeners.forEach((listener) => listener({ status })),
  };
  return fake;
}

describe('the client context main keeps', () => {
  it('is kept for the rep who set it until cleared ("New client")', () => {
    const auth = session('rep-a');
    const holder = createClientContextHolder(auth);
    holder.set({ stateCode: 'NY', clientAge: 80 });
    expect(holder.get()).toEqual({ stateCode: 'NY', clientAge: 80 });
    // A token renewal or an offline spell is not a new client.
    auth.emit('needs-sign-in');
    expect(holder.get()).toEqual({ stateCode: 'NY', clientAge: 80 });
    holder.set(null);
    expect(holder.get()).toBeNull();
  });

  it('is cleared on sign-out, and never shown to another rep', () => {
    const auth = session('rep-a');
    const holder = createClientContextHolder(auth);
    holder.set({ stateCode: 'NY', clientAge: 80 });
    auth.user = { subject: 'rep-b' };
    expect(holder.get()).toBeNull();
    auth.user = { subject: 'rep-a' };
    auth.emit('signed-out');
    expect(holder.get()).toBeNull();
  });
});
