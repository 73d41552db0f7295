import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { dispatchDesktopCall, runDesktopCall, type DesktopHandlers } from '../../../../src-main/ipc/desktop-call.js';
import { sendDesktopEvent } from '../../../../src-main/ipc/desktop-events.js';
import {
  adminMethods,
  complianceMethods,
  appInfoMethods,
  catalogMethods,
  comparisonMethods,
  illustrationMethods,
  sessionEvents,
  sessionMethods,
  settingsMethods,
  syncStatusEvents,
  syncStatusMethods,
  updateMethods,
  prepareOfflineMethods,
  channelOf,
  desktopApiFunctionNames,
  desktopContract,
  desktopEventNames,
  methodOfChannel,
  type AuthState,
  type DesktopApi,
} from '../../../../src-shared/desktop-api/index.js';
import { ValidationError } from '../../../../src-shared/errors.js';
import { ORIGIN, WINDOW } from '../../../support/desktop-sender.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.leaked-access-token';
const signedIn: AuthState = {
  status: 'signed-in',
  user: { subject: '00u1', name: 'Pat Rep', groups: ['ratedesk-reps'] },
  accessTokenExpiresAt: '2026-11-24T16:00:00.000Z',
  tokenPersistence: 'encrypted',
  offline: false,
};

describe('the DesktopApi surface', () => {
  it('lists every function of DesktopApi exactly once', () => {
    expectTypeOf<(typeof desktopApiFunctionNames)[number]>().toEqualTypeOf<keyof DesktopApi>();
    expect(new Set(desktopApiFunctionNames).size).toBe(desktopApiFunctionNames.length);
  });

  it('has a contract for every channel, with distinct names that cannot collide with events', () => {
    const channels = Object.keys(desktopContract).map(channelOf);
    expect(new Set(channels).size).toBe(channels.length);
    // Channels are derived from the table, so "a contract for every channel" is: each one leads back to its method.
    expect(channels.map((channel) => methodOfChannel(channel))).toEqual(Object.keys(desktopContract));
    for (const event of desktopEventNames.map(channelOf)) expect(channels).not.toContain(event);
  });

  it('merges the feature files without one method or event shadowing another', () => {
    const methods = [appInfoMethods, catalogMethods, comparisonMethods, syncStatusMethods, sessionMethods, settingsMethods, illustrationMethods, adminMethods, complianceMethods, updateMethods, prepareOfflineMethods];
    expect(methods.flatMap((feature) => Object.keys(feature)).sort()).toEqual(Object.keys(desktopContract).sort());
    expect([syncStatusEvents, sessionEvents].flatMap((feature) => Object.keys(feature)).sort()).toEqual([...desktopEventNames].sort());
  });
});

describe('results cannot carry a token', () => {
  it('refuses an auth answer with a token in it, and the renderer gets no token', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const leaky = () => ({ ...signedIn, accessToken: TOKEN });
    const result = await runDesktopCall('authState', leaky, WINDOW, [], ORIGIN);
    consoleError.mockRestore();
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in RateDesk; the details are in the application log.' } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('refuses a token nested in the user, in the sign-in answer and in the sign-out answer', () => {
    const contract = desktopContract;
    expect(contract.authState.result.safeParse({ ...signedIn, user: { ...signedIn.user, idToken: TOKEN } }).success).toBe(false);
    expect(contract.signIn.result.safeParse({ state: signedIn, failure: null, accessToken: TOKEN }).success).toBe(false);
    expect(
      contract.signOut.result.safeParse({ needsConfirmation: false, revoked: true, cacheCleared: false, refreshToken: TOKEN }).success,
    ).toBe(false);
    expect(contract.authState.result.safeParse(signedIn).success).toBe(true);
  });

  it('sends an auth event only when it fits the contract', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sent: Array<[string, unknown]> = [];
    const target = { isDestroyed: () => false, send: (channel: string, payload: unknown) => sent.push([channel, payload]) };
    expect(sendDesktopEvent(target, 'onAuthState', signedIn)).toBe(true);
    // A state that picked up a token on its way is not sent at all.
    const leaky = { ...signedIn, accessToken: TOKEN } satisfies AuthState & { accessToken: string };
    expect(sendDesktopEvent(target, 'onAuthState', leaky)).toBe(false);
    expect(sendDesktopEvent({ ...target, isDestroyed: () => true }, 'onAuthState', signedIn)).toBe(false);
    consoleError.mockRestore();
    expect(sent).toEqual([[channelOf('onAuthState'), signedIn]]);
  });
});

describe('errors the rep can act on', () => {
  it('passes a ValidationError back with the field and the reason', async () => {
    const handler = () => {
      throw new ValidationError([{ path: 'productIds.2', message: 'is not in the local catalog' }]);
    };
    const result = await runDesktopCall('compare', handler, WINDOW, [{ premium: '1000', years: 5, startDate: '2026-11-24', asOfDate: '2026-11-24', productIds: ['6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e'] }], ORIGIN);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'productIds.2: is not in the local catalog', issues: [{ path: 'productIds.2', message: 'is not in the local catalog' }] },
    });
  });

  it('refuses bad arguments before any handler runs, naming the field', async () => {
    const handler = vi.fn();
    const result = await runDesktopCall('compare', handler, WINDOW, [{ premium: '12.345', years: 5, startDate: '2026-11-24', asOfDate: '2026-11-24', productIds: [] }], ORIGIN);
    expect(handler).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/premium/);
    expect(!result.ok && result.error.message).toMatch(/productIds/);
  });
});

describe('dispatchDesktopCall (channels named by a string, as the web host receives them)', () => {
  // Only app-info is ever reached here; the other handlers are never looked up.
  const handlers = { appInfo: () => ({ name: 'RateDesk', version: '0.1.0' }) } as Partial<DesktopHandlers>;

  it('runs a known channel through the same checks', async () => {
    await expect(dispatchDesktopCall(handlers as DesktopHandlers, 'app-info', WINDOW, [], ORIGIN)).resolves.toEqual({
      ok: true,
      value: { name: 'RateDesk', version: '0.1.0' },
    });
  });

  it('refuses names that are not channels, including inherited object keys', async () => {
    for (const name of ['toString', '__proto__', 'constructor', 'sync-everything']) {
      const result = await dispatchDesktopCall(handlers as DesktopHandlers, name, WINDOW, [], ORIGIN);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });
});
