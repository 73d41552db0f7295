// Every answer states the server's clock (issue 14), so a desktop can tell how far off the laptop's
// clock is and date its business days by the server's time instead. An onSend hook, registered
// before anything that can answer: errors (401 from the auth hook, 429, 404, framework errors) and
// 304s go through onSend too, and a client learns the time from whichever answer it gets.
//
// The real clock, never RATEDESK_CLOCK's shifted business clock: the header measures the laptop's
// clock error, and a test or demo shift of the server's business dates is not an error of anyone's
// clock. Sending it would make every laptop look hours or days off, and each would then shift its
// own business dates by the demo's offset behind its back (the desktop has its own RATEDESK_CLOCK).
import type { FastifyInstance } from 'fastify';
import { ServerHeader } from '../../src-shared/sync/client-report.js';

export function serverTimePlugin(app: FastifyInstance): void {
  // Stamped as the answer leaves (not when the request came in): closest to when the client reads it.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header(ServerHeader.serverTime, new Date().toISOString());
    done(null, payload);
  });
}
