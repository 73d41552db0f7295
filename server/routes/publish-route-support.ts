// What the catalog publishers' routes share (products, availability, carriers, approvals): the
// options every one of them has, and the deactivate/reactivate pair of a record that is retired
// rather than deleted (the sync carries it as inactive).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Permission } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import type { SetActive } from '../admin/active-change.js';
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
