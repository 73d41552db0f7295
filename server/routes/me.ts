// GET /v1/me: who the server thinks the caller is, so the desktop app can show the signed-in
// person and hide what their roles do not allow, with the same permission table as the server.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Permission, PermissionSchema, permissionsFor, RoleSchema } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { callerOf, errorResponses, NoQuery } from './route-support.js';

const Me = z.object({
  userId: UuidString,
  oktaUserId: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  permissions: z.array(PermissionSchema),
  sessionId: UuidString.nullable(),
});

export async function meRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me',
    {
      // Every RateDesk role reads the catalog, so this is "any RateDesk role".
      config: { permission: Permission.catalogRead },
      schema: { querystring: NoQuery, tags: ['session'], summary: 'The signed-in caller, their roles and permissions', response: { 200: Me, ...errorResponses } },
    },
    async (request) => {
      const user = callerOf(request);
      return { ...user, permissions: [...permissionsFor(user.roles)].sort() };
    },
  );
}
