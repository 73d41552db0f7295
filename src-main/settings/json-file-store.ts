// A KeyValueStore in one JSON file, written the way electron-store writes (temp file + rename),
// so Node hosts (tests, scripts) persist exactly what the app would without loading Electron.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore } from './key-value-store.js';

export interface JsonFileStore extends KeyValueStore {
  readonly path: string;
}

export function createJsonFileStore(path: string): JsonFileStore {
  let values = readValues(path);

  function write(next: Record<string, unknown>): void {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    // 0o600: the file may hold ciphertext of tokens; other local users have no business reading it.
    writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    // A crash mid-write leaves the old file whole rather than half a JSON document.
    renameSync(temporary, path);
    values = next;
  }

  return {
    path,
    get: (key) => (Object.hasOwn(values, key) ? structuredClone(values[key]) : undefined),
    set: (key, value) => write({ ...values, [key]: structuredClone(value) }),
    delete: (key) => {
      if (!Object.hasOwn(values, key)) return;
      const { [key]: _removed, ...rest } = values;
      write(rest);
    },
  };
}

function readValues(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return { ...parsed };
  } catch {
    // fall through: like electron-store (clearInvalidConfig), an unreadable file starts empty.
  }
  console.warn(`[settings] ${path} is not a JSON object; starting from an empty store`);
  return {};
}
