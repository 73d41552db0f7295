// Admin routes for products and availability windows. Each handler is one transaction around one
// service call (server/admin), which validates, writes and audits.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AvailabilityWindow, Product } from '../../src-shared/catalog.js';
import { Permission } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { AvailabilityCreateBody, AvailabilityPatchBody, createAvailability, deactivateAvailability, updateAvailability } from '../admin/availability.js';
import { createProduct, ProductCreateBody, ProductPatchBody, setProductActive, updateProduct } from '../admin/products.js';
import { ReasonBody } from '../admin/reason-body.js';
import { inSyncWriteTransaction } from '../sync/write-lock.js';
import { actorOf, errorResponses, NoQuery, today, type RouteOptions } from './route-support.js';

const ProductParams = z.strictObject({ productId: UuidString });
const AvailabilityParams = z.strictObject({ availabilityId: UuidString });
const publish = { permission: Permission.catalogPublish } as const;

export async function adminCatalogRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/admin/products',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Create a product (with its first dated rate)',
        body: ProductCreateBody,
        response: { 201: Product, ...errorResponses },
      },
    },
    async (request, reply) => {
      const product = await inSyncWriteTransaction(app.db, (trx) => createProduct(trx, actorOf(request), request.body, today(options)));
      return reply.code(201).header('location', `/v1/admin/products/${product.productId}`).send(product);
    },
  );

  r.patch(
    '/v1/admin/products/:productId',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Change some fields of a product',
        description: 'The result is validated as a whole product. Rates change by publishing, not here.',
        params: ProductParams,
        body: ProductPatchBody,
        response: { 200: Product, ...errorResponses },
      },
    },
    async (request) => inSyncWriteTransaction(app.db, (trx) => updateProduct(trx, actorOf(request), request.params.productId, request.body)),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    r.post(
      `/v1/admin/products/:productId/${action}`,
      {
        config: publish,
        schema: {
          querystring: NoQuery,
          tags: ['admin'],
          summary: active ? 'Put a withdrawn product back on sale' : 'Withdraw a product from sale (kept, synced as inactive)',
          params: ProductParams,
          body: ReasonBody,
          response: { 200: Product, ...errorResponses },
        },
      },
      async (request) =>
        inSyncWriteTransaction(app.db, (trx) => setProductActive(trx, actorOf(request), request.params.productId, active, request.body?.reason)),
    );
  }

  r.post(
    '/v1/admin/products/:productId/availability',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Add an availability window to a product',
        params: ProductParams,
        body: AvailabilityCreateBody,
        response: { 201: AvailabilityWindow, ...errorResponses },
      },
    },
    async (request, reply) => {
      const window = await inSyncWriteTransaction(app.db, (trx) => createAvailability(trx, actorOf(request), request.params.productId, request.body));
      return reply.code(201).send(window);
    },
  );

  r.patch(
    '/v1/admin/availability/:availabilityId',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Move the start or end of an availability window',
        params: AvailabilityParams,
        body: AvailabilityPatchBody,
        response: { 200: AvailabilityWindow, ...errorResponses },
      },
    },
    async (request) =>
      inSyncWriteTransaction(app.db, (trx) => updateAvailability(trx, actorOf(request), request.params.availabilityId, request.body)),
  );

  r.post(
    '/v1/admin/availability/:availabilityId/deactivate',
    {
      config: publish,
      schema: {
        querystring: NoQuery,
        tags: ['admin'],
        summary: 'Withdraw an availability window',
        params: AvailabilityParams,
        body: ReasonBody,
        response: { 200: AvailabilityWindow, ...errorResponses },
      },
    },
    async (request) =>
      inSyncWriteTransaction(app.db, (trx) => deactivateAvailability(trx, actorOf(request), request.params.availabilityId, request.body?.reason)),
  );
}
