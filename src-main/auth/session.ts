// The rep's sign-in as the rest of the main process sees it. The sync engine asks for an access
// token before each call and gets one that is valid for at least a minute, renewed silently with
// the refresh token; or a typed error telling it to pause (OfflineError: try again later;
// NeedsSignInError: ask the rep to sign in). Nothing here ever deletes cached data on its own:
// losing the session only loses tokens, and clearing the cache is the rep's explicit choice.
// currentUser() is who the laptop's saved comparisons are filed under: the signed-in rep, or the
// last one while their session waits for a new sign-in; nobody after an explicit sign-out.
import { NeedsSignInError, OfflineError, type NeedsSignInReason } from './auth-errors.js';
import { classifyOktaFailure, createOktaClient, refreshTokenObject, revokeToken } from './okta-client.js';
import type { LastUserMemory } from './last-user.js';
import type { SessionState, SessionSummary, SignOutResult } from './session-state.js';
import { signInWithBrowser, userFromClaims } from './sign-in.js';
import type { SessionUser, StoredTokens, TokenVault } from './token-vault.js';

/** Renew this long before expiry, so a token never runs out between handing it over and its use. */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 60;
// Sign-out must not keep the rep waiting on a network that is not there.
const REVOKE_TIMEOUT_MS = 5_000;

export interface AuthSessionOptions {
  issuer: string;
  clientId: string;
  vault: TokenVault;
  /** Opens the system browser (shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  /** How many of `ownerSubject`'s local changes have not reached the server yet (the store's upload queue). */
  pendingUploads?: (ownerSubject: string) => Promise<number>;
  /**
   * Called on every sign-out, after any confirmation and while the tokens are still valid: records
   * the sign-out for the audit and tries to send it at once. A failure does not stop the sign-out.
   */
  beforeSignOut?: (user: SessionUser) => Promise<void>;
  /** Remembers who signed in last here, for the sign-in screen once nobody is (never a token). */
  lastUser?: LastUserMemory;
  /** Deletes the local cache (the signing-out rep's part of it); called only on a sign-out that asked for it. */
  clearCache?: (ownerSubject: string | null) => Promise<void>;
  /** Milliseconds since the epoch. */
  now?: () => number;
  refreshMarginSeconds?: number;
  signInTimeoutMs?: number;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

export interface SignOutOptions {
  /** Also delete the local cache (catalog, the rep's comparisons and pending uploads). */
  clearCache?: boolean;
  /** The rep saw the pending-upload warning and still wants to sign out (and the cache gone, with clearCache). */
  confirmed?: boolean;
}

export interface AccessTokenOptions {
  /** Hand out a token only if it is this user's (a sync run's rep): another sign-in meanwhile throws NeedsSignInError. */
  subject?: string;
}

export type SessionStateListener = (state: SessionState) => void;

/** Opens the session saved on this computer (if any): signed in offline straight away. */
export async function openAuthSession(options: AuthSessionOptions): Promise<AuthSession> {
  const session = new AuthSession(options);
  await session.restore();
  return session;
}

export class AuthSession {
  readonly #options: AuthSessionOptions;
  readonly #issuer: string;
  readonly #now: () => number;
  readonly #marginMs: number;
  readonly #listeners = new Set<SessionStateListener>();
  #state: SessionState = { status: 'signed-out' };
  #tokens: StoredTokens | undefined;
  #refreshing: Promise<StoredTokens> | undefined;
  #signingIn: Promise<SessionSummary> | undefined;
  // Kept for the session's life so discovery and the issuer's keys are fetched once, not per renewal.
  #refreshClient: ReturnType<typeof createOktaClient> | undefined;
  // Bumped by sign-in and sign-out: a renewal that started before must not bring old tokens back.
  #generation = 0;

  constructor(options: AuthSessionOptions) {
    this.#options = options;
    this.#issuer = options.issuer.replace(/\/+$/, '');
    this.#now = options.now ?? Date.now;
    this.#marginMs = (options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS) * 1000;
  }

  get state(): SessionState {
    return this.#state;
  }

