// GET /v1/me: who the server thinks the caller is, so the desktop app can show the signed-in
// person and hide what their roles do not allow, with the same permission table as the server.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Me } from '../../src-shared/admin/caller.js';
import { Permission, permissionsFor } from '../../src-shared/roles.js';
import { callerOf, errorResponses, NoQuery, type RouteOptions } from './route-support.js';

export async function meRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me',
    {
      // Every RateDesk role reads the catalog, so this is "any RateDesk role".
      config: { permission: Permission.catalogRead },
      schema: { querystring: NoQuery, tags: ['session'], summary: 'The signed-in caller, their roles and permissions', response: { 200: Me, ...errorResponses } },
    },
    async (request) => {
      const user = callerOf(request);
      // The business time zone too: the desktop computes "today" in it, not in the laptop's zone.
      return { ...user, permissions: [...permissionsFor(user.roles)].sort(), businessTimeZone: options.config.businessTimeZone };
    },
  );
}
