import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-shared/sync/status.js';
import { authSummary, gateFor } from '../../../src-renderer/auth-view.js';
import { describeSync } from '../../../src-renderer/sync-view.js';

const now = new Date('2026-06-10T12:00:00Z');

function status(overrides: Partial<SyncStatus>): SyncStatus {
  return { state: 'idle', lastSuccessfulSyncAt: '2026-06-10T11:50:00Z', pendingUploads: 0, rejectedUploads: 0, cacheAgeDays: 0, stale: false, ...overrides };
}

describe('status bar wording', () => {
  it('shows online, the last sync time and nothing to retry when all is well', () => {
    const view = describeSync(status({}), now);
    expect(view).toMatchObject({ connection: 'Online', tone: 'ok', lastSync: 'Last synced 10 minutes ago', pending: null, problem: null, canRetry: false });
  });

  it('shows download progress while syncing', () => {
    expect(describeSync(status({ state: 'syncing', progress: { rowsApplied: 40, rowsTotal: 100, percent: 40 } }), now).activity).toBe('Syncing… 40%');
  });

  it('shows offline with pending uploads and offers a retry', () => {
    const view = describeSync(status({ state: 'offline', pendingUploads: 2, rejectedUploads: 1 }), now);
    expect(view.connection).toBe('Offline');
    expect(view.pending).toBe('2 comparisons waiting to upload, 1 refused by the server');
    expect(view.canRetry).toBe(true);
  });

  it("shows the engine's reason on an error and offers a retry", () => {
    const view = describeSync(status({ state: 'error', reason: 'The server refused access (403).' }), now);
    expect(view).toMatchObject({ connection: 'Sync error', tone: 'error', problem: 'The server refused access (403).', canRetry: true });
  });

  it('warns about stale rates and a never-synced laptop', () => {
    const view = describeSync(status({ lastSuccessfulSyncAt: null, cacheAgeDays: null, stale: true }), now);
    expect(view.lastSync).toBe('Never synced');
    expect(view.tone).toBe('warning');
    expect(view.problem).toMatch(/out of date/);
  });
});

describe('sign-in gate', () => {
  const user = { subject: 'rep-1', name: 'Dana Rep', groups: ['ratedesk-reps'] };

  it('lets a signed-in rep into the app', () => {
    expect(gateFor({ status: 'signed-in', user, accessTokenExpiresAt: '2026-06-10T13:00:00Z', tokenPersistence: 'encrypted', offline: false }, false, true)).toBe('app');
  });

  it('asks for sign-in, unless the rep chose offline work on a synced catalog', () => {
    expect(gateFor({ status: 'signed-out' }, false, true)).toBe('sign-in');
    expect(gateFor({ status: 'signed-out' }, true, false)).toBe('sign-in');
    expect(gateFor({ status: 'needs-sign-in', reason: 'expired', message: 'Your session ended.' }, true, true)).toBe('app');
    expect(gateFor(null, true, true)).toBe('checking');
  });

  it('names the signed-in rep', () => {
    expect(authSummary({ status: 'signed-in', user, accessTokenExpiresAt: '2026-06-10T13:00:00Z', tokenPersistence: 'memory-only', offline: true })).toBe('Dana Rep (offline)');
    expect(authSummary({ status: 'needs-sign-in', reason: 'expired', message: 'Your session ended.' })).toBe('Your session ended.');
  });
});
