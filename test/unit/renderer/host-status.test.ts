import { describe, expect, it } from 'vitest';
import { describeHostStatus, loadHostStatus } from '../../../src-renderer/host-status.js';

// Stand-ins for the host: the real preload cannot run outside Electron.
function hostAnswering(answer: unknown) {
  return { appInfo: () => Promise.resolve(answer) };
}

describe('host status shown in the footer', () => {
  it('says "Browser preview" when the page runs outside the desktop app', async () => {
    const status = await loadHostStatus(undefined);
    expect(status).toEqual({ kind: 'browser-preview' });
    expect(describeHostStatus(status)).toBe('Browser preview');
  });

  it('shows the app name and version from the desktop host', async () => {
    const status = await loadHostStatus(hostAnswering({ ok: true, value: { name: 'RateDesk', version: '0.1.0' } }));
    expect(describeHostStatus(status)).toBe('RateDesk 0.1.0');
  });

  it('passes on the reason when the host refuses', async () => {
    const status = await loadHostStatus(
      hostAnswering({ ok: false, error: { code: 'forbidden', message: 'app:info: only the main frame of the RateDesk window may call this channel.' } }),
    );
    expect(describeHostStatus(status)).toBe('Version unavailable: app:info: only the main frame of the RateDesk window may call this channel.');
  });

  it('does not trust an answer in the wrong shape', async () => {
    const status = await loadHostStatus(hostAnswering({ name: 'RateDesk', version: 1 }));
    expect(describeHostStatus(status)).toBe('Version unavailable: The desktop host answered in an unexpected format.');
  });

  it('copes with a host that does not answer', async () => {
    const status = await loadHostStatus({ appInfo: () => Promise.reject(new Error('No handler registered for app:info')) });
    expect(describeHostStatus(status)).toBe('Version unavailable: The desktop host did not answer.');
  });

  it('says it is still checking before the answer arrives', () => {
    expect(describeHostStatus(null)).toBe('Checking version…');
  });
});
