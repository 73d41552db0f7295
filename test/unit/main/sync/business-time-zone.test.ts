// The business time zone kept with the cache: America/New_York until the server states one, then
// the server's, remembered across restarts; a zone this runtime does not know is not taken.
import { describe, expect, it } from 'vitest';
import { openBusinessCalendar } from '../../../../src-main/sync/business-time-zone.js';
import { SyncKey } from '../../../../src-main/sync/sync-keys.js';
import { getSyncState } from '../../../../src-main/store/sync-state-repository.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { useMigratedCache } from '../../../support/store-fixtures.js';

let handle: ClientDatabaseHandle;
useMigratedCache((opened) => {
  handle = opened;
});

// 04:30 UTC on Dec 1: still Nov 30 in New York, already Dec 1 in London.
const now = () => new Date('2026-12-01T04:30:00Z');

describe('openBusinessCalendar', () => {
  it('uses New York before any server answer, never the laptop zone', async () => {
    const calendar = await openBusinessCalendar({ db: handle.db, now });
    expect(calendar.timeZone()).toBe('America/New_York');
    expect(calendar.today()).toBe('2026-11-30');
  });

  it('takes the zone a server answer states, and keeps it with the cache', async () => {
    const calendar = await openBusinessCalendar({ db: handle.db, now });
    await calendar.learn(undefined);
    expect(calendar.timeZone()).toBe('America/New_York');
    await calendar.learn('Europe/London');
    expect(calendar.today()).toBe('2026-12-01');
    expect(await getSyncState(handle.db, SyncKey.businessTimeZone)).toBe('Europe/London');

    const reopened = await openBusinessCalendar({ db: handle.db, now });
    expect(reopened.timeZone()).toBe('Europe/London');
  });

  it('keeps its zone when told one this runtime does not know, and says so once', async () => {
    const warnings: string[] = [];
    const calendar = await openBusinessCalendar({ db: handle.db, now, warn: (message) => warnings.push(message) });
    await calendar.learn('Mars/Olympus_Mons');
    await calendar.learn('Mars/Olympus_Mons');
    expect(calendar.timeZone()).toBe('Europe/London');
    expect(warnings).toEqual(['the server\'s business time zone "Mars/Olympus_Mons" is unknown here; keeping Europe/London']);
  });
});
