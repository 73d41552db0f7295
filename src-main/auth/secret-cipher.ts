// Encryption at rest for secrets (tokens), behind a seam: Electron's safeStorage in the app
// (electron/safe-storage-cipher.ts, keys held by the OS keychain / DPAPI / libsecret), something else where
// Electron cannot run. Asynchronous because safeStorage's synchronous calls are deprecated.

export interface SecretCipher {
  /** False when there is no OS-protected key; then secrets must stay in memory only. */
  isAvailable(): Promise<boolean>;
  encrypt(plainText: string): Promise<Uint8Array>;
  /** Throws when the bytes were not produced by this cipher's key (or were tampered with). */
  decrypt(cipherText: Uint8Array): Promise<string>;
}
