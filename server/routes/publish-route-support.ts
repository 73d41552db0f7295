// What the catalog publishers' routes share (products, availability, carriers, approvals): the
// options every one of them has, a write that is one sync transaction around one service call, and
// the deactivate/reactivate pair of a record that is retired rather than deleted (the sync carries
// it as inactive).
import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Permission } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import type { SetActive } from '../admin/active-change.js';
import type { Actor } from '../admin/actor.js';
import type { Database } from '../db/schema.js';
import { ReasonBody } from '../admin/reason-body.js';
import { inSyncWriteTransaction } from '../sync/write-lock.js';
import { actorOf, errorResponses, NoQuery } from './route-support.js';

/** The options of a route only catalog publishers may call; `schema` holds the rest of its schema. */
export const publishRoute = <S extends object>(summary: string, schema: S) => ({
  config: { permission: Permission.catalogPublish },
  schema: { tags: ['admin'], summary, ...schema },
});

/**
 * Registers POST `<path>/deactivate` and `<path>/reactivate` (body: an optional reason) for the
 * record whose id `path` ends with (":carrierId"), each one transaction around `setActive`.
 */
export function retireAndRestoreRoutes<R extends z.ZodType>(
  app: FastifyInstance,
  what: { path: `${string}/:${string}`; result: R; setActive: SetActive<z.input<R>> },
  summaries: { retire: string; restore: string },
): void {
  const idParam = what.path.slice(what.path.lastIndexOf(':') + 1);
  const params = z.strictObject({ [idParam]: UuidString });
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    // The answer's type is checked by `setActive`'s signature; the route sees the schema only.
    const schema = { querystring: NoQuery, params, body: ReasonBody, response: { 200: what.result as z.ZodType, ...errorResponses } };
    r.post(`${what.path}/${action}`, publishRoute(active ? summaries.restore : summaries.retire, schema), async (request) =>
      inSyncWriteTransaction(app.db, (trx) => what.setActive(trx, actorOf(request), request.params[idParam] as string, active, request.body?.reason)),
    );
  }
}

/** A catalog write as its route declares it; `params` names the path's ids, `status` 201 for a create. */
export interface CatalogWrite<P extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  summary: string;
  description?: string;
  params?: P;
  body: B;
  result: R;
  status?: 200 | 201;
  /** The Location of a created record, from the answer. */
  location?: (created: z.output<R>) => string;
}

/**
 * Registers a catalog write: the service call runs in one sync write transaction with the caller as
 * the actor (it validates, writes and audits), and its answer is the route's result.
 */
export function catalogWriteRoute<P extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  route: CatalogWrite<P, B, R>,
  write: (trx: Transaction<Database>, actor: Actor, input: { params: z.output<P>; body: z.output<B> }) => Promise<z.output<R>>,
): void {
  const status = route.status ?? 200;
  const schema = {
    ...(route.description === undefined ? {} : { description: route.description }),
    querystring: NoQuery,
    ...(route.params === undefined ? {} : { params: route.params }),
    body: route.body,
    response: { [status]: route.result as z.ZodType, ...errorResponses },
  };
  app.withTypeProvider<ZodTypeProvider>().route({
    method: route.method,
    url: route.url,
    ...publishRoute(route.summary, schema),
    // The schemas above validated params and body before the handler runs.
    handler: async (request, reply) => {
      const input = { params: request.params as z.output<P>, body: request.body as z.output<B> };
      const answer = await inSyncWriteTransaction(app.db, (trx) => write(trx, actorOf(request), input));
      if (route.location) void reply.header('location', route.location(answer));
      // The response schema (serializer) checks the answer's shape; `write`'s signature its type.
      return reply.code(status).send(answer as never);
    },
  });
}
