// Signing out of a session that has already ended (the refresh token no longer works, e.g. a rep
// handing the laptop over while offline), against the development identity provider and the real
// server: the pending-upload warning still applies, the sign-out is queued for the audit under that
// rep and reaches the server with their next sign-in, without ending that new sign-in; and the
// sign-in screen then knows who signed in last (kept outside the token vault, never a token).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthState } from '../../../../src-shared/desktop-api/session.js';
import { lastSignedInLine } from '../../../../src-renderer/auth-view.js';
import { createLastUserMemory, LAST_USER_KEY } from '../../../../src-main/auth/last-user.js';
import { openAuthSession, type AuthSession } from '../../../../src-main/auth/session.js';
import { TokenVault } from '../../../../src-main/auth/token-vault.js';
import { authStateView } from '../../../../src-main/services/session-view.js';
import { createMemoryKeyValueStore, type KeyValueStore } from '../../../../src-main/settings/key-value-store.js';
import { createJsonFileStore } from '../../../../src-main/settings/json-file-store.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { pendingUploadCount } from '../../../../src-main/store/outbox.js';
import { pendingRecordEvents } from '../../../../src-main/store/record-event-queue.js';
import { createDesktopSync, type DesktopSync } from '../../../../src-main/sync/desktop-sync.js';
import { createSignOutRecorder } from '../../../../src-main/sync/record-sign-out.js';
import { saveVerifiedOnClient, useClientSyncServerWithCache, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { DEMO_LOGINS } from '../../../support/api.js';
import { createTestCipher } from '../../../support/client-test-cipher.js';
import { DESKTOP_CLIENT_ID, revokeRefreshToken } from '../../../support/dev-idp-revoke.js';
import { REP2_SUBJECT, REP_SUBJECT } from '../../../support/store-fixtures.js';
import { browse } from '../../../support/system-browser.js';

const { rep: REP, rep2: REP2 } = DEMO_LOGINS;

let server: ClientSyncServer;
let client: ClientDatabaseHandle;
let settingsDir: string;

useClientSyncServerWithCache(20, 'client-sign-out-ended-', (started, opened) => {
  [server, client] = [started, opened];
});
beforeAll(() => {
  settingsDir = mkdtempSync(join(tmpdir(), 'ratedesk-last-user-'));
});
afterAll(() => {
  rmSync(settingsDir, { recursive: true, force: true });
});

interface Laptop {
  session: AuthSession;
  sync: DesktopSync;
  vault: TokenVault;
  /** Moves the session's clock (token expiry), not the server's. */
  setClockOffset(ms: number): void;
  /** Who signs in when the session opens the browser. */
  signInAs(user: { username: string; password: string }): void;
}

/** The app's sign-in, sign-out recording and sync, wired as compose.ts wires them. */
async function laptop(settingsStore: KeyValueStore, tokenStore: KeyValueStore = createMemoryKeyValueStore()): Promise<Laptop> {
  let offset = 0;
  let user: { username: string; password: string } = REP;
  const vault = new TokenVault(tokenStore, createTestCipher());
  const holder: { sync?: DesktopSync } = {};
  const session = await openAuthSession({
    issuer: server.api.idp.issuer,
    clientId: DESKTOP_CLIENT_ID,
    vault,
    // Like shell.openExternal: hands the URL over and returns; the browser carries on alone.
    openExternal: async (url) => {
      void browse(url, user).catch(() => undefined);
    },
    now: () => Date.now() + offset,
    lastUser: createLastUserMemory(settingsStore),
    pendingUploads: (subject) => pendingUploadCount(client.db, subject),
    beforeSignOut: createSignOutRecorder({ db: client.db, flush: () => holder.sync?.flushRecordEvents() ?? Promise.resolve() }),
  });
  const sync = createDesktopSync({ db: client.db, catalogBulk: client.catalogBulk, serverUrl: server.baseUrl, auth: session, stalenessWarningDays: 7 });
  holder.sync = sync;
  return {
    session,
    sync,
    vault,
    setClockOffset: (ms) => {
      offset = ms;
    },
    signInAs: (next) => {
      user = next;
    },
  };
}

/** The server's SIGNED_OUT events and LOGOUT audit rows of a user. */
async function serverSignOuts(subject: string) {
  const db = server.api.owner;
  const user = db.selectFrom('users').select('userId').where('oktaUserId', '=', subject);
  const events = await db.selectFrom('recordEvents').select('eventId').where('userId', 'in', user).where('kind', '=', 'SIGNED_OUT').execute();
  const audits = await db.selectFrom('auditLog').select('newValues').where('userId', 'in', user).where('actionType', '=', 'LOGOUT').execute();
  return { eventIds: events.map((row) => row.eventId), audits: audits.map((row) => row.newValues) };
}

describe('signing out of an ended session', () => {
  it('warns about pending uploads, queues the sign-out for that rep, and records it when they next sign in', async () => {
    const settings = createMemoryKeyValueStore();
    const app = await laptop(settings);
    await app.session.signIn();
    await saveVerifiedOnClient(server, client, REP_SUBJECT);

    // The session ends: the refresh token is revoked and the access token runs out.
    const tokens = await app.vault.load();
    await revokeRefreshToken(server.api.idp.issuer, tokens?.refreshToken ?? '');
    app.setClockOffset((tokens?.accessTokenExpiresAt ?? 0) * 1000 - Date.now() + 1_000);
    await expect(app.session.getAccessToken()).rejects.toMatchObject({ name: 'NeedsSignInError' });
    expect(app.session.state).toMatchObject({ status: 'needs-sign-in', user: { subject: REP_SUBJECT } });

    // The same warning as while signed in: nothing is done yet.
    expect(await app.session.signOut()).toEqual({ needsConfirmation: true, pendingUploads: 1 });
    expect(app.session.state.status).toBe('needs-sign-in');
    expect(await pendingRecordEvents(client.db, REP_SUBJECT, null, 10)).toEqual([]);

    const signedOut = await app.session.signOut({ confirmed: true });
    expect(signedOut).toMatchObject({ needsConfirmation: false, cacheCleared: false });
    expect(app.session.state).toMatchObject({ status: 'signed-out' });
    expect(app.session.currentUser()).toBeNull();
    expect(await app.vault.load()).toBeUndefined();
    // The sign-out waits for this rep, due at once; the comparison is still theirs and pending.
    const queued = await pendingRecordEvents(client.db, REP_SUBJECT, new Date(), 10);
    expect(queued.map((item) => item.event.kind)).toEqual(['SIGNED_OUT']);
    expect(await pendingUploadCount(client.db, REP_SUBJECT)).toBe(1);
    expect((await serverSignOuts(REP_SUBJECT)).eventIds).not.toContain(queued[0]?.eventId);

    // The rep signs in again: the first run uploads the comparison and the queued sign-out.
    app.setClockOffset(0);
    await app.session.signIn();
    expect(await app.sync.runNow('signed-in')).toMatchObject({ ok: true, uploaded: 1 });
    expect(await pendingRecordEvents(client.db, REP_SUBJECT, null, 10)).toEqual([]);
    const recorded = await serverSignOuts(REP_SUBJECT);
    expect(recorded.eventIds).toContain(queued[0]?.eventId);
    // Audited as the sign-out it was, without ending the new sign-in's session (it happened before it).
    expect(recorded.audits).toContainEqual(expect.objectContaining({ eventId: queued[0]?.eventId, sessionEnded: false }));
    // The old sign-out does not stop the new sign-in: the rep keeps syncing.
    expect(await app.sync.runNow('manual')).toMatchObject({ ok: true });
    expect(app.session.state.status).toBe('signed-in');

    await app.session.signOut({ confirmed: true });
  }, 60_000);
});

describe('the last user on the sign-in screen', () => {
  it('names who signed in last once nobody is, across a restart, from outside the token vault', async () => {
    const settingsFile = join(settingsDir, 'settings.json');
    const app = await laptop(createJsonFileStore(settingsFile));
    // Nobody has signed in on this laptop yet: nothing to show.
    expect(app.session.state).toEqual({ status: 'signed-out' });
    expect(lastSignedInLine(authStateView(app.session.state))).toBeNull();

    app.signInAs(REP2);
    await app.session.signIn();
    const tokens = await app.vault.load();
    await app.session.signOut({ confirmed: true });

    const view = AuthState.parse(authStateView(app.session.state));
    expect(view).toEqual({ status: 'signed-out', lastUser: { subject: REP2_SUBJECT, name: 'Jordan Reyes', email: 'rep2@ratedesk.test' } });
    expect(lastSignedInLine(view)).toBe('Last signed in as Jordan Reyes');
    // The settings file holds who, never a token (nor the groups).
    const onDisk = readFileSync(settingsFile, 'utf8');
    for (const secret of [tokens?.accessToken, tokens?.refreshToken, tokens?.idToken, 'RateDesk-Reps']) {
      expect(secret).toBeDefined();
      expect(onDisk).not.toContain(secret);
    }

    // The next start, with no tokens at all, still knows.
    const restarted = await laptop(createJsonFileStore(settingsFile));
    expect(lastSignedInLine(authStateView(restarted.session.state))).toBe('Last signed in as Jordan Reyes');

    // Another rep signs in and out: now they are the last one.
    restarted.signInAs(REP);
    await restarted.session.signIn();
    await restarted.session.signOut({ confirmed: true });
    expect(lastSignedInLine(authStateView(restarted.session.state))).toBe('Last signed in as Riley Rep');
  }, 60_000);

  it('shows nothing when the remembered value is unreadable', async () => {
    const settings = createMemoryKeyValueStore({ [LAST_USER_KEY]: { subject: '', name: 42 } });
    const app = await laptop(settings);
    expect(app.session.state).toEqual({ status: 'signed-out' });
  });
});
