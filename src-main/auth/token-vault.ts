// Where the main process keeps the rep's tokens between runs. The whole token set is encrypted
// as one blob (SecretCipher: safeStorage in the app) before it reaches its store file; when
// no OS-protected key exists the tokens live in memory only, and the session says so.
// The renderer never sees any of this: it gets a SessionSummary (session-state.ts).
import { z } from 'zod';
import type { KeyValueStore } from '../settings/key-value-store.js';
import type { SecretCipher } from './secret-cipher.js';

export const SessionUserSchema = z.object({
  /** The Okta user id (ID token `sub`): compares "the same rep signed in again". */
  subject: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  groups: z.array(z.string()),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const StoredTokensSchema = z.object({
  /** Tokens belong to one authorization server and client; changed settings make them useless. */
  issuer: z.string().min(1),
  clientId: z.string().min(1),
  accessToken: z.string().min(1),
  /** Unix seconds. */
  accessTokenExpiresAt: z.int().positive(),
  refreshToken: z.string().min(1).optional(),
  idToken: z.string().min(1).optional(),
  scopes: z.array(z.string()),
  user: SessionUserSchema,
});
export type StoredTokens = z.infer<typeof StoredTokensSchema>;

export const TokenPersistence = {
  /** Encrypted with an OS-protected key and kept across restarts. */
  encrypted: 'encrypted',
  /** No OS-protected key: kept in memory, gone when the app quits. */
  memoryOnly: 'memory-only',
} as const;
export type TokenPersistence = (typeof TokenPersistence)[keyof typeof TokenPersistence];

export const TOKEN_VAULT_KEY = 'tokens';

const SealedTokensSchema = z.object({
  format: z.literal(1),
  cipherText: z.base64(),
});

export interface TokenVaultOptions {
  warn?: (message: string) => void;
}

export class TokenVault {
  readonly #store: KeyValueStore;
  readonly #cipher: SecretCipher;
  readonly #warn: (message: string) => void;
  // Also the only copy when the cipher is unavailable.
  #current: StoredTokens | undefined;
  #loaded = false;
  #persistence: TokenPersistence = TokenPersistence.encrypted;

  constructor(store: KeyValueStore, cipher: SecretCipher, options: TokenVaultOptions = {}) {
    this.#store = store;
    this.#cipher = cipher;
    this.#warn = options.warn ?? ((message) => console.warn(`[auth] ${message}`));
  }

  /** How the last saved tokens are kept. */
  get persistence(): TokenPersistence {
    return this.#persistence;
  }

  async load(): Promise<StoredTokens | undefined> {
    if (this.#loaded) return this.#current;
    this.#current = await this.#readSealed();
    this.#loaded = true;
    return this.#current;
  }

  async save(tokens: StoredTokens): Promise<TokenPersistence> {
    const checked = StoredTokensSchema.parse(tokens);
    this.#current = checked;
    this.#loaded = true;
    if (await this.#cipher.isAvailable()) {
      const cipherText = await this.#cipher.encrypt(JSON.stringify(checked));
      this.#store.set(TOKEN_VAULT_KEY, { format: 1, cipherText: Buffer.from(cipherText).toString('base64') });
      this.#persistence = TokenPersistence.encrypted;
    } else {
      // Whatever was sealed before is older than these tokens (its refresh token rotated away).
      this.#store.delete(TOKEN_VAULT_KEY);
      this.#persistence = TokenPersistence.memoryOnly;
    }
    return this.#persistence;
  }

  async clear(): Promise<void> {
    this.#current = undefined;
    this.#loaded = true;
    this.#store.delete(TOKEN_VAULT_KEY);
  }

  async #readSealed(): Promise<StoredTokens | undefined> {
    const raw = this.#store.get(TOKEN_VAULT_KEY);
    if (raw === undefined) return undefined;
    const sealed = SealedTokensSchema.safeParse(raw);
    if (!sealed.success) {
      this.#warn('stored sign-in is in an unknown format; the rep will need to sign in again');
      this.#store.delete(TOKEN_VAULT_KEY);
      return undefined;
    }
    if (!(await this.#cipher.isAvailable())) {
      // Keep the blob: the keychain may be locked now and open on the next start.
      this.#warn('the OS key store is unavailable, so the saved sign-in cannot be read');
      this.#persistence = TokenPersistence.memoryOnly;
      return undefined;
    }
    let plainText: string;
    try {
      plainText = await this.#cipher.decrypt(Buffer.from(sealed.data.cipherText, 'base64'));
    } catch {
      // Another OS user, a reinstalled OS or a reset keychain: the blob can never be read again.
      this.#warn('the saved sign-in could not be decrypted; the rep will need to sign in again');
      this.#store.delete(TOKEN_VAULT_KEY);
      return undefined;
    }
    const tokens = StoredTokensSchema.safeParse(safeJson(plainText));
    if (!tokens.success) {
      this.#warn('the saved sign-in is incomplete; the rep will need to sign in again');
      this.#store.delete(TOKEN_VAULT_KEY);
      return undefined;
    }
    return tokens.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
