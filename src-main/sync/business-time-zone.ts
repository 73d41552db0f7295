// The business time zone as the server last stated it (in /v1/me and in each pull), kept with the
// cache in sync_state, and the desktop's one "today" built on it. Every service that needs the
// business date gets this calendar from compose.ts; none reads the laptop's date.
//
// Before the server has ever stated a zone (a fresh install offline, an older server) the calendar
// uses the server's own default, America/New_York: still the business's zone, never the laptop's.
import type { Kysely } from 'kysely';
import { businessCalendar, DEFAULT_BUSINESS_TIME_ZONE, isTimeZone, type BusinessCalendar } from '../../src-shared/time/business-calendar.js';
import type { ClientDatabase } from '../store/schema.js';
import { getSyncState, setSyncState } from '../store/sync-state-repository.js';
import { SyncKey } from './sync-keys.js';

export interface DesktopBusinessCalendar extends BusinessCalendar {
  /** Takes the zone a server answer stated (undefined: it stated none); keeps it when this runtime knows it. */
  learn(zone: string | undefined): Promise<void>;
}

export async function openBusinessCalendar(options: {
  db: Kysely<ClientDatabase>;
  now: () => Date;
  warn?: (message: string) => void;
}): Promise<DesktopBusinessCalendar> {
  const warn = options.warn ?? ((message: string) => console.warn(`[business-date] ${message}`));
  const stored = await getSyncState(options.db, SyncKey.businessTimeZone);
  let zone = stored !== null && isTimeZone(stored) ? stored : DEFAULT_BUSINESS_TIME_ZONE;
  let refused: string | null = null;
  const calendar = businessCalendar({ now: options.now, timeZone: () => zone });
  return {
    ...calendar,
    async learn(stated) {
      if (stated === undefined || stated === zone) return;
      if (!isTimeZone(stated)) {
        // Said once per name: every pull page repeats it.
        if (refused !== stated) warn(`the server's business time zone ${JSON.stringify(stated)} is unknown here; keeping ${zone}`);
        refused = stated;
        return;
      }
      await setSyncState(options.db, SyncKey.businessTimeZone, stated, options.now());
      zone = stated;
    },
  };
}
