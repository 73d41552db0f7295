// The record events route (server/records/record-events.ts): prints and sign-outs recorded on the
// laptop, uploaded through its queue. Open to every signed-in role (catalog:read is held by all):
// compliance and admins sign out too; a print additionally needs comparisons:write, checked per event.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RecordEventKind, RecordEventsRequest, RecordEventsResponse } from '../../src-shared/records/record-events.js';
import { Permission } from '../../src-shared/roles.js';
import { recordEvents } from '../records/record-events.js';
import { callerOf, errorResponses, NoQuery, uploaderOf } from './route-support.js';

export async function recordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/records/events',
    {
      config: { permission: Permission.catalogRead },
      schema: {
        tags: ['records'],
        summary: 'Record illustrations printed and sign-outs (idempotent by eventId)',
        description:
          'Each event is answered on its own: applied, duplicate (already stored; treat as applied) or rejected with the reason. ' +
          'ILLUSTRATION_PRINTED needs comparisons:write and a comparison of the caller already on the server; a reason containing ' +
          '"is not on the server yet" means: send the event again after the comparison has uploaded. Every other rejection is final. ' +
          'SIGNED_OUT is accepted from every role and is audited as LOGOUT; sent promptly, it also ends the sign-in it was sent with.',
        querystring: NoQuery,
        body: RecordEventsRequest,
        response: { 200: RecordEventsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const answer = await recordEvents(app.db, { ...uploaderOf(request), roles: user.roles, events: request.body.events });
      // A sign-out may have ended this session: the auth plugin must not serve it from its cache.
      if (user.sessionId !== null && request.body.events.some((event) => event.kind === RecordEventKind.signedOut)) app.sessionEnded(user.sessionId);
      return answer;
    },
  );
}
