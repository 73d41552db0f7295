// The persistence seam shared by settings and the token vault: electron-store in the app (see
// electron/electron-store.ts), a JSON file or a Map elsewhere. Values must survive JSON round trips.

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Keeps values in memory only: for tests, and for secrets that must not reach the disk. */
export function createMemoryKeyValueStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const values = new Map<string, unknown>(Object.entries(initial));
  return {
    get: (key) => values.get(key),
    set: (key, value) => {
      values.set(key, structuredClone(value));
    },
    delete: (key) => {
      values.delete(key);
    },
  };
}
