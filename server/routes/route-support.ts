// What route modules share: their options, who the caller is as an Actor, the business date, and
// the documented error shape.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { businessDate } from '../../src-shared/dates.js';
import type { Actor } from '../admin/actor.js';
import type { ServerConfig } from '../config.js';
import { ProblemCode, ProblemError } from '../http/problem.js';
import type { RequestUser } from '../http/request-context.js';
import { requestAuditMeta } from '../plugins/request-log.js';

export interface RouteOptions {
  config: ServerConfig;
  clock: () => Date;
}

/** The business date now (RATEDESK_BUSINESS_TIME_ZONE): the day rate effective dates are compared with. */
export function today(options: RouteOptions): string {
  return businessDate(options.clock(), options.config.businessTimeZone);
}

/** request.user on an authenticated route; the auth hook guarantees it, this keeps the types honest. */
export function callerOf(request: FastifyRequest): RequestUser {
  if (!request.user) {
    throw new ProblemError(401, ProblemCode.unauthorized, 'Sign-in required', { detail: 'This route needs a signed-in user' });
  }
  return request.user;
}

export function actorOf(request: FastifyRequest): Actor {
  const user = callerOf(request);
  return {
    name: user.email,
    audit: { userId: user.userId, sessionId: user.sessionId, ...requestAuditMeta(request) },
  };
}

/** Who uploads what a rep saved (comparisons, record events), as the upload's audit rows name them. */
export function uploaderOf(request: FastifyRequest): { userId: string; sessionId: string | null; audit: ReturnType<typeof requestAuditMeta> } {
  const user = callerOf(request);
  return { userId: user.userId, sessionId: user.sessionId, audit: requestAuditMeta(request) };
}

export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ description: 'RFC 9457 problem details (application/problem+json); issues name each bad field and why' });

export const errorResponses = { '4xx': ProblemSchema, '5xx': ProblemSchema } as const;

/** For routes without query parameters: an unexpected one is refused, not silently ignored. */
export const NoQuery = z.strictObject({});
