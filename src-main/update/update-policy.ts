// The rules of app updates (issue 14), apart from electron-updater so they are tested in Node:
// which laptops a staged rollout reaches, how often the feed is asked, and which feed a packaged
// build may use at all.
import { createHash } from 'node:crypto';

/** The feed is asked at start and then once a day. */
export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * The installation's place in every staged rollout, in [0, 100): a hash of its device id, so the
 * same laptop stays in (or out of) a rollout across checks and restarts, and raising the
 * percentage only ever adds laptops.
 */
export function rolloutPosition(deviceId: string): number {
  const digest = createHash('sha256').update(deviceId.toLowerCase()).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

/**
 * Whether a release with the feed's `stagingPercentage` is offered to this installation. No
 * percentage means everyone (electron-builder writes none for a full release); one that is not a
 * number offers it to no one rather than to everyone.
 */
export function withinRollout(deviceId: string, stagingPercentage: unknown): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  const percentage = typeof stagingPercentage === 'number' ? stagingPercentage : Number.parseFloat(String(stagingPercentage));
  if (!Number.isFinite(percentage) || percentage <= 0) return false;
  return rolloutPosition(deviceId) < Math.min(percentage, 100);
}

/**
 * The feed URL of a packaged build, from the app-update.yml electron-builder writes next to it from
 * its `publish` configuration (build/electron-builder.yml). Only a generic HTTPS feed is accepted:
 * an update is code this laptop will run. null: updates are off for this build.
 */
export function feedUrlFromAppUpdateConfig(text: string): string | null {
  const provider = /^provider:\s*['"]?([\w-]+)['"]?\s*$/m.exec(text)?.[1];
  const url = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(text)?.[1];
  if (provider !== 'generic' || url === undefined) return null;
  return httpsUrl(url);
}

function httpsUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.toString() : null;
  } catch {
    return null;
  }
}
