// The web host's file-key cipher: tokens sealed by one run open in the next (same key file), and
// nothing sealed under another key opens.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileKeyCipher } from '../../../../scripts/web-host/file-key-cipher.js';

const dir = mkdtempSync(join(tmpdir(), 'ratedesk-web-cipher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file-key cipher', () => {
  it('opens what an earlier run sealed, and the text is not in the sealed bytes', async () => {
    const keyFile = join(dir, 'session.key');
    const sealed = await openFileKeyCipher(keyFile).encrypt('refresh-token-value');
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('refresh-token-value');
    expect(await openFileKeyCipher(keyFile).decrypt(sealed)).toBe('refresh-token-value');
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('refuses bytes sealed under another key or tampered with', async () => {
    const sealed = await openFileKeyCipher(join(dir, 'a.key')).encrypt('secret');
    await expect(openFileKeyCipher(join(dir, 'b.key')).decrypt(sealed)).rejects.toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    await expect(openFileKeyCipher(join(dir, 'a.key')).decrypt(tampered)).rejects.toThrow();
  });
});
