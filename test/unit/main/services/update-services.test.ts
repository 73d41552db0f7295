// The update channels as the renderer calls them: a host without an updater (the browser host, a
// development build) says so, and an install the rep asks for before a download is refused with
// the reason, never started.
import { describe, expect, it } from 'vitest';
import { runDesktopCall } from '../../../../src-main/ipc/desktop-call.js';
import { createUpdateHandlers } from '../../../../src-main/services/update-services.js';
import type { UpdaterLike } from '../../../../src-main/update/update-service.js';
import { createUpdateService } from '../../../../src-main/update/update-service.js';
import { ORIGIN, WINDOW } from '../../../support/desktop-sender.js';

describe('update channels', () => {
  it('report updates as unsupported where nothing updates itself, and refuse an install', async () => {
    const handlers = createUpdateHandlers({ updates: null });
    expect(await runDesktopCall('updateStatus', handlers.updateStatus, WINDOW, [], ORIGIN)).toEqual({
      ok: true,
      value: { state: 'unsupported', installAtQuit: false, lastCheckedAt: null },
    });
    const install = await runDesktopCall('installUpdate', handlers.installUpdate, WINDOW, [{ when: 'now' }], ORIGIN);
    expect(install).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'when' }] } });
  });

  it('refuse "Install update and restart" before an update is downloaded, without touching the updater', async () => {
    const calls: string[] = [];
    const updater: UpdaterLike = {
      autoDownload: true,
      autoInstallOnAppQuit: true,
      isUserWithinRollout: () => true,
      checkForUpdates: async () => null,
      downloadUpdate: async () => [],
      quitAndInstall: () => calls.push('quitAndInstall'),
    };
    const updates = createUpdateService({ updater, deviceId: '6f1c2a3b-4d5e-4f60-8a7b-000000000001' });
    // Nothing installs unasked, whatever electron-updater's defaults.
    expect([updater.autoDownload, updater.autoInstallOnAppQuit]).toEqual([false, false]);
    const handlers = createUpdateHandlers({ updates });
    for (const request of [{ when: 'now' }, { when: 'at-quit', agreed: true }] as const) {
      const result = await runDesktopCall('installUpdate', handlers.installUpdate, WINDOW, [request], ORIGIN);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('No update has been downloaded yet') } });
    }
    expect(calls).toEqual([]);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });
});
