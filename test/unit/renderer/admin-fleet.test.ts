// The Fleet tab's wording: a stale or revoked device says so in words, not only by its row's colour.
import { describe, expect, it } from 'vitest';
import type { FleetDevice } from '../../../src-shared/desktop-api/index.js';
import { cacheAgeText, deliverySummary, deviceStatusText, publicationText, repText } from '../../../src-renderer/admin-fleet.js';

const device: FleetDevice = {
  deviceId: '0f5b8e1c-1a2b-4c3d-8e4f-5a6b7c8d9e01',
  userId: '1f5b8e1c-1a2b-4c3d-8e4f-5a6b7c8d9e01',
  userEmail: 'rep@ratedesk.test',
  userName: 'Riley Rep',
  firstPullAt: '2026-11-01T09:00:00.000Z',
  lastPullAt: '2026-11-20T09:00:00.000Z',
  cacheAgeDays: 12,
  stale: true,
  appVersion: '1.4.0',
  protocolVersion: 2,
  cursorVersion: '120',
  checksums: 'verified',
  pendingUploads: 2,
  rejectedUploads: 0,
  deviceRevoked: false,
  userRevoked: false,
};

describe('the fleet wording', () => {
  it('names a stale device and why, and says OK for a healthy one', () => {
    expect(deviceStatusText(device, 7)).toBe('Stale: no sync for more than 7 days');
    expect(deviceStatusText({ ...device, stale: false }, 7)).toBe('OK');
    expect(deviceStatusText({ ...device, stale: false, deviceRevoked: true, checksums: 'mismatch' }, 7)).toBe('Device revoked; Copy differs');
  });

  it('words the cache age, the rep and the delivery counts', () => {
    expect([cacheAgeText(0), cacheAgeText(1), cacheAgeText(12)]).toEqual(['today', '1 day', '12 days']);
    expect(repText(device)).toBe('Riley Rep (rep@ratedesk.test)');
    expect(repText({ ...device, userName: null })).toBe('rep@ratedesk.test');
    expect(deliverySummary(1, 2)).toBe('1 of 3 devices has it; 2 do not yet.');
    expect(deliverySummary(2, 1)).toBe('2 of 3 devices have it; 1 does not yet.');
  });

  it('offers a publication by its time, author, rates and version', () => {
    const text = publicationText({ version: '512', publishedAt: '2026-12-01T15:04:05.000Z', publishedBy: 'admin@ratedesk.test', rates: 3, effectiveDates: ['2027-01-01'] });
    expect(text).toMatch(/by admin@ratedesk\.test: 3 rates, effective 2027-01-01 \(version 512\)$/);
  });
});
