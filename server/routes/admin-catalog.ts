// Admin routes for products and availability windows. Each handler is one transaction around one
// service call (server/admin), which validates, writes and audits.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AvailabilityWindow, Product } from '../../src-shared/catalog.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { AvailabilityCreateBody, AvailabilityPatchBody, createAvailability, deactivateAvailability, updateAvailability } from '../admin/availability.js';
import { createProduct, ProductCreateBody, ProductPatchBody, setProductActive, updateProduct } from '../admin/products.js';
import { ReasonBody } from '../admin/reason-body.js';
import { catalogWriteRoute, retireAndRestoreRoutes } from './publish-route-support.js';
import { today, type RouteOptions } from './route-support.js';

const ProductParams = z.strictObject({ productId: UuidString });
const AvailabilityParams = z.strictObject({ availabilityId: UuidString });

export async function adminCatalogRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  catalogWriteRoute(
    app,
    { method: 'POST', url: '/v1/admin/products', summary: 'Create a product (with its first dated rate)', body: ProductCreateBody, result: Product, status: 201, location: (product) => `/v1/admin/products/${product.productId}` },
    (trx, actor, { body }) => createProduct(trx, actor, body, today(options)),
  );
  catalogWriteRoute(
    app,
    {
      method: 'PATCH',
      url: '/v1/admin/products/:productId',
      summary: 'Change some fields of a product',
      description: 'The result is validated as a whole product. Rates change by publishing, not here.',
      params: ProductParams,
      body: ProductPatchBody,
      result: Product,
    },
    (trx, actor, { params, body }) => updateProduct(trx, actor, params.productId, body),
  );

  retireAndRestoreRoutes(app, { path: '/v1/admin/products/:productId', result: Product, setActive: setProductActive }, {
    retire: 'Withdraw a product from sale (kept, synced as inactive)',
    restore: 'Put a withdrawn product back on sale',
  });

  const windowRoute = { params: AvailabilityParams, result: AvailabilityWindow };
  catalogWriteRoute(
    app,
    { method: 'POST', url: '/v1/admin/products/:productId/availability', summary: 'Add an availability window to a product', params: ProductParams, body: AvailabilityCreateBody, result: AvailabilityWindow, status: 201 },
    (trx, actor, { params, body }) => createAvailability(trx, actor, params.productId, body),
  );
  catalogWriteRoute(
    app,
    { method: 'PATCH', url: '/v1/admin/availability/:availabilityId', summary: 'Move the start or end of an availability window', body: AvailabilityPatchBody, ...windowRoute },
    (trx, actor, { params, body }) => updateAvailability(trx, actor, params.availabilityId, body),
  );
  catalogWriteRoute(
    app,
    { method: 'POST', url: '/v1/admin/availability/:availabilityId/deactivate', summary: 'Withdraw an availability window', body: ReasonBody, ...windowRoute },
    (trx, actor, { params, body }) => deactivateAvailability(trx, actor, params.availabilityId, body?.reason),
  );
}
