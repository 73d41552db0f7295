import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTERNAL_MESSAGE, runDesktopCall, type DesktopSender } from '../../../../src-main/ipc/desktop-call.js';

const trustedOrigin = 'app://ratedesk';
const ourWindow: DesktopSender = { frameUrl: 'app://ratedesk/index.html', isMainFrame: true };
const appInfo = () => ({ name: 'RateDesk', version: '0.1.0' });

describe('runDesktopCall', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers the main frame of the RateDesk window', async () => {
    await expect(runDesktopCall('appInfo', appInfo, ourWindow, [], trustedOrigin)).resolves.toEqual({
      ok: true,
      value: { name: 'RateDesk', version: '0.1.0' },
    });
  });

  it.each<[string, DesktopSender]>([
    ['a subframe of our page', { frameUrl: 'app://ratedesk/index.html', isMainFrame: false }],
    ['a page from another origin', { frameUrl: 'https://evil.example.com/', isMainFrame: true }],
    ['a file:// page', { frameUrl: 'file:///tmp/index.html', isMainFrame: true }],
    ['a frame that is already gone', { frameUrl: null, isMainFrame: true }],
  ])('refuses %s without running the handler', async (_label, sender) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handler = vi.fn(appInfo);
    const result = await runDesktopCall('appInfo', handler, sender, [], trustedOrigin);
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the RateDesk window itself may do this.' },
    });
    expect(handler).not.toHaveBeenCalled();
    // The channel goes to the log, never into the message a rep reads.
    expect(log).toHaveBeenCalledWith('[ipc] app-info refused: not the main frame of the RateDesk window');
  });

  it('rejects arguments the channel does not take and names the problem', async () => {
    const handler = vi.fn(appInfo);
    const result = await runDesktopCall('appInfo', handler, ourWindow, ['../../etc/passwd'], trustedOrigin);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toMatch(/^Some of what was sent is not valid: /);
    expect(result.error.message).not.toContain('app-info');
    expect(result.error.message).toMatch(/expected array to have <=0 items/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a failing handler into an internal error without leaking its message to the renderer', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failure = new Error('EACCES: /Users/rep/Library/Application Support/RateDesk/cache.sqlite');
    const result = await runDesktopCall(
      'appInfo',
      () => {
        throw failure;
      },
      ourWindow,
      [],
      trustedOrigin,
    );
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(log).toHaveBeenCalledWith('[ipc] app-info failed', failure);
  });

  it('does not pass on a value that breaks the contract', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await runDesktopCall('appInfo', () => ({ name: '', version: '0.1.0' }), ourWindow, [], trustedOrigin);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
  });

  it('awaits asynchronous handlers', async () => {
    const result = await runDesktopCall('appInfo', async () => appInfo(), { frameUrl: 'http://localhost:5173/', isMainFrame: true }, [], 'http://localhost:5173');
    expect(result).toEqual({ ok: true, value: { name: 'RateDesk', version: '0.1.0' } });
  });
});
