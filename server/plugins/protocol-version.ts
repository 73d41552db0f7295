// The protocol check (issue 14): a client whose sync protocol is older than the server still
// supports is told so with 426 and the minimum it must reach, before its token is checked and
// before any work, so even a build whose sign-in no longer works learns that it must update. The
// health checks and the API docs are not the app's protocol and are never refused.
import type { FastifyInstance } from 'fastify';
import { readClientReport } from '../../src-shared/sync/client-report.js';
import { ProblemCode, ProblemError } from '../http/problem.js';

/** Only the app's API speaks the protocol. */
const PROTOCOL_PREFIX = '/v1/';

export interface ProtocolVersionOptions {
  /** The oldest protocol served (config.minProtocolVersion); 1 serves every build, even those that state none. */
  minProtocolVersion: number;
}

export function protocolUnsupported(minimum: number, stated: string): ProblemError {
  return new ProblemError(426, ProblemCode.protocolUnsupported, 'This version of RateDesk is no longer supported', {
    detail: `The app speaks sync protocol ${stated}; this server requires protocol ${minimum} or later. Update RateDesk to continue syncing.`,
    extensions: { minimumProtocolVersion: minimum },
    // RFC 9110 asks for an Upgrade header with a 426: it names the protocol to move to.
    headers: { upgrade: `ratedesk-sync/${minimum}` },
  });
}

/** Registered before the auth hook: onRequest hooks run in registration order. */
export function protocolVersionPlugin(app: FastifyInstance, options: ProtocolVersionOptions): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (!path.startsWith(PROTOCOL_PREFIX)) return;
    const report = readClientReport(request.headers);
    if (report.protocolMalformed) throw protocolUnsupported(options.minProtocolVersion, 'an unreadable version');
    if (report.protocolVersion < options.minProtocolVersion) throw protocolUnsupported(options.minProtocolVersion, String(report.protocolVersion));
  });
}
