// GET /v1/audit: the audit trail for admins and compliance, newest first, with filters and a
// keyset cursor (see server/audit/query-audit.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Permission } from '../../src-shared/roles.js';
import { AuditPage, AuditQuery, queryAuditLog } from '../audit/query-audit.js';
import { errorResponses } from './route-support.js';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/audit',
    {
      config: { permission: Permission.auditRead },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail',
        description:
          'Filters combine with AND. from is inclusive, to exclusive. Pages are newest first; pass nextCursor as cursor for the next page.',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return queryAuditLog(app.readDb, request.query);
    },
  );
}