  /**
   * The rep this laptop works for: signed in (online or offline), or needing a new sign-in (the
   * session ended, still the rep who signed in last here). Null after a sign-out: nobody is known.
   */
  currentUser(): SessionUser | null {
    const state = this.#state;
    if (state.status === 'signed-in') return state.user;
    if (state.status === 'needs-sign-in') return state.user ?? null;
    return null;
  }

  /** Calls `listener` on every change of state; returns the function that stops it. */
  onStateChange(listener: SessionStateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the vault. Works offline: no network call happens until a token is needed. */
  async restore(): Promise<SessionState> {
    const tokens = await this.#options.vault.load();
    if (tokens && (tokens.issuer !== this.#issuer || tokens.clientId !== this.#options.clientId)) {
      // The settings now name another authorization server or client: these tokens mean nothing there.
      await this.#options.vault.clear();
      this.#tokens = undefined;
      this.#setState(this.#signedOut());
    } else if (!tokens) {
      this.#tokens = undefined;
      this.#setState(this.#signedOut());
    } else {
      this.#tokens = tokens;
      if (!tokens.refreshToken && !this.#isFresh(tokens)) {
        this.#needsSignIn('no-refresh-token', 'Your session has ended. Sign in again to sync.', tokens);
      } else {
        this.#signedIn(tokens, false);
      }
    }
    return this.#state;
  }

  /** Interactive sign-in in the system browser; concurrent calls share the one attempt. */
  signIn(): Promise<SessionSummary> {
    this.#signingIn ??= this.#signIn().finally(() => {
      this.#signingIn = undefined;
    });
    return this.#signingIn;
  }

