// Files in temporary folders of their own, for tests of code that reads and writes one file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Registers an afterEach that removes the folders; answers a function that gives a path to
 * `fileName` (not created) in a fresh temporary folder on every call.
 */
export function tempFilePerCall(folderPrefix: string, fileName: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), folderPrefix));
    dirs.push(dir);
    return join(dir, fileName);
  };
}
