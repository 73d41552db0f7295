// The web host's stand-in for Electron's safeStorage: AES-256-GCM with a key kept in a file next to
// the sealed tokens. That is weaker than an OS keychain (anyone who can read the data folder can
// read the key) and is acceptable only because the web host is a development tool signed in to the
// development identity provider; the desktop app never uses this.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCipher } from '../../src-main/auth/secret-cipher.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function openFileKeyCipher(keyFile: string): SecretCipher {
  const key = readOrCreateKey(keyFile);
  return {
    isAvailable: () => Promise.resolve(true),
    async encrypt(plainText) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    // async: a wrong key or tampered bytes reject the promise instead of throwing at the call.
    async decrypt(cipherText) {
      const bytes = Buffer.from(cipherText);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

function readOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) {
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length === KEY_BYTES) return key;
    console.warn(`[web-host] ${keyFile} does not hold a ${KEY_BYTES}-byte key; making a new one (the saved sign-in is lost)`);
  }
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}
