// Admin routes for products and availability windows. Each handler is one transaction around one
// service call (server/admin), which validates, writes and audits.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AvailabilityWindow, Product } from '../../src-shared/catalog.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { AvailabilityCreateBody, AvailabilityPatchBody, createAvailability, deactivateAvailability, updateAvailability } from '../admin/availability.js';
import { createProduct, ProductCreateBody, ProductPatchBody, setProductActive, updateProduct } from '../admin/products.js';
import { ReasonBody } from '../admin/reason-body.js';
import { inSyncWriteTransaction } from '../sync/write-lock.js';
import { publishRoute as route, retireAndRestoreRoutes } from './publish-route-support.js';
import { actorOf, errorResponses, NoQuery, today, type RouteOptions } from './route-support.js';

const ProductParams = z.strictObject({ productId: UuidString });
const AvailabilityParams = z.strictObject({ availabilityId: UuidString });

export async function adminCatalogRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/admin/products',
    route('Create a product (with its first dated rate)', { querystring: NoQuery, body: ProductCreateBody, response: { 201: Product, ...errorResponses } }),
    async (request, reply) => {
      const product = await inSyncWriteTransaction(app.db, (trx) => createProduct(trx, actorOf(request), request.body, today(options)));
      return reply.code(201).header('location', `/v1/admin/products/${product.productId}`).send(product);
    },
  );

  r.patch(
    '/v1/admin/products/:productId',
    route('Change some fields of a product', {
      description: 'The result is validated as a whole product. Rates change by publishing, not here.',
      querystring: NoQuery,
      params: ProductParams,
      body: ProductPatchBody,
      response: { 200: Product, ...errorResponses },
    }),
    async (request) => inSyncWriteTransaction(app.db, (trx) => updateProduct(trx, actorOf(request), request.params.productId, request.body)),
  );

  retireAndRestoreRoutes(app, { path: '/v1/admin/products/:productId', result: Product, setActive: setProductActive }, {
    retire: 'Withdraw a product from sale (kept, synced as inactive)',
    restore: 'Put a withdrawn product back on sale',
  });

  r.post(
    '/v1/admin/products/:productId/availability',
    route('Add an availability window to a product', {
      querystring: NoQuery,
      params: ProductParams,
      body: AvailabilityCreateBody,
      response: { 201: AvailabilityWindow, ...errorResponses },
    }),
    async (request, reply) => {
      const window = await inSyncWriteTransaction(app.db, (trx) => createAvailability(trx, actorOf(request), request.params.productId, request.body));
      return reply.code(201).send(window);
    },
  );

  r.patch(
    '/v1/admin/availability/:availabilityId',
    route('Move the start or end of an availability window', {
      querystring: NoQuery,
      params: AvailabilityParams,
      body: AvailabilityPatchBody,
      response: { 200: AvailabilityWindow, ...errorResponses },
    }),
    async (request) => inSyncWriteTransaction(app.db, (trx) => updateAvailability(trx, actorOf(request), request.params.availabilityId, request.body)),
  );

  r.post(
    '/v1/admin/availability/:availabilityId/deactivate',
    route('Withdraw an availability window', { querystring: NoQuery, params: AvailabilityParams, body: ReasonBody, response: { 200: AvailabilityWindow, ...errorResponses } }),
    async (request) =>
      inSyncWriteTransaction(app.db, (trx) => deactivateAvailability(trx, actorOf(request), request.params.availabilityId, request.body?.reason)),
  );
}
