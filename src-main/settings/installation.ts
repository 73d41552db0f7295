// This installation's identity (issue 14): a UUID made at first start and kept in the settings
// store, so the server's fleet view tells one laptop from another across reps, sign-outs and
// cache wipes. Not a secret and not tied to the hardware: it names an installation, nothing more.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Installation } from '../http/authorized-request.js';
import type { KeyValueStore } from './key-value-store.js';

export const DEVICE_ID_KEY = 'deviceId';

export function installationOf(store: KeyValueStore, appVersion: string): Installation {
  const stored = z.uuid().safeParse(store.get(DEVICE_ID_KEY));
  if (stored.success) return { deviceId: stored.data.toLowerCase(), appVersion };
  const deviceId = randomUUID();
  store.set(DEVICE_ID_KEY, deviceId);
  return { deviceId, appVersion };
}
