// How far off the laptop's clock is (issue 14). Every server answer states the server's clock
// (ServerHeader.serverTime); the check compares it with the laptop's clock at the middle of the
// round trip. Business dates then run on the laptop's clock corrected by that offset, so a laptop
// set a few minutes (or a time zone) wrong still quotes and saves on the server's day, and the
// status bar says how far off the clock is once that passes CLOCK_SKEW_WARNING_MS (status.ts).
//
// The last offset is kept in the settings store (like the device id): it belongs to the laptop,
// not to a rep or a cache, and must hold offline after a restart, before any answer arrives.
import { z } from 'zod';
import { ServerHeader } from '../../src-shared/sync/client-report.js';
import type { SyncStatus } from '../../src-shared/sync/status.js';
import type { ResponseTiming } from '../http/authorized-request.js';
import type { KeyValueStore } from '../settings/key-value-store.js';
import type { DesktopSync } from './desktop-sync.js';

/**
 * Answers slower than this are ignored: the server stamped its time somewhere within the round
 * trip, so the estimate is only good to half of it.
 */
export const MAX_ROUND_TRIP_MS = 10_000;
/** Smaller changes of the estimate are network jitter: not stored, not announced. */
const SIGNIFICANT_CHANGE_MS = 1_000;

export const CLOCK_SKEW_KEY = 'clockSkew';
const StoredSkew = z.object({ skewMs: z.int(), measuredAt: z.iso.datetime() });

export interface ClockCheck {
  /** AuthorizedRequestOptions.observeResponse: reads the server's time from any answer. */
  observe(response: Pick<Response, 'headers'>, timing?: ResponseTiming): void;
  /** The laptop's clock minus the server's, in ms; undefined before any answer (here or stored). */
  skewMs(): number | undefined;
  /** The laptop's clock corrected by the last known skew: the server's time, as well as it is known. */
  correctedNow(): Date;
  /** Called when the estimate changed by more than network jitter; returns the unsubscribe. */
  onChange(listener: (skewMs: number) => void): () => void;
}

export function createClockCheck(options: {
  store: KeyValueStore;
  /** The laptop's clock (tests skew it). */
  laptopClock?: () => Date;
}): ClockCheck {
  const laptopClock = options.laptopClock ?? (() => new Date());
  const stored = StoredSkew.safeParse(options.store.get(CLOCK_SKEW_KEY));
  let skew: number | undefined = stored.success ? stored.data.skewMs : undefined;
  const listeners = new Set<(skewMs: number) => void>();

  return {
    observe(response, timing) {
      const roundTripMs = timing?.roundTripMs ?? 0;
      if (roundTripMs > MAX_ROUND_TRIP_MS) return;
      const serverTime = parseServerTime(response.headers.get(ServerHeader.serverTime));
      if (serverTime === null) return;
      const receivedAt = laptopClock();
      // The server answered somewhere within the round trip: its middle is the best guess.
      const next = Math.round(receivedAt.getTime() - roundTripMs / 2 - serverTime);
      if (skew !== undefined && Math.abs(next - skew) < SIGNIFICANT_CHANGE_MS) return;
      skew = next;
      options.store.set(CLOCK_SKEW_KEY, { skewMs: next, measuredAt: receivedAt.toISOString() });
      for (const listener of listeners) listener(next);
    },
    skewMs: () => skew,
    correctedNow: () => new Date(laptopClock().getTime() - (skew ?? 0)),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function parseServerTime(header: string | null): number | null {
  if (header === null || !z.iso.datetime().safeParse(header).success) return null;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : at;
}

/** The sync as the services see it: every status carries the clock's skew, and a new estimate is announced at once. */
export function withClockSkew(sync: DesktopSync, clock: ClockCheck): DesktopSync {
  const decorate = (status: SyncStatus): SyncStatus => {
    const skew = clock.skewMs();
    return skew === undefined ? status : { ...status, clockSkewMs: skew };
  };
  return {
    ...sync,
    status: () => decorate(sync.status()),
    refresh: async () => decorate(await sync.refresh()),
    onStatus(listener) {
      const stopSync = sync.onStatus((status) => listener(decorate(status)));
      const stopClock = clock.onChange(() => listener(decorate(sync.status())));
      return () => {
        stopSync();
        stopClock();
      };
    },
  };
}
