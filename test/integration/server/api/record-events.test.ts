// POST /v1/records/events over real tokens and the least-privileged role: a printed illustration is
// recorded with its audit row (and only once), only for the rep's own comparison already on the
// server, and a sign-out of any role is audited as LOGOUT and ends the sign-in it was sent with.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTokensByScriptedSignIn } from '../../../../server/dev-idp/scripted-sign-in.js';
import type { RecordEventsResponse } from '../../../../src-shared/records/record-events.js';
import { DEMO_LOGINS, startApiHarness, type ApiHarness, type DemoLogin } from '../../../support/api.js';
import { insertRecordComparison, insertRecordProduct, PDF_SHA256 } from '../../../support/record-fixtures.js';

let api: ApiHarness;
let owner: pg.Client;
let repId: string;
let comparisonId: string;

async function userIdOf(email: string): Promise<string> {
  const { rows } = await owner.query<{ user_id: string }>('SELECT user_id FROM users WHERE email = $1', [email]);
  if (!rows[0]) throw new Error(`no user ${email}`);
  return rows[0].user_id;
}

beforeAll(async () => {
  api = await startApiHarness();
  owner = new pg.Client({ connectionString: api.database.url });
  await owner.connect();
  // The first request of a token creates its user.
  for (const token of [api.tokens.rep, api.tokens.rep2]) expect((await api.call(token, 'GET', '/v1/me')).status).toBe(200);
  repId = await userIdOf(DEMO_LOGINS.rep.username);
  comparisonId = await insertRecordComparison(owner, repId, await insertRecordProduct(owner));
});

afterAll(async () => {
  await owner?.end();
  await api?.close();
});

function printed(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'ILLUSTRATION_PRINTED',
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    comparisonId,
    pdfSha256: PDF_SHA256,
    pageCount: 3,
    copyNumber: 2,
    reprint: true,
    printedOn: '2026-12-04',
    historical: false,
    ...overrides,
  };
}

async function send(token: string, events: unknown[]) {
  const response = await api.call(token, 'POST', '/v1/records/events', { events });
  expect(response.status, response.body).toBe(200);
  return (response.json as RecordEventsResponse).results;
}

async function audits(action: string, recordId: string | null) {
  const { rows } = await owner.query(
    `SELECT user_id, session_id, table_name, record_id, new_values FROM audit_log WHERE action_type = $1 AND record_id IS NOT DISTINCT FROM $2`,
    [action, recordId],
  );
  return rows;
}

async function eventRows(eventId: string) {
  return (await owner.query('SELECT user_id, kind, comparison_id, pdf_sha256, page_count, copy_number, reprint, printed_on::text, historical FROM record_events WHERE event_id = $1', [eventId])).rows;
}

describe('ILLUSTRATION_PRINTED', () => {
  it('is recorded with an audit row naming the rep, the record and the PDF’s hash; sending it again is a duplicate', async () => {
    const event = printed();
    expect(await send(api.tokens.rep, [event])).toEqual([{ eventId: event.eventId, status: 'applied' }]);
    expect(await eventRows(event.eventId)).toEqual([
      { user_id: repId, kind: 'ILLUSTRATION_PRINTED', comparison_id: comparisonId, pdf_sha256: PDF_SHA256, page_count: 3, copy_number: 2, reprint: true, printed_on: '2026-12-04', historical: false },
    ]);
    const rows = await audits('ILLUSTRATION_PRINTED', comparisonId);
    expect(rows).toEqual([
      {
        user_id: repId,
        session_id: expect.any(String),
        table_name: 'product_comparisons',
        record_id: comparisonId,
        new_values: { eventId: event.eventId, comparisonId, pdfSha256: PDF_SHA256, pageCount: 3, copyNumber: 2, reprint: true, printedOn: '2026-12-04', historical: false },
      },
    ]);

    const again = await send(api.tokens.rep, [event, event]);
    expect(again.map((result) => result.status)).toEqual(['duplicate', 'duplicate']);
    expect(again[0]?.reason).toMatch(/already stored/);
    expect(await audits('ILLUSTRATION_PRINTED', comparisonId)).toHaveLength(1);
  });

  it('is rejected for another rep’s comparison, a comparison not uploaded yet, and a role that cannot print; nothing is written', async () => {
    const stranger = printed();
    const notYet = printed({ comparisonId: randomUUID() });
    const byCompliance = printed();
    const before = (await owner.query('SELECT count(*)::int AS n FROM record_events')).rows[0]?.n;
    const auditBefore = (await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action_type = 'ILLUSTRATION_PRINTED'`)).rows[0]?.n;

    const [theirs, missing] = await send(api.tokens.rep2, [stranger, notYet]);
    expect(theirs).toEqual({ eventId: stranger.eventId, status: 'rejected', reason: expect.stringContaining(`comparison ${comparisonId} belongs to another user`) });
    // The laptop keeps this one and sends it again after the comparison's upload (src-main/sync/upload-record-events.ts).
    expect(missing).toEqual({ eventId: notYet.eventId, status: 'rejected', reason: expect.stringContaining('is not on the server yet') });
    const [compliance] = await send(api.tokens.compliance, [byCompliance]);
    expect(compliance).toMatchObject({ status: 'rejected', reason: expect.stringContaining('comparisons:write') });

    expect((await owner.query('SELECT count(*)::int AS n FROM record_events')).rows[0]?.n).toBe(before);
    expect((await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action_type = 'ILLUSTRATION_PRINTED'`)).rows[0]?.n).toBe(auditBefore);
  });
});

