// The sync worker bridge's pieces (src-main/sync/worker): errors keep their class across the
// channel, option functions stay in main and are called by name, and a fetch Response an
// observer callback receives crosses as its status and headers.
import { describe, expect, it } from 'vitest';
import { NeedsSignInError, NeedsSignInReason } from '../../../../src-main/auth/auth-errors.js';
import { RequestRefusedError, ServerUnavailableError } from '../../../../src-main/http/server-errors.js';
import { reviveError, serializeError } from '../../../../src-main/sync/worker/errors.js';
import { decodeValue, encodeValue, outlineOptions, rebuildOptions } from '../../../../src-main/sync/worker/remote-options.js';

/** As postMessage carries it. */
const across = <T>(value: T): T => structuredClone(value);

describe('errors across the sync worker channel', () => {
  it('arrive of their own class with their fields, so the engine still tells them apart', () => {
    const refused = reviveError(across(serializeError(new RequestRefusedError('bad comparison', 422, { status: 422, code: 'validation-failed', detail: 'no', issues: [{ path: 'body.x', message: 'bad' }], extensions: {} }))));
    expect(refused).toBeInstanceOf(RequestRefusedError);
    expect(refused).toMatchObject({ name: 'RequestRefusedError', message: 'bad comparison', status: 422, kind: 'refused', problem: { issues: [{ path: 'body.x', message: 'bad' }] } });

    const busy = reviveError(across(serializeError(new ServerUnavailableError('busy', 503, 30_000))));
    expect(busy).toBeInstanceOf(ServerUnavailableError);
    expect(busy).toMatchObject({ status: 503, retryAfterMs: 30_000 });

    const ended = reviveError(across(serializeError(new Error('refresh failed', { cause: new NeedsSignInError(NeedsSignInReason.sessionEnded, 'ended') }))));
    expect(ended.cause).toBeInstanceOf(NeedsSignInError);
    expect(ended.cause).toMatchObject({ reason: 'session-ended' });
  });

  it('keep the name and message of a class the bridge does not know', () => {
    class LocalOnlyError extends Error {
      override name = 'LocalOnlyError';
      readonly code = 42;
    }
    const revived = reviveError(across(serializeError(new LocalOnlyError('odd'))));
    expect(revived).toBeInstanceOf(Error);
    expect(revived).toMatchObject({ name: 'LocalOnlyError', message: 'odd', code: 42 });
  });
});

describe('sync options split between main and the worker', () => {
  class Session {
    #token = 'secret-token';
    getAccessToken(options: { subject: string }) {
      return Promise.resolve(`${this.#token} for ${options.subject}`);
    }
    currentUser() {
      return { subject: 'rep-1' };
    }
    get state() {
      return 'signed-in';
    }
  }

  it('copies values, keeps every function in main (methods bound), and calls it back by its dotted name', async () => {
    const { outline, functions } = outlineOptions({ serverUrl: 'https://rates.example', stalenessWarningDays: 7, auth: new Session(), onBusinessTimeZone: () => Promise.resolve() });
    expect(outline.values).toEqual([
      ['serverUrl', 'https://rates.example'],
      ['stalenessWarningDays', 7],
    ]);
    expect(outline.functions.sort()).toEqual(['auth.currentUser', 'auth.getAccessToken', 'onBusinessTimeZone']);
    // Nothing of the session's state crosses: the outline holds no token.
    expect(JSON.stringify(across(outline))).not.toContain('secret-token');

    const calls: [string, unknown[]][] = [];
    const rebuilt = rebuildOptions(across(outline), {
      call: async (name, args) => {
        calls.push([name, args]);
        return functions.get(name)?.(...args);
      },
      mirrored: new Map([['auth.currentUser', { subject: 'rep-1' }]]),
    }) as { serverUrl: string; auth: { getAccessToken(options: { subject: string }): Promise<string>; currentUser(): unknown } };
    expect(rebuilt.serverUrl).toBe('https://rates.example');
    await expect(rebuilt.auth.getAccessToken({ subject: 'rep-1' })).resolves.toBe('secret-token for rep-1');
    expect(rebuilt.auth.currentUser()).toEqual({ subject: 'rep-1' });
    expect(calls).toEqual([['auth.getAccessToken', [{ subject: 'rep-1' }]]]);
  });

  it('sends a Response as its status and headers', () => {
    const decoded = decodeValue(across(encodeValue(new Response('body', { status: 426, headers: { 'x-ratedesk-server-time': '2026-12-03T10:00:00.000Z' } }))));
    expect(decoded).toBeInstanceOf(Response);
    expect((decoded as Response).status).toBe(426);
    expect((decoded as Response).headers.get('x-ratedesk-server-time')).toBe('2026-12-03T10:00:00.000Z');
  });
});