  /**
   * A valid access token for a call to the RateDesk server, renewed silently when it expires
   * within the margin. Concurrent callers share one renewal (a refresh token works only once).
   * Throws NeedsSignInError or OfflineError; neither changes anything but the session state.
   */
  async getAccessToken(options: AccessTokenOptions = {}): Promise<string> {
    const tokens = this.#tokens;
    if (this.#state.status === 'needs-sign-in') {
      throw new NeedsSignInError(this.#state.reason, this.#state.message);
    }
    if (this.#state.status === 'signed-out' || !tokens) {
      throw new NeedsSignInError('signed-out', 'Sign in to RateDesk to sync.');
    }
    const usable = this.#expiresInMs(tokens) > this.#marginMs ? tokens : await this.#renew(tokens);
    // Checked on the very tokens handed out: a run for one rep never carries another rep's token.
    if (options.subject !== undefined && usable.user.subject !== options.subject) {
      throw new NeedsSignInError('signed-out', 'Another rep signed in on this laptop; the sync continues for them.');
    }
    return usable.accessToken;
  }

  /**
   * The server refused `accessToken` (401) although it looked valid (revoked, clock skew): the
   * next getAccessToken renews instead of handing it out again.
   */
  reportRejectedToken(accessToken: string): void {
    if (this.#tokens?.accessToken === accessToken) this.#tokens = { ...this.#tokens, accessTokenExpiresAt: 1 };
  }

  /**
   * Removes the tokens (and tells the identity provider, if it can be reached). Unless
   * `confirmed`, first asks for confirmation when the rep's uploads are pending (they wait for the
   * rep's next sign-in; with `clearCache` they would be gone). The sign-out is recorded for the
   * audit before the tokens go; with `clearCache` the rep's part of the cache is cleared after.
   */
  async signOut(options: SignOutOptions = {}): Promise<SignOutResult> {
    if (options.clearCache && !this.#options.clearCache) throw new Error('signOut({ clearCache }) needs the clearCache option of the session');
    const user = this.currentUser();
    if (!options.confirmed && user !== null && this.#options.pendingUploads) {
      const pending = await this.#options.pendingUploads(user.subject);
      if (pending > 0) return { needsConfirmation: true, pendingUploads: pending };
    }
    if (user !== null && this.#options.beforeSignOut) {
      try {
        await this.#options.beforeSignOut(user);
      } catch (error) {
        // Recording is best effort here: a rep must always be able to sign out.
        console.error('[auth] could not record the sign-out', error);
      }
    }
    const tokens = this.#tokens ?? (await this.#options.vault.load());
    this.#generation += 1;
    this.#refreshing = undefined;
    this.#tokens = undefined;
    // Local removal first: if revocation hangs or the app quits, the rep is signed out anyway.
    await this.#options.vault.clear();
    this.#setState(this.#signedOut());
    const revoked = tokens ? await this.#revoke(tokens) : false;
    let cacheCleared = false;
    if (options.clearCache && this.#options.clearCache) {
      await this.#options.clearCache(user?.subject ?? null);
      cacheCleared = true;
    }
    return { needsConfirmation: false, revoked, cacheCleared };
  }

  /**
   * An admin revoked this laptop or rep (issue 14): the tokens and the memory of who signed in here
   * go, with no confirmation and no sign-out record (the server refuses it; the revocation is the
   * record). The identity provider is told, if it can be reached.
   */
  async forgetOnThisDevice(): Promise<void> {
    const tokens = this.#tokens ?? (await this.#options.vault.load());
    this.#generation += 1;
    this.#refreshing = undefined;
    this.#tokens = undefined;
    await this.#options.vault.clear();
    this.#options.lastUser?.forget();
    this.#setState(this.#signedOut());
    if (tokens) await this.#revoke(tokens);
  }

  async #signIn(): Promise<SessionSummary> {
    const tokens = await signInWithBrowser({
      issuer: this.#issuer,
      clientId: this.#options.clientId,
      openExternal: this.#options.openExternal,
      ...(this.#options.signInTimeoutMs ? { timeoutMs: this.#options.signInTimeoutMs } : {}),
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
    });
    this.#generation += 1;
    this.#refreshing = undefined;
    this.#tokens = tokens;
    await this.#options.vault.save(tokens);
    const summary = this.#summary(tokens);
    this.#signedIn(tokens, false);
    return summary;
  }

  #renew(tokens: StoredTokens): Promise<StoredTokens> {
    if (!this.#refreshing) {
      const attempt = this.#refresh(tokens).finally(() => {
        if (this.#refreshing === attempt) this.#refreshing = undefined;
      });
      this.#refreshing = attempt;
    }
    return this.#refreshing;
  }

  async #refresh(tokens: StoredTokens): Promise<StoredTokens> {
    const generation = this.#generation;
    if (!tokens.refreshToken) {
      throw this.#needsSignIn('no-refresh-token', 'Your session has ended. Sign in again to sync.', tokens);
    }
    const okta = (this.#refreshClient ??= this.#okta());
    let renewed: Awaited<ReturnType<typeof okta.token.renewTokensWithRefresh>>;
    try {
      renewed = await okta.token.renewTokensWithRefresh(
        { scopes: tokens.scopes },
        refreshTokenObject(okta, { refreshToken: tokens.refreshToken, expiresAt: tokens.accessTokenExpiresAt, scopes: tokens.scopes }),
      );
    } catch (error) {
      if (generation !== this.#generation) throw this.#staleRenewal();
      return this.#renewalFailed(tokens, error);
    }
    if (generation !== this.#generation) throw this.#staleRenewal();
    const { accessToken, refreshToken, idToken } = renewed;
    if (!accessToken) {
      throw this.#needsSignIn('refresh-failed', 'The sign-in service did not renew the session. Sign in again to sync.', tokens);
    }
    const next: StoredTokens = {
      ...tokens,
      accessToken: accessToken.accessToken,
      accessTokenExpiresAt: accessToken.expiresAt,
      scopes: accessToken.scopes,
      // Rotation: the old refresh token is now spent; without a new one keep the (reusable) old one.
      refreshToken: refreshToken?.refreshToken ?? tokens.refreshToken,
      idToken: idToken?.idToken ?? tokens.idToken,
      user: idToken ? userFromClaims(idToken.claims) : tokens.user,
    };
    this.#tokens = next;
    await this.#options.vault.save(next);
    this.#signedIn(next, false);
    return next;
  }

  async #renewalFailed(tokens: StoredTokens, error: unknown): Promise<StoredTokens> {
    const failure = classifyOktaFailure(error);
    if (failure.kind === 'unreachable' || failure.kind === 'provider-error') {
      // Offline is normal for a laptop: stay signed in and let the caller pause.
      this.#signedIn(tokens, true);
      if (this.#expiresInMs(tokens) > 0) return tokens;
      throw new OfflineError(
        failure.kind === 'unreachable' ? 'unreachable' : 'provider-error',
        `Cannot renew the session: the sign-in service is not reachable (${failure.detail}). Working offline.`,
        { cause: error },
      );
    }
    if (failure.kind === 'rejected') {
      // The refresh token is dead (revoked, expired, reused): drop it, keep who the rep was.
      const { refreshToken: _spent, ...rest } = tokens;
      this.#tokens = rest;
      await this.#options.vault.save(rest);
      throw this.#needsSignIn('session-ended', 'Your session has ended. Sign in again to sync; your data is kept.', rest, error);
    }
    // Unexplained: keep the tokens (a restart may renew them) but ask for a fresh sign-in now.
    throw this.#needsSignIn('refresh-failed', `The session could not be renewed (${failure.detail}). Sign in again to sync.`, tokens, error);
  }

  async #revoke(tokens: StoredTokens): Promise<boolean> {
    const okta = this.#okta();
    try {
      // Revoking the refresh token ends the whole grant; the access token only when there is none.
      await revokeToken(okta, {
        clientId: this.#options.clientId,
        token: tokens.refreshToken ?? tokens.accessToken,
        tokenTypeHint: tokens.refreshToken ? 'refresh_token' : 'access_token',
        timeoutMs: REVOKE_TIMEOUT_MS,
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      });
      return true;
    } catch (error) {
      console.warn(`[auth] could not revoke the session at sign-out: ${classifyOktaFailure(error).detail}`);
      return false;
    }
  }

  #okta(): ReturnType<typeof createOktaClient> {
    return createOktaClient({
      issuer: this.#issuer,
      clientId: this.#options.clientId,
      ...(this.#options.requestTimeoutMs ? { requestTimeoutMs: this.#options.requestTimeoutMs } : {}),
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
    });
  }

  #staleRenewal(): NeedsSignInError {
    return new NeedsSignInError('signed-out', 'The rep signed out or in again while the session was being renewed.');
  }

  #needsSignIn(reason: NeedsSignInReason, message: string, tokens: StoredTokens | undefined, cause?: unknown): NeedsSignInError {
    this.#setState({ status: 'needs-sign-in', reason, message, ...(tokens ? { user: tokens.user } : {}) });
    return new NeedsSignInError(reason, message, cause === undefined ? undefined : { cause });
  }

