// Abuse protection and transport hygiene: security headers (helmet), response compression, and
// per-user rate limits. The limit is keyed on the signed-in user (after authentication), so reps
// behind one office NAT do not share a budget; requests that never authenticate are refused before
// they cost anything, and health checks from the load balancer are not limited at all.
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ProblemCode, ProblemError } from '../http/problem.js';

/** Smaller answers are sent as they are. */
export const COMPRESS_THRESHOLD_BYTES = 8 * 1024;

export interface ProtectionOptions {
  rateLimitPerMinute: number;
}

export async function protectionPlugin(app: FastifyInstance, options: ProtectionOptions): Promise<void> {
  await app.register(helmet, {
    global: true,
    // The API answers JSON; only /docs serves HTML, whose own CSP swagger-ui sets (staticCSP).
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });

  // Only bodies worth it: below 8 KiB (a delta pull, a problem, the checksums) compression saved a
  // kilobyte or less a request yet took about a quarter of the server's CPU under load (issue 15).
  // Full-sync pages and other large answers are compressed as before; 304s have no body to compress.
  await app.register(compress, { global: true, threshold: COMPRESS_THRESHOLD_BYTES, encodings: ['br', 'gzip', 'deflate'] });

  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    // After onRequest, where authentication sets request.user.
    hook: 'preHandler',
    keyGenerator: (request) => (request.user ? `user:${request.user.userId}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new ProblemError(429, ProblemCode.rateLimited, 'Too many requests', {
        detail: `At most ${context.max} requests a minute are allowed; retry in ${context.after}`,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      }),
  });
}
