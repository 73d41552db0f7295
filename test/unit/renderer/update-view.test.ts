// The update notice's words: "Update required" (the server's 426) says what still works and what
// waits; "Update available" appears only once the update is downloaded and installable.
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../src-shared/desktop-api/updates.js';
import { describeUpdate } from '../../../src-renderer/update-view.js';

const status = (state: UpdateStatus['state'], availableVersion?: string): UpdateStatus => ({
  state,
  installAtQuit: false,
  lastCheckedAt: '2026-12-03T09:00:00.000Z',
  ...(availableVersion === undefined ? {} : { availableVersion }),
});

describe('the update notice', () => {
  it('says nothing while the server accepts this version and no update is downloaded', () => {
    for (const state of ['idle', 'checking', 'up-to-date', 'downloading', 'error', 'unsupported'] as const) {
      expect(describeUpdate(status(state, '0.2.0'), 'idle')).toBeNull();
    }
    expect(describeUpdate(null, undefined)).toBeNull();
  });

  it('offers a downloaded update to install when it suits the rep', () => {
    expect(describeUpdate(status('ready', '0.2.0'), 'idle')).toEqual({
      title: 'Update available',
      text: 'RateDesk 0.2.0 is ready to install. Install it when it suits you, for example after your meeting.',
      tone: 'warning',
      canInstall: true,
    });
  });

  it('says "update required", that quoting goes on and uploads wait, and where the update comes from', () => {
    const ready = describeUpdate(status('ready', '0.2.0'), 'update-required');
    expect(ready).toMatchObject({ title: 'Update required', tone: 'error', canInstall: true });
    expect(ready?.text).toContain('keep quoting from the rates saved on this laptop');
    expect(describeUpdate(status('downloading', '0.2.0'), 'update-required')?.text).toContain('RateDesk 0.2.0 is downloading');
    expect(describeUpdate(status('unsupported'), 'update-required')).toMatchObject({ canInstall: false });
    expect(describeUpdate(null, 'update-required')?.text).toContain('Ask your administrator for the new version of RateDesk.');
  });
});
