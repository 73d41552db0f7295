import { describe, expect, it } from 'vitest';
import { createLastUserMemory, LAST_USER_KEY } from '../../../../src-main/auth/last-user.js';
import { createMemoryKeyValueStore, type KeyValueStore } from '../../../../src-main/settings/key-value-store.js';

function countingStore(): KeyValueStore & { writes: number } {
  const inner = createMemoryKeyValueStore();
  const store = {
    writes: 0,
    get: (key: string) => inner.get(key),
    set: (key: string, value: unknown) => {
      store.writes += 1;
      inner.set(key, value);
    },
    delete: (key: string) => inner.delete(key),
  };
  return store;
}

describe('the last user memory', () => {
  it('keeps who signed in (subject, name, email), never the groups, and writes only when it changes', () => {
    const store = countingStore();
    const memory = createLastUserMemory(store);
    expect(memory.get()).toBeNull();
    const rep = { subject: '00u-demo-rep', name: 'Riley Rep', email: 'rep@ratedesk.test', groups: ['RateDesk-Reps'] };
    memory.remember(rep);
    memory.remember(rep);
    expect(store.get(LAST_USER_KEY)).toEqual({ subject: '00u-demo-rep', name: 'Riley Rep', email: 'rep@ratedesk.test' });
    expect(store.writes).toBe(1);
    memory.remember({ subject: '00u-demo-rep2', groups: [] });
    expect(memory.get()).toEqual({ subject: '00u-demo-rep2' });
    expect(store.writes).toBe(2);
  });

  it('reads an edited or damaged value as nobody', () => {
    for (const stored of ['00u-demo-rep', { subject: '' }, { subject: 'x', accessToken: 'eyJ...' }, null]) {
      expect(createLastUserMemory(createMemoryKeyValueStore({ [LAST_USER_KEY]: stored })).get()).toBeNull();
    }
  });
});