  #signedIn(tokens: StoredTokens, offline: boolean): void {
    try {
      this.#options.lastUser?.remember(tokens.user);
    } catch (error) {
      // Only the sign-in screen's hint depends on it: never a reason to fail a sign-in.
      console.warn('[auth] could not remember who signed in', error);
    }
    this.#setState({ status: 'signed-in', ...this.#summary(tokens), offline });
  }

  #signedOut(): SessionState {
    const lastUser = this.#options.lastUser?.get() ?? null;
    return lastUser === null ? { status: 'signed-out' } : { status: 'signed-out', lastUser };
  }

  #summary(tokens: StoredTokens): SessionSummary {
    return {
      user: tokens.user,
      accessTokenExpiresAt: new Date(tokens.accessTokenExpiresAt * 1000).toISOString(),
      tokenPersistence: this.#options.vault.persistence,
    };
  }

  #isFresh(tokens: StoredTokens): boolean {
    return this.#expiresInMs(tokens) > this.#marginMs;
  }

  #expiresInMs(tokens: StoredTokens): number {
    return tokens.accessTokenExpiresAt * 1000 - this.#now();
  }

  #setState(next: SessionState): void {
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return;
    this.#state = next;
    for (const listener of this.#listeners) {
      try {
        listener(next);
      } catch (error) {
        console.error('[auth] session state listener failed', error);
      }
    }
  }
}
