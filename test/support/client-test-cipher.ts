// Stands in for Electron's safeStorage, which needs the OS keychain and the Electron binary,
// neither of which runs on this test machine: real AES-256-GCM with a random per-instance key,
// so "encrypted at rest" and "another key cannot read it" are still really tested.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCipher } from '../../src-main/auth/secret-cipher.js';

export interface TestCipher extends SecretCipher {
  available: boolean;
}

export function createTestCipher(options: { available?: boolean; key?: Buffer } = {}): TestCipher {
  const key = options.key ?? randomBytes(32);
  return {
    available: options.available ?? true,
    async isAvailable() {
      return this.available;
    },
    async encrypt(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(cipherText) {
      const bytes = Buffer.from(cipherText);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
