// The token vault: tokens reach the disk only encrypted (test/support/client-test-cipher.ts stands in
// for Electron's safeStorage, which needs the OS keychain and cannot run here), stay in memory
// when no OS-protected key exists, and a blob nobody can read any more is dropped, not trusted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOKEN_VAULT_KEY, TokenVault, type StoredTokens } from '../../../../src-main/auth/token-vault.js';
import { createJsonFileStore } from '../../../../src-main/settings/json-file-store.js';
import { createMemoryKeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { createTestCipher } from '../../../support/client-test-cipher.js';
import { tempFilePerCall } from '../../../support/temp-files.js';

const tokens: StoredTokens = {
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: 'ratedesk-desktop',
  accessToken: 'eyJ.access-token-text.sig',
  accessTokenExpiresAt: 1_900_000_000,
  refreshToken: 'refresh-token-text',
  idToken: 'eyJ.id-token-text.sig',
  scopes: ['openid', 'offline_access'],
  user: { subject: '00u-demo-rep', name: 'Riley Rep', email: 'rep@ratedesk.test', groups: ['RateDesk-Reps'] },
};

const vaultFile = tempFilePerCall('ratedesk-vault-', 'session.json');

describe('token vault', () => {
  it('keeps tokens across restarts, encrypted on disk', async () => {
    const file = vaultFile();
    const cipher = createTestCipher();
    expect(await new TokenVault(createJsonFileStore(file), cipher).save(tokens)).toBe('encrypted');

    const onDisk = readFileSync(file, 'utf8');
    for (const secret of [tokens.accessToken, tokens.refreshToken, tokens.idToken, 'access-token-text', 'rep@ratedesk.test', '00u-demo-rep']) {
      expect(onDisk).not.toContain(secret);
    }
    const restarted = new TokenVault(createJsonFileStore(file), cipher);
    expect(await restarted.load()).toEqual(tokens);
    expect(restarted.persistence).toBe('encrypted');
  });

  it('keeps tokens in memory only when no OS-protected key exists', async () => {
    const file = vaultFile();
    const cipher = createTestCipher({ available: false });
    const vault = new TokenVault(createJsonFileStore(file), cipher);
    expect(await vault.save(tokens)).toBe('memory-only');
    expect(vault.persistence).toBe('memory-only');
    expect(await vault.load()).toEqual(tokens);

    // Nothing reached the disk, so the next start is signed out.
    expect(() => readFileSync(file, 'utf8')).toThrow(/ENOENT/);
    expect(await new TokenVault(createJsonFileStore(file), cipher, { warn: () => undefined }).load()).toBeUndefined();
  });

  it('drops an older sealed copy when it falls back to memory', async () => {
    const backing = createMemoryKeyValueStore();
    const cipher = createTestCipher();
    await new TokenVault(backing, cipher).save(tokens);
    cipher.available = false;
    await new TokenVault(backing, cipher).save({ ...tokens, refreshToken: 'rotated' });
    expect(backing.get(TOKEN_VAULT_KEY)).toBeUndefined();
  });

  it('keeps the sealed copy while the key store is locked, and reads it once it opens', async () => {
    const backing = createMemoryKeyValueStore();
    const cipher = createTestCipher();
    await new TokenVault(backing, cipher).save(tokens);
    cipher.available = false;
    const warnings: string[] = [];
    expect(await new TokenVault(backing, cipher, { warn: (m) => warnings.push(m) }).load()).toBeUndefined();
    expect(warnings).toEqual(['the OS key store is unavailable, so the saved sign-in cannot be read']);
    cipher.available = true;
    expect(await new TokenVault(backing, cipher).load()).toEqual(tokens);
  });

  it('forgets a sealed copy that another key made (another user, a reset keychain)', async () => {
    const backing = createMemoryKeyValueStore();
    await new TokenVault(backing, createTestCipher()).save(tokens);
    const warnings: string[] = [];
    expect(await new TokenVault(backing, createTestCipher(), { warn: (m) => warnings.push(m) }).load()).toBeUndefined();
    expect(warnings.join()).toContain('could not be decrypted');
    expect(backing.get(TOKEN_VAULT_KEY)).toBeUndefined();
  });

  it('forgets a stored value in an unknown format', async () => {
    const backing = createMemoryKeyValueStore({ [TOKEN_VAULT_KEY]: { accessToken: 'plain text from somewhere' } });
    expect(await new TokenVault(backing, createTestCipher(), { warn: () => undefined }).load()).toBeUndefined();
    expect(backing.get(TOKEN_VAULT_KEY)).toBeUndefined();
  });

  it('refuses to store an incomplete token set', async () => {
    const backing = createMemoryKeyValueStore();
    const vault = new TokenVault(backing, createTestCipher());
    await expect(vault.save({ ...tokens, accessToken: '' })).rejects.toThrow(/accessToken/);
    expect(backing.get(TOKEN_VAULT_KEY)).toBeUndefined();
  });

  it('clears everything', async () => {
    const file = vaultFile();
    const cipher = createTestCipher();
    const vault = new TokenVault(createJsonFileStore(file), cipher);
    await vault.save(tokens);
    await vault.clear();
    expect(await vault.load()).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
    expect(await new TokenVault(createJsonFileStore(file), cipher).load()).toBeUndefined();
  });
});
