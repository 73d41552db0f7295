// SecretCipher over Electron's safeStorage. Cannot run outside Electron (it needs the OS
// keychain), so it stays this thin; the vault logic around it is tested in Node.
import { safeStorage } from 'electron';
import type { SecretCipher } from '../auth/secret-cipher.js';

export const safeStorageCipher: SecretCipher = {
  async isAvailable() {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    // Linux without a keyring falls back to a hard-coded key ("basic_text"): that is obfuscation,
    // not encryption, so tokens are kept in memory instead and the rep signs in each start.
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  },
  encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
  async decrypt(cipherText) {
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipherText));
    return result;
  },
};