describe('SIGNED_OUT', () => {
  /** A fresh sign-in (its own token and session), so ending it leaves the harness's tokens working. */
  async function freshToken(who: DemoLogin): Promise<string> {
    const token = (await getTokensByScriptedSignIn({ issuer: api.idp.issuer, ...DEMO_LOGINS[who] })).accessToken;
    expect((await api.call(token, 'GET', '/v1/me')).status).toBe(200);
    return token;
  }

  async function latestSession(userId: string) {
    const { rows } = await owner.query<{ session_id: string; is_active: boolean; logout_time: Date | null }>(
      'SELECT session_id, is_active, logout_time FROM user_sessions WHERE user_id = $1 ORDER BY login_time DESC LIMIT 1',
      [userId],
    );
    return rows[0];
  }

  for (const who of ['rep', 'compliance'] as const) {
    it(`of a ${who} is audited as LOGOUT and ends the sign-in it came with`, async () => {
      const token = await freshToken(who);
      const userId = await userIdOf(DEMO_LOGINS[who].username);
      const session = await latestSession(userId);
      expect(session?.is_active).toBe(true);
      const event = { kind: 'SIGNED_OUT', eventId: randomUUID(), occurredAt: new Date().toISOString() };

      expect(await send(token, [event])).toEqual([{ eventId: event.eventId, status: 'applied' }]);
      expect(await eventRows(event.eventId)).toEqual([expect.objectContaining({ user_id: userId, kind: 'SIGNED_OUT', comparison_id: null })]);
      expect(await audits('LOGOUT', session?.session_id ?? null)).toEqual([
        {
          user_id: userId,
          session_id: session?.session_id,
          table_name: 'user_sessions',
          record_id: session?.session_id,
          new_values: { eventId: event.eventId, occurredAt: event.occurredAt, sessionEnded: true },
        },
      ]);
      const ended = await latestSession(userId);
      expect(ended).toMatchObject({ session_id: session?.session_id, is_active: false, logout_time: expect.any(Date) });
    });
  }

  it('queued offline and sent with the next sign-in, is audited but leaves the new sign-in running', async () => {
    const token = await freshToken('rep');
    const session = await latestSession(repId);
    const event = { kind: 'SIGNED_OUT', eventId: randomUUID(), occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString() };
    expect(await send(token, [event])).toEqual([{ eventId: event.eventId, status: 'applied' }]);
    expect((await audits('LOGOUT', session?.session_id ?? null))[0]?.new_values).toEqual({ eventId: event.eventId, occurredAt: event.occurredAt, sessionEnded: false });
    expect(await latestSession(repId)).toMatchObject({ session_id: session?.session_id, is_active: true, logout_time: null });
  });
});

describe('a malformed request', () => {
  it('is refused with 400 naming the field, and writes nothing', async () => {
    const before = (await owner.query('SELECT count(*)::int AS n FROM record_events')).rows[0]?.n;
    const response = await api.call(api.tokens.rep, 'POST', '/v1/records/events', { events: [printed(), printed({ pageCount: 0 })] });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ issues: [{ path: 'body.events.1.pageCount', message: 'must be at least 1' }] });
    expect((await owner.query('SELECT count(*)::int AS n FROM record_events')).rows[0]?.n).toBe(before);
  });
});

it('is described in the OpenAPI document', async () => {
  const document = (await api.call(undefined, 'GET', '/openapi.json')).json as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  expect(document.paths['/v1/records/events']?.post?.requestBody).toBeDefined();
});
