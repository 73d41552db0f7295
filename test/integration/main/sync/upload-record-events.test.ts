// The record event queue's upload (src-main/sync/upload-record-events.ts) against the real server
// and a real client cache: a print waits for its comparison to reach the server and is recorded by
// a later run, a repeated upload stays one record, each run sends only its own rep's events, an
// outage keeps them with a backoff, and what is applied has its audit row on the server.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IllustrationPrintedEvent, SignedOutEvent } from '../../../../src-shared/records/record-events.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { enqueueRecordEvent, pendingRecordEventCount } from '../../../../src-main/store/record-event-queue.js';
import { createRecordEventsApi, uploadRecordEvents, type RecordEventsApi } from '../../../../src-main/sync/upload-record-events.js';
import { apiClient, engineFor, saveVerifiedOnClient, useClientSyncServerWithCache, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { REP2_SUBJECT, REP_SUBJECT } from '../../../support/store-fixtures.js';

let server: ClientSyncServer;
let client: ClientDatabaseHandle;
/** Nothing listens there: the server as seen from a laptop without network. */
const CLOSED_PORT_URL = 'http://127.0.0.1:9';

useClientSyncServerWithCache(30, 'client-record-events-', (started, opened) => {
  [server, client] = [started, opened];
});

function eventsApi(token: string, baseUrl = server.baseUrl): RecordEventsApi {
  return createRecordEventsApi({ baseUrl, getAccessToken: async () => token, reportRejectedToken: () => undefined, timeoutMs: 20_000 });
}

function printed(comparisonId: string, copyNumber: number): IllustrationPrintedEvent {
  return {
    kind: 'ILLUSTRATION_PRINTED',
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    comparisonId,
    pdfSha256: randomUUID().replace(/-/g, '').repeat(2),
    pageCount: 4,
    copyNumber,
    reprint: copyNumber > 1,
    printedOn: new Date().toISOString().slice(0, 10),
    historical: false,
  };
}

interface QueueRow {
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
}

function queued(eventId: string): QueueRow {
  return client.sqlite
    .prepare('SELECT status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError FROM record_event_queue WHERE event_id = ?')
    .get(eventId) as QueueRow;
}

/** The server's record of the event: who it is filed under, and its audit rows. */
async function onServer(eventId: string) {
  const row = await server.api.owner
    .selectFrom('recordEvents as e')
    .innerJoin('users as u', 'u.userId', 'e.userId')
    .select(['u.oktaUserId', 'e.kind', 'e.pdfSha256'])
    .where('e.eventId', '=', eventId)
    .executeTakeFirst();
  const audits = await server.api.owner
    .selectFrom('auditLog as a')
    .innerJoin('users as u', 'u.userId', 'a.userId')
    .select(['a.actionType', 'a.recordId', 'a.newValues', 'u.oktaUserId'])
    .where(({ eb, ref }) => eb(eb.fn('jsonb_extract_path_text', [ref('a.newValues'), eb.val('eventId')]), '=', eventId))
    .execute();
  return { row: row ?? null, audits };
}

async function savedOffline(ownerSubject: string): Promise<string> {
  return (await saveVerifiedOnClient(server, client, ownerSubject)).comparisonId;
}

describe('uploading the record event queue', () => {
  it('holds a print until its comparison is on the server, records it once, and sends only the run’s rep’s events', async () => {
    const comparisonId = await savedOffline(REP_SUBJECT);
    const print = printed(comparisonId, 1);
    await enqueueRecordEvent(client.db, REP_SUBJECT, print, new Date());
    // Rep B signed out an hour ago while offline; it belongs to B's next sign-in.
    const signOut: SignedOutEvent = { kind: 'SIGNED_OUT', eventId: randomUUID(), occurredAt: new Date(Date.now() - 3_600_000).toISOString() };
    await enqueueRecordEvent(client.db, REP2_SUBJECT, signOut, new Date());

    // The print goes up before its comparison (e.g. the outbox upload failed): the server answers
    // "not on the server yet", and the event waits instead of being rejected for good.
    const early = await uploadRecordEvents({ db: client.db, now: () => new Date(), ownerSubject: REP_SUBJECT, api: eventsApi(server.api.tokens.rep), random: () => 0.5 });
    expect(early).toEqual({ applied: 0, rejected: 0, waiting: 1 });
    expect(queued(print.eventId)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Waiting for its comparison to reach the server.' });
    expect((await onServer(print.eventId)).row).toBeNull();

    // A later run uploads the comparison first, then the print.
    const run = await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), {
      ownerSubject: () => REP_SUBJECT,
      afterUpload: ({ ownerSubject, userDriven }) =>
        uploadRecordEvents({ db: client.db, now: () => new Date(), ownerSubject, ignoreBackoff: userDriven, api: eventsApi(server.api.tokens.rep) }),
    }).runNow('manual');
    expect(run).toMatchObject({ ok: true, uploaded: 1 });
    expect(queued(print.eventId)).toMatchObject({ status: 'applied', lastError: null, nextAttemptAt: null });
    const recorded = await onServer(print.eventId);
    expect(recorded.row).toEqual({ oktaUserId: REP_SUBJECT, kind: 'ILLUSTRATION_PRINTED', pdfSha256: print.pdfSha256 });
    expect(recorded.audits).toEqual([
      {
        actionType: 'ILLUSTRATION_PRINTED',
        recordId: comparisonId,
        oktaUserId: REP_SUBJECT,
        newValues: expect.objectContaining({ eventId: print.eventId, pdfSha256: print.pdfSha256, pageCount: 4, copyNumber: 1 }),
      },
    ]);

    // Rep B's sign-out was not sent with rep A's token: it still waits for B, and the server has none.
    expect(queued(signOut.eventId)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await onServer(signOut.eventId)).row).toBeNull();

    // The answer was lost (the laptop still thinks it pending): sent again, the server says duplicate,
    // the event ends applied, and the record and its audit row stay single.
    client.sqlite.prepare(`UPDATE record_event_queue SET status = 'pending' WHERE event_id = ?`).run(print.eventId);
    const again = await uploadRecordEvents({ db: client.db, now: () => new Date(), ownerSubject: REP_SUBJECT, api: eventsApi(server.api.tokens.rep) });
    expect(again).toEqual({ applied: 1, rejected: 0, waiting: 0 });
    expect(queued(print.eventId).status).toBe('applied');
    expect((await onServer(print.eventId)).audits).toHaveLength(1);

    // Rep B signs in again: B's run sends B's sign-out, filed and audited under B.
    const asB = await uploadRecordEvents({ db: client.db, now: () => new Date(), ownerSubject: REP2_SUBJECT, api: eventsApi(server.api.tokens.rep2) });
    expect(asB).toEqual({ applied: 1, rejected: 0, waiting: 0 });
    const signedOut = await onServer(signOut.eventId);
    expect(signedOut.row).toMatchObject({ oktaUserId: REP2_SUBJECT, kind: 'SIGNED_OUT' });
    expect(signedOut.audits).toMatchObject([{ actionType: 'LOGOUT', oktaUserId: REP2_SUBJECT }]);
  }, 60_000);

  it('keeps events through a server outage with a backoff, and sends them when it is due', async () => {
    const comparisonId = await savedOffline(REP_SUBJECT);
    await engineFor(client, apiClient(server.baseUrl, server.api.tokens.rep), { ownerSubject: () => REP_SUBJECT }).runNow('manual');
    const print = printed(comparisonId, 1);
    await enqueueRecordEvent(client.db, REP_SUBJECT, print, new Date());
    let clock = new Date();

    const offline = await uploadRecordEvents({
      db: client.db,
      now: () => clock,
      ownerSubject: REP_SUBJECT,
      api: eventsApi(server.api.tokens.rep, CLOSED_PORT_URL),
      random: () => 0.5,
    });
    expect(offline).toEqual({ applied: 0, rejected: 0, waiting: 1 });
    const waiting = queued(print.eventId);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.lastError).toMatch(/could not be reached/);
    // 5 s base, attempt 1, jitter 0.5: 3.75 s later.
    expect(Date.parse(waiting.nextAttemptAt ?? '') - clock.getTime()).toBe(3_750);
    expect(await pendingRecordEventCount(client.db, REP_SUBJECT)).toBe(1);

    // Back online, an automatic run before the backoff is over leaves it queued...
    const online = { db: client.db, now: () => clock, ownerSubject: REP_SUBJECT, api: eventsApi(server.api.tokens.rep) };
    expect(await uploadRecordEvents(online)).toEqual({ applied: 0, rejected: 0, waiting: 0 });
    expect((await onServer(print.eventId)).row).toBeNull();
    // ...and the first run after it sends it.
    clock = new Date(clock.getTime() + 3_750);
    expect(await uploadRecordEvents(online)).toEqual({ applied: 1, rejected: 0, waiting: 0 });
    expect((await onServer(print.eventId)).audits).toMatchObject([{ actionType: 'ILLUSTRATION_PRINTED', newValues: { pdfSha256: print.pdfSha256 } }]);
    expect(await pendingRecordEventCount(client.db, REP_SUBJECT)).toBe(0);
  }, 60_000);
});
