// The update rules apart from electron-updater: a laptop's place in staged rollouts is stable and
// only grows with the percentage, and a packaged build accepts only a generic HTTPS feed.
import { describe, expect, it } from 'vitest';
import { feedUrlFromAppUpdateConfig, rolloutPosition, withinRollout } from '../../../../src-main/update/update-policy.js';

const ids = Array.from({ length: 400 }, (_, n) => `0b7d6c5e-1f2a-4b3c-9d8e-${n.toString(16).padStart(12, '0')}`);

describe('staged rollout', () => {
  it('places each installation at the same spot every time, whatever the case of its id', () => {
    const id = ids[7] ?? '';
    expect(rolloutPosition(id)).toBe(rolloutPosition(id.toUpperCase()));
    expect(rolloutPosition(id)).toBeGreaterThanOrEqual(0);
    expect(rolloutPosition(id)).toBeLessThan(100);
  });

  it('reaches about the given share of laptops, and raising it only adds laptops', () => {
    const at = (percentage: number) => ids.filter((id) => withinRollout(id, percentage));
    expect(at(25).length).toBeGreaterThan(60);
    expect(at(25).length).toBeLessThan(140);
    expect(at(25).every((id) => at(50).includes(id))).toBe(true);
    expect(at(100)).toHaveLength(ids.length);
    expect(at(0)).toHaveLength(0);
  });

  it('offers a release without a percentage to everyone and one with an unreadable percentage to no one', () => {
    expect(ids.every((id) => withinRollout(id, undefined))).toBe(true);
    expect(ids.some((id) => withinRollout(id, 'lots'))).toBe(false);
    expect(withinRollout(ids[0] ?? '', '100')).toBe(true);
  });
});

describe('the feed of a packaged build', () => {
  it('is the generic HTTPS URL electron-builder wrote into app-update.yml', () => {
    expect(feedUrlFromAppUpdateConfig('provider: generic\nurl: https://updates.ratedesk.example/desktop\nupdaterCacheDirName: ratedesk-updater\n')).toBe(
      'https://updates.ratedesk.example/desktop',
    );
  });

  it('is refused over plain HTTP, with credentials in it, or from another provider', () => {
    expect(feedUrlFromAppUpdateConfig('provider: generic\nurl: http://updates.ratedesk.example/desktop\n')).toBeNull();
    expect(feedUrlFromAppUpdateConfig('provider: generic\nurl: https://user:secret@updates.ratedesk.example/\n')).toBeNull();
    expect(feedUrlFromAppUpdateConfig('provider: github\nowner: someone\nrepo: ratedesk\n')).toBeNull();
    expect(feedUrlFromAppUpdateConfig('')).toBeNull();
  });
});
